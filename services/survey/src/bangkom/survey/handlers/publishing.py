"""Domain objects as the events the survey service publishes (the one place that knows
both shapes)."""

from __future__ import annotations

from datetime import datetime

from bangkom.platform.catalog import (
    NeedsAggregated,
    PublicSatisfactionPublished,
    SurveyStatusChanged,
)
from bangkom.platform.catalog.survey import Need as NeedPayload
from bangkom.survey.domain.needs import AgencyNeeds
from bangkom.survey.domain.satisfaction import (
    SatisfactionPeriod,
    SatisfactionScore,
    required_sample,
)
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


def public_satisfaction_published(
    period: SatisfactionPeriod, score: SatisfactionScore
) -> PublicSatisfactionPublished:
    assert period.closed_at is not None
    return PublicSatisfactionPublished(
        period_id=period.id,
        unit_code=period.unit_code,
        period=period.label,
        respondents=score.respondents,
        population=period.population,
        sample_sufficient=score.respondents >= required_sample(period.population),
        ikm=round(float(score.ikm), 4),
        converted=round(float(score.converted), 2),
        spread=round(score.spread, 4) if score.spread is not None else None,
        grade=score.grade.value,
        elements={e.element.value: round(float(e.nrr), 4) for e in score.elements},
        closed_at=period.closed_at,
    )
