"""`make run` as a new user runs it: the embedded default (SQLite files, local Kafka)
with demo data, until proposals appear; then a clean stop."""

import os
import re
import socket
import subprocess
from pathlib import Path

import pytest

from tests.processes import free_port

REPOSITORY = Path(__file__).parents[2]


@pytest.mark.kafka
def test_make_run_serves_the_demo_data_until_proposals_appear(tmp_path: Path) -> None:
    finished = subprocess.run(
        ["scripts/run.sh", "--smoke"],
        cwd=REPOSITORY,
        env={**os.environ, "BANGKOM_RUN_DIR": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )

    assert finished.returncode == 0, finished.stdout[-3000:] + finished.stderr[-3000:]
    assert (
        "demo data: 3 agencies, 9 positions, 9 employees, 5 courses, 6 results" in finished.stdout
    )
    proposals = re.search(r"smoke: (\d+) proposals", finished.stdout)
    assert proposals is not None
    assert int(proposals.group(1)) >= 1
    assert "http://127.0.0.1:8004/docs" in finished.stdout
    assert "The console: http://127.0.0.1:8005/" in finished.stdout
    assert "smoke: the console answers" in finished.stdout
    assert "http://127.0.0.1:8006/docs" in finished.stdout
    for service in ("evaluation", "training", "survey", "recommendation", "career"):
        assert (tmp_path / "data" / f"{service}.db").exists()
        log = (tmp_path / "log" / f"{service}.log").read_text()
        assert '"event": "stopped"' in log, f"{service} did not drain and stop"


def test_make_run_names_a_taken_port_before_starting_anything(tmp_path: Path) -> None:
    # Every other port moved to a free one: only the taken one can be named.
    ports = {
        f"BANGKOM_{service.upper()}_{kind}_PORT": str(free_port())
        for service in ("evaluation", "training", "survey", "recommendation", "career")
        for kind in ("HTTP", "GRPC")
    } | {"BANGKOM_CONSOLE_HTTP_PORT": str(free_port())}
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))  # bound, not listening: an outgoing connection's end
        taken = holder.getsockname()[1]
        finished = subprocess.run(
            ["scripts/run.sh", "--smoke"],
            cwd=REPOSITORY,
            env={
                **os.environ,
                **ports,
                "BANGKOM_RUN_DIR": str(tmp_path),
                "BANGKOM_RECOMMENDATION_GRPC_PORT": str(taken),
            },
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )

    assert finished.returncode == 1
    assert (
        f"port {taken} is in use; stop what holds it or set BANGKOM_RECOMMENDATION_GRPC_PORT"
        in finished.stderr
    )
    assert list((tmp_path / "log").iterdir()) == []  # no service was started


def test_make_run_refuses_a_port_that_is_not_a_number(tmp_path: Path) -> None:
    finished = subprocess.run(
        ["scripts/run.sh", "--smoke"],
        cwd=REPOSITORY,
        env={**os.environ, "BANGKOM_RUN_DIR": str(tmp_path), "BANGKOM_EVALUATION_HTTP_PORT": "80x"},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )

    assert finished.returncode == 1
    assert "BANGKOM_EVALUATION_HTTP_PORT=80x is not a port number" in finished.stderr
