"""Reports HR offices file, as CSV or XLSX with headers in Bahasa Indonesia: the gap
heatmap (agency x competency) and the proposals with their status. Each is scoped,
filtered and refused exactly like its JSON list (`/analytics/heatmap`, `/proposals`);
proposals, which can be many, are read and written a page at a time."""

from __future__ import annotations

from collections.abc import Iterator

from fastapi import Response

from bangkom.platform.auth.rest import CallerDep
from bangkom.platform.web.routing import ServiceRouter
from bangkom.platform.web.spreadsheets import (
    AGENCY,
    DATE_TIME,
    NIP,
    ONE_DECIMAL,
    TWO_DECIMALS,
    WHOLE,
    Column,
    Format,
    Row,
    Table,
    download,
    download_responses,
    listed,
    paged,
)
from bangkom.recommendation.domain.analytics import GapTally
from bangkom.recommendation.domain.lifecycle import Proposal, ProposalStatus
from bangkom.recommendation.entrypoints.api.analytics import (
    AGENCY_ERRORS,
    HEATMAP,
    AgencyQuery,
    HeatmapDep,
)
from bangkom.recommendation.entrypoints.api.deps import BusDep
from bangkom.recommendation.handlers.queries import employees as queries
from bangkom.recommendation.handlers.queries.analytics import Heatmap

router = ServiceRouter(tags=["reports"])

HEATMAP_TABLE = Table(
    sheet="Peta kesenjangan",
    columns=(
        AGENCY,
        Column("Kode kompetensi", 16),
        Column("Kompetensi", 36),
        Column("Jumlah pegawai", 15, WHOLE),
        Column("Memenuhi standar", 17, WHOLE),
        Column("Belum memenuhi", 16, WHOLE),
        Column("Belum dinilai", 14, WHOLE),
        Column("Rata-rata kesenjangan", 21, TWO_DECIMALS),
        Column("% memenuhi standar", 19, ONE_DECIMAL),
    ),
)
ALL_COMPETENCIES = "Semua kompetensi"
PROPOSALS_TABLE = Table(
    sheet="Usulan pelatihan",
    columns=(
        Column("ID usulan", 38),
        NIP,
        AGENCY,
        Column("Kode kompetensi", 16),
        Column("Kode pelatihan", 16),
        Column("Level saat ini", 14, WHOLE),
        Column("Level dipersyaratkan", 20, WHOLE),
        Column("JP", 6, WHOLE),
        Column("Skor prioritas", 15, TWO_DECIMALS),
        Column("Status", 13),
        Column("Alasan usulan", 60),
        Column("Alasan status", 40),
        Column("Diputuskan oleh", 24),
        Column("Dibuat", 17, DATE_TIME),
        Column("Diperbarui", 17, DATE_TIME),
    ),
)
STATUS_LABELS = {
    ProposalStatus.PROPOSED: "Diusulkan",
    ProposalStatus.ACCEPTED: "Diterima",
    ProposalStatus.REJECTED: "Ditolak",
    ProposalStatus.ENROLLED: "Terdaftar",
    ProposalStatus.FULFILLED: "Terpenuhi",
    ProposalStatus.EXPIRED: "Kedaluwarsa",
}


def _figures(tally: GapTally) -> list[int | float | None]:
    return [tally.met, tally.open, tally.unknown, tally.mean_gap, tally.percent_meeting]


def heatmap_rows(heatmap: Heatmap) -> Iterator[Row]:
    """Each agency's total over every competency, then a row per competency."""
    for agency in heatmap.agencies:
        yield [
            agency.agency_code,
            None,
            ALL_COMPETENCIES,
            agency.employees,
            *_figures(agency.total),
        ]
        for cell in agency.competencies:
            yield [
                agency.agency_code,
                cell.competency_code,
                cell.competency_name,
                cell.tally.employees,
                *_figures(cell.tally),
            ]


def proposal_row(proposal: Proposal) -> Row:
    return [
        proposal.id,
        proposal.nip,
        proposal.agency_code,
        proposal.competency_code,
        proposal.course_code,
        proposal.current_level,
        proposal.required_level,
        proposal.jp,
        proposal.score,
        STATUS_LABELS[proposal.status],
        "; ".join(proposal.reasons),
        proposal.status_reason,
        proposal.decided_by,
        proposal.created_at,
        proposal.updated_at,
    ]


@router.get(
    "/analytics/heatmap.{file_format}",
    summary="The gap heatmap as CSV or an Excel workbook: a row per agency x competency",
    description=HEATMAP + " Each agency first has a row over all its competencies.",
    response_class=Response,
    responses={**download_responses(), **AGENCY_ERRORS},
)
async def heatmap_download(file_format: Format, asked: HeatmapDep) -> Response:
    on = [str(asked.on)] if asked.on else []
    name = "-".join(["peta-kesenjangan", asked.agency_code or "semua", *on])
    return await download(HEATMAP_TABLE, file_format, listed(heatmap_rows(asked.found)), name)


@router.get(
    "/proposals.{file_format}",
    summary="Proposals with their status as CSV or an Excel workbook, newest first",
    description="The proposals `GET /proposals` lists (the caller's agencies, narrowed to "
    "one agency and a status when asked; an employee: their own), every one of them.",
    response_class=Response,
    responses=download_responses(),
)
async def proposals_download(
    file_format: Format,
    caller: CallerDep,
    bus: BusDep,
    agency_code: AgencyQuery = None,
    status: ProposalStatus | None = None,
) -> Response:
    async def read(offset: int, limit: int) -> list[Proposal]:
        async with bus.uow_factory() as uow:
            return await queries.proposals_page(
                uow, caller, agency_code=agency_code, status=status, limit=limit, offset=offset
            )

    proposals = await paged(read)
    name = "-".join(["usulan-pelatihan", agency_code or "semua", *([status] if status else [])])
    return await download(
        PROPOSALS_TABLE, file_format, (proposal_row(p) async for p in proposals), name
    )
