"""deploy/k8s overlays rendered by the real kustomize (scripts/kustomize.sh) and checked
as a cluster would: every document against the Kubernetes API schema (PyPI
kubernetes-validate, strict: an unknown field fails), then what a cluster operator
expects of them, and that each service's environment is what its settings class reads
and accepts in production."""

from __future__ import annotations

import copy
import ipaddress
import re
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import kubernetes_validate
import pytest
import yaml
from pydantic_settings import BaseSettings

from bangkom.career.config import CareerSettings
from bangkom.console.config import ConsoleSettings
from bangkom.evaluation.config import EvaluationSettings
from bangkom.platform.settings import ServiceSettings
from bangkom.recommendation.config import RecommendationSettings
from bangkom.survey.config import SurveySettings
from bangkom.training.config import TrainingSettings

ROOT = Path(__file__).parents[2]
K8S = ROOT / "deploy/k8s"
# The newest schema kubernetes-validate ships: the API a cluster of today serves.
KUBERNETES_VERSION = "1.37.0"
OVERLAYS = ("city", "province")
DATA_SERVICES: dict[str, type[ServiceSettings]] = {
    "evaluation": EvaluationSettings,
    "training": TrainingSettings,
    "survey": SurveySettings,
    "recommendation": RecommendationSettings,
    "career": CareerSettings,
}
SETTINGS: dict[str, type[BaseSettings]] = {**DATA_SERVICES, "console": ConsoleSettings}
KAFKA_PORT, POSTGRES_PORT, DNS_PORT, HTTPS_PORT = 9092, 5432, 53, 443


@dataclass(frozen=True)
class Rendered:
    overlay: str
    documents: list[dict[str, Any]]

    def of_kind(self, kind: str) -> list[dict[str, Any]]:
        return [d for d in self.documents if d["kind"] == kind]

    def named(self, kind: str, name: str) -> dict[str, Any]:
        (found,) = [d for d in self.of_kind(kind) if d["metadata"]["name"] == name]
        return found

    def config_map(self, generated_name: str) -> dict[str, str]:
        return dict(self.named("ConfigMap", generated_name)["data"])


def render(overlay: str) -> Rendered:
    built = subprocess.run(
        ["scripts/kustomize.sh", "build", overlay],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert built.returncode == 0, built.stderr
    return Rendered(overlay, [d for d in yaml.safe_load_all(built.stdout) if d])


@pytest.fixture(scope="module", params=OVERLAYS)
def rendered(request: pytest.FixtureRequest) -> Rendered:
    return render(request.param)


@pytest.fixture(scope="module")
def province() -> Rendered:
    return render("province")


def secret_template() -> dict[str, Any]:
    return dict(yaml.safe_load((K8S / "base/secret.template.yaml").read_text()))


def pod_specs(rendered: Rendered) -> Iterator[tuple[str, dict[str, Any]]]:
    for deployment in rendered.of_kind("Deployment"):
        yield deployment["metadata"]["name"], deployment["spec"]["template"]["spec"]


def container_of(rendered: Rendered, name: str) -> dict[str, Any]:
    (container,) = rendered.named("Deployment", name)["spec"]["template"]["spec"]["containers"]
    return dict(container)


def environment(rendered: Rendered, container: dict[str, Any]) -> dict[str, str]:
    """What the process sees: the ConfigMaps under their prefix, then `env` (which wins),
    the Secret's values taken from its template."""
    values: dict[str, str] = {}
    for source in container.get("envFrom", []):
        data = rendered.config_map(source["configMapRef"]["name"])
        values |= {source.get("prefix", "") + k: v for k, v in data.items()}
    secret = secret_template()
    for variable in container.get("env", []):
        if "value" in variable:
            values[variable["name"]] = variable["value"]
        else:
            ref = variable["valueFrom"]["secretKeyRef"]
            assert ref["name"] == secret["metadata"]["name"]
            values[variable["name"]] = secret["stringData"][ref["key"]]
    return values


def settings_of(rendered: Rendered, name: str) -> tuple[dict[str, Any], BaseSettings]:
    settings = SETTINGS[name]
    prefix = settings.model_config["env_prefix"]
    values = environment(rendered, container_of(rendered, name))
    unknown = {k for k in values if k.removeprefix(prefix).lower() not in settings.model_fields}
    assert not unknown, f"{name}: variables its settings do not read: {unknown}"
    own: dict[str, Any] = {k.removeprefix(prefix).lower(): v for k, v in values.items()}
    return own, settings(**own)


def test_every_rendered_document_validates_against_the_kubernetes_schema(
    rendered: Rendered,
) -> None:
    kinds = {d["kind"] for d in rendered.documents}
    for document in [*rendered.documents, secret_template()]:
        kubernetes_validate.validate(document, KUBERNETES_VERSION, strict=True)

    assert {"Namespace", "ConfigMap", "Deployment", "Service", "NetworkPolicy"} <= kinds
    assert {d["metadata"]["name"] for d in rendered.of_kind("Deployment")} == set(SETTINGS)


def test_a_field_kubernetes_does_not_know_fails_the_validation(province: Rendered) -> None:
    deployment = copy.deepcopy(province.named("Deployment", "evaluation"))
    deployment["spec"]["template"]["spec"]["containers"][0]["runAsUser"] = 10001

    with pytest.raises(kubernetes_validate.ValidationError):
        kubernetes_validate.validate(deployment, KUBERNETES_VERSION, strict=True)


def test_every_container_runs_the_one_pinned_image(rendered: Rendered) -> None:
    base = yaml.safe_load((K8S / "base/kustomization.yaml").read_text())
    (image,) = base["images"]
    pinned = f"{image['newName']}:{image['newTag']}"

    images = {c["image"] for _, spec in pod_specs(rendered) for c in spec["containers"]}
    assert images == {pinned}
    assert re.fullmatch(r"\d+\.\d+\.\d+", image["newTag"]), "a release, not latest"


def test_every_pod_runs_as_the_image_user_with_a_read_only_root_filesystem(
    rendered: Rendered,
) -> None:
    user = re.search(r"^USER (\d+):(\d+)$", (ROOT / "Dockerfile").read_text(), re.MULTILINE)
    assert user is not None, "the Dockerfile names its user by number"
    uid, gid = int(user.group(1)), int(user.group(2))
    for name, spec in pod_specs(rendered):
        pod = spec["securityContext"]
        assert pod["runAsNonRoot"] is True, name
        assert (pod["runAsUser"], pod["runAsGroup"]) == (uid, gid) != (0, 0), name
        assert pod["seccompProfile"] == {"type": "RuntimeDefault"}, name
        assert spec["automountServiceAccountToken"] is False, name
        writable = {v["name"] for v in spec["volumes"] if "emptyDir" in v}
        for container in spec["containers"]:
            context = container["securityContext"]
            assert context["readOnlyRootFilesystem"] is True, name
            assert context["allowPrivilegeEscalation"] is False, name
            assert context["capabilities"] == {"drop": ["ALL"]}, name
            mounts = {m["mountPath"]: m["name"] for m in container["volumeMounts"]}
            assert mounts.get("/tmp") in writable, f"{name}: /tmp is not writable"
            assert set(mounts.values()) <= writable, name


def test_evaluation_spools_imports_on_a_writable_volume(rendered: Rendered) -> None:
    _, settings = settings_of(rendered, "evaluation")
    assert isinstance(settings, EvaluationSettings)
    container = container_of(rendered, "evaluation")
    spec = rendered.named("Deployment", "evaluation")["spec"]["template"]["spec"]
    mounts = {m["mountPath"]: m["name"] for m in container["volumeMounts"]}
    volumes = {v["name"]: v for v in spec["volumes"]}

    spool = str(settings.import_spool_dir)
    assert spool.startswith("/"), "relative to the read-only working directory"
    assert "emptyDir" in volumes[mounts[spool]]


def test_evaluation_publishes_case_uris_at_a_public_https_address(rendered: Rendered) -> None:
    own, settings = settings_of(rendered, "evaluation")
    assert isinstance(settings, EvaluationSettings)

    assert "case_base_uri" in own, "set, not the default of a developer's machine"
    assert settings.case_base_uri.startswith("https://")
    assert "localhost" not in settings.case_base_uri


@pytest.mark.parametrize("name", list(SETTINGS))
def test_each_service_reads_its_configuration_and_starts_in_production(
    rendered: Rendered, name: str
) -> None:
    own, settings = settings_of(rendered, name)

    assert own["environment"] == "production"
    assert own["auth_audience"] == "bangkom", "AUTH_AUDIENCE set, not defaulted"
    assert own["auth_issuer"].startswith("https://")
    assert int(own["http_port"]) == SETTINGS[name].model_fields["http_port"].default
    if name in DATA_SERVICES:
        assert isinstance(settings, ServiceSettings)
        assert settings.auth_jwks_url is not None
        assert settings.auth_jwks_url.startswith("https://")
        assert not settings.uses_dev_key
        assert settings.database_url.startswith("postgresql+asyncpg://")
        assert settings.database_url.endswith(f"/bangkom_{name}")
        assert int(own["grpc_port"]) == SETTINGS[name].model_fields["grpc_port"].default


def test_the_kafka_replication_factor_is_the_topic_plan_of_the_scale(
    rendered: Rendered,
) -> None:
    plan = yaml.safe_load((ROOT / f"deploy/kafka/topics-{rendered.overlay}.yaml").read_text())
    factors = {topic["replication_factor"] for topic in plan["topics"]}
    for name in DATA_SERVICES:
        _, settings = settings_of(rendered, name)
        assert isinstance(settings, ServiceSettings)

        assert {settings.kafka_topic_replication_factor} == factors
        assert len(settings.kafka_bootstrap_servers.split(",")) >= max(factors)


def test_the_console_calls_each_service_at_its_kubernetes_service(rendered: Rendered) -> None:
    _, console = settings_of(rendered, "console")
    assert isinstance(console, ConsoleSettings)
    for name, url in console.service_urls.items():
        service = rendered.named("Service", name)
        (port,) = [p["port"] for p in service["spec"]["ports"] if p["name"] == "http"]
        assert url == f"http://{name}:{port}"


@pytest.mark.parametrize("name", ["console", "survey"])
def test_the_console_and_survey_believe_forwarded_addresses_from_the_cluster_only(
    rendered: Rendered, name: str
) -> None:
    # The public reach the console through the ingress controller, and survey through
    # the console: both must take the visitor's address from the header (else all the
    # public share one allowance), and only from a pod of the cluster.
    _, settings = settings_of(rendered, name)
    assert isinstance(settings, ConsoleSettings | ServiceSettings)
    trusted = [ipaddress.ip_network(n) for n in settings.http_forwarded_allow_ips.split(",")]

    assert any(ipaddress.ip_address("10.244.1.7") in network for network in trusted)
    assert not any(ipaddress.ip_address("203.0.113.9") in network for network in trusted)


def test_every_deployment_has_a_service_probes_and_scrape_annotations(
    rendered: Rendered,
) -> None:
    for deployment in rendered.of_kind("Deployment"):
        name = deployment["metadata"]["name"]
        template = deployment["spec"]["template"]
        (container,) = template["spec"]["containers"]
        ports = {p["name"]: p["containerPort"] for p in container["ports"]}
        service = rendered.named("Service", name)
        annotations = template["metadata"]["annotations"]

        assert service["spec"]["selector"].items() <= template["metadata"]["labels"].items()
        assert {p["targetPort"] for p in service["spec"]["ports"]} <= set(ports)
        assert container["livenessProbe"]["httpGet"] == {"path": "/healthz", "port": "http"}
        ready = "/readyz" if name in DATA_SERVICES else "/healthz"
        assert container["readinessProbe"]["httpGet"] == {"path": ready, "port": "http"}
        assert annotations["prometheus.io/scrape"] == "true"
        assert annotations["prometheus.io/port"] == str(ports["http"])
        assert annotations["prometheus.io/path"] == "/metrics"


def test_every_deployment_of_a_province_has_a_disruption_budget(province: Rendered) -> None:
    budgets = province.of_kind("PodDisruptionBudget")
    for deployment in province.of_kind("Deployment"):
        labels = deployment["spec"]["template"]["metadata"]["labels"]
        covering = [
            b for b in budgets if b["spec"]["selector"]["matchLabels"].items() <= labels.items()
        ]
        assert len(covering) == 1, deployment["metadata"]["name"]
        assert deployment["spec"]["replicas"] >= 2
        assert covering[0]["spec"]["maxUnavailable"] < deployment["spec"]["replicas"]


def selects(policy: dict[str, Any], labels: dict[str, str]) -> bool:
    selector = policy["spec"]["podSelector"].get("matchLabels", {})
    return bool(selector.items() <= labels.items())


def egress_of(rendered: Rendered, labels: dict[str, str]) -> set[tuple[str, int]]:
    """(peer, port) pairs the pod may open: the peer as its app name, 'dns' or a CIDR."""
    allowed = set()
    for policy in rendered.of_kind("NetworkPolicy"):
        if not selects(policy, labels):
            continue
        for rule in policy["spec"].get("egress", []):
            for peer in rule["to"]:
                if "ipBlock" in peer:
                    name = peer["ipBlock"]["cidr"]
                elif peer.get("podSelector", {}).get("matchLabels", {}).get("k8s-app"):
                    name = "dns"
                else:
                    name = peer["podSelector"]["matchLabels"]["app.kubernetes.io/name"]
                allowed |= {(name, p["port"]) for p in rule["ports"]}
    return allowed


def ingress_ports_from_pods(rendered: Rendered, labels: dict[str, str]) -> dict[int, set[str]]:
    """Port -> app names of the pods of this namespace that may connect to it."""
    allowed: dict[int, set[str]] = {}
    for policy in rendered.of_kind("NetworkPolicy"):
        if not selects(policy, labels):
            continue
        for rule in policy["spec"].get("ingress", []):
            peers = {
                p["podSelector"]["matchLabels"]["app.kubernetes.io/name"]
                for p in rule["from"]
                if "podSelector" in p and "namespaceSelector" not in p
            }
            for port in rule["ports"]:
                allowed.setdefault(port["port"], set()).update(peers)
    return allowed


def test_every_pod_denies_all_traffic_but_what_its_policies_allow(rendered: Rendered) -> None:
    policies = rendered.of_kind("NetworkPolicy")
    for deployment in rendered.of_kind("Deployment"):
        name = deployment["metadata"]["name"]
        labels = deployment["spec"]["template"]["metadata"]["labels"]
        deny_all = [
            p
            for p in policies
            if selects(p, labels)
            and set(p["spec"]["policyTypes"]) == {"Ingress", "Egress"}
            and not p["spec"].get("ingress")
            and not p["spec"].get("egress")
        ]
        own = [
            p
            for p in policies
            if p["spec"]["podSelector"]["matchLabels"] == {"app.kubernetes.io/name": name}
        ]
        assert deny_all, f"{name} is not under a default deny"
        assert len(own) == 1, f"{name} has no NetworkPolicy of its own"


@pytest.mark.parametrize("name", list(DATA_SERVICES))
def test_a_data_service_reaches_only_kafka_postgres_dns_and_the_identity_provider(
    rendered: Rendered, name: str
) -> None:
    labels = rendered.named("Deployment", name)["spec"]["template"]["metadata"]["labels"]
    _, settings = settings_of(rendered, name)
    assert isinstance(settings, ServiceSettings)

    assert egress_of(rendered, labels) == {
        ("dns", DNS_PORT),
        ("kafka", KAFKA_PORT),
        ("postgres", POSTGRES_PORT),
        ("0.0.0.0/0", HTTPS_PORT),
    }
    assert {int(s.rsplit(":", 1)[1]) for s in settings.kafka_bootstrap_servers.split(",")} == {
        KAFKA_PORT
    }
    assert f":{POSTGRES_PORT}/" in settings.database_url
    # Within the namespace, only the console reaches it, and only its HTTP port.
    assert ingress_ports_from_pods(rendered, labels) == {
        settings.http_port: {"console"},
        settings.grpc_port: set(),
    }


def test_the_console_reaches_only_dns_and_the_services_http_ports(
    rendered: Rendered,
) -> None:
    labels = rendered.named("Deployment", "console")["spec"]["template"]["metadata"]["labels"]
    _, console = settings_of(rendered, "console")
    assert isinstance(console, ConsoleSettings)
    called = {(name, int(url.rsplit(":", 1)[1])) for name, url in console.service_urls.items()}

    assert egress_of(rendered, labels) == {("dns", DNS_PORT)} | called
    assert ingress_ports_from_pods(rendered, labels) == {console.http_port: set()}
