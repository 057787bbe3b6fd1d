"""Survei kebutuhan as a person reads and fills it in: the words for a survey's state
and for learning modes, and a respondent's form turned into their response (every
competency of the form answered once, levels 1-5)."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

STATUS = {"draft": "draf", "open": "dibuka", "closed": "ditutup"}
LEARNING_MODES = {
    "klasikal": "Klasikal",
    "e_learning": "E-learning",
    "blended": "Blended",
    "coaching": "Coaching",
    "mentoring": "Mentoring",
    "seminar": "Seminar",
    "self_study": "Belajar mandiri",
}
IMPORTANCE = {
    1: "Tidak penting",
    2: "Kurang penting",
    3: "Cukup penting",
    4: "Penting",
    5: "Sangat penting",
}
PERIOD = re.compile(r"^\d{4}(-[A-Z0-9]{1,8})?$")


class InvalidAnswer(ValueError):
    """The form as sent cannot be a response: the message says which question."""


def next_period(today: date) -> str:
    """A training-needs survey plans next year's budget."""
    return str(today.year + 1)


def _level(form: Mapping[str, str], name: str, what: str) -> int:
    value = form.get(name, "").strip()
    if not value.isdigit() or not 1 <= int(value) <= 5:
        raise InvalidAnswer(f"Pilih {what} (1 sampai 5).")
    return int(value)


def response_from_form(
    form: Mapping[str, str],
    competencies: Sequence[Mapping[str, Any]],
    extra_questions: Sequence[Mapping[str, Any]],
) -> dict[str, Any]:
    """The survey API's response body from the fields ``kepentingan-<code>``,
    ``level-<code>``, ``moda-<code>``, ``tambahan-<id>`` and ``komentar``."""
    answers = []
    for item in competencies:
        code, name = str(item["competency_code"]), str(item["competency_name"])
        mode = form.get(f"moda-{code}", "").strip()
        if mode and mode not in LEARNING_MODES:
            raise InvalidAnswer(f"Moda belajar untuk {code} {name} tidak dikenal.")
        answers.append(
            {
                "competency_code": code,
                "importance": _level(form, f"kepentingan-{code}", f"kepentingan {code} {name}"),
                "self_level": _level(form, f"level-{code}", f"level Anda pada {code} {name}"),
                "learning_mode": mode or None,
            }
        )
    extra: dict[str, int | str] = {}
    for question in extra_questions:
        key, value = str(question["id"]), form.get(f"tambahan-{question['id']}", "").strip()
        if not value:
            if question["required"]:
                raise InvalidAnswer(f"Jawab pertanyaan: {question['text']}")
            continue
        extra[key] = (
            _level(form, f"tambahan-{key}", "jawaban skala")
            if question["kind"] == "scale"
            else value
        )
    comment = form.get("komentar", "").strip()
    return {"answers": answers, "extra_answers": extra, "comment": comment or None}


@dataclass(frozen=True)
class Campaign:
    """A survey an HR office plans: the survey API's body."""

    title: str
    period: str
    agency_codes: tuple[str, ...]
    deadline: date | None

    def problem(self) -> str | None:
        if not self.title:
            return "Isi judul survei."
        if not PERIOD.match(self.period):
            return "Periode berupa tahun, mis. 2027."
        if not self.agency_codes:
            return "Isi kode instansi yang disurvei."
        return None

    def body(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "period": self.period,
            "agency_codes": list(self.agency_codes),
            "deadline": self.deadline.isoformat() if self.deadline else None,
        }


def rating_from_form(
    form: Mapping[str, str], competencies: Sequence[Mapping[str, Any]]
) -> dict[str, Any]:
    """The survey API's supervisor-rating body from the fields ``nilai-<code>`` (empty:
    not judged) and ``catatan``; a supervisor rates what they can judge, at least one."""
    levels = []
    for item in competencies:
        code, name = str(item["competency_code"]), str(item["competency_name"])
        if form.get(f"nilai-{code}", "").strip():
            levels.append(
                {
                    "competency_code": code,
                    "level": _level(form, f"nilai-{code}", f"level {code} {name}"),
                }
            )
    if not levels:
        raise InvalidAnswer("Nilai sedikitnya satu kompetensi yang dapat Anda nilai.")
    return {"levels": levels, "note": form.get("catatan", "").strip() or None}
