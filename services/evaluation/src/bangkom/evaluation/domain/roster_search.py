"""Searching the roster by what a person types: digits are the start of a NIP (or a
PPPK number), anything else a part of the name, in any case. The SQL repository
repeats this rule (a NIP range on the primary key, a trigram index on the lower-cased
name on PostgreSQL); a test runs the same cases through both."""

from __future__ import annotations

from dataclasses import dataclass

NIP_LENGTH = 18


@dataclass(frozen=True)
class RosterSearch:
    nip_prefix: str | None = None
    name_part: str | None = None

    @classmethod
    def of(cls, text: str | None) -> RosterSearch | None:
        """None for nothing to search (blank)."""
        words = " ".join((text or "").split())
        if not words:
            return None
        if words.isdigit() and len(words) <= NIP_LENGTH:
            return cls(nip_prefix=words)
        return cls(name_part=words.lower())

    @property
    def nip_range(self) -> tuple[str, str] | None:
        """The first and last 18-digit number starting with the prefix."""
        if self.nip_prefix is None:
            return None
        return self.nip_prefix.ljust(NIP_LENGTH, "0"), self.nip_prefix.ljust(NIP_LENGTH, "9")

    def matches(self, nip: str, name: str) -> bool:
        if self.nip_prefix is not None:
            return nip.startswith(self.nip_prefix)
        return self.name_part is not None and self.name_part in name.lower()
