"""The Kafka topic plans in deploy/kafka/ are generated from the topic catalog."""

from pathlib import Path

import pytest
import yaml

from bangkom.platform.catalog.plan import SCALES, render
from bangkom.platform.catalog.topics import ALL_TOPICS

PLANS = Path(__file__).parents[3] / "deploy" / "kafka"


@pytest.mark.parametrize("scale", sorted(SCALES))
def test_the_checked_in_plan_is_generated_from_the_catalog(scale: str) -> None:
    plan = PLANS / f"topics-{scale}.yaml"
    assert plan.read_text() == render(scale), f"{plan.name} is stale: run `make asyncapi`"


def test_the_province_plan_has_every_topic_and_its_dead_letters_on_three_replicas() -> None:
    plan = yaml.safe_load((PLANS / "topics-province.yaml").read_text())
    names = [t["name"] for t in plan["topics"]]

    assert names == [n for topic in ALL_TOPICS for n in (topic.name, topic.dead_letter)]
    assert {t["replication_factor"] for t in plan["topics"]} == {3}
    assert {t["config"]["min.insync.replicas"] for t in plan["topics"]} == {2}
    by_name = {t["name"]: t for t in plan["topics"]}
    for topic in ALL_TOPICS:
        entry = by_name[topic.name]
        assert entry["config"]["cleanup.policy"] == ("compact" if topic.compacted else "delete")
        assert entry["partitions"] == (12 if topic.key == "NIP" else 6)
