"""Evaluasi pascapelatihan as a person reads and records it: Kirkpatrick's four
levels in words, the state of an evaluation, and a level's record from its form
(scores 0-100 written "86,5"; competency levels 1-5; a pre-test only at L2,
competency levels only at L2 and L3, and L3 needs them)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

LEVELS = {1: "L1 Reaksi", 2: "L2 Pembelajaran", 3: "L3 Perilaku", 4: "L4 Hasil"}
STATUS = {
    "upcoming": "akan datang",
    "due": "jatuh tempo",
    "overdue": "terlambat",
    "completed": "selesai",
}


class InvalidRecord(ValueError):
    """The form cannot be a record of that level: the message says why."""


def _score(value: str, what: str) -> float | None:
    text = value.strip().replace(".", "").replace(",", ".") if "," in value else value.strip()
    if not text:
        return None
    try:
        score = float(text)
    except ValueError:
        raise InvalidRecord(f"{what} berupa angka 0 sampai 100.") from None
    if not 0 <= score <= 100:
        raise InvalidRecord(f"{what} berupa angka 0 sampai 100.")
    return score


def record_from_form(
    level: int, form: Mapping[str, str], competencies: Sequence[str]
) -> dict[str, Any]:
    """The evaluation API's body for recording ``level`` from the fields ``score``,
    ``pre_score``, ``level-<code>`` and ``note``."""
    if level not in LEVELS:
        raise InvalidRecord("Pilih level evaluasi L1 sampai L4.")
    score = _score(form.get("score", ""), "Nilai")
    pre_score = _score(form.get("pre_score", ""), "Nilai pra-tes")
    if pre_score is not None and level != 2:
        raise InvalidRecord("Nilai pra-tes hanya untuk L2 (pembelajaran).")
    levels = {}
    for code in competencies:
        value = form.get(f"level-{code}", "").strip()
        if value:
            if not value.isdigit() or not 1 <= int(value) <= 5:
                raise InvalidRecord(f"Level {code} berupa 1 sampai 5.")
            levels[code] = int(value)
    if levels and level not in (2, 3):
        raise InvalidRecord("Level kompetensi diukur pada L2 atau L3 saja.")
    if level == 3 and not levels:
        raise InvalidRecord("L3 (perilaku) mencatat level yang diamati per kompetensi.")
    note = form.get("note", "").strip()
    return {
        "score": score,
        "pre_score": pre_score,
        "competency_levels": levels,
        "note": note or None,
    }
