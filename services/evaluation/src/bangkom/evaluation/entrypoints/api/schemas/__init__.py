"""Request and response bodies, a module per resource (the table classes are never
returned directly)."""
