"""Command handlers, a module per aggregate: check the caller, change the domain,
publish what changed (the outbox commits it with the change)."""
