"""One row of a results file, checked cell by cell."""

from datetime import UTC, datetime

import pytest

from bangkom.evaluation.domain.imports import RowRejected, result_row
from tests import factories

NOW = datetime(2026, 11, 30, tzinfo=UTC)


def _row(**cells: str) -> dict[str, str]:
    return {
        "nip": factories.nip(),
        "competency_code": "M.01",
        "level": "3",
        "method": "cat",
        "evaluated_at": "2026-03-01",
        **cells,
    }


@pytest.mark.parametrize("column", ["nip", "competency_code", "level", "method", "evaluated_at"])
def test_an_empty_required_cell_is_reported_as_empty(column: str) -> None:
    with pytest.raises(RowRejected) as refused:
        result_row(2, _row(**{column: "  "}), now=NOW)

    assert (refused.value.column, refused.value.code, refused.value.reason) == (
        column,
        "empty",
        f"{column} kosong",
    )


def test_a_good_row_is_read_with_its_optional_cells() -> None:
    row = result_row(7, _row(level=" 4 ", method="360", assessor="UPT Penilaian"), now=NOW)

    assert (row.row, row.level, row.method.value, row.assessor, row.evidence) == (
        7,
        4,
        "360",
        "UPT Penilaian",
        None,
    )
    assert row.evaluated_at.utcoffset() is not None  # a bare date is read as WIB
