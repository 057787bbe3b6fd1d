"""What the pages need from the services' APIs; adapters call them over HTTP with the
signed-in person's token, unit tests fake them."""

from __future__ import annotations

import base64
import hashlib
import secrets
from dataclasses import dataclass
from typing import Any, Protocol

Json = dict[str, Any]


class ServiceUnavailable(Exception):
    """A service did not answer (down, timed out, or a 5xx): its part of a page is
    left out and a banner names it."""

    def __init__(self, service: str) -> None:
        super().__init__(f"{service} is unavailable")
        self.service = service


class NotAuthorised(Exception):
    """The API refused (403) or does not show the caller (404): to the person these
    are the same, and neither reveals anything."""


class SessionExpired(Exception):
    """The API refused the person's token itself (401: expired, or signed by a key the
    services no longer trust): the person signs in again."""


class Refused(Exception):
    """The API refused a change for a reason a person can act on (4xx): its message,
    in Bahasa Indonesia, goes back on the page."""


class Apis(Protocol):
    async def personal_data(self, nip: str) -> dict[str, Json]:  # per service
        ...

    async def employee(self, nip: str) -> Json:  # NotAuthorised: not in the person's scope
        ...

    async def roster(self, search: str, offset: int) -> Json: ...  # a page: items, next_offset

    async def gaps(self, nip: str) -> Json | None: ...  # None: not recalculated yet

    async def proposals(self, nip: str) -> list[Json]: ...

    async def ledger(self, nip: str) -> Json | None: ...

    async def agency_proposals(self, status: str | None) -> list[Json]: ...

    async def decide(self, proposal_id: str, *, accept: bool, reason: str | None) -> Json: ...

    async def record_result(self, result: Json) -> Json: ...

    async def upload_import(self, kind: str, filename: str, content: bytes) -> Json: ...

    async def import_job(self, job_id: str) -> Json: ...

    async def import_errors(self, job_id: str) -> list[Json]: ...

    async def heatmap(self, agency_code: str | None, depth: int | None) -> Json: ...

    async def compliance(self, agency_code: str | None, depth: int | None) -> Json: ...

    async def pending_proposals(self) -> int: ...

    async def overdue_evaluations(self) -> tuple[int, bool]: ...  # (count, more than that)

    async def running_imports(self) -> list[Json]: ...

    async def jpm(self, agency_code: str | None, depth: int | None) -> list[Json]: ...

    async def jp_pace(self, agency_code: str | None) -> list[Json]: ...  # per agency

    # Evaluasi pascapelatihan (evaluation)
    async def training_evaluations(self, status: str | None) -> list[Json]: ...

    async def training_evaluation(self, evaluation_id: str) -> Json: ...  # NotAuthorised

    async def record_training_evaluation(
        self, evaluation_id: str, level: int, record: Json
    ) -> Json: ...

    # Kamus dan standar (evaluation)
    async def framework(self, version: int | None) -> Json: ...  # NotAuthorised: no such

    async def framework_versions(self) -> list[Json]: ...

    async def preview_framework(self, body: Json) -> Json: ...  # positions, employees

    async def publish_framework(self, body: Json) -> Json: ...

    async def technical_competencies(self) -> list[Json]: ...

    async def positions(self, offset: int) -> Json: ...  # a page: items, next_offset

    # Katalog dan jadwal (training)
    async def courses(self, search: Json, offset: int) -> Json: ...  # a page: items, total

    async def course(self, code: str) -> Json: ...  # NotAuthorised: a draft, or none

    async def sessions(self, course_code: str) -> list[Json]: ...

    async def enrolments(self, course_code: str) -> list[Json]: ...  # the person's agencies

    async def enrol(self, session_code: str, nip: str) -> Json: ...

    async def complete(self, enrolment_id: str, outcome: str) -> Json: ...

    # Survei kebutuhan (survey)
    async def surveys(self, status: str | None) -> list[Json]: ...

    async def survey(self, survey_id: str) -> Json: ...  # NotAuthorised: not in scope

    async def plan_survey(self, campaign: Json) -> Json: ...

    async def open_survey(self, survey_id: str) -> Json: ...

    async def close_survey(self, survey_id: str) -> Json: ...

    async def survey_tracking(self, survey_id: str) -> Json | None: ...

    async def survey_waiting(self, survey_id: str) -> tuple[list[Json], bool]: ...

    async def survey_needs(self, survey_id: str) -> Json | None: ...  # None: not closed

    async def survey_needs_xlsx(self, survey_id: str) -> bytes: ...

    async def survey_form(self, survey_id: str, nip: str) -> Json: ...

    async def survey_response(self, survey_id: str, nip: str) -> Json | None: ...

    async def answer_survey(self, survey_id: str, nip: str, response: Json) -> Json: ...

    async def subordinates(self, survey_id: str) -> list[Json]: ...

    async def supervisor_rating(self, survey_id: str, nip: str) -> Json | None: ...

    async def rate_subordinate(self, survey_id: str, nip: str, rating: Json) -> Json: ...

    # Survei kepuasan masyarakat (survey)
    async def satisfaction_periods(self) -> list[Json]: ...

    async def satisfaction_period(self, period_id: str) -> Json: ...  # NotAuthorised

    async def satisfaction_report(self, period_id: str) -> Json: ...  # NotAuthorised

    async def satisfaction_report_file(self, period_id: str, kind: str) -> bytes: ...


class AnswerRefused(Exception):
    """The survey did not take a public answer: ``status`` says why (404 no such period,
    409 closed, 422 invalid, 429 too many from the address; then ``retry_after``)."""

    def __init__(self, status: int, retry_after: int | None = None) -> None:
        super().__init__(f"public answer refused ({status})")
        self.status, self.retry_after = status, retry_after


class PublicSurvey(Protocol):
    """The survey's public routes, for a member of the public (no token)."""

    async def period(self, period_id: str) -> Json | None: ...  # None: no such period

    async def answer(self, period_id: str, answer: Json) -> bool: ...  # False: sent before


@dataclass(frozen=True)
class Challenge:
    """What one sign-in through the identity provider keeps between leaving for it and
    coming back: the state and the PKCE verifier (RFC 7636)."""

    state: str
    verifier: str

    @classmethod
    def new(cls) -> Challenge:
        return cls(state=secrets.token_urlsafe(24), verifier=secrets.token_urlsafe(48))

    @property
    def code_challenge(self) -> str:
        digest = hashlib.sha256(self.verifier.encode("ascii")).digest()
        return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


class SignInFailed(Exception):
    """The provider did not give a token for the code (expired, reused, refused)."""


class IdentityProvider(Protocol):
    async def authorization_url(self, challenge: Challenge, redirect_uri: str) -> str: ...

    async def exchange(self, code: str, verifier: str, redirect_uri: str) -> str: ...
