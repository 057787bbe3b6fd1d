"""When an employee may accept a proposal made for them without an operator of their
agency or their supervisor: a course that costs nothing and is followed at one's own
pace (e-learning, self-study) spends no budget and takes nobody away from work for
days, so nobody else's decision is needed. Anything else, and every rejection, stays
with those who decide."""

from __future__ import annotations

from bangkom.kernel.proposals import Course
from bangkom.recommendation.domain.lifecycle import Proposal, ProposalStatus

SELF_PACED_MODES = frozenset({"e_learning", "self_study"})


def self_acceptance_refusal(
    proposal: Proposal, course: Course | None, *, employee_nip: str | None, accept: bool = True
) -> str | None:
    """Why the employee ``employee_nip`` (None: the caller is not an employee) may not
    decide ``proposal`` themself, in Bahasa Indonesia; None when they may accept it.
    ``course`` is the catalog's course of the proposal (None: the catalog lacks it).
    Whether the proposal is still open is the lifecycle's question, not this one."""
    if employee_nip is None or employee_nip != proposal.nip:
        return "usulan diputuskan oleh operator instansi atau atasan pegawai"
    if not accept:
        return "penolakan usulan diputuskan oleh operator instansi atau atasan"
    if course is None or not course.published:
        return "pelatihan ini tidak ada lagi di katalog"
    if course.cost > 0:
        return "pelatihan berbayar diputuskan oleh operator instansi atau atasan"
    if course.mode not in SELF_PACED_MODES:
        return (
            "hanya pelatihan mandiri tanpa biaya (e-learning, belajar mandiri) yang dapat "
            "diterima sendiri"
        )
    return None


def self_acceptable(proposal: Proposal, course: Course | None, *, employee_nip: str | None) -> bool:
    """The employee may accept it now: still open, and theirs to accept."""
    return (
        proposal.status is ProposalStatus.PROPOSED
        and self_acceptance_refusal(proposal, course, employee_nip=employee_nip) is None
    )
