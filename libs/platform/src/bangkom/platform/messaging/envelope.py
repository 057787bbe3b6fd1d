"""CloudEvents 1.0 over the Kafka protocol binding, binary content mode.

Attributes travel as ``ce_*`` headers, the data as JSON in the value, and the
key is the entity the order matters for.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from cloudevents.core.bindings.kafka import KafkaMessage, from_binary, to_binary
from cloudevents.core.formats.json import JSONFormat
from cloudevents.core.v1.event import CloudEvent
from pydantic import ValidationError

from bangkom.platform.catalog.base import Event, event_class

JSON = "application/json"
_FORMAT = JSONFormat()


@dataclass(frozen=True)
class OutgoingMessage:
    """An event ready for Kafka: what the outbox stores and the relay sends."""

    event_id: str
    topic: str
    key: str
    type: str
    source: str
    subject: str
    time: datetime
    data: str
    traceparent: str | None = None


@dataclass(frozen=True)
class IncomingEvent:
    """A decoded CloudEvent: its attributes and the typed payload."""

    id: str
    type: str
    source: str
    subject: str | None
    time: datetime | None
    traceparent: str | None
    payload: Event


class UndecodableEvent(ValueError):
    """The message is not a valid CloudEvent or its data does not match its type."""


def encode(message: OutgoingMessage) -> tuple[bytes, bytes, list[tuple[str, bytes]]]:
    """Return key, value and headers of the Kafka record."""
    attributes: dict[str, Any] = {
        "id": message.event_id,
        "source": message.source,
        "type": message.type,
        "subject": message.subject,
        "time": message.time,
        "datacontenttype": JSON,
    }
    if message.traceparent:
        attributes["traceparent"] = message.traceparent
    record = to_binary(
        CloudEvent(attributes, message.data.encode()),
        _FORMAT,
        key_mapper=lambda _event: message.key,
    )
    return message.key.encode(), record.value, list(record.headers.items())


def headers_of(raw_headers: Sequence[tuple[str, bytes]] | None) -> dict[str, bytes]:
    return {name: value for name, value in raw_headers or ()}


def decode(
    headers: Mapping[str, bytes], key: bytes | None, value: bytes | None
) -> IncomingEvent | None:
    """Decode a record; None when its type is not in the catalog (not ours to handle).

    Raises UndecodableEvent for anything malformed, so that it can be dead-lettered.
    """
    try:
        cloud_event = from_binary(KafkaMessage(dict(headers), key, value or b""), _FORMAT)
    except Exception as exc:
        raise UndecodableEvent(f"not a CloudEvent in binary mode: {exc}") from exc
    attributes = cloud_event.get_attributes()
    model = event_class(str(attributes.get("type", "")))
    if model is None:
        return None
    data = cloud_event.get_data()
    try:
        payload = (
            model.model_validate(data)
            if isinstance(data, dict)
            else model.model_validate_json(data or b"")
        )
    except ValidationError as exc:
        raise UndecodableEvent(
            f"data does not match {attributes['type']}: {exc.error_count()} error(s): "
            + "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
        ) from exc
    return IncomingEvent(
        id=str(attributes["id"]),
        type=str(attributes["type"]),
        source=str(attributes["source"]),
        subject=attributes.get("subject"),
        time=attributes.get("time"),
        traceparent=attributes.get("traceparent"),
        payload=payload,
    )
