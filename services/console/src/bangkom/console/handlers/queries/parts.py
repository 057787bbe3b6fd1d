"""A page made of parts from several services: one that does not answer is named in
the page's ``unavailable`` and its part left empty."""

from __future__ import annotations

from collections.abc import Awaitable
from typing import Protocol, TypeVar

from bangkom.console.handlers.ports import ServiceUnavailable

T = TypeVar("T")


class HasParts(Protocol):
    unavailable: list[str]


async def part(page: HasParts, call: Awaitable[T]) -> T | None:
    try:
        return await call
    except ServiceUnavailable as down:
        if down.service not in page.unavailable:
            page.unavailable.append(down.service)
        return None
