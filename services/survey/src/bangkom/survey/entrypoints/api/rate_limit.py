"""Requests a client address may make per minute on the public routes (no account to
hold to account): a sliding window per address, in the process. Several replicas each
allow the rate; behind a proxy (the console) the client's address is the one the proxy
forwards, when the proxy is among BANGKOM_SURVEY_HTTP_FORWARDED_ALLOW_IPS."""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable

from fastapi import HTTPException, Request, status

WINDOW_S = 60.0
MAX_CLIENTS = 100_000  # the oldest addresses are forgotten past this many


class RateLimiter:
    def __init__(self, per_minute: int, clock: Callable[[], float] = time.monotonic) -> None:
        self._per_minute = per_minute
        self._clock = clock
        self._seen: dict[str, deque[float]] = {}

    def admit(self, client: str) -> float | None:
        """None when admitted; else the seconds until this client may try again."""
        now = self._clock()
        recent = self._seen.pop(client, deque())
        while recent and recent[0] <= now - WINDOW_S:
            recent.popleft()
        self._seen[client] = recent  # most recently seen last
        if len(self._seen) > MAX_CLIENTS:
            self._seen.pop(next(iter(self._seen)))
        if len(recent) >= self._per_minute:
            return recent[0] + WINDOW_S - now
        recent.append(now)
        return None


async def public_rate_limit(request: Request) -> None:
    """A dependency of the public routes: 429 with Retry-After past the rate."""
    limiter: RateLimiter = request.app.state.public_rate_limiter
    client = request.client.host if request.client else "unknown"
    wait = limiter.admit(client)
    if wait is not None:
        raise HTTPException(
            status.HTTP_429_TOO_MANY_REQUESTS,
            f"more than the allowed answers a minute from {client}",
            headers={"Retry-After": str(max(int(wait) + 1, 1))},
        )
