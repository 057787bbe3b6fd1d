"""Survei Kepuasan Masyarakat as a member of the public fills it in (PermenPANRB 14/2017):
each of the nine elements rated 1-4 in the regulation's words, respondent data that is
optional and in bands, a suggestion; the form turned into the survey API's answer, and
what a refusal of it means to the person who sent it."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

RATINGS = {1: "Tidak baik", 2: "Kurang baik", 3: "Baik", 4: "Sangat baik"}
GENDERS = {"laki-laki": "Laki-laki", "perempuan": "Perempuan"}
AGE_BANDS = {band: f"{band} tahun" for band in ("<20", "20-29", "30-39", "40-49", "50-59", "60+")}
EDUCATION = {
    "sd": "SD",
    "smp": "SMP",
    "sma": "SMA/SMK",
    "diploma": "Diploma (D1-D4)",
    "s1": "S1",
    "s2": "S2",
    "s3": "S3",
}
OCCUPATION_MAX, SERVICE_MAX, SUGGESTION_MAX = 60, 100, 1000
PERIOD_STATUS = {"open": "dibuka", "closed": "ditutup"}
# The report's CSV tables, by the name the console's address gives them.
REPORT_TABLES = {
    "ringkasan": "summary",
    "unsur": "elements",
    "responden": "groups",
    "periode": "periods",
    "saran": "suggestions",
}


class InvalidAnswer(ValueError):
    """The form as sent cannot be an answer: the message says which question."""


def _choice(form: Mapping[str, str], name: str, allowed: Mapping[str, str]) -> str | None:
    value = form.get(name, "").strip()
    if not value:
        return None
    if value not in allowed:
        raise InvalidAnswer(f"Pilihan {name} tidak dikenal.")
    return value


def _text(form: Mapping[str, str], name: str, limit: int, what: str) -> str:
    value = form.get(name, "").strip()
    if len(value) > limit:
        raise InvalidAnswer(f"{what} paling banyak {limit} karakter.")
    return value


def answer_from_form(
    form: Mapping[str, str], elements: Mapping[str, str], submission_id: str
) -> dict[str, Any]:
    """The survey API's answer from the fields ``unsur-<element>`` (1-4, each required),
    ``jenis_kelamin``, ``usia``, ``pendidikan``, ``pekerjaan``, ``layanan`` and ``saran``."""
    ratings = {}
    for element, name in elements.items():
        value = form.get(f"unsur-{element}", "").strip()
        if value not in {str(r) for r in RATINGS}:
            raise InvalidAnswer(f"Beri nilai 1 sampai 4 untuk unsur {name}.")
        ratings[element] = int(value)
    respondent = {
        "gender": _choice(form, "jenis_kelamin", GENDERS),
        "age_band": _choice(form, "usia", AGE_BANDS),
        "education": _choice(form, "pendidikan", EDUCATION),
        "occupation": _text(form, "pekerjaan", OCCUPATION_MAX, "Pekerjaan") or None,
        "service_used": _text(form, "layanan", SERVICE_MAX, "Jenis layanan") or None,
    }
    return {
        "submission_id": submission_id,
        "ratings": ratings,
        "respondent": {k: v for k, v in respondent.items() if v is not None},
        "suggestion": _text(form, "saran", SUGGESTION_MAX, "Saran"),
    }


def refusal(status: int, retry_after: int | None) -> str:
    """Why the survey did not take the answer, for the person who sent it."""
    if status == 429:
        wait = f" dalam {retry_after} detik" if retry_after else " sebentar lagi"
        return f"Terlalu banyak jawaban dari alamat Anda. Silakan coba lagi{wait}."
    if status == 409:
        return "Periode survei ini sudah ditutup; jawaban tidak lagi diterima."
    if status == 404:
        return "Survei ini tidak ditemukan."
    return "Jawaban tidak dapat diterima; periksa kembali isian Anda."
