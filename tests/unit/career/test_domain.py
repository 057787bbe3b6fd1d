"""The career domain: JPM to a target position, readiness, potential, the nine-box,
succession alerts and the plan's courses, on a worked example computed by hand."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bangkom.career.domain.ninebox import box_name
from bangkom.career.domain.performance import (
    PerformanceClass,
    Rating,
    SkpPredicate,
    latest,
    predicate_of,
)
from bangkom.career.domain.plans import draft_plan
from bangkom.career.domain.potential import (
    InvalidRule,
    PotentialClass,
    PotentialRule,
    potential,
)
from bangkom.career.domain.readiness import (
    DEFAULT_READINESS,
    Candidate,
    Readiness,
    ReadinessRule,
    ranked,
    readiness,
)
from bangkom.career.domain.succession import AlertReason, Member, alerts, pool_of
from bangkom.career.domain.talent import place
from bangkom.kernel.gaps import Requirement
from bangkom.kernel.jpm import match
from bangkom.kernel.proposals import Course, CourseStep

AT = datetime(2026, 6, 1, tzinfo=UTC)

# The target: Kepala Bidang Anggaran (administrator), five competencies at level 4, so
# sum(required) = 20 and JPM = met / 20 x 100 = met x 5.
TARGET = {"M.01": 4, "M.02": 4, "M.05": 4, "SK.01": 4, "T.KEU.01": 4}
# The candidates' own position: Kepala Subbidang (pengawas), every competency at 3. The
# potential rule (default target_step 1) aims at the managerial and socio-cultural ones
# one level up: M.01, M.02, M.05, SK.01 at 4, sum 16 (T.KEU.01 is technical: left out).
OWN = {"M.01": 3, "M.02": 3, "M.05": 3, "SK.01": 3, "T.KEU.01": 3}

EMPLOYEES = {
    #       M.01 M.02 M.05 SK.01 T.KEU.01 (None: never assessed)
    "ani": ({"M.01": 4, "M.02": 4, "M.05": 4, "SK.01": 4, "T.KEU.01": 4}, None, "Sangat Baik"),
    "budi": ({"M.01": 4, "M.02": 4, "M.05": 3, "SK.01": 4, "T.KEU.01": 4}, 70.0, "Baik"),
    "citra": ({"M.01": 4, "M.02": 3, "M.05": 3, "SK.01": 4, "T.KEU.01": 3}, None, "Baik"),
    "dedi": ({"M.01": 4, "M.02": 4, "M.05": 4, "SK.01": 4}, None, "Butuh Perbaikan"),
    "eka": ({"M.01": 3, "M.02": 3, "M.05": 3, "SK.01": 3, "T.KEU.01": 2}, 90.0, "Kurang"),
}


def _candidate(
    nip: str,
    box: int | None,
    rule: ReadinessRule = DEFAULT_READINESS,
    levels: dict[str, int] | None = None,
) -> Candidate:
    found = match(TARGET, EMPLOYEES[nip][0] if levels is None else levels)
    return Candidate(nip, "12.73", "KASUBBID", found, readiness(found, rule), box)


def _placed(nip: str) -> tuple[float | None, PotentialClass | None, int | None]:
    levels, assessment, predicate = EMPLOYEES[nip]
    placement = place(
        nip=nip,
        agency_code="12.73",
        position_code="KASUBBID",
        standard=OWN,
        levels=levels,
        rating=Rating(nip, 2025, predicate_of(predicate), AT),
        assessment=assessment,
        rule=PotentialRule(),
        at=AT,
    )
    return placement.potential_score, placement.potential, placement.box


def test_five_employees_jpm_readiness_and_nine_box_computed_by_hand() -> None:
    # JPM to the target = sum(min(level, 4)) / 20 x 100:
    #   ani   4+4+4+4+4 = 20 -> 100.0                 >= 90, all assessed: siap sekarang
    #   budi  4+4+3+4+4 = 19 ->  95.0                 >= 90, all assessed: siap sekarang
    #   citra 4+3+3+4+3 = 17 ->  85.0                 78 <= 85 < 90:       siap 1-2 tahun
    #   dedi  4+4+4+4+? = 16 ->  80.0 (T.KEU.01 unknown, a lower bound):  siap 1-2 tahun
    #   eka   3+3+3+3+2 = 14 ->  70.0                 < 78:                belum siap
    jpm = {nip: match(TARGET, levels).jpm for nip, (levels, _, _) in EMPLOYEES.items()}
    assert jpm == {"ani": 100.0, "budi": 95.0, "citra": 85.0, "dedi": 80.0, "eka": 70.0}
    assert match(TARGET, EMPLOYEES["dedi"][0]).unknown == 1
    classes = {nip: _candidate(nip, None).readiness for nip in EMPLOYEES}
    assert classes == {
        "ani": Readiness.READY_NOW,
        "budi": Readiness.READY_NOW,
        "citra": Readiness.READY_SOON,
        "dedi": Readiness.READY_SOON,
        "eka": Readiness.NOT_READY,
    }

    # Potential = sum(min(level, 4)) over M.01, M.02, M.05, SK.01 / 16 x 100, rounded to
    # one decimal; with an assessment score: 0.5 x that + 0.5 x the assessment.
    #   ani   16/16 = 100.0                                  >= 85: tinggi
    #   budi  15/16 = 93.75 -> 93.8; 0.5 x 93.8 + 0.5 x 70 = 81.9: menengah (70-85)
    #   citra 14/16 = 87.5                                   >= 85: tinggi
    #   dedi  16/16 = 100.0 (the unknown is technical: not in potential): tinggi
    #   eka   12/16 = 75.0; 0.5 x 75 + 0.5 x 90 = 82.5:       menengah
    # Kinerja: Sangat Baik -> di atas, Baik -> sesuai, Butuh Perbaikan/Kurang -> di bawah.
    # Boxes:  ani   di atas  x tinggi   = 9
    #         budi  sesuai   x menengah = 5
    #         citra sesuai   x tinggi   = 8
    #         dedi  di bawah x tinggi   = 6
    #         eka   di bawah x menengah = 3
    placed = {nip: _placed(nip) for nip in EMPLOYEES}
    assert placed == {
        "ani": (100.0, PotentialClass.HIGH, 9),
        "budi": (81.9, PotentialClass.MEDIUM, 5),
        "citra": (87.5, PotentialClass.HIGH, 8),
        "dedi": (100.0, PotentialClass.HIGH, 6),
        "eka": (82.5, PotentialClass.MEDIUM, 3),
    }
    assert box_name(9) == "Kinerja di atas ekspektasi dan potensial tinggi"
    assert box_name(3) == "Kinerja di bawah ekspektasi dan potensial menengah"

    # Ranked: ready now first, then 1-2 years, then not ready; by JPM within a class.
    order = ranked(_candidate(nip, placed[nip][2]) for nip in reversed(list(EMPLOYEES)))
    assert [c.nip for c in order] == ["ani", "budi", "citra", "dedi", "eka"]


def test_readiness_thresholds_are_configurable() -> None:
    # budi's 95.0 is ready now from 95, not from 96.
    assert _candidate("budi", None, ReadinessRule(95.0, 78.0)).readiness is Readiness.READY_NOW
    assert _candidate("budi", None, ReadinessRule(96.0, 78.0)).readiness is Readiness.READY_SOON
    # eka's 70.0 becomes ready in 1-2 years when that band starts at 70.
    assert _candidate("eka", None, ReadinessRule(90.0, 70.0)).readiness is Readiness.READY_SOON
    with pytest.raises(InvalidRule):
        ReadinessRule(ready_now_from=70.0, ready_soon_from=80.0)


def test_a_never_assessed_competency_keeps_a_high_jpm_from_ready_now() -> None:
    # M.01-M.08 at 5 and SK.01 at 4: sum 44. All M at 5, SK.01 never assessed:
    # 40 / 44 = 90.9, a lower bound; an assessment, not a course, decides: 1-2 years.
    standard = {f"M.0{i}": 5 for i in range(1, 9)} | {"SK.01": 4}
    found = match(standard, {f"M.0{i}": 5 for i in range(1, 9)})
    assert (found.jpm, found.unknown) == (90.9, 1)
    assert readiness(found) is Readiness.READY_SOON
    assert readiness(match(standard, {**standard, "SK.01": 3})) is Readiness.READY_NOW


def test_equal_readiness_and_jpm_rank_by_box_then_nip() -> None:
    same = EMPLOYEES["budi"][0]
    order = ranked(
        [
            _candidate("z", None, levels=same),
            _candidate("y", 5, levels=same),
            _candidate("x", 5, levels=same),
        ]
    )
    assert [c.nip for c in order] == ["x", "y", "z"]


def test_the_potential_rule_is_configurable_per_agency() -> None:
    levels = {"M.01": 4, "M.02": 3, "SK.01": 3, "T.X.01": 1}
    own = {"M.01": 3, "M.02": 3, "SK.01": 3, "T.X.01": 2}
    # Default: targets 4, 4, 4 -> (4 + 3 + 3) / 12 = 83.3 -> menengah.
    default = potential(own, levels, None)
    assert default is not None
    assert (default.score, default.potential_class) == (83.3, PotentialClass.MEDIUM)
    # target_step 0 (the own level): 9 / 9 = 100 -> tinggi.
    same_level = potential(own, levels, None, PotentialRule(target_step=0))
    assert same_level is not None
    assert same_level.potential_class is PotentialClass.HIGH
    # Weight 1: the assessment alone decides (60 -> rendah).
    weighted = potential(own, levels, 60.0, PotentialRule(assessment_weight=1.0))
    assert weighted is not None
    assert (weighted.score, weighted.potential_class) == (60.0, PotentialClass.LOW)
    # Thresholds: 83.3 is tinggi from 80.
    lower = potential(own, levels, None, PotentialRule(high_from=80.0, medium_from=60.0))
    assert lower is not None
    assert lower.potential_class is PotentialClass.HIGH
    # Nothing measured: not placed; only an assessment: the assessment.
    assert potential(own, {}, None) is None
    only = potential(own, {}, 72.0)
    assert only is not None
    assert (only.score, only.competency_score) == (72.0, None)
    for bad in ({"target_step": 5}, {"assessment_weight": 1.5}, {"medium_from": 90.0}):
        with pytest.raises(InvalidRule):
            PotentialRule(**bad)


def test_no_rating_or_no_potential_leaves_an_employee_unplaced() -> None:
    common = {
        "nip": "n",
        "agency_code": "12.73",
        "position_code": "P",
        "standard": OWN,
        "rule": PotentialRule(),
        "at": AT,
    }
    unrated = place(levels=EMPLOYEES["ani"][0], rating=None, assessment=None, **common)
    unmeasured = place(
        levels={}, rating=Rating("n", 2025, SkpPredicate.BAIK, AT), assessment=None, **common
    )
    assert (unrated.performance, unrated.potential, unrated.box) == (
        None,
        PotentialClass.HIGH,
        None,
    )
    assert (unmeasured.performance, unmeasured.box) == (PerformanceClass.MEETS, None)


def test_skp_predicates_as_people_write_them_and_the_latest_year_counts() -> None:
    assert predicate_of("Sangat Baik") is SkpPredicate.SANGAT_BAIK
    assert predicate_of(" butuh  perbaikan ") is SkpPredicate.BUTUH_PERBAIKAN
    assert predicate_of("sangat_kurang") is SkpPredicate.SANGAT_KURANG
    with pytest.raises(ValueError, match="unknown SKP predicate"):
        predicate_of("Istimewa")
    older = Rating("n", 2024, SkpPredicate.KURANG, AT)
    newer = Rating("n", 2025, SkpPredicate.BAIK, AT)
    assert latest([newer, older]) == newer
    corrected = Rating("n", 2025, SkpPredicate.SANGAT_BAIK, AT.replace(month=7))
    assert corrected.replaces(newer)
    assert not newer.replaces(corrected)


def _member(nip: str, readiness: Readiness, box: int | None = 8) -> Member:
    return Member(nip, 1, 90.0, readiness, box)


def test_a_pool_with_one_ready_successor_raises_the_alert_once() -> None:
    ranking = [_candidate("budi", 5), _candidate("citra", 8), _candidate("eka", 3)]
    pool = pool_of(ranking, size=5)
    # eka is belum siap: not in the pool; budi alone is ready now.
    assert [(m.nip, m.rank, m.readiness) for m in pool] == [
        ("budi", 1, Readiness.READY_NOW),
        ("citra", 2, Readiness.READY_SOON),
    ]
    raised = alerts(
        "KABID", [], pool, still_candidates={"budi", "citra"}, boxes_now={}, was_short=False
    )
    assert [a.reason for a in raised] == [AlertReason.TOO_FEW_READY]
    assert "hanya memiliki 1 suksesor siap sekarang" in raised[0].message
    again = alerts(
        "KABID",
        pool,
        pool,
        still_candidates={"budi", "citra"},
        boxes_now={"budi": 5, "citra": 8},
        was_short=True,
    )
    assert again == []


def test_a_member_who_leaves_or_drops_a_box_raises_an_alert() -> None:
    before = [
        _member("a", Readiness.READY_NOW, 9),
        _member("b", Readiness.READY_NOW, 8),
        _member("c", Readiness.READY_NOW, 8),
    ]
    after = [_member("a", Readiness.READY_NOW, 9), _member("c", Readiness.READY_NOW, 5)]
    raised = alerts(
        "KABID",
        before,
        after,
        still_candidates={"a", "c"},
        boxes_now={"a": 9, "c": 5},
        was_short=False,
    )
    assert [(a.reason, a.nip) for a in raised] == [
        (AlertReason.MEMBER_LEFT, "b"),
        (AlertReason.MEMBER_DROPPED_BOX, "c"),
    ]


def test_a_plan_closes_the_gaps_within_the_budget_and_lists_the_unknown_to_assess() -> None:
    requirements = {
        code: Requirement(code, f"Kompetensi {code}", level) for code, level in TARGET.items()
    }
    courses = [
        Course("PP-1", "Pelayanan Publik", (CourseStep("M.05", 3, 4),), 16, "klasikal", 0, True),
        Course("KS-1", "Kerjasama", (CourseStep("M.02", 3, 4),), 30, "klasikal", 0, True),
    ]
    # citra: open gaps M.02 (3 -> 4), M.05 (3 -> 4), T.KEU.01 (3 -> 4, no course); a 40 JP
    # budget takes one of the two courses (16 + 30 = 46 > 40).
    plan = draft_plan(
        requirements,
        EMPLOYEES["citra"][0],
        courses,
        completed_courses=frozenset(),
        jp_budget=40,
    )
    assert len(plan.items) == 1
    assert plan.items[0].jp <= 40
    assert plan.unknown_competencies == ()
    # dedi: T.KEU.01 never assessed -> to be assessed first, no course for it.
    dedi = draft_plan(
        requirements, EMPLOYEES["dedi"][0], courses, completed_courses=frozenset(), jp_budget=40
    )
    assert dedi.items == ()
    assert dedi.unknown_competencies == ("T.KEU.01",)
    # A completed course is not planned again.
    done = draft_plan(
        requirements,
        EMPLOYEES["citra"][0],
        courses,
        completed_courses=frozenset({"PP-1", "KS-1"}),
        jp_budget=100,
    )
    assert done.items == ()
