"""What every benchmark shares: timing and the results file (the broker and database are
those of the tests, `tests.infra`)."""

from __future__ import annotations

import json
import os
import platform
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

RESULTS = Path(__file__).parent / "results"


def machine() -> dict[str, Any]:
    return {
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
    }


def write_results(name: str, figures: dict[str, Any], table: list[tuple[str, str, str]]) -> Path:
    """Figures as JSON and a Markdown table (measure | value | target) in bench/results/."""
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / f"{name}.json").write_text(
        json.dumps({"machine": machine(), **figures}, indent=2) + "\n"
    )
    lines = ["| measure | value | target |", "|---|---|---|"]
    lines += [f"| {m} | {v} | {t} |" for m, v, t in table]
    target = RESULTS / f"{name}.md"
    target.write_text("\n".join(lines) + "\n")
    print("\n".join(lines))
    return target
