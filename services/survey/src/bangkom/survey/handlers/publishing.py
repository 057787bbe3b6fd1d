"""Domain objects as the events the survey service publishes (the one place that knows
both shapes)."""

from __future__ import annotations

from datetime import datetime

from bangkom.platform.catalog import NeedsAggregated, SurveyStatusChanged
from bangkom.platform.catalog.survey import Need as NeedPayload
from bangkom.survey.domain.needs import AgencyNeeds
from bangkom.survey.domain.surveys import Survey


def status_changed(survey: Survey, at: datetime) -> SurveyStatusChanged:
    return SurveyStatusChanged(
        survey_id=survey.id,
        title=survey.title,
        period=survey.period,
        agency_codes=list(survey.agency_codes),
        status=survey.status.value,
        changed_at=at,
    )


def needs_aggregated(survey: Survey, needs: AgencyNeeds, at: datetime) -> NeedsAggregated:
    return NeedsAggregated(
        survey_id=survey.id,
        agency_code=needs.agency_code,
        period=survey.period,
        headcount=needs.headcount,
        respondents=needs.respondents,
        needs=[
            NeedPayload(
                competency_code=n.competency_code,
                competency_name=n.competency_name,
                respondents=n.respondents,
                respondents_with_gap=n.respondents_with_gap,
                mean_importance=n.mean_importance,
                mean_gap=n.mean_gap,
                priority=n.priority,
                rank=n.rank,
                preferred_learning_mode=n.preferred_learning_mode,
            )
            for n in needs.needs
        ],
        aggregated_at=at,
    )
