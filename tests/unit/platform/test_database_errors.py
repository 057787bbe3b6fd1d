"""The database's own unavailability is recognised whether SQLAlchemy wrapped the
driver's error or asyncpg raised it itself (statements it runs alone)."""

from __future__ import annotations

import asyncpg.exceptions as asyncpg_errors
import pytest
from sqlalchemy.exc import DBAPIError

from bangkom.platform.db.errors import is_database_unavailable


@pytest.mark.parametrize(
    "error",
    [
        asyncpg_errors.AdminShutdownError(),
        asyncpg_errors.ConnectionDoesNotExistError(),
        asyncpg_errors.CannotConnectNowError(),
        asyncpg_errors.TooManyConnectionsError(),
        DBAPIError("SELECT 1", {}, asyncpg_errors.AdminShutdownError()),
        ConnectionResetError(),
    ],
)
def test_the_database_going_away_is_unavailability(error: BaseException) -> None:
    assert is_database_unavailable(error)


@pytest.mark.parametrize(
    "error",
    [
        asyncpg_errors.UniqueViolationError(),
        asyncpg_errors.CharacterNotInRepertoireError(),
        DBAPIError("SELECT 1", {}, asyncpg_errors.UniqueViolationError()),
        ValueError("a handler's own failure"),
    ],
)
def test_what_a_statement_or_its_values_did_is_not(error: BaseException) -> None:
    assert not is_database_unavailable(error)
