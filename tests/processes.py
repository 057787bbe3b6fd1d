"""The services as separate processes, the way they run in production: the four of the
closed loop by default, career too where a test walks every service."""

from __future__ import annotations

import asyncio
import os
import random
import signal
import socket
import subprocess
import sys
from collections.abc import AsyncIterator, Mapping
from contextlib import AsyncExitStack, asynccontextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

from bangkom.platform.auth.keys import load_or_create_dev_key
from tests.infra import KAFKA, POSTGRES, fresh_database, topic_prefix, wait_for

SERVICES = ("evaluation", "training", "survey", "recommendation")
# Tests that walk every service (access, fuzzing) start career too; the loops do not need it.
EVERY_SERVICE = (*SERVICES, "career")
REPOSITORY = Path(__file__).parents[1]


# Below Linux's ephemeral range (32768-60999): a port freed here and bound again by a
# service a moment later cannot meanwhile become some outgoing connection's local end.
TEST_PORTS = range(20000, 32000)
_handed_out: set[int] = set()  # not twice in a session: a port is handed out before use


def free_port() -> int:
    """A port nothing listens on or holds now, outside the ephemeral range."""
    for port in random.sample(TEST_PORTS, 50):
        if port in _handed_out:
            continue
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
        _handed_out.add(port)
        return port
    raise RuntimeError(f"no free port among 50 tried in {TEST_PORTS}")


@dataclass
class ServiceProcess:
    name: str
    http_port: int
    grpc_port: int
    process: subprocess.Popen[bytes]
    log: Path
    environment: dict[str, str]
    database_url: str

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.http_port}"

    @property
    def grpc_address(self) -> str:
        return f"127.0.0.1:{self.grpc_port}"

    async def ready(self) -> bool:
        if self.process.poll() is not None:
            raise AssertionError(f"{self.name} exited: {self.log.read_text()[-3000:]}")
        try:
            async with httpx.AsyncClient(timeout=2) as client:
                return (await client.get(f"{self.url}/readyz")).status_code == 200
        except httpx.HTTPError:
            return False

    def kill(self) -> int:
        """SIGKILL (kill -9): no drain, nothing flushed; return the exit code."""
        if self.process.poll() is None:
            self.process.kill()
        return self.process.wait()

    def respawn(self) -> None:
        """Start the service again with the same settings (after it ended); its output
        goes on at the end of the same log."""
        if self.process.poll() is None:
            raise RuntimeError(f"{self.name} is still running (pid {self.process.pid})")
        name = self.name.split("-", 1)[0]
        self.process = spawn_service(name, self.environment, self.log, append=True)

    def stop(self) -> int:
        """SIGTERM and wait for the graceful drain; return the exit code."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
        try:
            return self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            return self.process.wait()


@dataclass
class System:
    services: dict[str, ServiceProcess]
    topic_prefix: str
    dev_key: Path

    def __getitem__(self, name: str) -> ServiceProcess:
        return self.services[name]


def _environment(
    name: str,
    database_url: str,
    prefix: str,
    dev_key: Path,
    kafka: str = KAFKA,
    replication_factor: int = 1,
) -> dict[str, str]:
    env_prefix = f"BANGKOM_{name.upper()}_"
    settings = {
        "DATABASE_URL": database_url,
        "KAFKA_BOOTSTRAP_SERVERS": kafka,
        "KAFKA_TOPIC_REPLICATION_FACTOR": str(replication_factor),
        "KAFKA_TOPIC_PREFIX": prefix,
        "AUTH_DEV_KEY_FILE": str(dev_key),
        "HTTP_PORT": str(free_port()),
        "GRPC_PORT": str(free_port()),
        "ENVIRONMENT": "test",
        "LOG_FORMAT": "json",
        "OUTBOX_POLL_INTERVAL_S": "0.2",
    }
    return {f"{env_prefix}{k}": v for k, v in settings.items()}


def spawn_service(
    name: str, env: Mapping[str, str], log: Path, *, append: bool = False
) -> subprocess.Popen[bytes]:
    with log.open("ab" if append else "wb") as output:
        return subprocess.Popen(
            [sys.executable, "-m", f"bangkom.{name}", "serve"],
            cwd=REPOSITORY,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )


@asynccontextmanager
async def running_system(
    workdir: Path,
    extra_env: Mapping[str, str] | None = None,
    services: tuple[str, ...] = SERVICES,
    replicas: Mapping[str, int] | None = None,
    *,
    kafka: str = KAFKA,
    postgres: str = POSTGRES,
    replication_factor: int = 1,
) -> AsyncIterator[System]:
    """Start the services (all four by default) as processes on fresh PostgreSQL
    databases and uniquely prefixed topics; SIGTERM them at the end and require a
    clean exit. ``replicas`` runs more processes of a service on the same database
    and consumer group (named "<service>-2", ...). ``kafka`` and ``postgres`` default
    to the test infrastructure (a fault campaign brings its own cluster and server)."""
    dev_key = workdir / "dev-jwt-key.pem"
    load_or_create_dev_key(dev_key)
    processes: dict[str, ServiceProcess] = {}
    async with AsyncExitStack() as stack:
        prefix = await stack.enter_async_context(topic_prefix("e2e", bootstrap=kafka))
        for name in services:
            database_url = await stack.enter_async_context(fresh_database(server=postgres))
            settings = _environment(name, database_url, prefix, dev_key, kafka, replication_factor)
            env = {**os.environ, **settings}
            env.update(extra_env or {})
            for replica in range(1, (replicas or {}).get(name, 1) + 1):
                label = name if replica == 1 else f"{name}-{replica}"
                if replica > 1:
                    env = {
                        **env,
                        **{
                            f"BANGKOM_{name.upper()}_{port}_PORT": str(free_port())
                            for port in ("HTTP", "GRPC")
                        },
                    }
                log = workdir / f"{label}.log"
                processes[label] = ServiceProcess(
                    label,
                    int(env[f"BANGKOM_{name.upper()}_HTTP_PORT"]),
                    int(env[f"BANGKOM_{name.upper()}_GRPC_PORT"]),
                    spawn_service(name, env, log),
                    log,
                    env,
                    database_url,
                )
        try:
            for service in processes.values():
                await wait_for(service.ready, deadline_s=90, what=f"{service.name} ready")
            yield System(processes, prefix, dev_key)
        finally:
            codes = await asyncio.gather(*(asyncio.to_thread(p.stop) for p in processes.values()))
            for service, code in zip(processes.values(), codes, strict=True):
                if code != 0:
                    raise AssertionError(
                        f"{service.name} did not stop cleanly (exit {code}): "
                        f"{service.log.read_text()[-3000:]}"
                    )


@asynccontextmanager
async def serving_process(
    command: list[str], log: Path, ready_url: str, env: Mapping[str, str] | None = None
) -> AsyncIterator[subprocess.Popen[bytes]]:
    """A server process (Prometheus, Alertmanager, Jaeger) answering 200 on ``ready_url``
    until the block ends; its output in ``log``."""
    process = _spawn(command, log, env)
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


def _spawn(
    command: list[str], log: Path, env: Mapping[str, str] | None = None
) -> subprocess.Popen[bytes]:
    environment = {**os.environ, **env} if env else None
    return subprocess.Popen(
        command, stdout=log.open("wb"), stderr=subprocess.STDOUT, env=environment
    )


def _tail(log: Path) -> str:
    return log.read_text()[-2000:]
