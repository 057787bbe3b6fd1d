"""Python's garbage collector, set for processes that make many short-lived objects."""

from __future__ import annotations

import gc

# Allocations between two collections of the youngest generation (Python's default: 700).
# A collection scans every young object still alive, and the event loop waits for it:
# at 50,000 one paused a service up to 80 ms, at 10,000 up to 8 ms, for the same total
# (bench.recommendation_batch, batches of 50).
YOUNG_THRESHOLD = 10_000


def settle_after_startup() -> None:
    """What start-up loaded (modules, tables, models) lives as long as the process: the
    collector stops scanning it (gc.freeze), and collects less often. Without this a
    bulk import spent a fifth of its CPU in collections that found nothing to free."""
    gc.collect()
    gc.freeze()
    _, middle, oldest = gc.get_threshold()
    gc.set_threshold(YOUNG_THRESHOLD, middle, oldest)
