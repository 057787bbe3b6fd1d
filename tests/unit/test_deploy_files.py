"""docker-compose.yml and deploy/ cannot run here (no Docker engine, no cluster), so
their structure is checked against the code they configure."""

import ipaddress
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from pydantic_settings import BaseSettings

from bangkom.career.config import CareerSettings
from bangkom.console.config import ConsoleSettings
from bangkom.evaluation.config import EvaluationSettings
from bangkom.recommendation.config import RecommendationSettings
from bangkom.survey.config import SurveySettings
from bangkom.training.config import TrainingSettings

ROOT = Path(__file__).parents[2]
SETTINGS: dict[str, type[BaseSettings]] = {
    "evaluation": EvaluationSettings,
    "training": TrainingSettings,
    "survey": SurveySettings,
    "recommendation": RecommendationSettings,
    "career": CareerSettings,
}


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    return dict(yaml.safe_load((ROOT / "docker-compose.yml").read_text()))


def test_compose_runs_the_whole_stack(compose: dict[str, Any]) -> None:
    assert set(compose["services"]) == {
        "kafka",
        "postgres",
        *SETTINGS,
        "console",
        "prometheus",
        "grafana",
    }
    kafka = compose["services"]["kafka"]["environment"]
    assert kafka["KAFKA_PROCESS_ROLES"] == "broker,controller"
    assert compose["services"]["kafka"]["image"].startswith("apache/kafka:4.")


@pytest.mark.parametrize("name", list(SETTINGS))
def test_each_service_environment_matches_its_settings_class(
    compose: dict[str, Any], name: str
) -> None:
    service = compose["services"][name]
    settings = SETTINGS[name]
    prefix = settings.model_config["env_prefix"]
    environment = service["environment"]
    own = {
        k.removeprefix(prefix).lower(): v for k, v in environment.items() if k.startswith(prefix)
    }

    assert set(own) <= set(settings.model_fields), "unknown setting in compose"
    # Each service reads only its own prefix: anything else is set for nobody.
    assert [k for k in environment if not k.startswith(prefix)] == []
    assert own["environment"] == "development"
    assert settings(**{k: v for k, v in own.items()}).service_name == name
    assert service["command"] == ["python", "-m", f"bangkom.{name}", "serve"]
    assert f"{own['http_port']}:{own['http_port']}" in service["ports"]
    assert f"{own['grpc_port']}:{own['grpc_port']}" in service["ports"]
    assert str(own["http_port"]) in " ".join(service["healthcheck"]["test"])
    assert service["depends_on"] == {
        "kafka": {"condition": "service_healthy"},
        "postgres": {"condition": "service_healthy"},
    }


def test_compose_publishes_case_uris_at_the_port_it_opens_on_the_host(
    compose: dict[str, Any],
) -> None:
    evaluation = compose["services"]["evaluation"]
    base = evaluation["environment"]["BANGKOM_EVALUATION_CASE_BASE_URI"]

    host_port = base.removeprefix("http://localhost:")
    assert (
        f"{host_port}:{evaluation['environment']['BANGKOM_EVALUATION_HTTP_PORT']}"
        in (evaluation["ports"])
    )


def test_the_console_environment_matches_its_settings_and_reaches_every_api(
    compose: dict[str, Any],
) -> None:
    console = compose["services"]["console"]
    prefix = ConsoleSettings.model_config["env_prefix"]
    own = {
        k.removeprefix(prefix).lower(): v
        for k, v in console["environment"].items()
        if k.startswith(prefix)
    }

    settings = ConsoleSettings(**own)
    assert set(own) <= set(ConsoleSettings.model_fields), "unknown setting in compose"
    assert console["command"] == ["python", "-m", "bangkom.console", "serve"]
    assert f"{settings.http_port}:{settings.http_port}" in console["ports"]
    # Every API the console calls.
    assert set(settings.service_urls) == set(SETTINGS)
    for name in settings.service_urls:
        port = compose["services"][name]["environment"][
            f"{SETTINGS[name].model_config['env_prefix']}HTTP_PORT"
        ]
        assert settings.service_urls[name] == f"http://{name}:{port}"


def test_survey_believes_the_forwarded_address_from_the_console_alone(
    compose: dict[str, Any],
) -> None:
    # The public form's visitors reach survey through the console, which forwards each
    # one's address: trusting the console (and nobody else) gives each visitor their own
    # allowance and keeps anyone else from choosing theirs.
    subnet = compose["networks"]["default"]["ipam"]["config"][0]["subnet"]
    console = compose["services"]["console"]["networks"]["default"]["ipv4_address"]
    survey = compose["services"]["survey"]["environment"]
    trusted = SurveySettings(
        http_forwarded_allow_ips=survey["BANGKOM_SURVEY_HTTP_FORWARDED_ALLOW_IPS"]
    ).http_forwarded_allow_ips

    assert trusted == console
    assert ipaddress.ip_address(console) in ipaddress.ip_network(subnet)


@pytest.mark.parametrize("name", list(SETTINGS))
def test_each_service_has_its_own_database_created_at_init(
    compose: dict[str, Any], name: str
) -> None:
    prefix = SETTINGS[name].model_config["env_prefix"]
    url = compose["services"][name]["environment"][f"{prefix}DATABASE_URL"]
    database = url.rsplit("/", 1)[1]

    assert database == f"bangkom_{name}"
    assert f"CREATE DATABASE {database} " in (ROOT / "deploy/postgres/init.sql").read_text()


def test_prometheus_scrapes_every_service_port_and_the_console(
    compose: dict[str, Any],
) -> None:
    scrape = yaml.safe_load((ROOT / "deploy/prometheus/prometheus.yml").read_text())
    targets = {t for c in scrape["scrape_configs"][0]["static_configs"] for t in c["targets"]}
    prefixes = {n: SETTINGS[n].model_config["env_prefix"] for n in SETTINGS}
    console_port = ConsoleSettings().http_port

    assert targets == {
        f"{n}:{compose['services'][n]['environment'][f'{prefixes[n]}HTTP_PORT']}" for n in SETTINGS
    } | {f"console:{console_port}"}
    assert f"{console_port}:{console_port}" in compose["services"]["console"]["ports"]


def test_alert_rules_use_only_metrics_the_services_export() -> None:
    from bangkom.platform.observability import metrics

    exported = {m._name for m in vars(metrics).values() if hasattr(m, "_name")}
    rules = yaml.safe_load((ROOT / "deploy/prometheus/alerts.yml").read_text())
    used = {
        re.split(r"[{\[]", word)[0].removesuffix("_bucket").removesuffix("_total")
        for group in rules["groups"]
        for rule in group["rules"]
        for word in rule["expr"].replace("(", " ").replace(")", " ").split()
        if word.startswith("bangkom_")
    }
    assert used <= {name.removesuffix("_total") for name in exported}


def test_the_image_exposes_every_service_default_port() -> None:
    exposed = re.search(r"^EXPOSE (.+)$", (ROOT / "Dockerfile").read_text(), re.MULTILINE)
    assert exposed is not None
    defaults = set()
    for settings in SETTINGS.values():
        fields = settings.model_fields
        defaults |= {str(fields["http_port"].default), str(fields["grpc_port"].default)}
    defaults.add(str(ConsoleSettings.model_fields["http_port"].default))

    assert set(exposed.group(1).split()) == defaults
