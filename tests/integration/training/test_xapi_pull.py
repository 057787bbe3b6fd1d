"""Pulling statements from another LRS: a real Ralph (PyPI ``ralph-malph``, its file
backend, two statements a page) started by the test in an environment of its own (it
pins a uvicorn older than ours), read by the training service's pull, page by page."""

import os
import shlex
import signal
import subprocess
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from bangkom.platform.auth import Role
from bangkom.platform.db.migrations import upgrade
from bangkom.platform.service import Service
from bangkom.training.bootstrap import bootstrap, build_bus
from bangkom.training.config import TrainingSettings
from bangkom.training.entrypoints.xapi_pull import LrsSource, XapiPull
from tests.apps import bearer
from tests.infra import wait_for
from tests.processes import free_port
from tests.unit.training import factories as training

pytestmark = pytest.mark.timeout(600)  # the first start installs Ralph
RALPH = ["--from", "ralph-malph[lrs,cli]==5.1.0", "--with", "requests", "ralph"]
ACTIVITY = "https://lms.provsu.example/course/pelayanan-prima"
PER_PAGE = 2


def _ralph(directory: Path, *arguments: str, **kwargs: Any) -> subprocess.Popen[bytes]:
    uv = shlex.split(os.environ.get("UV", "python3 -m uv"))
    env = {
        **os.environ,
        "RALPH_RUNSERVER_BACKEND": "fs",
        "RALPH_APP_DIR": str(directory / "app"),
        "RALPH_AUTH_FILE": str(directory / "auth.json"),
        "RALPH_RUNSERVER_MAX_SEARCH_HITS_COUNT": str(PER_PAGE),
    }
    return subprocess.Popen(
        [*uv, "tool", "run", *RALPH, *arguments],
        env=env,
        cwd=directory,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.STDOUT,
        **kwargs,
    )


@pytest.fixture
def ralph(tmp_path: Path) -> Iterator[str]:
    """The statements resource of a running Ralph, with the user lms:rahasia."""
    for folder in ("app", "data"):
        (tmp_path / folder).mkdir()
    auth = _ralph(
        tmp_path,
        "auth",
        "-u",
        "lms",
        "-p",
        "rahasia",
        "-s",
        "all",
        "-M",
        "mailto:lms@provsu.example",
        "-w",
    )
    assert auth.wait(timeout=400) == 0
    port = free_port()
    server = _ralph(
        tmp_path,
        "runserver",
        "-b",
        "fs",
        "--fs-default-directory-path",
        str(tmp_path / "data"),
        "-h",
        "127.0.0.1",
        "-p",
        str(port),
        start_new_session=True,
    )
    try:
        yield f"http://127.0.0.1:{port}/xAPI/statements"
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


@pytest.fixture
async def service(tmp_path: Path) -> AsyncIterator[Service]:
    settings = TrainingSettings(
        database_url=f"sqlite+aiosqlite:///{tmp_path / 'training.db'}",
        auth_dev_key_file=tmp_path / "dev.pem",
    )
    service = bootstrap(settings)
    await upgrade(service.database.engine, service.migrations)
    yield service
    await service.database.dispose()


class CountingTransport(httpx.AsyncHTTPTransport):
    def __init__(self) -> None:
        super().__init__()
        self.requests: list[httpx.URL] = []

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request.url)
        return await super().handle_async_request(request)


async def _employees(service: Service, count: int) -> list[str]:
    events = [training.employee_updated() for _ in range(count)]
    async with service.uow_factory() as uow:
        for event in events:
            for handler in service.event_handlers[type(event)]:
                await handler(event, uow)
        await uow.commit()
    return [e.nip for e in events]


async def test_a_pull_reads_every_page_of_another_lrs_once(ralph: str, service: Service) -> None:
    nips = await _employees(service, 5)
    admin = bearer(service, Role.PROVINCE_ADMIN)
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=service.app), base_url="http://training"
    ) as api:
        course = {
            "code": "PP-PULL",
            "title": "Pelayanan Publik Prima (daring)",
            "competencies": [{"competency_code": "M.05", "level_from": 1, "level_to": 3}],
            "jp": 12,
            "mode": "e_learning",
            "provider": "LMS Provinsi",
            "cost": 0,
        }
        assert (await api.put("/courses", headers=admin, json=course)).is_success
        mapping = {"activity_id": ACTIVITY, "course_code": "PP-PULL"}
        assert (await api.put("/xapi/activities", headers=admin, json=mapping)).is_success
        statements = [
            {
                "id": str(uuid.uuid4()),
                "actor": {"account": {"homePage": "https://lms.provsu.example", "name": nip}},
                "verb": {"id": "http://adlnet.gov/expapi/verbs/passed"},
                "object": {"id": ACTIVITY, "objectType": "Activity"},
                "timestamp": "2026-11-20T10:15:00+07:00",
            }
            for nip in nips
        ]
        async with httpx.AsyncClient(
            auth=("lms", "rahasia"), headers={"X-Experience-API-Version": "1.0.3"}, timeout=60
        ) as lrs:

            async def sent() -> bool:
                try:
                    response = await lrs.post(ralph, json=statements)
                except httpx.ConnectError:
                    # Ralph is still starting. Only that: a post that timed out may have
                    # stored the statements, and sending their ids again is a conflict.
                    return False
                assert response.status_code == 200, response.text
                return True

            await wait_for(sent, deadline_s=400, what="Ralph taking the statements")
        transport = CountingTransport()
        source = LrsSource(
            url=ralph,
            username="lms",
            password="rahasia",
            platform_code="LRS-PROVSU",
            page_size=PER_PAGE,
        )
        pull = XapiPull(build_bus(service.uow_factory), source, transport=transport)

        read = await pull.pull_once()
        pages = len(transport.requests)
        again = await pull.pull_once()

        assert (read, pages) == (5, 3)  # two, two and one, following "more"
        completions = (await api.get("/completions", headers=admin)).json()["items"]
        assert sorted(c["nip"] for c in completions) == sorted(nips)
        assert {c["recorded_by"] for c in completions} == {"xapi:LRS-PROVSU"}
        assert again <= 1  # from the checkpoint on (Ralph's since may include its last)
        assert len((await api.get("/completions", headers=admin)).json()["items"]) == 5
        async with service.uow_factory() as uow:
            assert await uow.xapi.pulled_since(ralph) is not None
