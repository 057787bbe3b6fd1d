"""Waiting for a dependency with a deadline (tenacity does the backoff)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from tenacity import AsyncRetrying, RetryError, retry_if_result, stop_after_delay, wait_exponential


async def wait_until(probe: Callable[[], Awaitable[bool]], deadline_s: float, *, what: str) -> None:
    """Call ``probe`` with exponential backoff until it returns True or the deadline passes."""
    try:
        async for attempt in AsyncRetrying(
            stop=stop_after_delay(deadline_s),
            wait=wait_exponential(multiplier=0.1, max=2.0),
            retry=retry_if_result(lambda ok: not ok),
        ):
            with attempt:
                ok = await probe()
            if attempt.retry_state.outcome and not attempt.retry_state.outcome.failed:
                attempt.retry_state.set_result(ok)
    except RetryError as exc:
        raise TimeoutError(f"{what} did not answer within {deadline_s:g}s") from exc
