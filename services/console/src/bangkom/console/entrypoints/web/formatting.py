"""Dates, numbers and levels as a reader in Indonesia writes them: "5 Desember 2026",
"1.234,5", "Level 3" (Babel's id locale)."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime

from babel.dates import format_date
from babel.numbers import format_decimal

from bangkom.console.domain.catalog import ENROLMENT_STATUS, SESSION_STATUS
from bangkom.console.domain.surveys import LEARNING_MODES
from bangkom.console.domain.surveys import STATUS as SURVEY_STATUS
from bangkom.kernel.calendar import WIB

LOCALE = "id"


def tanggal(value: date | datetime | str | None) -> str:
    if value is None or value == "":
        return "-"
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    if isinstance(value, datetime):
        value = value.astimezone(WIB).date()
    return format_date(value, format="d MMMM y", locale=LOCALE)


def angka(value: float | int | None, digits: int = 1) -> str:
    if value is None:
        return "-"
    pattern = "#,##0" if digits == 0 else "#,##0." + "#" * digits
    return format_decimal(value, format=pattern, locale=LOCALE)


def level(value: int | None) -> str:
    return "belum dinilai" if value is None else f"Level {value}"


PROPOSAL_STATUS = {
    "proposed": "diusulkan",
    "accepted": "diterima",
    "rejected": "ditolak",
    "enrolled": "terdaftar",
    "fulfilled": "terpenuhi",
    "expired": "kedaluwarsa",
}


def persen(value: float | None) -> str:
    """A share (0-1) as a percentage: 0.625 reads "62,5%"."""
    return "-" if value is None else f"{angka(value * 100)}%"


def status_usulan(value: str) -> str:
    return PROPOSAL_STATUS.get(value, value)


# What a person calls each service, then the name its operators restart it by.
SERVICES = {
    "evaluation": "Penilaian",
    "training": "Pelatihan",
    "survey": "Survei",
    "recommendation": "Rekomendasi",
    "career": "Karier",
}


def layanan(service: str) -> str:
    return f"{SERVICES[service]} ({service})" if service in SERVICES else service


def rejected_csv(rows: list[dict[str, object]]) -> str:
    """Rejected rows as a spreadsheet opens them: baris, kolom, kode, alasan."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["baris", "kolom", "kode", "alasan"])
    for row in rows:
        writer.writerow([row["row"], row.get("column") or "", row.get("code") or "", row["reason"]])
    return out.getvalue()


FILTERS = {
    "tanggal": tanggal,
    "angka": angka,
    "level": level,
    "status_usulan": status_usulan,
    "persen": persen,
    "rupiah": lambda value: f"Rp{angka(value, 0)}",
    "status_sesi": lambda value: SESSION_STATUS.get(value, value),
    "status_pendaftaran": lambda value: ENROLMENT_STATUS.get(value, value),
    "status_survei": lambda value: SURVEY_STATUS.get(value, value),
    "moda": lambda value: LEARNING_MODES.get(value, value) if value else "-",
    "layanan": layanan,
}
