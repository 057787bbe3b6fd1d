"""The alerts an operator relies on, fired by real Prometheus and delivered by real
Alertmanager from what a running service exports: recommendation's consumption held
while results arrive raises BangkomConsumerLagGrowing; consuming again resolves it; a
poison event raises BangkomEventsDeadLettered, which resolves once no more arrive."""

from __future__ import annotations

import asyncio
import contextlib
from pathlib import Path

from bangkom.platform.catalog import topics
from bangkom.platform.messaging.envelope import encode
from bangkom.platform.messaging.kafka import create_producer
from bangkom.platform.settings import ServiceSettings
from tests import factories
from tests.infra import KAFKA, message_of, wait_for
from tests.monitoring import monitoring
from tests.processes import running_system, spawn_service

HELD = {
    "BANGKOM_RECOMMENDATION_CONSUME": "false",
    "BANGKOM_RECOMMENDATION_CONSUMER_LAG_INTERVAL_S": "1",
}


async def test_lag_and_dead_letters_reach_alertmanager_and_resolve(tmp_path: Path) -> None:
    async with running_system(tmp_path, extra_env=HELD, services=("recommendation",)) as system:
        recommendation = system["recommendation"]
        results = f"{system.topic_prefix}{topics.RESULTS.name}"
        producer = create_producer(ServiceSettings(kafka_bootstrap_servers=KAFKA))
        await producer.start()

        async def send_results(count: int) -> None:
            for _ in range(count):
                key, value, headers = encode(
                    message_of(factories.result_recorded(), at=factories.at())
                )
                await producer.send(results, value=value, key=key, headers=headers)
            await producer.flush()

        async def keep_arriving() -> None:
            while True:
                await send_results(10)
                await asyncio.sleep(0.5)  # a load at a steady rate, not a synchronisation

        async with monitoring(tmp_path, {"recommendation": recommendation.http_port}) as alerts:
            arriving = asyncio.create_task(keep_arriving())
            try:
                await send_results(150)
                await alerts.wait_for("BangkomConsumerLagGrowing", "firing")
            finally:
                arriving.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await arriving
            assert alerts.statuses("BangkomEventsDeadLettered") == []

            # Consumption resumes: the backlog drains and the alert resolves.
            assert recommendation.stop() == 0
            consuming = {**recommendation.environment, "BANGKOM_RECOMMENDATION_CONSUME": "true"}
            recommendation.environment = consuming
            recommendation.process = spawn_service(
                "recommendation", consuming, tmp_path / "recommendation-consuming.log"
            )
            await wait_for(recommendation.ready, deadline_s=90, what="recommendation ready")
            await alerts.wait_for("BangkomConsumerLagGrowing", "resolved")

            # A poison event: dead-lettered, alerted, and resolved once no more come.
            key, _, headers = encode(message_of(factories.result_recorded(), at=factories.at()))
            await producer.send_and_wait(results, value=b"{not json", key=key, headers=headers)
            await alerts.wait_for("BangkomEventsDeadLettered", "firing")
            await alerts.wait_for("BangkomEventsDeadLettered", "resolved")
        await producer.stop()
