"""The metadata of the tables every service's database has (outbox, inbox, audit log).

They live in their own metadata and their own Alembic branch ("platform"), so each
service migrates them without copying their definition.
"""

from sqlalchemy import MetaData

platform_metadata = MetaData()
