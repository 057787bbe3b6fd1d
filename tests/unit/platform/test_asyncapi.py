from pathlib import Path

import yaml

from bangkom.platform.catalog import event_types
from bangkom.platform.catalog.asyncapi import build_document, render
from bangkom.platform.catalog.topics import ALL_TOPICS

DOCUMENT = Path(__file__).parents[3] / "docs" / "asyncapi.yaml"


def test_the_checked_in_asyncapi_document_is_generated_from_the_catalog() -> None:
    assert DOCUMENT.read_text() == render(), "docs/asyncapi.yaml is stale: run `make asyncapi`"


def test_every_catalog_event_and_topic_is_documented() -> None:
    document = yaml.safe_load(render())

    documented_types = {m["name"] for m in document["components"]["messages"].values()}
    assert documented_types == set(event_types())
    assert {c["address"] for c in document["channels"].values()} == {t.name for t in ALL_TOPICS}


def test_compacted_topics_say_so_in_their_kafka_binding() -> None:
    channels = build_document()["channels"].values()

    compacted = {
        c["address"]
        for c in channels
        if c["bindings"]["kafka"]["topicConfiguration"]["cleanup.policy"] == ["compact"]
    }
    assert compacted == {t.name for t in ALL_TOPICS if t.compacted}
