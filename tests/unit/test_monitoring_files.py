"""The dashboard and the Prometheus configurations around the alerts: every panel's
query is PromQL that Prometheus's own parser accepts (promtool), reads only series
that are recorded or exported, and each alert's signal has a panel; both scrape setups
(compose's static targets, Kubernetes pods) give the `service` label the rules group by.
tests/e2e/test_alerts_fire.py asks a real Prometheus every panel's query."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).parents[2]
PROMETHEUS = ROOT / "deploy/prometheus"
DASHBOARD = ROOT / "deploy/grafana/dashboards/bangkom-overview.json"
RECORDED_NAME = re.compile(r"\b[a-z_][a-z0-9_]*:[a-z0-9_:]+")  # level:metric:operations
METRIC_NAME = re.compile(r"\b(?:bangkom_[a-z0-9_]+|up)\b")


def panels() -> list[dict[str, Any]]:
    return list(json.loads(DASHBOARD.read_text())["panels"])


def panel_queries() -> list[tuple[str, str]]:
    return [(p["title"], t["expr"]) for p in panels() for t in p["targets"]]


def rules(name: str) -> list[dict[str, Any]]:
    document = yaml.safe_load((PROMETHEUS / name).read_text())
    return [rule for group in document["groups"] for rule in group["rules"]]


def recorded() -> dict[str, str]:
    return {rule["record"]: rule["expr"] for rule in rules("recording.yml")}


def metrics_read(expr: str) -> set[str]:
    """Exported metric names an expression reads, through the recording rules it uses."""
    raw = RECORDED_NAME.sub(" ", expr)
    names = {m.removesuffix("_bucket").removesuffix("_total") for m in METRIC_NAME.findall(raw)}
    for record in RECORDED_NAME.findall(expr):
        names |= metrics_read(recorded()[record])
    return names


def promtool(*args: str) -> subprocess.CompletedProcess[str]:
    binary = shutil.which("promtool")
    assert binary, "promtool missing: scripts/prometheus.sh install"
    return subprocess.run([binary, *args], capture_output=True, text=True, check=False)


def check_as_rules(tmp_path: Path, queries: list[tuple[str, str]]) -> None:
    """promtool parses each query as the expression of a recording rule."""
    file = tmp_path / "queries.yml"
    file.write_text(
        yaml.safe_dump(
            {
                "groups": [
                    {
                        "name": "dashboard",
                        "rules": [
                            {"record": f"dashboard:panel_{i}:query", "expr": expr}
                            for i, (_, expr) in enumerate(queries)
                        ],
                    }
                ]
            }
        )
    )
    checked = promtool("check", "rules", str(file))
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_every_panel_query_parses_as_promql(tmp_path: Path) -> None:
    check_as_rules(tmp_path, panel_queries())


def test_a_query_that_is_not_promql_is_refused(tmp_path: Path) -> None:
    with pytest.raises(AssertionError, match="parse error"):
        check_as_rules(
            tmp_path, [("broken", "sum by (service) (rate(bangkom_http_requests_total[5m])")]
        )


def test_the_recording_rules_are_valid_promql() -> None:
    checked = promtool("check", "rules", str(PROMETHEUS / "recording.yml"))
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_the_dashboard_reads_recorded_series_and_every_recording_has_a_panel() -> None:
    used = {name for _, expr in panel_queries() for name in RECORDED_NAME.findall(expr)}

    assert used <= set(recorded()), f"not recorded: {used - set(recorded())}"
    assert set(recorded()) <= used, f"recorded for no panel: {set(recorded()) - used}"


def test_the_dashboard_reads_only_metrics_the_services_export() -> None:
    from bangkom.platform.observability import metrics

    exported = {m._name for m in vars(metrics).values() if hasattr(m, "_name")} | {"up"}
    read = {name for _, expr in panel_queries() for name in metrics_read(expr)}

    assert read <= {name.removesuffix("_total") for name in exported}


ALERTS = [rule for rule in rules("alerts.yml") if "alert" in rule]


@pytest.mark.parametrize("alert", ALERTS, ids=[a["alert"] for a in ALERTS])
def test_each_alert_signal_has_a_panel(alert: dict[str, Any]) -> None:
    naming = [p for p in panels() if alert["alert"] in p.get("description", "")]
    assert len(naming) == 1, f"no panel (or several) describe {alert['alert']}"
    (panel,) = naming
    shown = set().union(*(metrics_read(t["expr"]) for t in panel["targets"]))

    assert metrics_read(alert["expr"]) <= shown


def test_the_service_down_alert_and_its_panel_watch_every_scraped_service() -> None:
    # A service added to the scrape targets but not to the `up` selector would go down
    # unannounced (career did, until this test).
    config = yaml.safe_load((PROMETHEUS / "prometheus.yml").read_text())
    scraped = {s["labels"]["service"] for s in config["scrape_configs"][0]["static_configs"]}
    (down,) = [a["expr"] for a in ALERTS if a["alert"] == "BangkomServiceDown"]
    (panel,) = [e for _, e in panel_queries() if e.startswith("up{")]

    for expr in (down, panel):
        (selected,) = re.findall(r'service=~"([^"]+)"', expr)
        assert set(selected.split("|")) == scraped, expr


def test_no_rule_depends_on_a_job_name() -> None:
    for rule in rules("alerts.yml") + rules("recording.yml"):
        assert not re.search(r"\bjob\s*=", rule["expr"]), rule


def test_compose_gives_every_target_its_service_label_and_loads_both_rule_files() -> None:
    config = yaml.safe_load((PROMETHEUS / "prometheus.yml").read_text())
    (job,) = config["scrape_configs"]
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    mounted = compose["services"]["prometheus"]["volumes"]

    for static in job["static_configs"]:
        (target,) = static["targets"]
        assert target.split(":")[0] == static["labels"]["service"]
    for rule_file in config["rule_files"]:
        assert f"./deploy/prometheus/{Path(rule_file).name}:{rule_file}:ro" in mounted
    assert {Path(f).name for f in config["rule_files"]} == {"alerts.yml", "recording.yml"}
    checked = promtool("check", "config", "--syntax-only", str(PROMETHEUS / "prometheus.yml"))
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_kubernetes_scrapes_the_annotated_pods_as_their_service(tmp_path: Path) -> None:
    config = yaml.safe_load((PROMETHEUS / "kubernetes.yml").read_text())
    (job,) = config["scrape_configs"]
    (discovery,) = job["kubernetes_sd_configs"]
    base = yaml.safe_load((ROOT / "deploy/k8s/base/kustomization.yaml").read_text())
    relabel = {r.get("target_label"): r for r in job["relabel_configs"]}
    deployment, _ = yaml.safe_load_all((ROOT / "deploy/k8s/base/evaluation.yaml").read_text())
    pod = deployment["spec"]["template"]["metadata"]

    assert discovery["namespaces"]["names"] == [base["namespace"]]
    (label,) = relabel["service"]["source_labels"]
    assert label == "__meta_kubernetes_pod_label_" + re.sub(r"[./]", "_", "app.kubernetes.io/name")
    assert "app.kubernetes.io/name" in pod["labels"]
    annotations = {
        "__meta_kubernetes_pod_annotation_" + re.sub(r"[./]", "_", k) for k in pod["annotations"]
    }
    sources = {s for r in job["relabel_configs"] for s in r["source_labels"]}
    assert {s for s in sources if "_annotation_" in s} == annotations
    assert {Path(f).name for f in config["rule_files"]} == {"alerts.yml", "recording.yml"}
    # Debian's promtool is built without Kubernetes discovery: the rest is checked with
    # a static target in its place (the end-to-end test scrapes through it the same way).
    del job["kubernetes_sd_configs"]
    job["static_configs"] = [{"targets": ["10.0.0.7:8001"]}]
    config["rule_files"] = []
    (tmp_path / "kubernetes.yml").write_text(yaml.safe_dump(config))
    checked = promtool("check", "config", str(tmp_path / "kubernetes.yml"))
    assert checked.returncode == 0, checked.stdout + checked.stderr
