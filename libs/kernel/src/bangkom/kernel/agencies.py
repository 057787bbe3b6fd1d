"""Agency codes spell the hierarchy: "12" province, "12.73" city, "12.73.BKPSDM" agency,
"12.73.BKPSDM.PK" one of its units. A code covers itself and everything below it, so a
scope over a code (an operator's agencies, a survey's agencies) reaches its units.

Segments are whole: "12.73.BKPSDM" does not cover "12.73.BKPSDMX". ``%`` and ``_`` are
ordinary characters here (a SQL rendering of ``covers`` must escape them).
"""

from __future__ import annotations

from collections.abc import Iterable

SEPARATOR = "."


def covers(root: str, agency_code: str) -> bool:
    """True when ``agency_code`` is ``root`` or lies below it."""
    return agency_code == root or agency_code.startswith(f"{root}{SEPARATOR}")


def covering(roots: Iterable[str], agency_code: str) -> str | None:
    """The first of ``roots`` that covers ``agency_code``, if any (e.g. the survey agency
    an employee is counted under)."""
    for root in roots:
        if covers(root, agency_code):
            return root
    return None


def overlap(codes: Iterable[str]) -> tuple[str, str] | None:
    """Two codes of which one covers the other (what lies below both would count twice),
    the smallest such pair in code order; None when the codes are disjoint."""
    listed = sorted(codes)
    for i, first in enumerate(listed):
        for second in listed[i + 1 :]:
            if covers(first, second) or covers(second, first):
                return first, second
    return None


def ancestors(agency_code: str) -> list[str]:
    """The code and every code above it, top first:
    "12.73.BKPSDM" -> ["12", "12.73", "12.73.BKPSDM"]."""
    parts = agency_code.split(SEPARATOR)
    return [SEPARATOR.join(parts[: i + 1]) for i in range(len(parts))]
