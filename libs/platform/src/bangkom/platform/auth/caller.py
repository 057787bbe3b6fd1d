"""The authenticated caller and the scope every query filters by."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from bangkom.kernel.agencies import covers


class Role(StrEnum):
    PROVINCE_ADMIN = "province_admin"
    AGENCY_OPERATOR = "agency_operator"
    EMPLOYEE = "employee"
    SERVICE = "service"


@dataclass(frozen=True)
class Caller:
    subject: str
    roles: frozenset[Role]
    agencies: frozenset[str] = field(default_factory=frozenset)
    nip: str | None = None

    @property
    def sees_every_agency(self) -> bool:
        return bool(self.roles & {Role.PROVINCE_ADMIN, Role.SERVICE})

    def has_any(self, *roles: Role) -> bool:
        return bool(self.roles & set(roles))

    def agency_scope(self) -> frozenset[str] | None:
        """Root agency codes the caller may see (with everything below them);
        None means every agency."""
        if self.sees_every_agency:
            return None
        if Role.AGENCY_OPERATOR in self.roles:
            return self.agencies
        return frozenset()

    def may_manage_agency(self, agency_code: str) -> bool:
        """Change data of the agency (operators of that agency or of one above it,
        admins, services): a scope over a code covers everything below it."""
        scope = self.agency_scope()
        return scope is None or any(covers(root, agency_code) for root in scope)

    def may_read_employee(self, nip: str, agency_code: str) -> bool:
        """Read one employee's data: their agency's operators, or the employee themself."""
        return self.may_manage_agency(agency_code) or (
            Role.EMPLOYEE in self.roles and self.nip == nip
        )
