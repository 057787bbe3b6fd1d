"""The 20 JP compliance report HR offices file: each employee's JP of a year against the
20 JP target, one row each (written by the platform's spreadsheet writer)."""

from __future__ import annotations

from bangkom.kernel.jp import TARGET_JP
from bangkom.platform.web.spreadsheets import AGENCY, NAME, NIP, TEXT, WHOLE, Column, Row, Table
from bangkom.training.domain.ledger import EmployeeCompliance

COMPLIANCE = Table(
    sheet="Kepatuhan 20 JP",
    columns=(
        NIP,
        NAME,
        AGENCY,
        Column("Tahun", 8, WHOLE),
        Column("JP tercapai", 12, WHOLE),
        Column("Target JP", 11, WHOLE),
        Column("Kekurangan JP", 15, WHOLE),
        Column("Memenuhi 20 JP", 16, TEXT),
    ),
)


def compliance_row(found: EmployeeCompliance) -> Row:
    return [
        found.nip,
        found.name,
        found.agency_code,
        found.year,
        found.jp,
        TARGET_JP,
        found.missing_jp,
        "Ya" if found.missing_jp == 0 else "Tidak",
    ]
