"""Development sign-in: a token minted with the development key, as `bangkom token`
does. Refused in production, where the identity provider signs people in."""

from __future__ import annotations

from bangkom.console.config import ConsoleSettings
from bangkom.platform.auth.caller import Role
from bangkom.platform.auth.tokens import mint_dev_token


def development_token(
    settings: ConsoleSettings, *, subject: str, role: str, agencies: list[str], nip: str | None
) -> str:
    return mint_dev_token(
        settings.token_settings(),
        subject=subject,
        roles=[Role(role)],
        agencies=agencies,
        nip=nip,
        ttl_s=settings.session_max_age_s,
    )
