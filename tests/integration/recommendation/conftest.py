"""Recommendation on a fresh PostgreSQL database, migrated, with nothing running; and the
analytics world (`analytics_world`) on PostgreSQL and on SQLite, once per test module."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bangkom.platform.service import Service
from bangkom.recommendation.bootstrap import bootstrap
from bangkom.recommendation.config import RecommendationSettings
from tests.infra import fresh_database
from tests.integration.recommendation.analytics_world import Analytics, open_world


@pytest.fixture
async def service(tmp_path: Path) -> AsyncIterator[Service]:
    async with fresh_database() as url:
        settings = RecommendationSettings(database_url=url, auth_dev_key_file=tmp_path / "k.pem")
        service = bootstrap(settings)
        try:
            await service.prepare()
            yield service
        finally:
            await service.database.dispose()


@pytest.fixture(scope="module", params=["postgresql", "sqlite"])
async def analytics(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> AsyncIterator[Analytics]:
    async with open_world(request.param, tmp_path_factory.mktemp("analytics")) as world:
        yield world
