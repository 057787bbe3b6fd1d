"""The message bus: one command, one handler, one transaction."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from typing import Any, Generic, TypeVar

from bangkom.platform.db.uow import UnitOfWork

CommandHandler = Callable[[Any, Any], Awaitable[Any]]
U = TypeVar("U", bound=UnitOfWork)


class MessageBus(Generic[U]):
    def __init__(
        self,
        uow_factory: Callable[[], U],
        command_handlers: Mapping[type, CommandHandler],
    ) -> None:
        self.uow_factory = uow_factory
        self._command_handlers = command_handlers

    async def handle(self, command: object) -> Any:
        """Run the command's handler and commit what it wrote (rows and events) at once."""
        handler = self._command_handlers.get(type(command))
        if handler is None:
            raise LookupError(f"no handler for {type(command).__name__}")
        async with self.uow_factory() as uow:
            result = await handler(command, uow)
            await uow.commit()
        return result
