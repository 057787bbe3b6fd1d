"""The survey unit of work on SQL."""

from __future__ import annotations

from sqlmodel.ext.asyncio.session import AsyncSession

from bangkom.platform.catalog import SurveyAuditRecorded
from bangkom.platform.db.uow import SqlUnitOfWork
from bangkom.survey.adapters.answers import SqlRatingStore, SqlResponseStore
from bangkom.survey.adapters.campaigns import SqlNeedStore, SqlSurveyStore
from bangkom.survey.adapters.read_models import (
    SqlAgencyStore,
    SqlCompetencyStore,
    SqlEmployeeStore,
    SqlStandardStore,
)
from bangkom.survey.adapters.respondents import SqlRespondentStore
from bangkom.survey.adapters.satisfaction import SqlSatisfactionStore
from bangkom.survey.handlers.ports import (
    AgencyStore,
    CompetencyStore,
    EmployeeStore,
    NeedStore,
    RatingStore,
    RespondentStore,
    ResponseStore,
    SatisfactionStore,
    StandardStore,
    SurveyStore,
)


class SqlSurveyUnitOfWork(SqlUnitOfWork):
    AUDIT_EVENT = SurveyAuditRecorded
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

    def bind(self, session: AsyncSession) -> None:
        self.agencies = SqlAgencyStore(session)
        self.employees = SqlEmployeeStore(session)
        self.standards = SqlStandardStore(session)
        self.competencies = SqlCompetencyStore(session)
        self.surveys = SqlSurveyStore(session)
        self.respondents = SqlRespondentStore(session)
        self.responses = SqlResponseStore(session)
        self.ratings = SqlRatingStore(session)
        self.needs = SqlNeedStore(session)
        self.satisfaction = SqlSatisfactionStore(session)
