"""Who may accept a proposal without an operator or supervisor: the employee, for their
own open proposal of a free, self-paced course; nobody rejects that way."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest

from bangkom.kernel.proposals import Course, CourseStep
from bangkom.recommendation.domain.lifecycle import Proposal, ProposalStatus
from bangkom.recommendation.domain.self_acceptance import (
    self_acceptable,
    self_acceptance_refusal,
)

NIP = "198503152010012003"
COLLEAGUE = "199001012015031001"
AT = datetime(2026, 3, 2, tzinfo=UTC)
PROPOSAL = Proposal(
    id="P-1",
    nip=NIP,
    agency_code="12.73.BKPSDM",
    competency_code="M.05",
    course_code="EL-1",
    current_level=1,
    required_level=3,
    jp=8,
    score=25.0,
    reasons=("kesenjangan 2 level",),
    status=ProposalStatus.PROPOSED,
    created_at=AT,
    updated_at=AT,
)
FREE_ELEARNING = Course(
    code="EL-1",
    title="Pelayanan Publik daring",
    steps=(CourseStep("M.05", 1, 3),),
    jp=8,
    mode="e_learning",
    cost=0,
    published=True,
)


# (case, course, employee's NIP, accept, refused because ... or None: accepted)
CASES = [
    ("free e-learning, own", FREE_ELEARNING, NIP, True, None),
    ("free self-study, own", replace(FREE_ELEARNING, mode="self_study"), NIP, True, None),
    ("paid", replace(FREE_ELEARNING, cost=1), NIP, True, "berbayar"),
    ("classroom", replace(FREE_ELEARNING, mode="klasikal"), NIP, True, "mandiri"),
    ("blended", replace(FREE_ELEARNING, mode="blended"), NIP, True, "mandiri"),
    ("coaching", replace(FREE_ELEARNING, mode="coaching"), NIP, True, "mandiri"),
    ("retired", replace(FREE_ELEARNING, published=False), NIP, True, "katalog"),
    ("not in the catalog", None, NIP, True, "katalog"),
    ("a colleague's", FREE_ELEARNING, COLLEAGUE, True, "operator instansi atau atasan"),
    ("not an employee", FREE_ELEARNING, None, True, "operator instansi atau atasan"),
    ("rejecting one's own", FREE_ELEARNING, NIP, False, "penolakan"),
]


@pytest.mark.parametrize(
    ("course", "employee_nip", "accept", "refused"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_an_employee_accepts_only_their_own_free_self_paced_proposal(
    course: Course | None, employee_nip: str | None, accept: bool, refused: str | None
) -> None:
    refusal = self_acceptance_refusal(PROPOSAL, course, employee_nip=employee_nip, accept=accept)

    if refused is None:
        assert refusal is None
    else:
        assert refused in (refusal or "")


@pytest.mark.parametrize("status", [s for s in ProposalStatus if s is not ProposalStatus.PROPOSED])
def test_a_proposal_no_longer_open_is_not_self_acceptable(status: ProposalStatus) -> None:
    assert self_acceptable(PROPOSAL, FREE_ELEARNING, employee_nip=NIP)
    assert not self_acceptable(replace(PROPOSAL, status=status), FREE_ELEARNING, employee_nip=NIP)
