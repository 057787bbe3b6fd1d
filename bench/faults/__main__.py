"""``python -m bench.faults``: a fault campaign, its table in bench/results/faults.md.

uv run python -m bench.faults                     # the long campaign (issue 14)
uv run python -m bench.faults --short             # the few-minute one of the tests
uv run python -m bench.faults --kills 20 --minutes 8 --seed 3
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import sys
from dataclasses import replace

from bench.common import RESULTS
from bench.faults.campaign import LONG, SHORT, run
from bench.faults.infra import VAR
from bench.faults.report import write


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.faults", description=__doc__)
    parser.add_argument("--short", action="store_true", help="the short campaign of the tests")
    parser.add_argument("--seed", type=int)
    parser.add_argument("--kills", type=int, help="service kills (each service in turn)")
    parser.add_argument("--broker-kills", type=int)
    parser.add_argument("--broker-pauses", type=int)
    parser.add_argument("--db-restarts", type=int)
    parser.add_argument("--minutes", type=float, help="duration of the load")
    parser.add_argument("--name", default="faults", help="results file name in bench/results")
    args = parser.parse_args()
    settings = SHORT if args.short else LONG
    overrides = {
        "seed": args.seed,
        "kills": args.kills,
        "broker_kills": args.broker_kills,
        "broker_pauses": args.broker_pauses,
        "db_restarts": args.db_restarts,
        "duration_s": args.minutes * 60 if args.minutes else None,
    }
    settings = replace(settings, **{k: v for k, v in overrides.items() if v is not None})
    # The services' logs stay there until the next campaign of that name.
    workdir = VAR / f"run-{args.name}"
    shutil.rmtree(workdir, ignore_errors=True)
    outcome = asyncio.run(run(settings, workdir))
    print(f"services' logs: {workdir}")
    target = write(outcome, RESULTS, args.name)
    print(target.read_text())
    return 0 if outcome.passed else 1


if __name__ == "__main__":
    sys.exit(main())
