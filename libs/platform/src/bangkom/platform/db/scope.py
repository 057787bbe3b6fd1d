"""The caller's agency scope as a SQL condition: bangkom.kernel.agencies.covers in SQL
(tests/integration/test_scope_sql.py holds the two to the same cases)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, false, or_, true


def within_agencies(column: Any, roots: frozenset[str] | None) -> ColumnElement[bool]:
    """True for rows whose agency is one of ``roots`` or below one; None: every row."""
    if roots is None:
        return true()
    if not roots:
        return false()
    conditions = []
    for root in sorted(roots):
        escaped = root.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        conditions.append(column == root)
        conditions.append(column.like(f"{escaped}.%", escape="\\"))
    return or_(*conditions)
