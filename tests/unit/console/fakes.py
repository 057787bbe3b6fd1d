"""The services' APIs as the console's unit tests see them: one agency's world in
memory, seen with a token (only ``visible`` NIPs exist), and the helpers that sign a
person in and read a form's CSRF token."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import httpx

from bangkom.console.config import ConsoleSettings
from bangkom.console.domain.navigation import STAFF
from bangkom.console.entrypoints.web.app import create_web
from bangkom.console.handlers.ports import (
    AnswerRefused,
    Json,
    NotAuthorised,
    Refused,
    ServiceUnavailable,
    SessionExpired,
)
from bangkom.console.handlers.viewer import Viewer
from tests import factories

OWN = factories.nip()
OTHER = factories.nip()


class FakeApis:
    """One agency's APIs as seen with a token: only ``visible`` NIPs exist. Seen by an
    employee (``viewer``), a decision is their own acceptance, which recommendation
    allows only where the proposal says ``self_acceptable``."""

    def __init__(self, world: dict[str, Any], viewer: Viewer | None = None) -> None:
        self.visible, self.down, self.world = world["visible"], world["down"], world
        self.viewer = viewer

    async def agency_proposals(self, status: str | None) -> list[Json]:
        if "recommendation" in self.down:
            raise ServiceUnavailable("recommendation")
        return [p for p in self.world["proposals"] if status in (None, p["status"])]

    async def decide(self, proposal_id: str, *, accept: bool, reason: str | None) -> Json:
        [proposal] = [p for p in self.world["proposals"] if p["id"] == proposal_id]
        if self.viewer and not self.viewer.roles & STAFF:
            if proposal["nip"] != self.viewer.nip:
                raise NotAuthorised(proposal_id)  # 404: not theirs to see
            if not (accept and proposal.get("self_acceptable")):
                raise NotAuthorised(proposal_id)  # 403: the deciders'
        if proposal["status"] != "proposed":
            raise Refused("Keadaan data saat ini tidak mengizinkan permintaan ini")
        proposal["status"] = "accepted" if accept else "rejected"
        proposal["status_reason"] = reason
        proposal["self_acceptable"] = False  # decided: open to nobody
        return proposal

    async def heatmap(self, agency_code: str | None, depth: int | None) -> Json:
        self.world["heatmaps"].append((agency_code, depth))
        if "recommendation" in self.down:
            raise ServiceUnavailable("recommendation")
        cell = {
            "competency_code": "M.05",
            "mean_gap": 0.75,
            "percent_meeting": 62.5,
            "employees": 8,
        }
        return {
            "agencies": [{"agency_code": "12.73.BKPSDM", "employees": 8, "competencies": [cell]}]
        }

    async def compliance(self, agency_code: str | None, depth: int | None) -> Json:
        self.world["compliances"].append((agency_code, depth))
        return {
            "year": 2026,
            "agencies": [
                {
                    "agency_code": "12.73.BKPSDM",
                    "employees": 8,
                    "percent_compliant": 37.5,
                    "below_target": 5,
                    "jp_missing": 61,
                }
            ],
        }

    async def pending_proposals(self) -> int:
        return 3

    async def overdue_evaluations(self) -> tuple[int, bool]:
        return 100, True

    async def running_imports(self) -> list[Json]:
        return [
            {
                "id": "J-7",
                "filename": "pegawai <baru>.xlsx",
                "status": "running",
                "rows_read": 12000,
            }
        ]

    async def jpm(self, agency_code: str | None, depth: int | None) -> list[Json]:
        if "recommendation" in self.down:
            raise ServiceUnavailable("recommendation")
        bands = {"optimal": 2, "cukup_optimal": 3, "kurang_optimal": 1}
        return [
            {
                "agency_code": "12.73.BKPSDM",
                "employees": 8,
                "mean_jpm": 81.25,
                "bands": bands,
                "not_assessed": 2,
            }
        ]

    async def jp_pace(self, agency_code: str | None) -> list[Json]:
        if "training" in self.down:
            raise ServiceUnavailable("training")
        return [
            {
                "agency_code": "12.73.BKPSDM",
                "jp_toward_target": 40,
                "expected_jp_to_date": 146.3,
                "behind_pace": True,
            }
        ]

    async def upload_import(self, kind: str, filename: str, content: bytes) -> Json:
        self.world["uploaded"].append((kind, filename, content))
        return {"id": "J-1"}

    async def import_job(self, job_id: str) -> Json:
        if job_id != "J-1":
            raise NotAuthorised(job_id)
        return {
            "id": "J-1",
            "kind": "roster",
            "filename": "pegawai.xlsx",
            "status": "done",
            "rows_read": 3,
            "rows_stored": 2,
            "rows_unchanged": 0,
            "rows_rejected": 1,
            "failure": None,
        }

    async def import_errors(self, job_id: str) -> list[Json]:
        return [{"row": 3, "column": "nip", "code": "nip_length", "reason": "NIP harus 18 angka"}]

    async def record_result(self, result: Json) -> Json:
        self._check("evaluation", result["nip"])
        self.world["recorded"].append(result)
        return result

    # Evaluasi: post-training evaluations of the agency, by id.
    async def training_evaluations(self, status: str | None) -> list[Json]:
        if "evaluation" in self.down:
            raise ServiceUnavailable("evaluation")
        found = self.world["evaluations"].values()
        return [e for e in found if status in (None, e["status"])]

    async def training_evaluation(self, evaluation_id: str) -> Json:
        if "evaluation" in self.down:
            raise ServiceUnavailable("evaluation")
        found = self.world["evaluations"].get(evaluation_id)
        if found is None or found["nip"] not in self.visible:
            raise NotAuthorised(evaluation_id)
        return dict(found)

    async def record_training_evaluation(
        self, evaluation_id: str, level: int, record: Json
    ) -> Json:
        evaluation = self.world["evaluations"][evaluation_id]
        at = "2026-12-05T09:00:00+07:00"
        evaluation["records"].append({"level": level, "recorded_at": at, **record})
        return dict(evaluation)

    # Kamus dan standar: two versions of the dictionary, one position.
    def _evaluation(self) -> None:
        if "evaluation" in self.down:
            raise ServiceUnavailable("evaluation")

    async def framework(self, version: int | None) -> Json:
        self._evaluation()
        if version not in (None, 1, 2):
            raise NotAuthorised(str(version))
        levels = {str(n): f"Uraian level {n}" for n in range(1, 6)}
        competencies = [
            {"code": "SK.01", "name": "Perekat Bangsa", "group": "sosial_kultural"},
            {"code": "M.05", "name": "Pelayanan Publik", "group": "manajerial"},
        ]
        for competency in competencies:
            competency |= {"agency_code": None, "description": "Uraian", "levels": levels}
        defaults = {"pengawas": {"M.05": 3, "SK.01": 3}, "jpt_pratama": {"M.05": 4}}
        return {
            "version": version or 2,
            "published_at": "2026-12-05T09:00:00+07:00",
            "note": "Penyesuaian standar pengawas",
            "competencies": competencies,
            "position_type_defaults": defaults,
        }

    async def preview_framework(self, body: Json) -> Json:
        self._evaluation()
        self.world["previewed"].append(body)
        if body["position_type_defaults"].get("pengawas", {}).get("M.05") == 1:
            raise Refused("Masukan tidak valid: level 1 di bawah batas jabatan pengawas")
        position = {"code": "12.73.BKPSDM-PENGAWAS", "name": "Kasubbag <Umum>"}
        return {
            "version": 3,
            "positions": [position | {"agency_code": "12.73.BKPSDM", "employees": 1234}],
            "employees": 1234,
        }

    async def publish_framework(self, body: Json) -> Json:
        self._evaluation()
        self.world["published"].append(body)
        return {"version": 3}

    async def framework_versions(self) -> list[Json]:
        self._evaluation()
        at = "2026-01-05T09:00:00+07:00"
        return [{"version": 1, "published_at": at}, {"version": 2, "published_at": at}]

    async def technical_competencies(self) -> list[Json]:
        self._evaluation()
        return []

    async def positions(self, offset: int) -> Json:
        self._evaluation()
        position = {"code": "BKPSDM-KASUBBAG", "name": "Kepala Subbagian Umum"}
        position |= {"agency_code": "12.73.BKPSDM", "position_type": "pengawas"}
        position |= {"overrides": {"M.05": 4}, "technical": {}, "standard_version": 3}
        position |= {"standard": {"M.05": 4, "SK.01": 3}, "framework_version": 2}
        return {"items": [position], "next_offset": None}

    # Katalog: one course with one open session of two seats.
    def _training(self) -> None:
        if "training" in self.down:
            raise ServiceUnavailable("training")

    async def courses(self, search: Json, offset: int) -> Json:
        self._training()
        self.world["searches"].append(search)
        items = [c for c in self.world["courses"] if search.get("q", "") in c["title"]]
        return {"items": items, "total": len(items), "next_offset": None}

    async def course(self, code: str) -> Json:
        self._training()
        for found in self.world["courses"]:
            if found["code"] == code:
                return dict(found)
        raise NotAuthorised(code)

    async def sessions(self, course_code: str) -> list[Json]:
        self._training()
        taken = len([e for e in self.world["enrolments"] if e["status"] == "enrolled"])
        session = {"code": "PP-1-01", "course_code": "PP-1", "batch": 1, "capacity": 2}
        session |= {"starts_on": "2026-12-14", "ends_on": "2026-12-16", "location": "Aula"}
        session |= {"online_url": None, "status": "open", "enrolled": taken}
        session |= {"seats_left": 2 - taken, "waitlisted": len(self.world["enrolments"]) - taken}
        return [session]

    async def enrolments(self, course_code: str) -> list[Json]:
        self._training()
        return list(self.world["enrolments"])

    async def enrol(self, session_code: str, nip: str) -> Json:
        self._training()
        if nip not in self.visible:
            raise NotAuthorised(nip)
        queue = len(self.world["enrolments"]) + 1
        enrolment = {"id": f"E-{queue}", "nip": nip, "session_code": session_code}
        enrolment |= {"status": "enrolled" if queue <= 2 else "waitlisted", "queue_number": queue}
        self.world["enrolments"].append(enrolment)
        return enrolment

    async def complete(self, enrolment_id: str, outcome: str) -> Json:
        self._training()
        [enrolment] = [e for e in self.world["enrolments"] if e["id"] == enrolment_id]
        jp = 0 if outcome == "failed" else 24
        self.world["completed"].append((enrolment_id, outcome))
        return {"nip": enrolment["nip"], "jp_credited": jp, "outcome": outcome}

    # Survei kebutuhan: a survey is ``visible`` to its agency's staff and respondents.
    def _survey(self, survey_id: str) -> Json:
        if "survey" in self.down:
            raise ServiceUnavailable("survey")
        found = self.world["surveys"].get(survey_id)
        if found is None:
            raise NotAuthorised(survey_id)
        return dict(found)

    async def surveys(self, status: str | None) -> list[Json]:
        if "survey" in self.down:
            raise ServiceUnavailable("survey")
        return [s for s in self.world["surveys"].values() if status in (None, s["status"])]

    async def survey(self, survey_id: str) -> Json:
        return {**self._survey(survey_id), "questionnaire": [], "respondents_preview": 8}

    async def plan_survey(self, campaign: Json) -> Json:
        survey = {**campaign, "id": f"S-{len(self.world['surveys']) + 1}", "status": "draft"}
        survey |= {"opened_at": None, "closed_at": None}
        self.world["surveys"][survey["id"]] = survey
        return survey

    async def _move(self, survey_id: str, before: str, after: str) -> Json:
        survey = self.world["surveys"][self._survey(survey_id)["id"]]
        if survey["status"] != before:
            raise Refused("Keadaan survei saat ini tidak mengizinkan permintaan ini")
        survey["status"] = after
        return dict(survey)

    async def open_survey(self, survey_id: str) -> Json:
        return await self._move(survey_id, "draft", "open")

    async def close_survey(self, survey_id: str) -> Json:
        return await self._move(survey_id, "open", "closed")

    async def survey_tracking(self, survey_id: str) -> Json | None:
        self._survey(survey_id)
        answered = len(self.world["responses"])
        tally = {"agency_code": "12.73.BKPSDM", "eligible": 8, "answered": answered, "rated": 0}
        tally |= {"without_standard": 0, "response_rate": answered / 8}
        return {
            "eligible": 8,
            "answered": answered,
            "response_rate": answered / 8,
            "agencies": [tally],
        }

    async def survey_waiting(self, survey_id: str) -> tuple[list[Json], bool]:
        self._survey(survey_id)
        waiting = {"nip": OTHER, "name": "Budi Lubis", "agency_code": "12.73.BKPSDM"}
        return [waiting], False

    async def survey_needs(self, survey_id: str) -> Json | None:
        if self._survey(survey_id)["status"] != "closed":
            return None
        need = {
            "rank": 1,
            "competency_code": "M.05",
            "competency_name": "Pelayanan Publik",
            "respondents": 1,
            "respondents_with_gap": 1,
            "mean_importance": 5.0,
            "mean_gap": 1.0,
            "share_with_gap": 1.0,
            "priority": 5.0,
            "preferred_learning_mode": "klasikal",
            "learning_modes": {"klasikal": 1},
        }
        agency = {
            "agency_code": "12.73.BKPSDM",
            "headcount": 8,
            "respondents": 1,
            "aggregated_at": "2026-12-05T09:00:00+07:00",
            "needs": [need],
        }
        return {"survey_id": survey_id, "agencies": [agency]}

    async def survey_needs_xlsx(self, survey_id: str) -> bytes:
        self._survey(survey_id)
        return b"PK-needs"

    async def survey_form(self, survey_id: str, nip: str) -> Json:
        survey = self._survey(survey_id)
        if nip not in self.visible | self._subordinate_nips:
            raise NotAuthorised(nip)
        competency = {
            "competency_code": "M.05",
            "competency_name": "Pelayanan Publik",
            "group": "manajerial",
            "description": "Melayani masyarakat",
            "levels": {"1": "Dasar", "3": "Menengah"},
            "required_level": 3,
        }
        extra = {
            "id": "Q1",
            "text": "Pelatihan apa yang Anda butuhkan?",
            "kind": "text",
            "required": True,
        }
        return {
            "survey_id": survey_id,
            "survey_status": survey["status"],
            "respondent": {"nip": nip, "name": f"Pegawai {nip[-4:]}"},
            "competencies": [competency],
            "extra_questions": [extra],
            "answered_at": None,
            "rated_at": None,
        }

    async def survey_response(self, survey_id: str, nip: str) -> Json | None:
        found: Json | None = self.world["responses"].get((survey_id, nip))
        return found

    async def answer_survey(self, survey_id: str, nip: str, response: Json) -> Json:
        if self._survey(survey_id)["status"] != "open":
            raise Refused("Survei tidak sedang dibuka")
        answered = {**response, "answered_at": "2026-12-05T09:00:00+07:00"}
        self.world["responses"][(survey_id, nip)] = answered
        return answered

    @property
    def _subordinate_nips(self) -> set[str]:
        return {s["nip"] for s in self.world["subordinates"]}

    async def subordinates(self, survey_id: str) -> list[Json]:
        self._survey(survey_id)
        return list(self.world["subordinates"])

    async def supervisor_rating(self, survey_id: str, nip: str) -> Json | None:
        found: Json | None = self.world["ratings"].get((survey_id, nip))
        return found

    async def rate_subordinate(self, survey_id: str, nip: str, rating: Json) -> Json:
        if nip not in self._subordinate_nips:
            raise NotAuthorised(nip)
        rated = {**rating, "rated_at": "2026-12-05T10:00:00+07:00"}
        self.world["ratings"][(survey_id, nip)] = rated
        return rated

    def _check(self, service: str, nip: str) -> None:
        if self.world.get("token_refused"):
            raise SessionExpired(service)
        if service in self.down:
            raise ServiceUnavailable(service)
        if nip not in self.visible:
            raise NotAuthorised(nip)

    async def roster(self, search: str, offset: int) -> Json:
        if self.world.get("token_refused"):
            raise SessionExpired("evaluation")
        self._evaluation()
        self.world["roster_searches"].append((search, offset))
        people = [
            {"nip": nip, "name": name, "agency_code": "12.73.BKPSDM", "position_code": "P-1"}
            | {"employment_type": "PNS", "active": True}
            for nip, name in ((OWN, "Siti Aminah"), (OTHER, "Budi Siregar"))
            if nip in self.visible
        ]
        found = [p for p in people if search.lower() in p["name"].lower() or p["nip"] == search]
        return {"items": found, "next_offset": 20 if len(found) > 1 else None}

    async def personal_data(self, nip: str) -> dict[str, Json]:
        services = ("evaluation", "training", "survey", "recommendation", "career")
        for service in services:
            self._check(service, nip)
        return {
            service: {"service": service, "nip": nip, "tables": {"employee": [{"nip": nip}]}}
            for service in services
        }

    async def employee(self, nip: str) -> Json:
        self._check("evaluation", nip)
        return {
            "nip": nip,
            "name": "Siti Aminah",
            "agency_code": "12.73.BKPSDM",
            "position_code": "P-1",
            "employment_type": "PNS",
            "active": True,
        }

    async def gaps(self, nip: str) -> Json | None:
        self._check("recommendation", nip)
        return {
            "gaps": [
                {
                    "competency_code": "M.05",
                    "competency_name": "Pelayanan Publik",
                    "required_level": 3,
                    "current_level": None,
                }
            ]
        }

    async def proposals(self, nip: str) -> list[Json]:
        self._check("recommendation", nip)
        return [p for p in self.world["proposals"] if p["nip"] == nip]

    async def ledger(self, nip: str) -> Json | None:
        self._check("training", nip)
        return {
            "total_jp": 12,
            "target_jp": 20,
            "missing_jp": 8,
            "meets_target": False,
            "entries": [],
        }

    async def satisfaction_periods(self) -> list[Json]:
        if "survey" in self.down:
            raise ServiceUnavailable("survey")
        return [p for p in self.world["periods"].values() if p["unit_code"] == "12.73.BKPSDM"]

    async def satisfaction_period(self, period_id: str) -> Json:
        found = self.world["periods"].get(period_id)
        if found is None or found["unit_code"] != "12.73.BKPSDM":
            raise NotAuthorised(period_id)
        return dict(found)

    async def satisfaction_report(self, period_id: str) -> Json:
        period = await self.satisfaction_period(period_id)
        score = {
            "respondents": 4,
            "required_sample": 278,
            "warning": "Sampel belum memadai: 4 dari minimal 278 responden",
            "ikm": 3.0,
            "converted": 75.0,
            "grade": "C",
            "grade_name": "Kurang Baik",
            "elements": [
                {"element": e, "name": n, "nrr": 3.0, "weighted": 0.333}
                for e, n in SKM_ELEMENTS.items()
            ],
        }
        group = {"characteristic": "gender", "characteristic_name": "Jenis kelamin"}
        return {
            "period": {**period, "score": score},
            "groups": [
                group
                | {
                    "group": "<i>perempuan</i>",
                    "respondents": 2,
                    "share": 0.5,
                    "ikm": 87.5,
                    "grade": "B",
                }
            ],
            "periods": [
                {
                    "label": period["label"],
                    "status": "closed",
                    "respondents": 4,
                    "ikm": 75.0,
                    "grade": "C",
                }
            ],
            "suggestions": 1,
        }

    async def satisfaction_report_file(self, period_id: str, kind: str) -> bytes:
        await self.satisfaction_period(period_id)
        self.world["report_files"].append(kind)
        return b"PK-skm" if kind == "xlsx" else b"No,Unsur pelayanan\r\n"


def proposal(proposal_id: str) -> Json:
    return {
        "id": proposal_id,
        "nip": OWN,
        "competency_code": "M.05",
        "course_code": "PP-1",
        "current_level": 1,
        "required_level": 3,
        "jp": 24,
        "reasons": ["Kesenjangan 2 level pada Pelayanan Publik"],
        "status": "proposed",
        "status_reason": None,
        "created_at": "2026-12-05T09:00:00+07:00",
        "self_acceptable": False,
    }


def form_token(page: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert found
    return found.group(1)


def course(code: str, title: str) -> Json:
    return {
        "code": code,
        "title": title,
        "competencies": [{"competency_code": "M.05", "level_from": 1, "level_to": 3}],
        "jp": 24,
        "mode": "klasikal",
        "provider": "BPSDM Provinsi Sumatera Utara",
        "cost": 1500000,
        "status": "published",
        "prerequisites": [],
    }


def training_evaluation(evaluation_id: str, nip: str) -> Json:
    return {
        "id": evaluation_id,
        "completion_id": f"C-{evaluation_id}",
        "nip": nip,
        "agency_code": "12.73.BKPSDM",
        "course_code": "PP-1",
        "competencies": ["M.05"],
        "completed_at": "2026-09-01T12:00:00+07:00",
        "due_at": "2026-12-01T12:00:00+07:00",
        "status": "due",
        "records": [],
    }


def new_world() -> dict[str, Any]:
    return {
        "visible": {OWN},
        "down": set(),
        "minted": [],
        "recorded": [],
        "uploaded": [],
        "heatmaps": [],
        "compliances": [],
        "proposals": [proposal("P-1"), proposal("P-2"), proposal("P-3")],
        "surveys": {},
        "roster_searches": [],
        "courses": [course("PP-1", "Pelayanan Publik Prima")],
        "searches": [],
        "enrolments": [],
        "completed": [],
        "evaluations": {
            "T-1": training_evaluation("T-1", OWN),
            "T-2": training_evaluation("T-2", OTHER),
        },
        "responses": {},
        "previewed": [],
        "published": [],
        "subordinates": [],
        "ratings": {},
        "periods": {},  # SKM periods by id, as the public API gives them
        "public_answers": [],  # (period id, visitor, answer) the public sent
        "public_refusal": None,  # (status, retry_after) the survey answers, when set
        "report_files": [],  # the SKM report files asked for
    }


def skm_period(period_id: str, unit_code: str = "12.73.BKPSDM", status: str = "open") -> Json:
    """An SKM period as the public API shows it (the nine elements by name)."""
    return {
        "id": period_id,
        "unit_code": unit_code,
        "label": "2026-2",
        "status": status,
        "opened_at": "2026-07-01T08:00:00+07:00",
        "elements": dict(SKM_ELEMENTS),
        "ikm": None,
        "grade": None,
        "grade_name": None,
    }


SKM_ELEMENTS = {
    "persyaratan": "Persyaratan",
    "sistem_mekanisme_prosedur": "Sistem, mekanisme dan prosedur",
    "waktu_penyelesaian": "Waktu penyelesaian",
    "biaya_tarif": "Biaya/tarif",
    "produk_spesifikasi_jenis_pelayanan": "Produk spesifikasi jenis pelayanan",
    "kompetensi_pelaksana": "Kompetensi pelaksana",
    "perilaku_pelaksana": "Perilaku pelaksana",
    "penanganan_pengaduan_saran_masukan": "Penanganan pengaduan, saran dan masukan",
    "sarana_prasarana": "Sarana dan prasarana",
}


class FakePublicSurvey:
    """The survey's public routes: ``periods`` exist; answers are kept with the visitor's
    address, or refused as ``public_refusal`` says."""

    def __init__(self, world: dict[str, Any], client: Any) -> None:
        self.world, self.visitor = world, client.host if client else "unknown"

    async def period(self, period_id: str) -> Json | None:
        found: Json | None = self.world["periods"].get(period_id)
        return found

    async def answer(self, period_id: str, answer: Json) -> bool:
        if self.world["public_refusal"]:
            raise AnswerRefused(*self.world["public_refusal"])
        sent = self.world["public_answers"]
        before = any(a["submission_id"] == answer["submission_id"] for _p, _v, a in sent)
        sent.append((period_id, self.visitor, answer))
        return not before


@asynccontextmanager
async def running_console(
    tmp_path: Path, world: dict[str, Any], apis: type[FakeApis] = FakeApis
) -> AsyncIterator[httpx.AsyncClient]:
    def mint(**claims: Any) -> str:
        world["minted"].append(claims)
        return "token"

    settings = ConsoleSettings(environment="test", auth_dev_key_file=tmp_path / "k.pem")
    app = create_web(
        settings,
        lambda _r, viewer: apis(world, viewer),
        mint,
        public_survey_for=lambda request: FakePublicSurvey(world, request.client),
    )
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(
        transport=transport, base_url="http://console", follow_redirects=True
    ) as client:
        yield client


async def csrf(client: httpx.AsyncClient) -> str:
    page = (await client.get("/masuk")).text
    found = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert found
    return found.group(1)


async def sign_in(client: httpx.AsyncClient, **form: str) -> Any:
    token = await csrf(client)
    return await client.post("/masuk", data={"csrf_token": token, **form}, follow_redirects=False)
