import uuid

import pytest

from bangkom.platform.catalog import ResultRecorded
from bangkom.platform.clock import utc_now
from bangkom.platform.messaging.envelope import OutgoingMessage, UndecodableEvent, decode, encode
from tests import factories


def _message(**overrides: str) -> OutgoingMessage:
    event = factories.result_recorded()
    fields = {
        "event_id": str(uuid.uuid4()),
        "topic": event.TOPIC.name,
        "key": event.key,
        "type": event.TYPE,
        "source": event.SOURCE,
        "subject": event.subject,
        "time": utc_now(),
        "data": event.model_dump_json(),
        "traceparent": f"00-{'1' * 32}-{'2' * 16}-01",
    }
    fields.update(overrides)
    return OutgoingMessage(**fields)  # type: ignore[arg-type]


def test_binary_mode_puts_attributes_in_ce_headers_and_the_key_is_the_nip() -> None:
    message = _message()

    key, value, headers = encode(message)

    names = dict(headers)
    assert key == message.key.encode()
    assert names["ce_specversion"] == b"1.0"
    assert names["ce_id"] == message.event_id.encode()
    assert names["ce_type"] == b"id.go.bangkom.evaluation.result.recorded.v1"
    assert names["ce_subject"] == message.subject.encode()
    assert names["content-type"] == b"application/json"
    assert value == message.data.encode()


def test_an_encoded_event_decodes_to_its_typed_payload() -> None:
    message = _message()
    key, value, headers = encode(message)

    incoming = decode(dict(headers), key, value)

    assert incoming is not None
    assert incoming.id == message.event_id
    assert incoming.traceparent == message.traceparent
    assert isinstance(incoming.payload, ResultRecorded)
    assert incoming.payload.model_dump_json() == message.data


def test_a_type_outside_the_catalog_is_not_ours_to_handle() -> None:
    key, value, headers = encode(_message(type="id.go.other.thing.happened.v1"))

    assert decode(dict(headers), key, value) is None


def test_data_that_does_not_match_its_type_is_undecodable_and_says_which_field() -> None:
    key, _, headers = encode(_message())

    with pytest.raises(UndecodableEvent, match="level"):
        decode(dict(headers), key, b'{"nip": "198503152010012003", "level": 9}')


def test_a_record_without_cloudevents_headers_is_undecodable() -> None:
    with pytest.raises(UndecodableEvent, match="not a CloudEvent"):
        decode({}, b"k", b"{}")
