"""The Kafka clients the platform builds see a moved partition leader within seconds.

Found by the fault campaign: after a broker was paused and another killed, training and
recommendation consumed nothing from one broker for 270 s. aiokafka 0.14 refreshes its
metadata on a failed fetch but not on a failed offset lookup (ListOffsets): a consumer
looking up where to start in a partition whose leader moved asks the old leader every
100 ms, and sends no fetch to that broker meanwhile, until the metadata is older than
metadata_max_age_ms (its default: 300 s). The platform's clients keep it short."""

import pytest

from bangkom.platform.messaging.kafka import create_admin, create_consumer, create_producer
from bangkom.platform.settings import ServiceSettings

STALE_LEADER_BOUND_MS = 10_000


async def test_every_client_refreshes_its_view_of_the_partition_leaders_within_seconds() -> None:
    settings = ServiceSettings()
    consumer = create_consumer(settings, "bangkom.evaluation.results.v1")
    producer = create_producer(settings)
    admin = create_admin(settings)

    # aiokafka keeps the setting on its inner client only (no public accessor).
    ages = [consumer._client, producer.client, admin._client]
    try:
        assert [a._metadata_max_age_ms for a in ages] == [STALE_LEADER_BOUND_MS] * 3
    finally:
        await consumer.stop()
        await producer.stop()
        await admin.close()


def test_the_metadata_age_is_a_setting_and_must_be_positive() -> None:
    assert ServiceSettings(kafka_metadata_max_age_s=2.5).kafka_metadata_max_age_s == 2.5
    with pytest.raises(ValueError, match="greater than 0"):
        ServiceSettings(kafka_metadata_max_age_s=0)
