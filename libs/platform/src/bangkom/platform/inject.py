"""Give handlers the dependencies their signatures ask for (by parameter name), so the
handler tables stay plain and only bootstrap knows the configured values."""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable, Mapping, Sequence
from typing import Any, TypeVar

H = TypeVar("H", bound=Callable[..., Any])


def inject(handler: H, dependencies: Mapping[str, Any]) -> H:
    wanted = inspect.signature(handler).parameters
    given = {name: value for name, value in dependencies.items() if name in wanted}
    if not given:
        return handler
    return functools.partial(handler, **given)  # type: ignore[return-value]


def inject_all(
    table: Mapping[type, Sequence[H]], dependencies: Mapping[str, Any]
) -> dict[type, list[H]]:
    return {kind: [inject(h, dependencies) for h in handlers] for kind, handlers in table.items()}
