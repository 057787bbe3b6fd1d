from datetime import datetime, timedelta, timezone
from enum import StrEnum

from bangkom.platform.catalog import PreparedEvent, ResultRecorded


class Method(StrEnum):
    CAT = "cat"


def test_an_event_prepared_from_values_is_the_event_those_values_make() -> None:
    at = datetime(2026, 1, 1, 6, tzinfo=timezone(timedelta(hours=7)))
    values = {
        "result_id": "r-1",
        "nip": "198503152010012003",
        "agency_code": "12.73.BKPSDM",
        "competency_code": "M.05",
        "level": 3,
        "method": Method.CAT,
        "evaluated_at": at,
        "period": 2026,
        "method_rank": 3,
    }

    prepared = PreparedEvent.of_values(ResultRecorded, "198503152010012003", values)

    assert prepared.event() == ResultRecorded.model_validate(values)
    assert prepared.subject == prepared.key == "198503152010012003"
    assert prepared.event().evaluated_at.utcoffset() == timedelta(hours=7)  # type: ignore[attr-defined]
