"""From the claims of a verified access token to the Caller: the documented mapping.

| Caller     | claim                                                                  |
|------------|------------------------------------------------------------------------|
| subject    | ``sub``                                                                |
| roles      | ``realm_access.roles`` and ``resource_access.<client>.roles`` (client: |
|            | ``auth_roles_client``, by default the audience); the names of Role     |
|            | count, any other role (``offline_access``, ...) is ignored             |
| agencies   | ``agency``: one code (a string) or several (a list)                    |
| nip        | ``nip``: the employee's own 18-digit NIP or NI PPPK                    |

Keycloak puts realm and client roles there by default; ``agency`` and ``nip`` are user
attributes its attribute mappers put into the token (deploy/keycloak/bangkom-realm.json).
The development tokens (``bangkom token``) carry the same claims.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from bangkom.platform.auth.caller import Caller, Role

ROLE_NAMES = frozenset(str(r) for r in Role)


class ClaimsRefused(Exception):
    """The token is sound but its claims do not make a caller (said why)."""


class NoRole(ClaimsRefused):
    """The token carries none of bangkom's roles: the person may not use the APIs."""


def caller_from_claims(claims: Mapping[str, Any], *, roles_client: str) -> Caller:
    subject = claims.get("sub")
    if not isinstance(subject, str) or not subject:
        raise ClaimsRefused("the token has no subject ('sub')")
    roles = frozenset(Role(name) for name in granted_roles(claims, roles_client) & ROLE_NAMES)
    if not roles:
        raise NoRole("the token carries none of the roles " + ", ".join(sorted(ROLE_NAMES)))
    nip = claims.get("nip")
    if nip is not None and not (isinstance(nip, str) and len(nip) == 18 and nip.isdigit()):
        raise ClaimsRefused("the 'nip' claim is not an 18-digit NIP")
    if Role.EMPLOYEE in roles and not nip:
        raise ClaimsRefused("an employee's token must carry the employee's 'nip'")
    return Caller(
        subject=subject, roles=roles, agencies=agency_codes(claims.get("agency")), nip=nip
    )


def granted_roles(claims: Mapping[str, Any], roles_client: str) -> set[str]:
    realm = claims.get("realm_access")
    clients = claims.get("resource_access")
    client = clients.get(roles_client) if isinstance(clients, Mapping) else None
    return _names(realm.get("roles") if isinstance(realm, Mapping) else None) | _names(
        client.get("roles") if isinstance(client, Mapping) else None
    )


def agency_codes(claim: Any) -> frozenset[str]:
    values: Iterable[Any] = [claim] if isinstance(claim, str) else _list(claim, "agency")
    codes = set()
    for value in values:
        if not isinstance(value, str) or not value.strip():
            raise ClaimsRefused("the 'agency' claim holds something that is not an agency code")
        codes.add(value.strip())
    return frozenset(codes)


def _names(value: Any) -> set[str]:
    return {v for v in value if isinstance(v, str)} if isinstance(value, list) else set()


def _list(value: Any, name: str) -> list[Any]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise ClaimsRefused(f"the {name!r} claim is neither a string nor a list")
    return value
