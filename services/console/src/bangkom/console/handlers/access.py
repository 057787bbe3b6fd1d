"""Who may open which page. The data's own scope stays with each service's API (the
console passes the person's token); here only what the console itself decides."""

from __future__ import annotations

from bangkom.console.domain.navigation import EMPLOYEE, PROVINCE_ADMIN, STAFF
from bangkom.console.handlers.ports import NotAuthorised
from bangkom.console.handlers.viewer import Viewer


def require_employee_page(viewer: Viewer, nip: str) -> None:
    """Staff open any employee their APIs show them; an employee only themself."""
    if viewer.roles & STAFF:
        return
    if EMPLOYEE in viewer.roles and viewer.nip == nip:
        return
    raise NotAuthorised(nip)


def require_staff(viewer: Viewer) -> None:
    """Deciding proposals and recording results are the HR office's (operators and
    admins); the APIs still check each against the person's agencies."""
    if not viewer.roles & STAFF:
        raise NotAuthorised(viewer.subject)


def require_own_nip(viewer: Viewer) -> str:
    """Pages of one's own (a survey to fill in) are an employee's, about themself."""
    if EMPLOYEE not in viewer.roles or viewer.nip is None:
        raise NotAuthorised(viewer.subject)
    return viewer.nip


def require_admin(viewer: Viewer) -> None:
    """The framework is the province's: its administrators publish it."""
    if PROVINCE_ADMIN not in viewer.roles:
        raise NotAuthorised(viewer.subject)
