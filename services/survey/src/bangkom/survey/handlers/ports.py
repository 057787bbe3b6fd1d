"""What the handlers need from storage; adapters implement it."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Literal, Protocol

from bangkom.platform.db.uow import UnitOfWork
from bangkom.survey.domain.eligibility import Respondent
from bangkom.survey.domain.framework import Competency, PositionStandard
from bangkom.survey.domain.needs import AgencyNeeds
from bangkom.survey.domain.responses import Response, SupervisorRating
from bangkom.survey.domain.roster import Agency, Employee
from bangkom.survey.domain.satisfaction import Element, SatisfactionPeriod
from bangkom.survey.domain.satisfaction_report import PublicAnswer
from bangkom.survey.domain.surveys import Survey, SurveyStatus
from bangkom.survey.domain.tracking import Progress, UnitTally

# "update" for status changes, "share" while answering: a response and the close that
# aggregates can then never interleave.
Lock = Literal["none", "share", "update"]
Scope = frozenset[str] | None  # root agency codes; None = every agency


class AgencyStore(Protocol):
    async def get(self, code: str) -> Agency | None: ...

    async def save(self, agency: Agency) -> None: ...

    async def active(self, codes: Iterable[str]) -> set[str]:
        """Those of ``codes`` that are known and active."""
        ...


class EmployeeStore(Protocol):
    async def get(self, nip: str) -> Employee | None: ...

    async def save(self, employee: Employee) -> None: ...

    async def in_agency(self, agency_code: str, *, limit: int, offset: int) -> list[Employee]: ...

    async def active_within(self, agency_codes: Iterable[str]) -> list[Employee]: ...


class StandardStore(Protocol):
    async def get(self, position_code: str) -> PositionStandard | None: ...

    async def save(self, standard: PositionStandard) -> None: ...

    async def of_positions(self, position_codes: Iterable[str]) -> dict[str, PositionStandard]: ...

    async def within(self, agency_codes: Iterable[str]) -> list[PositionStandard]: ...


class CompetencyStore(Protocol):
    async def get(self, code: str) -> Competency | None: ...

    async def save(self, competency: Competency) -> None: ...

    async def many(self, codes: Iterable[str]) -> dict[str, Competency]: ...


class SurveyStore(Protocol):
    async def get(self, survey_id: str, *, lock: Lock = "none") -> Survey | None: ...

    async def add(self, survey: Survey) -> None: ...

    async def save(self, survey: Survey) -> None: ...

    async def visible(
        self,
        *,
        agencies: Scope,
        nip: str | None,
        status: SurveyStatus | None,
        period: str | None,
        limit: int,
        offset: int,
    ) -> list[Survey]: ...

    async def open_overlapping(self, agency_codes: Iterable[str]) -> list[Survey]: ...


class RespondentStore(Protocol):
    async def get(self, survey_id: str, nip: str, *, lock: bool = False) -> Respondent | None: ...

    async def add_many(self, respondents: list[Respondent]) -> None: ...

    async def save(self, respondent: Respondent) -> None: ...

    async def of_agency(self, survey_id: str, survey_agency: str) -> list[Respondent]: ...

    async def supervised_by(self, survey_id: str, supervisor_nip: str) -> list[Progress]: ...

    async def involves(self, survey_id: str, nip: str) -> bool: ...

    async def progress(
        self,
        survey_id: str,
        *,
        agencies: Scope,
        agency_code: str | None,
        answered: bool | None,
        limit: int,
        offset: int,
    ) -> list[Progress]: ...

    async def tally(self, survey_id: str, *, agencies: Scope) -> list[UnitTally]: ...


class ResponseStore(Protocol):
    async def get(self, survey_id: str, nip: str) -> Response | None: ...

    async def save(self, response: Response) -> None: ...

    async def of_agency(self, survey_id: str, survey_agency: str) -> dict[str, Response]: ...


class RatingStore(Protocol):
    async def get(self, survey_id: str, nip: str) -> SupervisorRating | None: ...

    async def save(self, rating: SupervisorRating) -> None: ...

    async def of_agency(
        self, survey_id: str, survey_agency: str
    ) -> dict[str, SupervisorRating]: ...


class NeedStore(Protocol):
    async def save(self, survey_id: str, needs: AgencyNeeds, aggregated_at: datetime) -> None: ...

    async def of_survey(
        self, survey_id: str, *, agencies: Scope
    ) -> list[tuple[AgencyNeeds, datetime]]: ...


class SatisfactionStore(Protocol):
    async def add_period(self, period: SatisfactionPeriod) -> None: ...

    async def period(self, period_id: str, *, lock: Lock = "none") -> SatisfactionPeriod | None: ...

    async def save_period(self, period: SatisfactionPeriod) -> None: ...

    async def periods(self, scope: Scope, unit_code: str | None) -> list[SatisfactionPeriod]: ...

    async def add_response(
        self,
        period_id: str,
        submission_id: str,
        ratings: Mapping[Element, int],
        respondent: Mapping[str, str],
        suggestion: str,
        at: datetime,
    ) -> bool: ...  # False: this submission was stored before

    async def ratings(self, period_id: str) -> list[dict[Element, int]]: ...

    async def answers(self, period_id: str) -> list[PublicAnswer]: ...


class SurveyUnitOfWork(UnitOfWork, Protocol):
    agencies: AgencyStore
    employees: EmployeeStore
    standards: StandardStore
    competencies: CompetencyStore
    surveys: SurveyStore
    respondents: RespondentStore
    responses: ResponseStore
    ratings: RatingStore
    needs: NeedStore
    satisfaction: SatisfactionStore
