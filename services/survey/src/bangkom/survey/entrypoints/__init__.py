"""Entry points of the survey service."""
