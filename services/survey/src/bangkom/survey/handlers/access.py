"""Who may see and change which survey, and whose answers.

- Province admins and services: every survey.
- An operator sees a survey that touches their agencies (one of its agencies is theirs
  or below theirs, or is above theirs, like a city-wide survey for the operator of one
  OPD), but only their agencies' respondents, answers and needs; they revise, open and
  close only a survey whose every agency they manage.
- An employee sees the surveys they answer or whose respondents they supervise, answers
  only their own response, and rates only their own subordinates.
Out of scope looks the same as absent (404), except where the caller is known to be
acting on someone else's behalf without the right to (403).
"""

from __future__ import annotations

from bangkom.kernel.agencies import covers
from bangkom.platform.auth import Caller, Role
from bangkom.platform.errors import AccessDenied, NotFound
from bangkom.survey.domain.eligibility import Respondent
from bangkom.survey.domain.surveys import Survey, SurveyStatus
from bangkom.survey.handlers.ports import Lock, SurveyUnitOfWork


def touches(caller: Caller, survey: Survey) -> bool:
    scope = caller.agency_scope()
    if scope is None:
        return True
    return any(
        covers(root, agency) or covers(agency, root)
        for root in scope
        for agency in survey.agency_codes
    )


def manages(caller: Caller, survey: Survey) -> bool:
    return all(caller.may_manage_agency(agency) for agency in survey.agency_codes)


def require_agencies(caller: Caller, agency_codes: tuple[str, ...]) -> None:
    """The caller manages every one of ``agency_codes``."""
    foreign = sorted(a for a in set(agency_codes) if not caller.may_manage_agency(a))
    if foreign:
        raise AccessDenied(f"you do not manage agency {', '.join(foreign)}")


def is_self(caller: Caller, nip: str) -> bool:
    return Role.EMPLOYEE in caller.roles and caller.nip == nip


def supervises(caller: Caller, respondent: Respondent) -> bool:
    return Role.EMPLOYEE in caller.roles and respondent.is_supervised_by(caller.nip)


async def visible_survey(
    uow: SurveyUnitOfWork, caller: Caller, survey_id: str, *, lock: Lock = "none"
) -> Survey:
    survey = await uow.surveys.get(survey_id, lock=lock)
    if survey is not None:
        if touches(caller, survey):
            return survey
        if (
            caller.nip is not None
            and Role.EMPLOYEE in caller.roles
            and survey.status is not SurveyStatus.DRAFT
            and await uow.respondents.involves(survey.id, caller.nip)
        ):
            return survey
    raise NotFound(f"survey {survey_id} not found")


async def managed_survey(
    uow: SurveyUnitOfWork, caller: Caller, survey_id: str, *, lock: Lock = "none"
) -> Survey:
    survey = await visible_survey(uow, caller, survey_id, lock=lock)
    if not manages(caller, survey):
        raise AccessDenied(
            f"survey {survey_id} covers {', '.join(survey.agency_codes)}; "
            "you do not manage all of them"
        )
    return survey
