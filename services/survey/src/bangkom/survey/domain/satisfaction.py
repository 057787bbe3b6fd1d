"""Public satisfaction (Survei Kepuasan Masyarakat) scored as PermenPANRB 14/2017 asks:
nine elements rated 1-4, each element's mean (NRR), weighted equally (1/9), summed into
the IKM (1-4), converted to 25-100 and graded A-D; and the sample a unit needs before
its IKM says anything (Krejcie and Morgan, as the regulation's annex uses)."""

from __future__ import annotations

import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from fractions import Fraction


class Element(StrEnum):
    """The nine elements (unsur) of PermenPANRB 14/2017, in its order."""

    PERSYARATAN = "persyaratan"
    PROSEDUR = "sistem_mekanisme_prosedur"
    WAKTU = "waktu_penyelesaian"
    BIAYA = "biaya_tarif"
    PRODUK = "produk_spesifikasi_jenis_pelayanan"
    KOMPETENSI = "kompetensi_pelaksana"
    PERILAKU = "perilaku_pelaksana"
    PENGADUAN = "penanganan_pengaduan_saran_masukan"
    SARANA = "sarana_prasarana"


ELEMENT_NAMES: Mapping[Element, str] = {
    Element.PERSYARATAN: "Persyaratan",
    Element.PROSEDUR: "Sistem, mekanisme dan prosedur",
    Element.WAKTU: "Waktu penyelesaian",
    Element.BIAYA: "Biaya/tarif",
    Element.PRODUK: "Produk spesifikasi jenis pelayanan",
    Element.KOMPETENSI: "Kompetensi pelaksana",
    Element.PERILAKU: "Perilaku pelaksana",
    Element.PENGADUAN: "Penanganan pengaduan, saran dan masukan",
    Element.SARANA: "Sarana dan prasarana",
}
MIN_RATING, MAX_RATING = 1, 4
WEIGHT = Fraction(1, len(Element))  # each element weighs the same
CONVERSION = 25  # IKM 1-4 -> 25-100


class InvalidAnswer(ValueError):
    pass


class Grade(StrEnum):
    A = "A"
    B = "B"
    C = "C"
    D = "D"


GRADE_NAMES: Mapping[Grade, str] = {
    Grade.A: "Sangat Baik",
    Grade.B: "Baik",
    Grade.C: "Kurang Baik",
    Grade.D: "Tidak Baik",
}
# The regulation's table, on the converted scale (lower bounds, inclusive).
_GRADE_FLOORS = (
    (Fraction("88.31"), Grade.A),
    (Fraction("76.61"), Grade.B),
    (Fraction(65), Grade.C),
)


def grade_of(converted: Fraction) -> Grade:
    for floor, grade in _GRADE_FLOORS:
        if converted >= floor:
            return grade
    return Grade.D


@dataclass(frozen=True)
class ElementScore:
    element: Element
    answers: int
    total: int

    @property
    def nrr(self) -> Fraction:
        """Nilai rata-rata: the element's mean rating."""
        return Fraction(self.total, self.answers) if self.answers else Fraction(0)

    @property
    def weighted(self) -> Fraction:
        return self.nrr * WEIGHT


@dataclass(frozen=True)
class SatisfactionScore:
    respondents: int
    elements: tuple[ElementScore, ...]
    # Sample standard deviation of the respondents' own IKM (25-100): how far a change
    # between periods can be told from chance (None below two respondents).
    spread: float | None = None

    @property
    def ikm(self) -> Fraction:
        """Indeks Kepuasan Masyarakat on the 1-4 scale: the weighted NRRs summed."""
        return sum((e.weighted for e in self.elements), Fraction(0))

    @property
    def converted(self) -> Fraction:
        """The IKM on the 25-100 scale units publish."""
        return self.ikm * CONVERSION

    @property
    def grade(self) -> Grade:
        return grade_of(round(self.converted, 2))

    def element(self, element: Element) -> ElementScore:
        return next(e for e in self.elements if e.element is element)


def score(responses: Sequence[Mapping[Element, int]]) -> SatisfactionScore:
    """Score complete responses (every element rated 1-4)."""
    totals = dict.fromkeys(Element, 0)
    for number, response in enumerate(responses, start=1):
        missing = [e.value for e in Element if e not in response]
        if missing:
            raise InvalidAnswer(f"response {number} leaves out {', '.join(missing)}")
        for element in Element:
            rating = response[element]
            if not MIN_RATING <= rating <= MAX_RATING:
                raise InvalidAnswer(
                    f"response {number}: {element.value} is {rating}, not {MIN_RATING}-{MAX_RATING}"
                )
            totals[element] += rating
    count = len(responses)
    own = [Fraction(sum(r.values()), len(Element)) * CONVERSION for r in responses]
    return SatisfactionScore(
        respondents=count,
        elements=tuple(ElementScore(e, count, totals[e]) for e in Element),
        spread=statistics.stdev(float(v) for v in own) if count > 1 else None,
    )


def required_sample(population: int) -> int:
    """Krejcie and Morgan (95% confidence, 5% margin, P = 0.5): the answers a unit
    serving ``population`` people needs; the regulation's annex tabulates the same."""
    if population <= 0:
        return 0
    chi_square, p, margin = Fraction("3.841"), Fraction(1, 2), Fraction(1, 20)
    needed = (chi_square * population * p * (1 - p)) / (
        margin * margin * (population - 1) + chi_square * p * (1 - p)
    )
    return min(population, -(-needed.numerator // needed.denominator))  # rounded up


def sample_warning(population: int, respondents: int) -> str | None:
    """Why a unit's IKM cannot yet be read as its public's view, in the words shown."""
    needed = required_sample(population)
    if respondents >= needed:
        return None
    return (
        f"Sampel belum memadai: {respondents} dari minimal {needed} responden untuk "
        f"populasi {population} (Krejcie dan Morgan, tingkat kepercayaan 95%)"
    )


class PeriodStatus(StrEnum):
    OPEN = "open"
    CLOSED = "closed"


class PeriodClosed(Exception):
    pass


@dataclass
class SatisfactionPeriod:
    """One unit's SKM period: open for the public's answers until it is closed."""

    id: str
    unit_code: str  # the agency code of the service unit
    label: str  # e.g. "2026 semester 2"
    population: int  # people the unit serves in the period (for the sample size)
    opened_by: str
    opened_at: datetime
    status: PeriodStatus = PeriodStatus.OPEN
    closed_at: datetime | None = None

    def close(self, at: datetime) -> None:
        if self.status is PeriodStatus.CLOSED:
            raise PeriodClosed(f"period {self.id} is closed already")
        self.status, self.closed_at = PeriodStatus.CLOSED, at

    def check_open(self) -> None:
        if self.status is PeriodStatus.CLOSED:
            raise PeriodClosed(f"period {self.label} of {self.unit_code} is closed")
