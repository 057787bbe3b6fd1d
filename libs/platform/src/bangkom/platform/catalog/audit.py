"""Audit events: one per change made through a service's API, on that service's audit
topic. Subscribers (a records office, a SIEM) get the same entries GET /audit shows."""

from __future__ import annotations

from typing import Any, ClassVar

from bangkom.platform.catalog import topics
from bangkom.platform.catalog.base import Event, Topic
from bangkom.platform.catalog.types import AwareDatetime


class AuditRecorded(Event):
    """Who changed what, when, in which request, and the fields before and after."""

    entry_id: str
    action: str
    object_type: str
    object_key: str
    agency_code: str | None = None
    actor_subject: str
    actor_roles: list[str]
    actor_agencies: list[str]
    request_id: str
    occurred_at: AwareDatetime
    changes: dict[str, dict[str, Any]]

    @property
    def key(self) -> str:
        return f"{self.object_type}:{self.object_key}"


class EvaluationAuditRecorded(AuditRecorded):
    """A change made through the evaluation service's API."""

    TYPE: ClassVar[str] = "id.go.bangkom.evaluation.audit.recorded.v1"
    TOPIC: ClassVar[Topic] = topics.EVALUATION_AUDIT
    SOURCE: ClassVar[str] = "/bangkom/evaluation"


class TrainingAuditRecorded(AuditRecorded):
    """A change made through the training service's API."""

    TYPE: ClassVar[str] = "id.go.bangkom.training.audit.recorded.v1"
    TOPIC: ClassVar[Topic] = topics.TRAINING_AUDIT
    SOURCE: ClassVar[str] = "/bangkom/training"


class SurveyAuditRecorded(AuditRecorded):
    """A change made through the survey service's API."""

    TYPE: ClassVar[str] = "id.go.bangkom.survey.audit.recorded.v1"
    TOPIC: ClassVar[Topic] = topics.SURVEY_AUDIT
    SOURCE: ClassVar[str] = "/bangkom/survey"


class RecommendationAuditRecorded(AuditRecorded):
    """A change made through the recommendation service's API."""

    TYPE: ClassVar[str] = "id.go.bangkom.recommendation.audit.recorded.v1"
    TOPIC: ClassVar[Topic] = topics.RECOMMENDATION_AUDIT
    SOURCE: ClassVar[str] = "/bangkom/recommendation"


class CareerAuditRecorded(AuditRecorded):
    """A change made through the career service's API."""

    TYPE: ClassVar[str] = "id.go.bangkom.career.audit.recorded.v1"
    TOPIC: ClassVar[Topic] = topics.CAREER_AUDIT
    SOURCE: ClassVar[str] = "/bangkom/career"
