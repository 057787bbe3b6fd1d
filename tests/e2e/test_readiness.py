"""Readiness follows the dependencies: a service whose Kafka does not answer serves
/healthz but not /readyz, and SIGTERM still stops it cleanly during start-up."""

import os
import signal
from pathlib import Path

import httpx

from tests.infra import wait_for
from tests.processes import free_port, spawn_service


async def test_a_service_without_kafka_is_alive_but_not_ready_and_stops_on_sigterm(
    tmp_path: Path,
) -> None:
    port = free_port()
    env = {
        **os.environ,
        "BANGKOM_TRAINING_DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'training.db'}",
        "BANGKOM_TRAINING_KAFKA_BOOTSTRAP_SERVERS": f"127.0.0.1:{free_port()}",
        "BANGKOM_TRAINING_HTTP_PORT": str(port),
        "BANGKOM_TRAINING_GRPC_PORT": str(free_port()),
        "BANGKOM_TRAINING_AUTH_DEV_KEY_FILE": str(tmp_path / "dev.pem"),
    }
    process = spawn_service("training", env, tmp_path / "training.log")
    try:
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", timeout=5) as http:

            async def alive() -> bool:
                try:
                    return (await http.get("/healthz")).status_code == 200
                except httpx.TransportError:
                    return False

            await wait_for(alive, deadline_s=60, what="/healthz")
            readiness = await http.get("/readyz")

        assert readiness.status_code == 503
        assert readiness.json() == {
            "ready": False,
            "checks": {"started": False, "database": True, "kafka": False},
        }
    finally:
        process.send_signal(signal.SIGTERM)
        code = process.wait(timeout=30)
    assert code == 0
