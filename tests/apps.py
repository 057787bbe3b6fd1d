"""A service's app in-process on an embedded SQLite database (no Kafka: its events stay
in the outbox), and clients and tokens for it."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import httpx

from bangkom.platform.auth import Role
from bangkom.platform.auth.tokens import mint_dev_token
from bangkom.platform.service import Service
from bangkom.platform.settings import ServiceSettings


@asynccontextmanager
async def on_sqlite(
    bootstrap: Callable[..., Service],
    settings_type: type[ServiceSettings],
    tmp_path: Path,
    **settings: Any,
) -> AsyncIterator[Service]:
    """The service bootstrapped on a fresh, migrated SQLite database under ``tmp_path``."""
    name = settings_type.model_fields["service_name"].default
    service = bootstrap(
        settings_type(
            database_url=f"sqlite+aiosqlite:///{tmp_path / f'{name}.db'}",
            auth_dev_key_file=tmp_path / "dev.pem",
            **settings,
        )
    )
    await service.prepare()
    try:
        yield service
    finally:
        await service.database.dispose()


@asynccontextmanager
async def asgi_client(service: Service) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=service.app)
    base_url = f"http://{service.settings.service_name}"
    async with httpx.AsyncClient(transport=transport, base_url=base_url) as client:
        yield client


def bearer(service: Service, *roles: Role, subject: str = "t", **claims: Any) -> dict[str, str]:
    """Authorization headers with a development token of ``roles`` (and agencies, nip)."""
    token = mint_dev_token(service.settings, subject=subject, roles=list(roles), **claims)
    return {"Authorization": f"Bearer {token}"}
