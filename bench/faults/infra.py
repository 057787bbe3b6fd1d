"""The campaign's own infrastructure, which it may hurt: a private PostgreSQL server
(initdb + pg_ctl from the Debian server binaries, in var/faults/, on its own port) and
the 3-node Kafka cluster of scripts/kafka.sh (10092/11092/12092). The shared broker
and PostgreSQL of the tests are never touched.
"""

from __future__ import annotations

import asyncio
import os
import pwd
import shutil
import subprocess
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from aiokafka.admin import AIOKafkaAdminClient

REPOSITORY = Path(__file__).parents[2]
VAR = REPOSITORY / "var" / "faults"
KAFKA_SH = REPOSITORY / "scripts" / "kafka.sh"
CLUSTER_BOOTSTRAP = "127.0.0.1:10092,127.0.0.1:11092,127.0.0.1:12092"
NODE_PORTS = {1: 10092, 2: 11092, 3: 12092}


def _postgres_binaries() -> Path:
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"))
    if not found:
        raise RuntimeError("no PostgreSQL server binaries under /usr/lib/postgresql")
    return found[-1].parent


@dataclass
class PrivatePostgres:
    """A PostgreSQL server of the campaign alone: ``restart_immediately`` is a crash
    (``pg_ctl restart -m immediate``: no checkpoint, every connection cut, recovery from
    the WAL on start) that hurts nobody else. fsync is off: an immediate stop is a
    process crash, not a power cut, so committed WAL is in the kernel's cache anyway."""

    port: int = 16432
    directory: Path = VAR / "pg"
    binaries: Path = field(default_factory=_postgres_binaries)

    @property
    def url(self) -> str:
        """A URL of the server's maintenance database (fresh_database takes it)."""
        return f"postgresql+asyncpg://postgres@127.0.0.1:{self.port}/postgres"

    def _run(self, *command: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        argv = [str(self.binaries / command[0]), *command[1:]]
        if os.geteuid() == 0:  # the server refuses to run as root
            argv = ["runuser", "-u", "postgres", "--", *argv]
        return subprocess.run(argv, check=check, capture_output=True, text=True)

    def _options(self) -> str:
        settings = {
            "port": self.port,
            "listen_addresses": "127.0.0.1",
            "unix_socket_directories": str(self.directory),
            "max_connections": 300,
            "fsync": "off",
            "shared_buffers": "128MB",
            "max_wal_size": "1GB",
        }
        return " ".join(f"-c {k}={v}" for k, v in settings.items())

    def start(self) -> None:
        """Create the server on first use (a fresh one each time: the campaign's
        databases are new anyway) and start it."""
        self.stop()
        if self.directory.exists():
            shutil.rmtree(self.directory)
        self.directory.mkdir(parents=True)
        if os.geteuid() == 0:
            owner = pwd.getpwnam("postgres")
            os.chown(self.directory, owner.pw_uid, owner.pw_gid)
        self._run(
            "initdb", "-D", str(self.directory), "-U", "postgres", "--auth=trust",
            "-E", "UTF8", "--no-sync",
        )  # fmt: skip
        self._pg_ctl("start")

    def _pg_ctl(self, action: str, *extra: str) -> None:
        self._run(
            "pg_ctl", action, "-D", str(self.directory), "-w", "-t", "60",
            "-l", str(self.directory / "server.log"), "-o", self._options(), *extra,
        )  # fmt: skip

    def restart_immediately(self) -> None:
        """``pg_ctl restart -m immediate``: returns once the server accepts connections."""
        self._pg_ctl("restart", "-m", "immediate")

    def running(self) -> bool:
        if not (self.directory / "postmaster.pid").exists():
            return False
        return self._run("pg_ctl", "status", "-D", str(self.directory), check=False).returncode == 0

    def stop(self) -> None:
        if self.running():
            self._run("pg_ctl", "stop", "-D", str(self.directory), "-m", "fast", "-w")


@dataclass
class KafkaCluster:
    """The 3-node cluster of scripts/kafka.sh: topics with replication factor 3 and
    min.insync.replicas 2 (the services create theirs with
    KAFKA_TOPIC_REPLICATION_FACTOR=3). Stopped at the end only if started here."""

    bootstrap: str = CLUSTER_BOOTSTRAP
    started_here: bool = False
    paused: set[int] = field(default_factory=set)

    def _script(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(KAFKA_SH), *args], check=check, capture_output=True, text=True, cwd=REPOSITORY
        )

    def start(self) -> None:
        up = self._script("status", "--nodes", "3", check=False).returncode == 0
        if not up:
            self._script("start", "--nodes", "3")
            self.started_here = True

    def stop(self) -> None:
        for node in list(self.paused):
            self.resume(node)
        if self.started_here:
            self._script("stop", "--nodes", "3")

    def kill(self, node: int) -> None:
        self._script("kill-node", str(node))

    def pause(self, node: int) -> None:
        self._script("pause-node", str(node))
        self.paused.add(node)

    def resume(self, node: int) -> None:
        self._script("resume-node", str(node))
        self.paused.discard(node)

    def restart(self, node: int) -> None:
        self._script("restart-node", str(node))

    def node_running(self, node: int) -> bool:
        status = self._script("status", "--nodes", "3", check=False).stdout
        return f"node {node}: running" in status

    async def leaders(self, topics: Sequence[str]) -> dict[tuple[str, int], int]:
        """The leader (node id) of every partition of ``topics``."""
        admin = AIOKafkaAdminClient(bootstrap_servers=self.bootstrap, request_timeout_ms=10000)
        await admin.start()
        try:
            found: dict[tuple[str, int], int] = {}
            for description in await admin.describe_topics(list(topics)):
                for partition in description.get("partitions", []):
                    found[(description["topic"], partition["partition"])] = partition["leader"]
            return found
        finally:
            await admin.close()

    async def wait_all_in_sync(self, topics: Sequence[str], deadline_s: float = 120) -> None:
        """Until every partition of ``topics`` has its three replicas in sync again."""
        give_up = time.monotonic() + deadline_s
        while True:
            admin = AIOKafkaAdminClient(bootstrap_servers=self.bootstrap)
            try:
                await admin.start()
                descriptions = await admin.describe_topics(list(topics))
                behind = [
                    (d["topic"], p["partition"])
                    for d in descriptions
                    for p in d.get("partitions", [])
                    if len(p.get("isr", [])) < 3
                ]
                if not behind:
                    return
            except Exception as exc:  # the cluster is still electing: ask again
                behind = [("?", -1)]
                if time.monotonic() > give_up:
                    raise RuntimeError(f"cluster not in sync: {exc!r}") from exc
            finally:
                await admin.close()
            if time.monotonic() > give_up:
                raise RuntimeError(f"partitions still out of sync: {behind[:5]}")
            await asyncio.sleep(1.0)
