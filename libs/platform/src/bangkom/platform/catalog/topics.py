"""Every topic of the system, declared once: provisioning and the AsyncAPI document
read this. Reference data is compacted so that a new subscriber rebuilds its state
from the log."""

from bangkom.platform.catalog.base import Topic

# evaluation
AGENCIES = Topic(
    "bangkom.evaluation.agencies.v1",
    "Agencies as a hierarchy (province, regency/city, agency (OPD), unit). Compacted per code.",
    key="agency code",
    compacted=True,
)
FRAMEWORK = Topic(
    "bangkom.evaluation.framework.v1",
    "Competency dictionary and default required levels per position type, versioned; "
    "technical competencies per agency. Compacted per framework or competency code.",
    key="'framework' or technical competency code",
    compacted=True,
)
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
TRAINING_EVALUATIONS = Topic(
    "bangkom.evaluation.training-evaluations.v1",
    "Post-training evaluations (Kirkpatrick L1-L4): scheduled and recorded.",
    key="NIP",
)
# training
CATALOG = Topic(
    "bangkom.training.catalog.v1",
    "Training catalog: each course with the competencies it develops. Compacted per course code.",
    key="course code",
    compacted=True,
)
SESSIONS = Topic(
    "bangkom.training.sessions.v1",
    "Sessions (angkatan) of courses: dates, capacity, enrolment window. Compacted per session.",
    key="session code",
    compacted=True,
)
ENROLMENTS = Topic(
    "bangkom.training.enrolments.v1",
    "Enrolments: enrolled, waitlisted, promoted from the waitlist, cancelled.",
    key="NIP",
)
COMPLETIONS = Topic(
    "bangkom.training.completions.v1",
    "Completed training (from sessions or reported from outside) and the JP credited.",
    key="NIP",
)
COMPLIANCE = Topic(
    "bangkom.training.compliance.v1",
    "Agencies falling behind the pace needed to give every employee 20 JP this year.",
    key="agency code",
)
# survey
SURVEYS = Topic(
    "bangkom.survey.surveys.v1",
    "Training-needs survey campaigns: draft, open, closed.",
    key="survey id",
)
NEEDS = Topic(
    "bangkom.survey.needs.v1",
    "Aggregated training needs per agency and competency when a survey closes. Compacted per "
    "agency: the last event is the agency's current needs.",
    key="agency code",
    compacted=True,
)
PUBLIC_SATISFACTION = Topic(
    "bangkom.survey.public-satisfaction.v1",
    "The public's satisfaction with a service unit (SKM, PermenPANRB 14/2017): a closed "
    "period's IKM, grade and element scores. Compacted per unit and period.",
    key="unit code|period label",
    compacted=True,
)
# recommendation
GAPS = Topic(
    "bangkom.recommendation.gaps.v1",
    "Competency gaps of one employee after each recalculation.",
    key="NIP",
)
PROPOSALS = Topic(
    "bangkom.recommendation.proposals.v1",
    "Training proposals and their lifecycle (created, decided, enrolled, fulfilled, expired).",
    key="NIP",
)
# career
RATINGS = Topic(
    "bangkom.career.ratings.v1",
    "Yearly performance ratings (SKP predicate, PermenPANRB 6/2022) of employees, and "
    "optional potential-assessment scores.",
    key="NIP",
)
TALENT = Topic(
    "bangkom.career.talent.v1",
    "Nine-box placements (kinerja x potensi, PermenPANRB 3/2020): one event each time an "
    "employee's box, performance or potential class changes.",
    key="NIP",
)
SUCCESSION = Topic(
    "bangkom.career.succession.v1",
    "Succession pools of critical positions (the top ready candidates) and alerts when a "
    "pool is short of ready successors or loses a member. Keyed by target position.",
    key="position code",
)
DEVELOPMENT_PLANS = Topic(
    "bangkom.career.development-plans.v1",
    "Individual development plans (IDP) toward a target position, approved by the "
    "employee's supervisor: the courses that become training proposals.",
    key="NIP",
)

# every service: who changed what
_AUDIT = (
    "Audit trail of the {service} service: each change a person or system made through its "
    "API (who, what, when, the request, the fields before and after). Keyed by object."
)
EVALUATION_AUDIT = Topic(
    "bangkom.evaluation.audit.v1", _AUDIT.format(service="evaluation"), key="object key"
)
TRAINING_AUDIT = Topic(
    "bangkom.training.audit.v1", _AUDIT.format(service="training"), key="object key"
)
SURVEY_AUDIT = Topic("bangkom.survey.audit.v1", _AUDIT.format(service="survey"), key="object key")
RECOMMENDATION_AUDIT = Topic(
    "bangkom.recommendation.audit.v1", _AUDIT.format(service="recommendation"), key="object key"
)
CAREER_AUDIT = Topic("bangkom.career.audit.v1", _AUDIT.format(service="career"), key="object key")

ALL_TOPICS: tuple[Topic, ...] = (
    AGENCIES,
    FRAMEWORK,
    ROSTER,
    STANDARDS,
    RESULTS,
    TRAINING_EVALUATIONS,
    CATALOG,
    SESSIONS,
    ENROLMENTS,
    COMPLETIONS,
    COMPLIANCE,
    SURVEYS,
    NEEDS,
    PUBLIC_SATISFACTION,
    GAPS,
    PROPOSALS,
    RATINGS,
    TALENT,
    SUCCESSION,
    DEVELOPMENT_PLANS,
    EVALUATION_AUDIT,
    TRAINING_AUDIT,
    SURVEY_AUDIT,
    RECOMMENDATION_AUDIT,
    CAREER_AUDIT,
)
