"""Pulling statements from another Learning Record Store: GET its statements resource
since the last pull, page by page (``more``), each page stored as if a platform had
sent it (so the same statement read twice changes nothing)."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import urljoin

import httpx
from pydantic import ValidationError

from bangkom.platform.bus import MessageBus
from bangkom.platform.clock import Clock, utc_now
from bangkom.platform.errors import ServiceError
from bangkom.platform.observability.logs import get_logger
from bangkom.platform.workers import Worker, pause
from bangkom.training.domain.xapi import Statement
from bangkom.training.entrypoints.api.schemas.xapi import StatementIn
from bangkom.training.entrypoints.api.xapi import VERSION, VERSION_HEADER
from bangkom.training.handlers import commands
from bangkom.training.handlers.ports import TrainingUnitOfWork

log = get_logger(__name__)


@dataclass(frozen=True)
class LrsSource:
    url: str  # the other LRS's statements resource
    username: str
    password: str
    platform_code: str
    page_size: int


class XapiPull:
    def __init__(
        self,
        bus: MessageBus[TrainingUnitOfWork],
        source: LrsSource,
        *,
        clock: Clock = utc_now,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self._bus, self._source, self._clock, self._transport = bus, source, clock, transport

    async def pull_once(self) -> int:
        """Read what the other LRS stored since the last pull; the statements read."""
        source = self._source
        async with self._bus.uow_factory() as uow:
            since = await uow.xapi.pulled_since(source.url)
        first: dict[str, Any] = {"limit": source.page_size}
        if since is not None:
            first["since"] = since.isoformat()
        params: dict[str, Any] | None = first  # the next pages: as ``more`` says
        url: str | None = source.url
        latest, read = since, 0
        async with httpx.AsyncClient(
            auth=(source.username, source.password),
            headers={VERSION_HEADER: VERSION},
            timeout=30,
            transport=self._transport,
        ) as http:
            while url is not None:
                response = await http.get(url, params=params)
                response.raise_for_status()
                page = response.json()
                more = page.get("more")
                url, params = (urljoin(source.url, more) if more else None), None
                statements, stored = self._statements(page.get("statements", []))
                latest = max(filter(None, (latest, stored)), default=None)
                await self._bus.handle(
                    commands.StorePulledStatements(
                        source=source.url,
                        platform_code=source.platform_code,
                        statements=statements,
                        until=latest if url is None else None,
                    )
                )
                read += len(statements)
        return read

    def _statements(self, raw: list[dict[str, Any]]) -> tuple[list[Statement], datetime | None]:
        """The page's statements, and the latest time the other LRS stored one."""
        now, statements, latest = self._clock(), [], None
        for entry in raw:
            try:
                parsed = StatementIn.model_validate(entry)
                stored = datetime.fromisoformat(entry["stored"])
                if parsed.id is None:
                    raise ValueError("a stored statement without an id")
            except (ValidationError, KeyError, ValueError, TypeError) as exc:
                # The other LRS keeps it; it is named here, not taken in half.
                log.warning("pulled statement not readable", id=entry.get("id"), error=str(exc))
                continue
            statements.append(parsed.to_domain(str(parsed.id), now))
            latest = max(latest, stored) if latest else stored
        return statements, latest


def xapi_pull_worker(pull: XapiPull, *, every_s: float) -> Worker:
    async def run(stop: asyncio.Event) -> None:
        while True:
            try:
                read = await pull.pull_once()
                if read:
                    log.info("xapi statements pulled", read=read)
            except (httpx.HTTPError, ServiceError) as exc:
                # Nothing moved: the next pull starts from the same checkpoint.
                log.error("xapi pull failed", error=str(exc))
            if await pause(stop, every_s):
                return

    return run
