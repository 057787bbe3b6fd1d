"""The signed-in person lives in the session cookie (signed, HttpOnly, SameSite=Lax;
Starlette's SessionMiddleware); every form that changes something carries the
session's CSRF token, checked before anything happens."""

from __future__ import annotations

import hmac
import secrets
from typing import Any

from fastapi import Request

from bangkom.console.handlers.viewer import Viewer

CSRF_FIELD = "csrf_token"


def csrf_token(request: Request) -> str:
    """The session's token for forms, made on first use."""
    token = request.session.get(CSRF_FIELD)
    if not token:
        token = secrets.token_urlsafe(32)
        request.session[CSRF_FIELD] = token
    return str(token)


def csrf_valid(request: Request, submitted: str | None) -> bool:
    expected = request.session.get(CSRF_FIELD)
    return bool(expected and submitted) and hmac.compare_digest(str(expected), str(submitted))


def sign_in(request: Request, viewer: Viewer) -> None:
    request.session.clear()  # a new session for a new person (no fixation)
    request.session["viewer"] = {
        "subject": viewer.subject,
        "name": viewer.name,
        "roles": sorted(viewer.roles),
        "token": viewer.token,
        "agencies": list(viewer.agencies),
        "nip": viewer.nip,
    }
    csrf_token(request)


def sign_out(request: Request) -> None:
    request.session.clear()


def current_viewer(request: Request) -> Viewer | None:
    data: dict[str, Any] | None = request.session.get("viewer")
    if not data:
        return None
    return Viewer(
        subject=data["subject"],
        name=data["name"],
        roles=frozenset(data["roles"]),
        token=data["token"],
        agencies=tuple(data["agencies"]),
        nip=data["nip"],
    )


def flash(request: Request, message: str, *, error: bool = False) -> None:
    """A message for the next page shown (after a form's redirect)."""
    request.session.setdefault("flash", []).append({"text": message, "error": error})


def take_flashes(request: Request) -> list[dict[str, Any]]:
    return list(request.session.pop("flash", []))
