"""Beranda: the agency x competency heatmap as a person reads it, and where a click
on an agency leads (one level down the hierarchy)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

# % meeting the standard, in bands a colour and a word stand for (never colour alone).
BANDS = ((90.0, "baik"), (75.0, "cukup"), (50.0, "kurang"), (0.0, "rendah"))


def band(percent_meeting: float | None) -> str:
    if percent_meeting is None:
        return "belum-dinilai"
    return next(name for floor, name in BANDS if percent_meeting >= floor)


def drill_depth(agency_code: str | None) -> int | None:
    """Rolled up one level below the agency asked for: "12" shows its cities."""
    return None if agency_code is None else len(agency_code.split(".")) + 1


@dataclass(frozen=True)
class Cell:
    mean_gap: float | None
    percent_meeting: float | None
    employees: int

    @property
    def band(self) -> str:
        return band(self.percent_meeting)


@dataclass(frozen=True)
class HeatmapRow:
    agency_code: str
    employees: int
    cells: dict[str, Cell]


def heatmap_rows(
    agencies: Sequence[Mapping[str, Any]],
) -> tuple[list[str], list[HeatmapRow]]:
    """The competency columns (ordered by code) and a row per agency."""
    codes = sorted({c["competency_code"] for a in agencies for c in a["competencies"]})
    rows = [
        HeatmapRow(
            agency_code=str(a["agency_code"]),
            employees=int(a["employees"]),
            cells={
                c["competency_code"]: Cell(c["mean_gap"], c["percent_meeting"], c["employees"])
                for c in a["competencies"]
            },
        )
        for a in agencies
    ]
    return codes, rows
