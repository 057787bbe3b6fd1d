"""Outbox and inbox tables, present in every service's database."""

from __future__ import annotations

from sqlalchemy import BigInteger, Column, Integer, String, Table, Text

from bangkom.platform.db.metadata import platform_metadata
from bangkom.platform.db.types import UtcDateTime

NOTIFY_CHANNEL = "bangkom_outbox"  # PostgreSQL channel the relay listens on

outbox = Table(
    "outbox",
    platform_metadata,
    # Every row is an event not yet sent: the relay deletes what Kafka acknowledged.
    # Commit order is not id order, so the relay never uses seq as a cursor; it only
    # orders what is there.
    Column(
        "seq", BigInteger().with_variant(Integer(), "sqlite"), primary_key=True, autoincrement=True
    ),
    Column("event_id", String(36), nullable=False, unique=True),
    Column("topic", String(200), nullable=False),
    Column("key", String(200), nullable=False),
    Column("type", String(200), nullable=False),
    Column("source", String(200), nullable=False),
    Column("subject", String(200), nullable=False),
    Column("time", UtcDateTime(), nullable=False),
    Column("data", Text(), nullable=False),
    Column("traceparent", String(55), nullable=True),
    Column("created_at", UtcDateTime(), nullable=False),
)

inbox = Table(
    "inbox",
    platform_metadata,
    Column("event_id", String(36), primary_key=True),
    Column("type", String(200), nullable=False),
    Column("received_at", UtcDateTime(), nullable=False),
)
