"""Create the declared topics (and their dead-letter topics) when they are missing."""

from __future__ import annotations

from collections.abc import Iterable

from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from aiokafka.errors import TopicAlreadyExistsError

from bangkom.platform.catalog.base import Topic
from bangkom.platform.messaging.kafka import TopicNames
from bangkom.platform.observability.logs import get_logger

log = get_logger(__name__)


def _new_topics(
    topics: Iterable[Topic], names: TopicNames, replication_factor: int
) -> list[NewTopic]:
    min_isr = "2" if replication_factor >= 3 else "1"
    declared: list[NewTopic] = []
    for topic in topics:
        config = {
            "cleanup.policy": "compact" if topic.compacted else "delete",
            "min.insync.replicas": min_isr,
        }
        declared.append(
            NewTopic(names(topic.name), topic.partitions, replication_factor, topic_configs=config)
        )
        declared.append(
            NewTopic(
                names(topic.dead_letter),
                1,
                replication_factor,
                topic_configs={"cleanup.policy": "delete", "min.insync.replicas": min_isr},
            )
        )
    return declared


async def ensure_topics(
    admin: AIOKafkaAdminClient,
    topics: Iterable[Topic],
    names: TopicNames,
    replication_factor: int,
) -> list[str]:
    """Create what is missing; return the names created. Safe to run from many replicas."""
    return await create_missing(admin, _new_topics(topics, names, replication_factor))


async def create_missing(admin: AIOKafkaAdminClient, topics: list[NewTopic]) -> list[str]:
    """Create those of ``topics`` the broker lacks; one created meanwhile is no error."""
    existing = set(await admin.list_topics())
    missing = [t for t in topics if t.name not in existing]
    if not missing:
        return []
    response = await admin.create_topics(missing)
    created: list[str] = []
    for name, code, message in _topic_errors(response):
        if code == 0:
            created.append(name)
        elif code != TopicAlreadyExistsError.errno:
            raise RuntimeError(f"could not create topic {name}: {message} (error {code})")
    log.info("topics created", topics=created)
    return created


def _topic_errors(response: object) -> list[tuple[str, int, str | None]]:
    errors = getattr(response, "topic_errors", [])
    return [(entry[0], entry[1], entry[2] if len(entry) > 2 else None) for entry in errors]
