"""Run as a separate process by test_relay: commit an event to the outbox, then die
(SIGKILL) inside the relay at the moment it hands the first event to Kafka."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from typing import Any

from bangkom.platform.db.database import Database
from bangkom.platform.db.uow import SqlUnitOfWork
from bangkom.platform.messaging.kafka import TopicNames
from bangkom.platform.messaging.relay import OutboxRelay
from tests.integration.messaging import result_event


class DiesOnSend:
    async def send(self, *_args: Any, **_kwargs: Any) -> None:
        os.kill(os.getpid(), signal.SIGKILL)


async def main(database_url: str, prefix: str) -> None:
    database = Database(database_url)
    event = result_event()
    async with SqlUnitOfWork(database) as uow:
        uow.publish(event)
        await uow.commit()
    print(event.result_id, flush=True)
    relay = OutboxRelay(database, DiesOnSend(), TopicNames(prefix))  # type: ignore[arg-type]
    await relay.publish_pending()


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], sys.argv[2]))
