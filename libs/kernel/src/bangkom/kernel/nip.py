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
    """The number is not a valid NIP / NI PPPK; the message names the part that is wrong."""


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
        raise InvalidNip(f"NIP {raw!r} must be exactly 18 digits (got {len(value)} characters)")
    birth = _birth_date(value)
    employment_type = EmploymentType.PPPK if value[12:14] == PPPK_MARKER else EmploymentType.PNS
    appointed = _appointment(value, employment_type)
    gender = int(value[14])
    if gender not in (1, 2):
        raise InvalidNip(f"NIP {value}: gender digit (15th) is {gender}; it must be 1 or 2")
    sequence = int(value[15:18])
    if sequence == 0:
        raise InvalidNip(f"NIP {value}: sequence (last 3 digits) must be 001-999, not 000")
    if birth > today:
        raise InvalidNip(f"NIP {value}: birth date {birth.isoformat()} is in the future")
    if appointed > today:
        raise InvalidNip(f"NIP {value}: appointment {appointed:%Y-%m} is in the future")
    age = _age(birth, appointed)
    if not MIN_AGE_AT_APPOINTMENT <= age <= MAX_AGE_AT_APPOINTMENT:
        raise InvalidNip(
            f"NIP {value}: age {age} at appointment ({birth.isoformat()} to {appointed:%Y-%m}) "
            f"is outside {MIN_AGE_AT_APPOINTMENT}-{MAX_AGE_AT_APPOINTMENT}"
        )
    return Nip(value, employment_type, birth, appointed, gender, sequence)


def _birth_date(value: str) -> date:
    try:
        return date(int(value[0:4]), int(value[4:6]), int(value[6:8]))
    except ValueError:
        raise InvalidNip(
            f"NIP {value}: birth date {value[0:4]}-{value[4:6]}-{value[6:8]} "
            "(first 8 digits) is not a real date"
        ) from None


def _appointment(value: str, employment_type: EmploymentType) -> date:
    year = int(value[8:12])
    if employment_type is EmploymentType.PPPK:
        if year < 2019:
            raise InvalidNip(f"NIP {value}: NI PPPK appointment year {year} is before 2019")
        return date(year, 1, 1)
    month = int(value[12:14])
    if not 1 <= month <= 12:
        raise InvalidNip(f"NIP {value}: TMT CPNS month {value[12:14]} (digits 13-14) must be 01-12")
    return date(year, month, 1)


def _age(birth: date, on: date) -> int:
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))
