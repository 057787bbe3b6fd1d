"""Who may do what in the evaluation service.

- The framework, and cities, regencies and agencies, are defined by a province admin
  or a service (ADMINS).
- An agency's units, positions, technical competencies, roster and results are
  changed by the operators of that agency (or of one above it), admins and services.
- An employee records only their own reaction (L1) to a course.
Reads filter by the caller's scope in the queries: out of scope looks like absent.
"""

from __future__ import annotations

from bangkom.platform.auth import Caller, Role
from bangkom.platform.errors import AccessDenied

ADMINS = (Role.PROVINCE_ADMIN, Role.SERVICE)


def require_admin(caller: Caller, action: str) -> None:
    if not caller.has_any(*ADMINS):
        raise AccessDenied(f"only a province admin {action}")


def require_manager(
    caller: Caller, agency_code: str | None, refusal: str | None = None, *, field: str | None = None
) -> None:
    """The caller manages ``agency_code`` (or an agency above it)."""
    if agency_code is None or not caller.may_manage_agency(agency_code):
        raise AccessDenied(
            refusal or f"Anda tidak mengelola instansi {agency_code}",
            field=field,
            code="agency_not_managed",
        )
