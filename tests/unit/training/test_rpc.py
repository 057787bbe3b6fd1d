"""gRPC SearchCourses requests become catalog searches; bad ones name the field."""

import pytest

from bangkom.proto.training.v1 import training_pb2 as pb
from bangkom.training.entrypoints.rpc import InvalidArgument, search_criteria


def test_a_search_by_competency_and_levels_keeps_both_levels_and_defaults_to_published() -> None:
    criteria = search_criteria(
        pb.SearchCoursesRequest(competency_code="M.05", current_level=1, target_level=3)
    )

    assert (criteria.competency_code, criteria.level, criteria.target_level) == ("M.05", 1, 3)
    assert criteria.statuses == frozenset({"published"})
    assert (criteria.limit, criteria.offset) == (50, 0)


def test_an_unset_level_is_not_level_zero() -> None:
    criteria = search_criteria(pb.SearchCoursesRequest(competency_code="SK.01"))

    assert (criteria.level, criteria.target_level) == (None, None)


@pytest.mark.parametrize(
    ("request_", "field"),
    [
        (pb.SearchCoursesRequest(competency_code="M.9"), "competency_code"),
        (pb.SearchCoursesRequest(current_level=0), "current_level"),
        (pb.SearchCoursesRequest(target_level=6), "target_level"),
        (pb.SearchCoursesRequest(mode="webinar"), "mode"),
        (pb.SearchCoursesRequest(statuses=["archived"]), "statuses"),
        (pb.SearchCoursesRequest(page_size=501), "page_size"),
    ],
)
def test_an_invalid_search_names_the_field(request_: pb.SearchCoursesRequest, field: str) -> None:
    with pytest.raises(InvalidArgument, match=field):
        search_criteria(request_)
