"""Every topic of the system, declared once."""

from bangkom.platform.catalog.base import Topic

ROSTER = Topic(
    "bangkom.evaluation.roster.v1",
    "Roster of employees (ASN): agency, position, status. Compacted: the last event per NIP "
    "is the employee's current state.",
    key="NIP",
    compacted=True,
)
STANDARDS = Topic(
    "bangkom.evaluation.standards.v1",
    "Competency standard of each position (required level per competency), versioned. "
    "Compacted per position code.",
    key="position code",
    compacted=True,
)
RESULTS = Topic(
    "bangkom.evaluation.results.v1",
    "Assessment results: one competency of one employee at one level, with method and time.",
    key="NIP",
)
CATALOG = Topic(
    "bangkom.training.catalog.v1",
    "Training catalog: each course with the competencies it develops. Compacted per course code.",
    key="course code",
    compacted=True,
)
GAPS = Topic(
    "bangkom.recommendation.gaps.v1",
    "Competency gaps of one employee after each recalculation.",
    key="NIP",
)
PROPOSALS = Topic(
    "bangkom.recommendation.proposals.v1",
    "Training proposals and their lifecycle.",
    key="NIP",
)

ALL_TOPICS: tuple[Topic, ...] = (ROSTER, STANDARDS, RESULTS, CATALOG, GAPS, PROPOSALS)
