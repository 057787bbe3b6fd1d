"""NIP (Nomor Induk Pegawai) of a PNS and NI PPPK of contract staff, both 18 digits.

NIP:     YYYYMMDD birth date | YYYYMM TMT CPNS | gender (1 male, 2 female) | sequence 001-999
NI PPPK: YYYYMMDD birth date | YYYY year of appointment | "21" | gender | sequence

A real NIP starts CPNS at 18 or older, and nobody is appointed after 60: these
bounds catch swapped or mistyped fields without rejecting real staff.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

MIN_AGE_AT_APPOINTMENT = 18
MAX_AGE_AT_APPOINTMENT = 60
PPPK_MARKER = "21"


class EmploymentType(StrEnum):
    PNS = "PNS"
    PPPK = "PPPK"


class InvalidNip(ValueError):
    """The number is not a valid NIP / NI PPPK. The message, in Bahasa Indonesia, names
    the part that is wrong; ``problem`` is the same as a stable code for programs."""

    def __init__(self, problem: str, message: str) -> None:
        super().__init__(message)
        self.problem = problem


@dataclass(frozen=True)
class Nip:
    value: str
    employment_type: EmploymentType
    birth_date: date
    appointed: date  # first day of the TMT month (PNS) or of the appointment year (PPPK)
    gender: int
    sequence: int

    @property
    def gender_name(self) -> str:
        return "laki-laki" if self.gender == 1 else "perempuan"

    def __str__(self) -> str:
        return self.value


def parse_nip(raw: str, *, today: date) -> Nip:
    value = raw.strip().replace(" ", "")
    if len(value) != 18 or not value.isdigit():
        raise InvalidNip(
            "nip_length", f"NIP {raw!r} harus tepat 18 angka (diterima {len(value)} karakter)"
        )
    birth = _birth_date(value)
    employment_type = EmploymentType.PPPK if value[12:14] == PPPK_MARKER else EmploymentType.PNS
    appointed = _appointment(value, employment_type)
    gender = int(value[14])
    if gender not in (1, 2):
        raise InvalidNip(
            "nip_gender", f"NIP {value}: angka jenis kelamin (ke-15) {gender}; harus 1 atau 2"
        )
    sequence = int(value[15:18])
    if sequence == 0:
        raise InvalidNip(
            "nip_sequence", f"NIP {value}: nomor urut (3 angka terakhir) harus 001-999, bukan 000"
        )
    if birth > today:
        raise InvalidNip(
            "nip_birth_in_future", f"NIP {value}: tanggal lahir {birth.isoformat()} belum tiba"
        )
    if appointed > today:
        raise InvalidNip(
            "nip_appointment_in_future",
            f"NIP {value}: pengangkatan {appointed:%Y-%m} belum tiba",
        )
    age = _age(birth, appointed)
    if not MIN_AGE_AT_APPOINTMENT <= age <= MAX_AGE_AT_APPOINTMENT:
        raise InvalidNip(
            "nip_age_at_appointment",
            f"NIP {value}: usia {age} tahun saat pengangkatan ({birth.isoformat()} sampai "
            f"{appointed:%Y-%m}) di luar {MIN_AGE_AT_APPOINTMENT}-{MAX_AGE_AT_APPOINTMENT}",
        )
    return Nip(value, employment_type, birth, appointed, gender, sequence)


def _birth_date(value: str) -> date:
    try:
        return date(int(value[0:4]), int(value[4:6]), int(value[6:8]))
    except ValueError:
        raise InvalidNip(
            "nip_birth_date",
            f"NIP {value}: tanggal lahir {value[0:4]}-{value[4:6]}-{value[6:8]} "
            "(8 angka pertama) bukan tanggal yang ada",
        ) from None


def _appointment(value: str, employment_type: EmploymentType) -> date:
    year = int(value[8:12])
    if employment_type is EmploymentType.PPPK:
        if year < 2019:
            raise InvalidNip(
                "nip_pppk_year",
                f"NIP {value}: tahun pengangkatan NI PPPK {year} sebelum 2019",
            )
        return date(year, 1, 1)
    month = int(value[12:14])
    if not 1 <= month <= 12:
        raise InvalidNip(
            "nip_tmt_month",
            f"NIP {value}: bulan TMT CPNS {value[12:14]} (angka ke-13 dan 14) harus 01-12",
        )
    return date(year, month, 1)


def _age(birth: date, on: date) -> int:
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))
