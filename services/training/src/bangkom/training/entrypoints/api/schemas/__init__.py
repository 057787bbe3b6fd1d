"""Request and response bodies (domain objects are never returned directly)."""
