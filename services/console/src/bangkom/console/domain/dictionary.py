"""Kamus dan standar as a person reads it: competency groups and position types in
Bahasa Indonesia, competencies in the order of the regulation (manajerial M.01-M.08,
sosial kultural SK.01, then teknis), and the default standards as a table."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

GROUPS = {"manajerial": "Manajerial", "sosial_kultural": "Sosial kultural", "teknis": "Teknis"}
GROUP_ORDER = {"manajerial": 0, "sosial_kultural": 1, "teknis": 2}


def ordered(competencies: Sequence[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    return sorted(competencies, key=lambda c: (GROUP_ORDER.get(str(c["group"]), 9), c["code"]))


def defaults_table(
    defaults: Mapping[str, Mapping[str, int]],
) -> tuple[list[str], list[tuple[str, list[int | None]]]]:
    """Competency columns, and a row of required levels per position type."""
    codes = sorted({code for levels in defaults.values() for code in levels})
    rows = [
        (position_type, [levels.get(code) for code in codes])
        for position_type, levels in sorted(defaults.items())
    ]
    return codes, rows


def position_type(value: str) -> str:
    """``fungsional_ahli_muda`` reads "Fungsional ahli muda", ``jpt_madya`` "JPT madya"."""
    words = value.replace("_", " ").capitalize()
    return "JPT" + words[3:] if value.startswith("jpt") else words


LEVELS = range(1, 6)


def levels_from_form(codes: Sequence[str], form: Mapping[str, Any]) -> dict[str, int] | None:
    """The required level of each of ``codes`` as the form's ``level-<code>`` fields give
    it; None when one is missing or not a level 1-5."""
    levels = {}
    for code in codes:
        value = str(form.get(f"level-{code}", ""))
        if not value.isdigit() or int(value) not in LEVELS:
            return None
        levels[code] = int(value)
    return levels
