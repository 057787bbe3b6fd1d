"""The short fault campaign with the full accounting (bench/faults): every service
killed once (kill -9, mid-batch and mid-import among them), a broker killed and one
paused, the database restarted with a backlog in an outbox, poison records on every
consumed topic, under a steady mixed load through the public APIs. It brings its own
infrastructure (a private PostgreSQL and the 3-node Kafka cluster, stopped afterwards if
it started it) and fails on any effect of an accepted command lost, duplicated or
wrong, or any poison record not dead-lettered as it should be. `make faults` runs the
long campaign."""

import shutil
from pathlib import Path

import pytest

from bench.faults.campaign import SHORT, run
from bench.faults.infra import VAR
from bench.faults.report import write

pytestmark = [pytest.mark.faults, pytest.mark.timeout(900)]


async def test_a_short_fault_campaign_loses_and_duplicates_no_effect(tmp_path: Path) -> None:
    workdir = VAR / "run-short"  # the services' logs, kept until the next run
    shutil.rmtree(workdir, ignore_errors=True)
    outcome = await run(SHORT, workdir)
    report = write(outcome, tmp_path, "faults-short").read_text() + f"\nlogs: {workdir}\n"
    print(report)

    injected = {f.kind for f in outcome.faults if f.injected_at is not None}
    assert injected == {"service_kill", "broker_kill", "broker_pause", "db_restart"}, report
    assert {f.target for f in outcome.faults if f.kind == "service_kill"} == {
        "evaluation",
        "training",
        "survey",
        "recommendation",
    }
    assert [f"{c.effect}: {c.examples}" for c in outcome.checks if not c.ok] == [], report
    poisoned = {c.effect: c for c in outcome.checks if c.effect.startswith("poison")}
    assert len(poisoned) == 3, report
    assert all(c.found == c.expected > 0 for c in poisoned.values() if "dlq" in c.effect), report
    assert outcome.passed
