"""Request and response bodies of the survey API, one module per resource (the
table classes are never returned)."""
