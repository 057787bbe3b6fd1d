"""Which database errors are the database's fault (down, restarting, unreachable),
not the fault of the message or request that met them.

asyncpg reports a connection dropped by the server (a restart, `pg_terminate_backend`)
as a PostgreSQL error of SQLSTATE class 08 or 57P, which SQLAlchemy wraps as a generic
DBAPIError, not as an OperationalError: a check by exception type alone took them for
the handler's failure, and sent valid events through their retries into the DLQ.
"""

from __future__ import annotations

from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError

# 08: connection exception; 53: insufficient resources (e.g. too many connections);
# 57P01-57P03: admin shutdown, crash shutdown, cannot connect now (starting up).
UNAVAILABLE_SQLSTATE_PREFIXES = ("08", "53", "57P")


def is_database_unavailable(error: BaseException) -> bool:
    if isinstance(error, OperationalError | InterfaceError | ConnectionError):
        return True
    if isinstance(error, DBAPIError):
        if error.connection_invalidated:
            return True
        sqlstate = getattr(error.orig, "sqlstate", None) or getattr(error.orig, "pgcode", None)
        return isinstance(sqlstate, str) and sqlstate.startswith(UNAVAILABLE_SQLSTATE_PREFIXES)
    # asyncpg's own errors, from what it runs without SQLAlchemy (db.direct, db.bulk's
    # arrays and COPY), carry their SQLSTATE themselves.
    sqlstate = getattr(error, "sqlstate", None)
    return isinstance(sqlstate, str) and sqlstate.startswith(UNAVAILABLE_SQLSTATE_PREFIXES)
