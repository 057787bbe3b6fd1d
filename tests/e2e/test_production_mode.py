"""A service process in production mode with the development key does not start: it
ends at once with the reason, before it listens or touches a database."""

import os
import subprocess
from pathlib import Path

from tests.processes import free_port, spawn_service


def test_a_service_in_production_refuses_to_start_with_the_development_key(
    tmp_path: Path,
) -> None:
    port = free_port()
    env = {
        **os.environ,
        "BANGKOM_SURVEY_ENVIRONMENT": "production",
        "BANGKOM_SURVEY_DATABASE_URL": "postgresql+asyncpg://bangkom:x@127.0.0.1:1/none",
        "BANGKOM_SURVEY_AUTH_ISSUER": "https://sso.example.go.id/realms/bangkom",
        "BANGKOM_SURVEY_HTTP_PORT": str(port),
        "BANGKOM_SURVEY_GRPC_PORT": str(free_port()),
    }
    log = tmp_path / "survey.log"

    process = spawn_service("survey", env, log)
    try:
        returncode = process.wait(timeout=60)
    except subprocess.TimeoutExpired:
        process.kill()
        raise

    assert returncode != 0
    assert "the development signing key is refused there" in log.read_text()
