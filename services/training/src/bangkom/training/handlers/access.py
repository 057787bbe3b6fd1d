"""Who may do what in the training service.

- The catalog and the sessions are read by every authenticated caller (drafts only
  by curators) and curated by a province admin or a service (CURATORS).
- Enrolments and completions are written by an agency operator for the employees of
  their agencies (and the agencies below them), by a province admin, or by a service
  (an LMS reporting completions, the consumer placing accepted proposals).
- Employees read their own enrolments, completions and ledger; they change nothing.
- Compliance and demand are read per agency within the caller's scope.
Out of scope looks the same as absent (404), so nothing reveals another agency's staff.
"""

from __future__ import annotations

from bangkom.platform.auth import Caller, Role
from bangkom.platform.errors import AccessDenied, NotFound
from bangkom.training.domain.roster import Employee
from bangkom.training.handlers.ports import TrainingUnitOfWork, Visibility

CURATORS = (Role.PROVINCE_ADMIN, Role.SERVICE)
WRITERS = (Role.PROVINCE_ADMIN, Role.SERVICE, Role.AGENCY_OPERATOR)


def is_curator(caller: Caller) -> bool:
    return caller.has_any(*CURATORS)


def require_curator(caller: Caller) -> None:
    if not is_curator(caller):
        raise AccessDenied("only a province admin (or a service) curates courses and sessions")


def require_writer(caller: Caller) -> None:
    if not caller.has_any(*WRITERS):
        raise AccessDenied(
            "only an agency operator, a province admin or a service records enrolments "
            "and completions"
        )


def visibility(caller: Caller) -> Visibility:
    return Visibility(
        agencies=caller.agency_scope(),
        nip=caller.nip if Role.EMPLOYEE in caller.roles else None,
    )


async def managed_employee(
    uow: TrainingUnitOfWork, caller: Caller, nip: str, *, lock: bool = False
) -> Employee:
    """An employee from the roster whose agency the caller manages."""
    employee = await uow.employees.get(nip, lock=lock)
    if employee is None or not caller.may_manage_agency(employee.agency_code):
        raise NotFound(f"employee {nip} not found")
    return employee
