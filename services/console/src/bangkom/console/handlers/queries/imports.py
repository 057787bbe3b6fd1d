"""Impor: an import's progress and the rows it refused."""

from __future__ import annotations

from dataclasses import dataclass, field

from bangkom.console.handlers.access import require_staff
from bangkom.console.handlers.ports import Apis, Json
from bangkom.console.handlers.viewer import Viewer


@dataclass
class ImportPage:
    job: Json
    rejected: list[Json] = field(default_factory=list)

    @property
    def finished(self) -> bool:
        return self.job["status"] in ("done", "failed", "interrupted")


async def import_page(apis: Apis, viewer: Viewer, job_id: str) -> ImportPage:
    """An import's progress; once it has finished, the rows it refused."""
    require_staff(viewer)
    page = ImportPage(await apis.import_job(job_id))
    if page.finished and page.job["rows_rejected"]:
        page.rejected = await apis.import_errors(job_id)
    return page
