"""The event catalog: one Pydantic model per event type, shared by producers and consumers.

A breaking change is a new type with a new version suffix, never an edit.
"""

from bangkom.platform.catalog.base import Event, Topic, event_class, event_types
from bangkom.platform.catalog.evaluation import EmployeeUpdated, ResultRecorded, StandardPublished
from bangkom.platform.catalog.recommendation import GapsRecalculated, ProposalCreated
from bangkom.platform.catalog.training import CourseUpdated

__all__ = [
    "CourseUpdated",
    "EmployeeUpdated",
    "Event",
    "GapsRecalculated",
    "ProposalCreated",
    "ResultRecorded",
    "StandardPublished",
    "Topic",
    "event_class",
    "event_types",
]
