"""The AsyncAPI 3 document of every topic, generated from the catalog."""

from __future__ import annotations

from typing import Any

import yaml

from bangkom.platform.catalog.base import Event, Topic, event_types
from bangkom.platform.catalog.topics import ALL_TOPICS

SCHEMA_REF = "#/components/schemas/{model}"

CLOUDEVENTS_HEADERS: dict[str, Any] = {
    "type": "object",
    "description": "CloudEvents 1.0, Kafka protocol binding, binary content mode.",
    "required": ["ce_specversion", "ce_id", "ce_source", "ce_type", "ce_time", "ce_subject"],
    "properties": {
        "ce_specversion": {"type": "string", "const": "1.0"},
        "ce_id": {"type": "string", "format": "uuid"},
        "ce_source": {
            "type": "string",
            "description": "Producing service, e.g. /bangkom/evaluation",
        },
        "ce_type": {"type": "string"},
        "ce_time": {"type": "string", "format": "date-time"},
        "ce_subject": {"type": "string", "description": "NIP or code of the entity"},
        "ce_traceparent": {"type": "string", "description": "W3C trace context"},
        "content-type": {"type": "string", "const": "application/json"},
    },
}


def _channel_id(topic: Topic) -> str:
    return topic.name.removeprefix("bangkom.").replace(".", "_")


def _message_name(event: type[Event]) -> str:
    return event.__name__


def build_document() -> dict[str, Any]:
    events = sorted(event_types().values(), key=lambda e: e.TYPE)
    schemas: dict[str, Any] = {}
    messages: dict[str, Any] = {}
    channels: dict[str, Any] = {}
    operations: dict[str, Any] = {}

    for event in events:
        schema = event.model_json_schema(ref_template=SCHEMA_REF)
        schemas.update(schema.pop("$defs", {}))
        schemas[event.__name__] = schema
        messages[_message_name(event)] = {
            "name": event.TYPE,
            "title": event.__name__,
            "summary": (event.__doc__ or "").strip().splitlines()[0],
            "contentType": "application/json",
            "headers": {"$ref": "#/components/schemas/CloudEventHeaders"},
            "payload": {"$ref": SCHEMA_REF.format(model=event.__name__)},
            "bindings": {"kafka": {"key": {"type": "string", "description": event.TOPIC.key}}},
            "x-source": event.SOURCE,
        }
    schemas["CloudEventHeaders"] = CLOUDEVENTS_HEADERS

    for topic in ALL_TOPICS:
        on_topic = [e for e in events if topic == e.TOPIC]
        channel_id = _channel_id(topic)
        channels[channel_id] = {
            "address": topic.name,
            "description": topic.description,
            "messages": {
                _message_name(e): {"$ref": f"#/components/messages/{_message_name(e)}"}
                for e in on_topic
            },
            "bindings": {
                "kafka": {
                    "topic": topic.name,
                    "partitions": topic.partitions,
                    "topicConfiguration": {
                        "cleanup.policy": ["compact"] if topic.compacted else ["delete"]
                    },
                }
            },
        }
        for event in on_topic:
            operations[f"publish{event.__name__}"] = {
                "action": "send",
                "summary": f"{event.SOURCE} publishes {event.TYPE}",
                "channel": {"$ref": f"#/channels/{channel_id}"},
                "messages": [{"$ref": f"#/channels/{channel_id}/messages/{_message_name(event)}"}],
            }

    return {
        "asyncapi": "3.0.0",
        "info": {
            "title": "bangkom events",
            "version": "1.0.0",
            "description": (
                "Every event of the bangkom services, generated from the event catalog "
                "(bangkom.platform.catalog). Do not edit by hand: run `make asyncapi`."
            ),
        },
        "defaultContentType": "application/json",
        "servers": {
            "local": {
                "host": "127.0.0.1:9092",
                "protocol": "kafka",
                "description": "Single-node Kafka started by scripts/kafka.sh",
            }
        },
        "channels": channels,
        "operations": operations,
        "components": {"schemas": schemas, "messages": messages},
    }


def render() -> str:
    return yaml.safe_dump(build_document(), sort_keys=False, allow_unicode=True, width=100)
