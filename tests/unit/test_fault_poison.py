"""The fault campaign's poison accounting: dead-lettering is at least once, so a copy of
a dead letter written again after a kill (same group, same original offset) is counted
once; a group that never dead-letters its poison, or a letter without the error, is not
forgiven."""

from __future__ import annotations

from bench.faults.poison import Poison, poison_checks
from bench.faults.topics import Rec

CONSUMES = {"recommendation": ("evaluation.results",), "training": ("evaluation.results",)}


def _letter(poison: Poison, group: str, offset: int, *, error: bool = True) -> Rec:
    headers = {
        "ce_id": poison.event_id,
        "dlq.consumer.group": f"bangkom.{group}",
        "dlq.original.partition": "0",
        "dlq.original.offset": str(offset),
    }
    if error:
        headers["dlq.error.type"] = "ValidationError"
    return Rec(f"{poison.topic}.dlq", 0, 0, 0, poison.event_id, headers, b"")


def _wrong_schema_check(letters: list[Rec], poison: Poison) -> tuple[int, int, int, int, str]:
    check = next(
        c for c in poison_checks([poison], letters, CONSUMES) if "wrong_schema" in c.effect
    )
    return check.found, check.lost, check.duplicated, check.wrong, check.note


def test_a_dead_letter_written_again_after_a_kill_is_one_letter() -> None:
    poison = Poison("evaluation.results", "wrong_schema", "poison-1")
    letters = [
        _letter(poison, "recommendation", 7),
        _letter(poison, "recommendation", 7),  # written again by the restarted consumer
        _letter(poison, "training", 7),
    ]

    found, lost, duplicated, wrong, note = _wrong_schema_check(letters, poison)

    assert (found, lost, duplicated, wrong) == (2, 0, 0, 0)
    assert note.startswith("1 dead letters written again")


def test_a_group_that_never_dead_letters_and_a_letter_without_its_error_are_counted() -> None:
    poison = Poison("evaluation.results", "wrong_schema", "poison-1")
    letters = [_letter(poison, "recommendation", 7, error=False)]

    found, lost, duplicated, wrong, _ = _wrong_schema_check(letters, poison)

    assert (found, lost, duplicated, wrong) == (1, 1, 0, 1)
