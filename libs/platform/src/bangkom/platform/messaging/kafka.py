"""Kafka clients built from settings (SASL and TLS included), nothing at import time."""

from __future__ import annotations

import ssl
from dataclasses import dataclass
from typing import Any

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer
from aiokafka.admin import AIOKafkaAdminClient

from bangkom.platform.settings import ServiceSettings


@dataclass(frozen=True)
class TopicNames:
    """Maps catalog topic names to broker topic names (a prefix isolates environments)."""

    prefix: str = ""

    def __call__(self, name: str) -> str:
        return f"{self.prefix}{name}"

    def logical(self, broker_name: str) -> str:
        return broker_name.removeprefix(self.prefix)


def connection_options(settings: ServiceSettings) -> dict[str, Any]:
    options: dict[str, Any] = {
        "bootstrap_servers": settings.kafka_bootstrap_servers,
        "security_protocol": settings.kafka_security_protocol,
        "client_id": f"bangkom-{settings.service_name}",
        "metadata_max_age_ms": int(settings.kafka_metadata_max_age_s * 1000),
    }
    if settings.kafka_security_protocol in ("SSL", "SASL_SSL"):
        options["ssl_context"] = ssl.create_default_context(
            cafile=str(settings.kafka_ssl_cafile) if settings.kafka_ssl_cafile else None
        )
    if settings.kafka_security_protocol.startswith("SASL"):
        options["sasl_mechanism"] = settings.kafka_sasl_mechanism or "PLAIN"
        options["sasl_plain_username"] = settings.kafka_sasl_username
        options["sasl_plain_password"] = (
            settings.kafka_sasl_password.get_secret_value()
            if settings.kafka_sasl_password
            else None
        )
    return options


def create_producer(settings: ServiceSettings, **overrides: Any) -> AIOKafkaProducer:
    """Idempotent producer (acks=all implied) that batches for a few milliseconds."""
    options = {
        **connection_options(settings),
        "enable_idempotence": True,
        "acks": "all",
        "linger_ms": 5,
        "max_batch_size": 256 * 1024,
        "compression_type": None,
    }
    options.update(overrides)
    return AIOKafkaProducer(**options)


def create_consumer(settings: ServiceSettings, *topics: str, **overrides: Any) -> AIOKafkaConsumer:
    options = {
        **connection_options(settings),
        "group_id": settings.consumer_group,
        "enable_auto_commit": False,
        "auto_offset_reset": "earliest",
        "isolation_level": "read_committed",
        "max_poll_records": settings.consumer_batch_size,
    }
    options.update(overrides)
    return AIOKafkaConsumer(*topics, **options)


def create_admin(settings: ServiceSettings) -> AIOKafkaAdminClient:
    return AIOKafkaAdminClient(**connection_options(settings))
