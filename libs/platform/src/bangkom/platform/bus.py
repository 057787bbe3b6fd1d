"""The message bus: one command, one handler, one transaction."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from typing import Any, Generic, TypeVar

from bangkom.platform.audit.entry import action_name, snapshot
from bangkom.platform.auth.caller import Caller
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
        """Run the command's handler and commit what it wrote (rows, events and the
        audit entry) at once. A command of a caller whose handler described no change is
        recorded as asked, so that no change through the API goes unrecorded."""
        handler = self._command_handlers.get(type(command))
        if handler is None:
            raise LookupError(f"no handler for {type(command).__name__}")
        caller = getattr(command, "caller", None)
        caller = caller if isinstance(caller, Caller) else None
        async with self.uow_factory() as uow:
            uow.act_for(caller)
            result = await handler(command, uow)
            if caller is not None and not uow.audited:
                uow.audit(
                    action_name(command), "command", type(command).__name__, after=snapshot(command)
                )
            await uow.commit()
        return result
