"""Test data built by rules, not copied literals."""

from __future__ import annotations

import itertools
import random
import uuid
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING

from bangkom.platform.auth import Caller, Role

if TYPE_CHECKING:
    from bangkom.platform.catalog import ResultRecorded

_sequence = itertools.count(1)


def nip(
    *,
    birth: date | None = None,
    appointed: tuple[int, int] | None = None,
    gender: int = 1,
    sequence: int | None = None,
    pppk: bool = False,
) -> str:
    """A valid NIP (or NI PPPK) that differs on every call."""
    rng = random.Random(next(_sequence) * 7919)
    birth = birth or date(1970, 1, 1) + timedelta(days=rng.randrange(0, 365 * 25))
    year, month = appointed or (birth.year + 25, rng.randrange(1, 13))
    seq = sequence if sequence is not None else rng.randrange(1, 1000)
    middle = f"{year:04d}21" if pppk else f"{year:04d}{month:02d}"
    return f"{birth:%Y%m%d}{middle}{gender}{seq:03d}"


def agency_code() -> str:
    return f"12.73.OPD{next(_sequence):04d}"


def admin() -> Caller:
    return Caller(subject="admin", roles=frozenset({Role.PROVINCE_ADMIN}))


def operator(*agencies: str) -> Caller:
    return Caller(
        subject=f"operator-{'-'.join(agencies)}",
        roles=frozenset({Role.AGENCY_OPERATOR}),
        agencies=frozenset(agencies),
    )


def employee_caller(employee_nip: str) -> Caller:
    return Caller(subject=employee_nip, roles=frozenset({Role.EMPLOYEE}), nip=employee_nip)


def at(days_ago: float = 0.0) -> datetime:
    return datetime.now(UTC) - timedelta(days=days_ago)


def result_recorded(**fields: object) -> ResultRecorded:
    """A ResultRecorded event as the evaluation service would publish it."""
    from bangkom.platform.catalog import ResultRecorded

    evaluated_at = fields.pop("evaluated_at", at(days_ago=1))
    assert isinstance(evaluated_at, datetime)
    values: dict[str, object] = {
        "result_id": str(uuid.uuid4()),
        "nip": nip(),
        "agency_code": agency_code(),
        "competency_code": "M.05",
        "level": 2,
        "method": "assessment_center",
        "evaluated_at": evaluated_at,
        "period": evaluated_at.year,
        "method_rank": 6,
    }
    values.update(fields)
    return ResultRecorded(**values)  # type: ignore[arg-type]
