"""The alert rules, proven with Prometheus's own tool: every alert fires on the series
that mean trouble and stays silent on those that do not (deploy/prometheus/alerts.test.yml),
and has a runbook section an operator can follow."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).parents[2]
RULES = ROOT / "deploy/prometheus/alerts.yml"
RULE_TESTS = ROOT / "deploy/prometheus/alerts.test.yml"
RUNBOOK = ROOT / "deploy/RUNBOOK.md"


def _alerts() -> list[dict[str, Any]]:
    groups = yaml.safe_load(RULES.read_text())["groups"]
    return [rule for group in groups for rule in group["rules"] if "alert" in rule]


def _promtool(*args: str) -> subprocess.CompletedProcess[str]:
    promtool = shutil.which("promtool")
    assert promtool, "promtool missing: scripts/prometheus.sh install"
    return subprocess.run([promtool, *args], capture_output=True, text=True, check=False)


def test_the_rules_are_valid_promql() -> None:
    checked = _promtool("check", "rules", str(RULES))
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_every_alert_fires_on_trouble_and_stays_silent_otherwise() -> None:
    tested = _promtool("test", "rules", str(RULE_TESTS))
    assert tested.returncode == 0, tested.stdout + tested.stderr


@pytest.mark.parametrize("alert", [rule["alert"] for rule in _alerts()])
def test_every_alert_has_a_test_that_fires_it_and_a_runbook_section(alert: str) -> None:
    cases = yaml.safe_load(RULE_TESTS.read_text())["tests"]
    fired = [
        check
        for case in cases
        for check in case.get("alert_rule_test", [])
        if check["alertname"] == alert and check["exp_alerts"]
    ]
    assert fired, f"no test in {RULE_TESTS.name} expects {alert} to fire"
    heading = re.compile(rf"^## {alert}$", re.MULTILINE)
    assert heading.search(RUNBOOK.read_text()), f"no '## {alert}' in {RUNBOOK.name}"
    rule = next(r for r in _alerts() if r["alert"] == alert)
    assert rule["annotations"]["runbook"] == f"deploy/RUNBOOK.md#{alert.lower()}"
