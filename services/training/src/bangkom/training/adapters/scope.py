"""A caller's visibility as a SQL condition."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, or_

from bangkom.platform.db.scope import within_agencies
from bangkom.training.handlers.ports import Visibility


def visible(visibility: Visibility, agency_column: Any, nip_column: Any) -> ColumnElement[bool]:
    """Rows of the caller's agencies (and below), or the caller's own as an employee."""
    agencies = within_agencies(agency_column, visibility.agencies)
    if visibility.nip is None:
        return agencies
    return or_(agencies, nip_column == visibility.nip)
