"""Agency codes are hierarchical: "12" province, "12.73" city, "12.73.BKPSDM" agency,
"12.73.BKPSDM.PK" one of its units. A survey for an agency covers its units."""

from __future__ import annotations

from collections.abc import Iterable


def covers(root: str, agency_code: str) -> bool:
    return agency_code == root or agency_code.startswith(f"{root}.")


def covering(roots: Iterable[str], agency_code: str) -> str | None:
    """The survey agency an employee of ``agency_code`` is counted under, if any."""
    for root in roots:
        if covers(root, agency_code):
            return root
    return None


def overlap(codes: Iterable[str]) -> tuple[str, str] | None:
    """Two codes of which one covers the other (their employees would count twice)."""
    listed = sorted(codes)
    for i, first in enumerate(listed):
        for second in listed[i + 1 :]:
            if covers(first, second) or covers(second, first):
                return first, second
    return None


def ancestors(agency_code: str) -> list[str]:
    """The code and every code above it: "12.73.BKPSDM" -> "12", "12.73", "12.73.BKPSDM"."""
    parts = agency_code.split(".")
    return [".".join(parts[: i + 1]) for i in range(len(parts))]
