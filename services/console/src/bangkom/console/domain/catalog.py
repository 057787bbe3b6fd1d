"""Katalog dan jadwal as a person reads it: the words for a session's and an
enrolment's state, a completion's outcome, and the search a person asks for."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from bangkom.console.domain.surveys import LEARNING_MODES

SESSION_STATUS = {
    "planned": "direncanakan",
    "open": "pendaftaran dibuka",
    "closed": "pendaftaran ditutup",
    "running": "berlangsung",
    "finished": "selesai",
    "cancelled": "dibatalkan",
}
ENROLMENT_STATUS = {"enrolled": "terdaftar", "waitlisted": "daftar tunggu", "cancelled": "batal"}
OUTCOMES = {"attended": "hadir (tanpa ujian)", "passed": "lulus", "failed": "tidak lulus"}


@dataclass(frozen=True)
class CourseSearch:
    """What the catalog's search form asks: text, a competency code, a mode."""

    text: str = ""
    competency_code: str = ""
    mode: str = ""

    @classmethod
    def of(cls, text: str, competency_code: str, mode: str) -> CourseSearch:
        return cls(
            text=text.strip(),
            competency_code=competency_code.strip().upper(),
            mode=mode if mode in LEARNING_MODES else "",
        )

    def as_query(self) -> Mapping[str, str]:
        """The training API's parameters (those given)."""
        wanted = {"q": self.text, "competency_code": self.competency_code, "mode": self.mode}
        return {key: value for key, value in wanted.items() if value}


def enrolment_message(enrolment: Mapping[str, object]) -> str:
    """What enrolling did: a seat, or a place on the waitlist."""
    if enrolment["status"] == "waitlisted":
        return (
            f"{enrolment['nip']} masuk daftar tunggu sesi {enrolment['session_code']} "
            f"(urutan {enrolment['queue_number']})."
        )
    return f"{enrolment['nip']} terdaftar di sesi {enrolment['session_code']}."
