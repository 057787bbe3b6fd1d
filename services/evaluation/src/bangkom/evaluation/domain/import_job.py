"""An import job: what a caller uploaded and how far its processing got.

The rows counted are those of the batches committed: a job cut short (the process
stopped, the database went away) resumes after them, with the rights of who asked."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bangkom.evaluation.domain.imports import ImportKind, ImportStatus, ImportTally


@dataclass
class ImportJob:
    id: str
    kind: ImportKind
    filename: str
    requested_by: str
    status: ImportStatus
    created_at: datetime
    rows_read: int = 0
    rows_stored: int = 0
    rows_unchanged: int = 0
    rows_rejected: int = 0
    finished_at: datetime | None = None
    failure: str | None = None
    # Who asked, to resume with their rights: their roles and agencies.
    requester_roles: tuple[str, ...] = ()
    requester_agencies: tuple[str, ...] = ()
    # The host whose spool directory holds the upload.
    spooled_on: str | None = None

    @property
    def finished(self) -> bool:
        return self.status in (ImportStatus.DONE, ImportStatus.FAILED, ImportStatus.INTERRUPTED)

    def count(self, tally: ImportTally) -> None:
        self.rows_read += tally.read
        self.rows_stored += tally.stored
        self.rows_unchanged += tally.unchanged
        self.rows_rejected += tally.rejected

    def finish(self, at: datetime, failure: str | None = None) -> None:
        self.status = ImportStatus.FAILED if failure else ImportStatus.DONE
        self.failure = failure
        self.finished_at = at
