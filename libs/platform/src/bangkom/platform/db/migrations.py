"""Run a service's Alembic migrations (its own branch plus the platform's) at start-up."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import MetaData
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import AsyncEngine

from bangkom.platform.db import audit_log, messaging  # noqa: F401  (their tables)
from bangkom.platform.db.metadata import platform_metadata

ALEMBIC_DIR = Path(__file__).parent / "alembic"


def alembic_config(database_url: str, service_metadata: MetaData, versions_dir: Path) -> Config:
    config = Config()
    config.set_main_option("script_location", str(ALEMBIC_DIR))
    config.set_main_option("version_locations", f"{ALEMBIC_DIR / 'versions'} {versions_dir}")
    config.set_main_option("path_separator", "space")
    config.attributes["database_url"] = database_url
    config.attributes["target_metadata"] = [platform_metadata, service_metadata]
    config.attributes["service_versions_dir"] = versions_dir
    return config


async def upgrade(engine: AsyncEngine, config: Config) -> None:
    """Bring the database to every head (platform and service branches)."""

    def _upgrade(connection: Connection) -> None:
        config.attributes["connection"] = connection
        try:
            command.upgrade(config, "heads")
        finally:
            del config.attributes["connection"]

    async with engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            # Replicas starting together migrate one at a time.
            await connection.exec_driver_sql("SELECT pg_advisory_xact_lock(7262001)")
        await connection.run_sync(_upgrade)
