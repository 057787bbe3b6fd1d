"""An import job: what a caller uploaded and how far its processing got."""

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

    def count(self, tally: ImportTally) -> None:
        self.rows_read += tally.read
        self.rows_stored += tally.stored
        self.rows_unchanged += tally.unchanged
        self.rows_rejected += tally.rejected

    def finish(self, at: datetime, failure: str | None = None) -> None:
        self.status = ImportStatus.FAILED if failure else ImportStatus.DONE
        self.failure = failure
        self.finished_at = at
