"""Runs one service process: HTTP, gRPC, the outbox relay and the consumers.

Start-up waits for the database (deadline), migrates, serves HTTP and gRPC, then
waits for Kafka and provisions topics; /readyz stays false until both answer.
SIGTERM drains: HTTP stops taking requests, consumers finish their batch and
commit, the relay publishes what was committed, then connections close.
"""

from __future__ import annotations

import asyncio
import contextlib
import signal
from collections.abc import Awaitable, Callable, Iterator

import uvicorn
import uvloop
from aiokafka import AIOKafkaProducer
from aiokafka.admin import AIOKafkaAdminClient
from tenacity import AsyncRetrying, retry_if_exception_type, stop_never, wait_exponential

from bangkom.platform.db.engine import ping, wait_for_database
from bangkom.platform.messaging.consumer import ConsumerRunner
from bangkom.platform.messaging.kafka import (
    TopicNames,
    create_admin,
    create_consumer,
    create_producer,
)
from bangkom.platform.messaging.lag import LagMonitor
from bangkom.platform.messaging.relay import OutboxRelay
from bangkom.platform.messaging.topics import ensure_topics
from bangkom.platform.observability.logs import configure_logging, get_logger
from bangkom.platform.observability.metrics import READY
from bangkom.platform.observability.tracing import configure_tracing, shutdown_tracing
from bangkom.platform.retry import wait_until
from bangkom.platform.rpc.server import GrpcServer, TlsIdentity
from bangkom.platform.service import Service
from bangkom.platform.settings import ServiceSettings

log = get_logger(__name__)

PROBE_TIMEOUT_S = 2.0


class _EmbeddedUvicorn(uvicorn.Server):
    @contextlib.contextmanager
    def capture_signals(self) -> Iterator[None]:
        # The runtime owns SIGTERM/SIGINT so that it can drain more than HTTP.
        yield


class ServiceRuntime:
    def __init__(self, service: Service) -> None:
        self.service = service
        self.settings = service.settings
        self.names = TopicNames(self.settings.kafka_topic_prefix)
        self._stop = asyncio.Event()
        self._started = False
        self._http: _EmbeddedUvicorn | None = None
        self._http_task: asyncio.Task[None] | None = None
        self._grpc: GrpcServer | None = None
        self._admin: AIOKafkaAdminClient | None = None
        self._producer: AIOKafkaProducer | None = None
        self._consumers: list[asyncio.Task[None]] = []
        self._relay: asyncio.Task[None] | None = None
        # The relay stops last, so that it publishes what the consumers committed.
        self._relay_stop = asyncio.Event()

    def request_stop(self) -> None:
        self._stop.set()

    async def run(self) -> None:
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(sig, self.request_stop)
        stopping = asyncio.create_task(self._stop.wait())
        starting = asyncio.create_task(self._start())
        await asyncio.wait({starting, stopping}, return_when=asyncio.FIRST_COMPLETED)
        try:
            if starting.done():
                starting.result()  # a failed start-up ends the process with its error
                await stopping
            else:
                log.info("stopped during start-up")
                starting.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await starting
        finally:
            await self._drain()

    async def _start(self) -> None:
        settings = self.settings
        database = self.service.database
        await wait_for_database(database.engine, settings.startup_deadline_s)
        await self.service.prepare()
        log.info("database migrated")

        self.service.app.state.readiness = self.readiness
        self._http = _EmbeddedUvicorn(
            uvicorn.Config(
                self.service.app,
                host=settings.http_host,
                port=settings.http_port,
                forwarded_allow_ips=settings.http_forwarded_allow_ips,
                log_config=None,
                access_log=False,
                lifespan="off",
            )
        )
        self._http_task = asyncio.create_task(self._http.serve(), name="http")
        self._grpc = GrpcServer(
            host=settings.http_host,
            port=settings.grpc_port,
            services=self.service.grpc_services,
            verifier=self.service.verifier,
            tls=grpc_tls(settings),
        )
        await self._grpc.start()
        log.info(
            "serving",
            http=f"http://{settings.http_host}:{settings.http_port}",
            grpc=self._grpc.address,
            grpc_tls=self._grpc.secure,
        )
        if settings.environment == "production" and not self._grpc.secure:
            log.warning(
                "gRPC serves in plaintext: bearer tokens cross the network readable unless "
                "TLS ends in front of it (set GRPC_TLS_CERT_FILE and GRPC_TLS_KEY_FILE)"
            )

        await wait_until(self._connect_kafka, settings.startup_deadline_s, what="Kafka")
        assert self._admin is not None
        await ensure_topics(
            self._admin, self.service.topics, self.names, settings.kafka_topic_replication_factor
        )
        self._producer = create_producer(settings)
        await self._producer.start()
        relay = OutboxRelay(
            database,
            self._producer,
            self.names,
            batch_size=settings.outbox_batch_size,
            poll_interval_s=settings.outbox_poll_interval_s,
        )
        self._relay = asyncio.create_task(
            self._supervise("relay", relay.run, self._relay_stop), name="relay"
        )
        for name, worker in self.service.workers:
            self._consumers.append(
                asyncio.create_task(self._supervise(name, worker, self._stop), name=name)
            )
        if self.service.event_handlers:
            runner = self._consumer_runner(self._producer)
            if settings.consume:
                self._consumers.append(
                    asyncio.create_task(
                        self._supervise("consumer", runner.run, self._stop), name="consumer"
                    )
                )
            else:
                log.warning("consumption held (consume = false): events wait on Kafka")
            lag = LagMonitor(
                settings,
                settings.consumer_group,
                runner.topics,
                every_s=settings.consumer_lag_interval_s,
            )
            self._consumers.append(
                asyncio.create_task(self._supervise("lag", lag.run, self._stop), name="lag")
            )
        self._started = True
        READY.set(1)
        await self._grpc.set_serving(True)
        log.info("ready")

    async def _drain(self) -> None:
        """Stop taking work, finish what is in flight, publish what was committed."""
        log.info("draining")
        self._started = False
        READY.set(0)
        self._stop.set()
        if self._grpc is not None:
            await self._grpc.set_serving(False)
        if self._http is not None and self._http_task is not None:
            self._http.should_exit = True
            await self._http_task
        await asyncio.gather(*self._consumers)
        self._relay_stop.set()
        if self._relay is not None:
            await self._relay
        if self._producer is not None:
            await self._producer.stop()
        if self._grpc is not None:
            await self._grpc.stop()
        if self._admin is not None:
            await self._admin.close()
        await self.service.database.dispose()
        log.info("stopped")

    def _consumer_runner(self, producer: AIOKafkaProducer) -> ConsumerRunner:
        settings = self.settings
        return ConsumerRunner(
            consumer_factory=lambda *topics: create_consumer(settings, *topics),
            producer=producer,
            uow_factory=self.service.uow_factory,
            handlers=self.service.event_handlers,
            names=self.names,
            group=settings.consumer_group,
            max_attempts=settings.consumer_max_attempts,
            retry_backoff_s=settings.consumer_retry_backoff_s,
            hooks=self.service.batch_hooks,
            # SQLite has one connection: lanes and overlap would only queue for it.
            lanes=1 if self.service.database.is_sqlite else settings.consumer_lanes,
            overlap=not self.service.database.is_sqlite and settings.consumer_overlap,
        )

    async def _supervise(
        self, name: str, run: Callable[[asyncio.Event], Awaitable[None]], stop: asyncio.Event
    ) -> None:
        """Restart a worker that failed (e.g. the database went away), with backoff."""

        async def sleep_unless_stopping(seconds: float) -> None:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), seconds)

        async for attempt in AsyncRetrying(
            retry=retry_if_exception_type(Exception),
            wait=wait_exponential(multiplier=0.5, max=30),
            stop=stop_never,
            sleep=sleep_unless_stopping,
            before_sleep=lambda state: log.error(
                "worker failed, restarting",
                worker=name,
                error=repr(state.outcome.exception()) if state.outcome else None,
            ),
        ):
            with attempt:
                if not stop.is_set():
                    await run(stop)

    async def _connect_kafka(self) -> bool:
        """One attempt to reach Kafka with an admin client (kept once it answers)."""
        if self._admin is None:
            admin = create_admin(self.settings)
            try:
                async with asyncio.timeout(PROBE_TIMEOUT_S * 5):
                    await admin.start()
            except Exception as exc:
                log.warning("Kafka does not answer yet", error=repr(exc))
                await admin.close()
                return False
            self._admin = admin
        return await self._kafka_answers()

    async def _kafka_answers(self) -> bool:
        if self._admin is None:
            return False
        try:
            async with asyncio.timeout(PROBE_TIMEOUT_S):
                await self._admin.list_topics()
        except Exception:
            return False
        return True

    async def readiness(self) -> dict[str, bool]:
        database_ok, kafka_ok = await asyncio.gather(
            ping(self.service.database.engine, PROBE_TIMEOUT_S), self._kafka_answers()
        )
        return {"started": self._started, "database": database_ok, "kafka": kafka_ok}


def grpc_tls(settings: ServiceSettings) -> TlsIdentity | None:
    if settings.grpc_tls_cert_file is None or settings.grpc_tls_key_file is None:
        return None
    return TlsIdentity.from_files(settings.grpc_tls_cert_file, settings.grpc_tls_key_file)


def serve(service: Service) -> None:
    settings = service.settings
    configure_logging(settings.service_name, settings.log_level, settings.log_format)
    configure_tracing(settings.service_name, settings.otlp_endpoint)
    try:
        # libuv's loop: the same asyncio API, with transports, callbacks and timers in C
        # (the stock loop's own frames were an eighth of a service's CPU under load).
        uvloop.run(ServiceRuntime(service).run())
    finally:
        shutdown_tracing()
