"""An employee's competencies as a person reads them: level against the standard, the
gap, and "belum dinilai" where nobody assessed the competency (unknown is not zero)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

NOT_ASSESSED = "belum dinilai"


@dataclass(frozen=True)
class CompetencyRow:
    code: str
    name: str
    required: int
    current: int | None

    @property
    def gap(self) -> int | None:
        return None if self.current is None else max(self.required - self.current, 0)

    @property
    def status(self) -> str:
        if self.current is None:
            return NOT_ASSESSED
        return "memenuhi standar" if self.current >= self.required else "di bawah standar"


def competency_rows(gaps: Sequence[Mapping[str, Any]]) -> list[CompetencyRow]:
    """The recommendation service's gaps, ordered by code (M.01 ... SK.01, technical)."""
    rows = [
        CompetencyRow(
            code=str(g["competency_code"]),
            name=str(g["competency_name"]),
            required=int(g["required_level"]),
            current=None if g["current_level"] is None else int(g["current_level"]),
        )
        for g in gaps
    ]
    return sorted(rows, key=lambda row: row.code)


@dataclass(frozen=True)
class Bar:
    """One competency in the chart: the standard and the current level, in pixels."""

    row: CompetencyRow
    y: int
    required_width: int
    current_width: int | None


def chart(rows: Sequence[CompetencyRow], *, width: int, row_height: int = 28) -> list[Bar]:
    """Horizontal bars on a 0-5 scale: the standard as an outline, the level filled."""
    scale = width / 5
    return [
        Bar(
            row=row,
            y=index * row_height,
            required_width=round(row.required * scale),
            current_width=None if row.current is None else round(row.current * scale),
        )
        for index, row in enumerate(rows)
    ]
