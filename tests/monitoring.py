"""Real Prometheus and Alertmanager (Debian's packages, see scripts/prometheus.sh)
scraping running services, and a webhook receiver that records what Alertmanager sends.

The alert rules are deploy/prometheus/alerts.yml with their waiting times shortened
(``for`` and range windows in seconds): the expressions, metric names and labels are
the ones operators run, proven here against what the services really export; the
durations themselves are proven by promtool (tests/unit/test_alerts.py).
"""

from __future__ import annotations

import asyncio
import re
import shutil
import subprocess
from collections.abc import AsyncIterator, Mapping
from contextlib import AsyncExitStack, asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import uvicorn
import yaml
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from tests.infra import wait_for
from tests.processes import REPOSITORY, free_port

RULES = REPOSITORY / "deploy/prometheus/alerts.yml"
WINDOW = "10s"  # every range window of the rules, for the test
PENDING = "2s"  # every `for` of the rules, for the test


@dataclass
class Notifications:
    """What Alertmanager sent to the webhook, one entry per alert per notification."""

    received: list[dict[str, Any]] = field(default_factory=list)

    def statuses(self, alertname: str) -> list[str]:
        return [a["status"] for a in self.received if a["labels"]["alertname"] == alertname]

    async def wait_for(self, alertname: str, status: str, deadline_s: float = 90) -> None:
        async def seen() -> bool:
            return status in self.statuses(alertname)

        await wait_for(seen, deadline_s=deadline_s, what=f"{alertname} {status} at the webhook")


def rules_for_the_test(rules: str) -> str:
    document = yaml.safe_load(rules)
    for group in document["groups"]:
        for rule in group["rules"]:
            rule["expr"] = re.sub(r"\[\d+[smh]\]", f"[{WINDOW}]", rule["expr"])
            if "for" in rule:
                rule["for"] = PENDING
    return yaml.safe_dump(document, sort_keys=False)


@asynccontextmanager
async def _webhook() -> AsyncIterator[tuple[str, Notifications]]:
    notifications = Notifications()

    async def receive(request: Request) -> Response:
        notifications.received.extend((await request.json())["alerts"])
        return Response(status_code=200)

    port = free_port()
    app = Starlette(routes=[Route("/alerts", receive, methods=["POST"])])
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="off")
    )
    task = asyncio.create_task(server.serve())
    try:
        await wait_for(lambda: _answers(f"http://127.0.0.1:{port}/"), what="webhook up")
        yield f"http://127.0.0.1:{port}/alerts", notifications
    finally:
        server.should_exit = True
        await task


async def _answers(url: str) -> bool:
    try:
        async with httpx.AsyncClient(timeout=1) as client:
            await client.get(url)
        return True
    except httpx.HTTPError:
        return False


@asynccontextmanager
async def _process(
    command: list[str], log: Path, ready_url: str
) -> AsyncIterator[subprocess.Popen[bytes]]:
    process = _spawn(command, log)
    try:

        async def ready() -> bool:
            if process.poll() is not None:
                raise AssertionError(f"{command[0]} exited: {_tail(log)}")
            try:
                async with httpx.AsyncClient(timeout=1) as client:
                    return (await client.get(ready_url)).status_code == 200
            except httpx.HTTPError:
                return False

        await wait_for(ready, deadline_s=30, what=f"{Path(command[0]).name} ready")
        yield process
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _spawn(command: list[str], log: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(command, stdout=log.open("wb"), stderr=subprocess.STDOUT)


def _tail(log: Path) -> str:
    return log.read_text()[-2000:]


def _binary(name: str) -> str:
    path = shutil.which(name)
    assert path, f"{name} missing: scripts/prometheus.sh install"
    return path


@asynccontextmanager
async def monitoring(workdir: Path, targets: Mapping[str, int]) -> AsyncIterator[Notifications]:
    """Prometheus scraping ``targets`` (service name -> HTTP port) every second with the
    rules for the test, Alertmanager routing every alert to a webhook at once."""
    async with AsyncExitStack() as stack:
        webhook, notifications = await stack.enter_async_context(_webhook())
        alertmanager_port = free_port()
        (workdir / "alertmanager.yml").write_text(
            yaml.safe_dump(
                {
                    "route": {
                        "receiver": "test",
                        "group_by": ["alertname", "service"],
                        "group_wait": "1s",
                        "group_interval": "1s",
                        "repeat_interval": "1h",
                    },
                    "receivers": [
                        {
                            "name": "test",
                            "webhook_configs": [{"url": webhook, "send_resolved": True}],
                        }
                    ],
                }
            )
        )
        await stack.enter_async_context(
            _process(
                [
                    _binary("prometheus-alertmanager"),
                    f"--config.file={workdir / 'alertmanager.yml'}",
                    f"--storage.path={workdir / 'alertmanager'}",
                    f"--web.listen-address=127.0.0.1:{alertmanager_port}",
                    "--cluster.listen-address=",
                ],
                workdir / "alertmanager.log",
                f"http://127.0.0.1:{alertmanager_port}/-/ready",
            )
        )
        (workdir / "rules.yml").write_text(rules_for_the_test(RULES.read_text()))
        prometheus_port = free_port()
        (workdir / "prometheus.yml").write_text(
            yaml.safe_dump(
                {
                    "global": {"scrape_interval": "1s", "evaluation_interval": "1s"},
                    "rule_files": [str(workdir / "rules.yml")],
                    "alerting": {
                        "alertmanagers": [
                            {"static_configs": [{"targets": [f"127.0.0.1:{alertmanager_port}"]}]}
                        ]
                    },
                    "scrape_configs": [
                        {
                            "job_name": "bangkom-test",
                            "static_configs": [
                                {"targets": [f"127.0.0.1:{port}"], "labels": {"service": name}}
                                for name, port in targets.items()
                            ],
                        }
                    ],
                }
            )
        )
        await stack.enter_async_context(
            _process(
                [
                    _binary("prometheus"),
                    f"--config.file={workdir / 'prometheus.yml'}",
                    f"--storage.tsdb.path={workdir / 'prometheus'}",
                    f"--web.listen-address=127.0.0.1:{prometheus_port}",
                ],
                workdir / "prometheus.log",
                f"http://127.0.0.1:{prometheus_port}/-/ready",
            )
        )
        yield notifications
