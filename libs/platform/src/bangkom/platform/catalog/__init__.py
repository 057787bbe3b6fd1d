"""The event catalog: one Pydantic model per event type, shared by producers and consumers.

A breaking change is a new type with a new version suffix, never an edit.
"""

from bangkom.platform.catalog.audit import (
    AuditRecorded,
    CareerAuditRecorded,
    EvaluationAuditRecorded,
    RecommendationAuditRecorded,
    SurveyAuditRecorded,
    TrainingAuditRecorded,
)
from bangkom.platform.catalog.base import Event, PreparedEvent, Topic, event_class, event_types
from bangkom.platform.catalog.career import (
    DevelopmentPlanApproved,
    PerformanceRated,
    PotentialAssessed,
    SuccessionAlertRaised,
    SuccessionPoolChanged,
    TalentPlacementChanged,
)
from bangkom.platform.catalog.evaluation import (
    AgencyUpdated,
    EmployeeUpdated,
    FrameworkPublished,
    ResultRecorded,
    ResultsRecorded,
    StandardPublished,
    TechnicalCompetencyUpdated,
    TrainingEvaluationRecorded,
    TrainingEvaluationScheduled,
)
from bangkom.platform.catalog.recommendation import (
    GapsRecalculated,
    ProposalCreated,
    ProposalDecided,
    ProposalStatusChanged,
)
from bangkom.platform.catalog.survey import (
    NeedsAggregated,
    PublicSatisfactionPublished,
    SurveyStatusChanged,
)
from bangkom.platform.catalog.training import (
    CompletionRecorded,
    ComplianceFellBehind,
    CourseUpdated,
    EnrolmentChanged,
    EnrolmentRequestDeclined,
    SessionUpdated,
)

__all__ = [
    "AgencyUpdated",
    "AuditRecorded",
    "CareerAuditRecorded",
    "CompletionRecorded",
    "ComplianceFellBehind",
    "CourseUpdated",
    "DevelopmentPlanApproved",
    "EmployeeUpdated",
    "EnrolmentChanged",
    "EnrolmentRequestDeclined",
    "EvaluationAuditRecorded",
    "Event",
    "FrameworkPublished",
    "GapsRecalculated",
    "NeedsAggregated",
    "PerformanceRated",
    "PotentialAssessed",
    "PreparedEvent",
    "ProposalCreated",
    "ProposalDecided",
    "ProposalStatusChanged",
    "PublicSatisfactionPublished",
    "RecommendationAuditRecorded",
    "ResultRecorded",
    "ResultsRecorded",
    "SessionUpdated",
    "StandardPublished",
    "SuccessionAlertRaised",
    "SuccessionPoolChanged",
    "SurveyAuditRecorded",
    "SurveyStatusChanged",
    "TalentPlacementChanged",
    "TechnicalCompetencyUpdated",
    "Topic",
    "TrainingAuditRecorded",
    "TrainingEvaluationRecorded",
    "TrainingEvaluationScheduled",
    "event_class",
    "event_types",
]
