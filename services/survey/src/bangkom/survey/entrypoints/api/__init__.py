"""REST API of the survey service."""
