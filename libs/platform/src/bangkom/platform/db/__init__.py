"""Database access shared by the services: engine, types, outbox/inbox tables, migrations."""
