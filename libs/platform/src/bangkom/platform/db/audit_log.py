"""The audit log table, present in every service's database: one row per change made
through the service's API, written in the transaction of the change."""

from __future__ import annotations

from sqlalchemy import BigInteger, Column, Index, Integer, String, Table, Text

from bangkom.platform.db.metadata import platform_metadata
from bangkom.platform.db.types import UtcDateTime

audit_log = Table(
    "audit_log",
    platform_metadata,
    Column(
        "seq", BigInteger().with_variant(Integer(), "sqlite"), primary_key=True, autoincrement=True
    ),
    Column("entry_id", String(36), nullable=False, unique=True),
    Column("occurred_at", UtcDateTime(), nullable=False),
    Column("action", String(100), nullable=False),
    Column("object_type", String(100), nullable=False),
    Column("object_key", String(200), nullable=False),
    # The agency the object belongs to (scopes who may read the entry); none for what
    # belongs to the province as a whole (the framework, the catalog).
    Column("agency_code", String(64), nullable=True),
    Column("actor_subject", String(200), nullable=False),
    Column("actor_roles", Text(), nullable=False),  # JSON list
    Column("actor_agencies", Text(), nullable=False),  # JSON list
    Column("request_id", String(64), nullable=False),
    Column("changes", Text(), nullable=False),  # JSON {field: {before, after}}
    Index("ix_audit_log_occurred_at", "occurred_at"),
    Index("ix_audit_log_object", "object_type", "object_key"),
    Index("ix_audit_log_agency", "agency_code"),
)
