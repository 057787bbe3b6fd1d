"""The campaign's table (Markdown and JSON) and its closing note."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import asdict
from pathlib import Path
from typing import Any

from bench.common import machine
from bench.faults.accounting import summarise
from bench.faults.campaign import Outcome
from bench.harness import percentile

KIND_NAMES = {
    "service_kill": "a service killed (kill -9, restarted after 0-5 s)",
    "broker_kill": "a broker killed (kill -9 of the busiest partition's leader)",
    "broker_pause": "a broker paused (SIGSTOP, then SIGCONT)",
    "db_restart": "the database restarted (pg_ctl restart -m immediate)",
}


def _seconds(values: list[float]) -> str:
    if not values:
        return "-"
    return (
        f"{percentile(values, 50):.1f} s / {percentile(values, 99):.1f} s (max {max(values):.1f} s)"
    )


def markdown(outcome: Outcome) -> str:
    s = outcome.settings
    lines = [
        "# Fault campaign",
        "",
        f"Seed {s.seed}, {s.duration_s:.0f} s of load, started {outcome.started:%Y-%m-%d %H:%M} "
        f"UTC, {outcome.wall_s / 60:.1f} min in all (set-up, load, drain, accounting). "
        "Four services as processes on a private PostgreSQL and a 3-node Kafka cluster "
        "(replication factor 3, min.insync.replicas 2, idempotent producers, acks=all).",
        "",
        "## Faults injected",
        "",
        "| fault | injected | detail | recovery p50 / p99 (to the first new effect) |",
        "|---|---|---|---|",
    ]
    by_kind = Counter(f.kind for f in outcome.faults if f.injected_at is not None)
    for kind, count in by_kind.items():
        details = Counter(
            f.params.get("mode", "") or ("backlog" if f.params.get("backlog") else "")
            for f in outcome.faults
            if f.kind == kind and f.injected_at is not None
        )
        detail = ", ".join(f"{n} {m}" for m, n in sorted(details.items()) if m)
        if kind == "service_kill":
            targets = Counter(f.target for f in outcome.faults if f.kind == kind)
            detail = ", ".join(f"{t} {n}" for t, n in sorted(targets.items())) + (
                f"; {detail}" if detail else ""
            )
        lines.append(
            f"| {KIND_NAMES.get(kind, kind)} | {count} | {detail} | "
            f"{_seconds(outcome.recovery.get(kind, []))} |"
        )
    notes = [f"{f.label}: {f.note}" for f in outcome.faults if f.note]
    notes += [f"{c.effect}: {c.note}" for c in outcome.checks if c.note]
    tally = outcome.ledger.tally()
    kinds = sorted({k for k, _ in tally if k != "setup"})
    lines += [
        "",
        "## Commands",
        "",
        "| command | accepted (2xx) | refused (4xx) | answer lost (ambiguous) |",
        "|---|---|---|---|",
    ]
    for kind in kinds:
        lines.append(
            f"| {kind} | {tally[(kind, 'accepted')]:,} | {tally[(kind, 'refused')]:,} | "
            f"{tally[(kind, 'ambiguous')]:,} |"
        )
    lines += [
        "",
        "## Effects: expected from the inputs, found in the databases and on the topics",
        "",
        "| effect | expected | found | lost | duplicated | wrong |",
        "|---|---|---|---|---|---|",
    ]
    for check in outcome.checks:
        lines.append(
            f"| {check.effect} | {check.expected:,} | {check.found:,} | {check.lost:,} | "
            f"{check.duplicated:,} | {check.wrong:,} |"
        )
    total = summarise(outcome.checks)
    dlq = ", ".join(f"{t} {n}" for t, n in sorted(outcome.dead_letters.items())) or "none"
    lines += [
        "",
        "## Dead letters",
        "",
        f"{sum(outcome.dead_letters.values())} records: {dlq}. The campaign's poison "
        "records are checked above (once per consumer group of their topic); a dead letter "
        "of the load's own events would be an effect lost.",
        "",
        "## Closing note",
        "",
        f"Faults injected: {', '.join(f'{n} {k}' for k, n in by_kind.items())}. "
        f"Commands accepted: {sum(n for (k, o), n in tally.items() if o == 'accepted' and k != 'setup'):,}. "  # noqa: E501
        f"Effects expected {total['expected']:,}, found {total['found']:,}: "
        f"lost = {total['lost']}, duplicated = {total['duplicated']}, wrong = {total['wrong']}. "
        f"Records re-sent by a relay (same event id twice on a topic, dropped by the inboxes): "
        f"{outcome.topics_resent}. Drained in {outcome.drain.get('drained_in_s')} s. "
        + ("PASSED." if outcome.passed else "FAILED."),
    ]
    problems = [
        f"- {c.effect}: {'; '.join(c.examples)}" for c in outcome.checks if not c.ok and c.examples
    ]
    if problems:
        lines += ["", "### What did not add up", "", *problems]
    if notes:
        lines += ["", "### Notes", "", *(f"- {n}" for n in notes)]
    return "\n".join(lines) + "\n"


def figures(outcome: Outcome) -> dict[str, Any]:
    return {
        "machine": machine(),
        "settings": {k: v for k, v in asdict(outcome.settings).items() if k != "rates"},
        "rates": asdict(outcome.settings.rates),
        "passed": outcome.passed,
        "totals": summarise(outcome.checks),
        "checks": [asdict(c) for c in outcome.checks],
        "faults": [
            {
                "kind": f.kind,
                "target": f.target,
                "params": f.params,
                "note": f.note,
                "injected_at": f.injected_at,
                "healed_at": f.healed_at,
            }
            for f in outcome.faults
        ],
        "recovery_s": outcome.recovery,
        "commands": {f"{k}/{o}": n for (k, o), n in sorted(outcome.ledger.tally().items())},
        "dead_letters": outcome.dead_letters,
        "drain": outcome.drain,
    }


def write(outcome: Outcome, directory: Path, name: str) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    target = directory / f"{name}.md"
    target.write_text(markdown(outcome))
    (directory / f"{name}.json").write_text(json.dumps(figures(outcome), indent=2) + "\n")
    return target
