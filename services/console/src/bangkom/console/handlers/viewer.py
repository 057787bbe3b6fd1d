"""The signed-in person as the pages see them."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Viewer:
    subject: str
    name: str
    roles: frozenset[str]
    token: str
    agencies: tuple[str, ...] = ()
    nip: str | None = None
