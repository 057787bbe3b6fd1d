"""The campaign's inputs, generated from a seed: agencies, positions whose standards are
spelled out in full (every competency an override, so the required levels are the
harness's own numbers, not the framework's defaults), one e-learning course per
competency with an open session, and the roster in cohorts.

Cohorts keep the effects apart, so that each can be computed from the inputs alone:
- ``assessed``: results (single and in batches), so gaps and proposals; their proposals
  are decided, the accepted ones enrolled by training and completed;
- ``enrolled``: never assessed (gaps unknown, never a proposal), enrolled directly in a
  session and completed (JP credited, L3 scheduled);
- ``imported``: not in the first roster; a roster import under load brings them in.
Survey respondents are the first agency's people present when the survey opens.
"""

from __future__ import annotations

import csv
import io
import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from bench import province

COMPETENCIES = tuple(province.MANAGERIAL)
AGENCIES = ("12.73.BKPSDM", "12.73.DINKES")
POSITION_TYPES = ("administrator", "pengawas", "pelaksana")
ELEARNING_JP = 6
WIB = ZoneInfo("Asia/Jakarta")


def course_code(competency: str) -> str:
    return f"EL-{competency.replace('.', '')}"


def session_code(competency: str, batch: int = 1) -> str:
    return f"{course_code(competency)}-{batch:02d}"


@dataclass(frozen=True)
class Employee:
    nip: str
    name: str
    agency_code: str
    position_code: str
    cohort: str


@dataclass
class World:
    seed: int
    assessed: int
    enrolled: int
    imported: int
    rng: random.Random = field(init=False)
    required: dict[str, dict[str, int]] = field(init=False)  # position -> competency -> level
    people: list[Employee] = field(init=False)

    def __post_init__(self) -> None:
        self.rng = random.Random(self.seed)
        self.required = {
            f"{agency}-{kind.upper()}": {c: self.rng.randint(2, 4) for c in COMPETENCIES}
            for agency in AGENCIES
            for kind in POSITION_TYPES
        }
        positions = sorted(self.required)
        sizes = {"assessed": self.assessed, "enrolled": self.enrolled, "imported": self.imported}
        numbers = province.employees(sum(sizes.values()), list(AGENCIES), seed=self.seed)
        self.people = []
        for cohort, size in sizes.items():
            for _ in range(size):
                drawn = next(numbers)
                mine = [p for p in positions if p.startswith(drawn.agency_code)]
                position = self.rng.choice(mine)
                self.people.append(
                    Employee(drawn.nip, drawn.name, drawn.agency_code, position, cohort)
                )

    def cohort(self, name: str) -> list[Employee]:
        return [p for p in self.people if p.cohort == name]

    @property
    def first_roster(self) -> list[Employee]:
        return [p for p in self.people if p.cohort != "imported"]

    def employee(self, nip: str) -> Employee:
        return self._by_nip[nip]

    @property
    def _by_nip(self) -> dict[str, Employee]:
        return {p.nip: p for p in self.people}

    def required_of(self, nip: str) -> dict[str, int]:
        return self.required[self.employee(nip).position_code]

    # ------------------------------------------------------------------ API bodies

    @staticmethod
    def agency_bodies() -> list[dict[str, Any]]:
        return [
            {"code": "12", "name": "Provinsi Sumatera Utara", "kind": "province"},
            {"code": "12.73", "name": "Kota Pematangsiantar", "kind": "city", "parent_code": "12"},
            *(
                {"code": code, "name": f"Dinas {code}", "kind": "agency", "parent_code": "12.73"}
                for code in AGENCIES
            ),
        ]

    def position_bodies(self) -> list[dict[str, Any]]:
        return [
            {
                "code": code,
                "name": f"Jabatan {code}",
                "agency_code": code.rsplit("-", 1)[0],
                "position_type": code.rsplit("-", 1)[1].lower(),
                "overrides": levels,
            }
            for code, levels in sorted(self.required.items())
        ]

    @staticmethod
    def course_bodies() -> list[dict[str, Any]]:
        return [
            {
                "code": course_code(c),
                "title": f"E-learning {c}",
                "competencies": [{"competency_code": c, "level_from": 1, "level_to": 5}],
                "jp": ELEARNING_JP,
                "mode": "e_learning",
                "provider": "BPSDM Provinsi Sumatera Utara",
                "cost": 0,
                "status": "published",
            }
            for c in COMPETENCIES
        ]

    @staticmethod
    def session_bodies(today: date) -> list[dict[str, Any]]:
        """Two sessions of each course: one starting today (WIB), whose enrolments can be
        completed now, and one tomorrow, open for enrolment past midnight WIB (enrolment
        closes on a session's first day)."""
        bodies = []
        for batch in (1, 2):
            first_day = today + timedelta(days=batch - 1)
            closes = datetime.combine(first_day, time(23, 59, 59), tzinfo=WIB)
            bodies += [
                {
                    "code": session_code(c, batch),
                    "course_code": course_code(c),
                    "batch": batch,
                    "starts_on": first_day.isoformat(),
                    "ends_on": (first_day + timedelta(days=30)).isoformat(),
                    "capacity": 10_000,
                    "online_url": "https://lms.bpsdm.sumutprov.go.id",
                    "enrolment_opens_at": (closes - timedelta(days=3)).isoformat(),
                    "enrolment_closes_at": closes.isoformat(),
                    "status": "open",
                }
                for c in COMPETENCIES
            ]
        return bodies

    @staticmethod
    def roster_csv(people: list[Employee]) -> bytes:
        sink = io.StringIO()
        writer = csv.writer(sink)
        writer.writerow(["nip", "name", "agency_code", "position_code"])
        for p in people:
            writer.writerow([p.nip, p.name, p.agency_code, p.position_code])
        return sink.getvalue().encode()
