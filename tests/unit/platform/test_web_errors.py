"""The error body's machine code and field names."""

import pytest

from bangkom.platform.web.errors import code_of, field_name


class InvalidNip(ValueError):
    pass


class SurveyStateError(Exception):
    pass


class HTTPThing(Exception):
    pass


@pytest.mark.parametrize(
    ("error", "code"),
    [
        (InvalidNip, "invalid_nip"),
        (SurveyStateError, "survey_state_error"),
        (HTTPThing, "http_thing"),
    ],
)
def test_a_domain_error_is_coded_by_its_class_name_in_snake_case(
    error: type[Exception], code: str
) -> None:
    assert code_of(error) == code


@pytest.mark.parametrize(
    ("error", "field"),
    [
        ({"type": "missing", "loc": ("body", "level")}, "body.level"),
        ({"type": "less_than_equal", "loc": ("query", "limit")}, "query.limit"),
        (
            {"type": "greater_than", "loc": ("body", "answers", 0, "importance")},
            "body.answers[0].importance",
        ),
        ({"type": "json_invalid", "loc": ("body", 12)}, "body"),
    ],
)
def test_a_field_that_did_not_validate_is_named_by_where_it_is(
    error: dict[str, object], field: str
) -> None:
    assert field_name(error) == field
