"""A realistic province, generated: agencies in a hierarchy, positions of every type,
employees with valid NIPs, a catalog, and assessment results.

Deterministic for a given seed, so that two runs measure the same data.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

MANAGERIAL = ["M.01", "M.02", "M.03", "M.04", "M.05", "M.06", "M.07", "M.08", "SK.01"]
POSITION_TYPES = [
    ("pelaksana", 40),
    ("fungsional_ahli_pertama", 12),
    ("fungsional_ahli_muda", 10),
    ("fungsional_terampil", 8),
    ("pengawas", 12),
    ("administrator", 6),
    ("fungsional_ahli_madya", 5),
    ("fungsional_mahir", 4),
    ("jpt_pratama", 1),
    ("fungsional_penyelia", 2),
]
METHODS = ["assessment_center", "cat", "360", "supervisor", "self"]
CITIES = ["12.71", "12.72", "12.73", "12.74", "12.75", "12.76", "12.77", "12.78"]
OPD = [
    "BKPSDM",
    "DINKES",
    "DISDIK",
    "DISDUKCAPIL",
    "BAPPEDA",
    "DPMPTSP",
    "DINSOS",
    "DISHUB",
    "BPKAD",
    "INSPEKTORAT",
    "SATPOLPP",
    "DLH",
    "DISPERINDAG",
    "DISKOMINFO",
    "SETDA",
]


@dataclass(frozen=True)
class Employee:
    nip: str
    name: str
    agency_code: str
    position_code: str


def agencies(cities: int) -> list[tuple[str, str, str, str | None]]:
    """(code, name, kind, parent) from the province down to its agencies (OPD)."""
    found: list[tuple[str, str, str, str | None]] = [
        ("12", "Provinsi Sumatera Utara", "province", None)
    ]
    for city in CITIES[:cities]:
        found.append((city, f"Kota {city}", "city", "12"))
        found.extend((f"{city}.{opd}", f"{opd} {city}", "agency", city) for opd in OPD)
    return found


def positions(agency_codes: list[str]) -> list[tuple[str, str, str]]:
    """(code, agency, position type) with every type in every agency."""
    return [
        (f"{agency}-{kind.upper()}", agency, kind)
        for agency in agency_codes
        for kind, _ in POSITION_TYPES
    ]


def nip(rng: random.Random, sequence: int) -> str:
    birth = date(1965, 1, 1) + timedelta(days=rng.randrange(0, 365 * 33))
    year = min(birth.year + rng.randrange(21, 30), 2025)
    month = rng.randrange(1, 13)
    return f"{birth:%Y%m%d}{year:04d}{month:02d}{rng.randrange(1, 3)}{sequence % 999 + 1:03d}"


def employees(count: int, agency_codes: list[str], seed: int = 7) -> Iterator[Employee]:
    rng = random.Random(seed)
    weights = [w for _, w in POSITION_TYPES]
    seen: set[str] = set()
    sequence = 0
    while len(seen) < count:
        sequence += 1
        number = nip(rng, sequence)
        if number in seen:
            continue
        seen.add(number)
        agency = agency_codes[len(seen) % len(agency_codes)]
        kind = rng.choices(POSITION_TYPES, weights)[0][0]
        yield Employee(number, f"Pegawai {len(seen)}", agency, f"{agency}-{kind.upper()}")


def results(people: list[Employee], per_person: int, seed: int = 11) -> Iterator[tuple[str, ...]]:
    """(nip, competency, level, method, evaluated_at) rows; unique natural keys."""
    rng = random.Random(seed)
    start = datetime(2025, 1, 2, tzinfo=UTC)
    for person in people:
        for index in range(per_person):
            code = MANAGERIAL[index % len(MANAGERIAL)]
            when = start + timedelta(days=index // len(MANAGERIAL) * 30 + rng.randrange(0, 20))
            yield (
                person.nip,
                code,
                str(rng.randrange(1, 6)),
                rng.choice(METHODS),
                when.date().isoformat(),
            )
