"""What the pages need from the services' APIs; adapters call them over HTTP with the
signed-in person's token, unit tests fake them."""

from __future__ import annotations

from typing import Any, Protocol

Json = dict[str, Any]


class ServiceUnavailable(Exception):
    """A service did not answer (down, timed out, or a 5xx): its part of a page is
    left out and a banner names it."""

    def __init__(self, service: str) -> None:
        super().__init__(f"{service} is unavailable")
        self.service = service


class NotAuthorised(Exception):
    """The API refused (403) or does not show the caller (404): to the person these
    are the same, and neither reveals anything."""


class Refused(Exception):
    """The API refused a change for a reason a person can act on (4xx): its message,
    in Bahasa Indonesia, goes back on the page."""


class Apis(Protocol):
    async def employee(self, nip: str) -> Json:  # NotAuthorised: not in the person's scope
        ...

    async def gaps(self, nip: str) -> Json | None: ...  # None: not recalculated yet

    async def proposals(self, nip: str) -> list[Json]: ...

    async def ledger(self, nip: str) -> Json | None: ...

    async def agency_proposals(self, status: str | None) -> list[Json]: ...

    async def decide(self, proposal_id: str, *, accept: bool, reason: str | None) -> Json: ...

    async def record_result(self, result: Json) -> Json: ...

    async def upload_import(self, kind: str, filename: str, content: bytes) -> Json: ...

    async def import_job(self, job_id: str) -> Json: ...

    async def import_errors(self, job_id: str) -> list[Json]: ...

    async def heatmap(self, agency_code: str | None, depth: int | None) -> Json: ...

    async def compliance(self, agency_code: str | None) -> Json: ...

    async def pending_proposals(self) -> tuple[int, bool]: ...  # (count, more than that)
