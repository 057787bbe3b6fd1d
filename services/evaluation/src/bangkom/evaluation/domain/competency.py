"""Competency codes and levels (PermenPANRB 38/2017)."""

from __future__ import annotations

import re

from bangkom.kernel.levels import MAX_LEVEL, MIN_LEVEL, is_level

MANAGERIAL = {
    "M.01": "Integritas",
    "M.02": "Kerjasama",
    "M.03": "Komunikasi",
    "M.04": "Orientasi pada Hasil",
    "M.05": "Pelayanan Publik",
    "M.06": "Pengembangan Diri dan Orang Lain",
    "M.07": "Mengelola Perubahan",
    "M.08": "Pengambilan Keputusan",
}
SOCIO_CULTURAL = {"SK.01": "Perekat Bangsa"}
TECHNICAL_CODE = re.compile(r"^T\.[A-Z0-9.\-]{1,40}$")


class InvalidCompetency(ValueError):
    """A competency code or level that the framework does not know."""


def check_competency_code(code: str) -> str:
    if code in MANAGERIAL or code in SOCIO_CULTURAL or TECHNICAL_CODE.match(code):
        return code
    raise InvalidCompetency(
        f"kode kompetensi {code!r} bukan M.01-M.08, SK.01 atau kode teknis T.<instansi>.<n>"
    )


def is_technical(code: str) -> bool:
    return code.startswith("T.")


def competency_name(code: str) -> str:
    """Name of a managerial or socio-cultural competency; technical ones go by their code
    until the framework dictionary names them."""
    return MANAGERIAL.get(code) or SOCIO_CULTURAL.get(code) or code


def check_level(level: int) -> int:
    """``level`` itself, or InvalidCompetency when it is not a level (bangkom.kernel.levels)."""
    if not is_level(level):
        raise InvalidCompetency(f"level {level} di luar {MIN_LEVEL}-{MAX_LEVEL}")
    return level
