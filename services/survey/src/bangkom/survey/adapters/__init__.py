"""SQL storage of the survey service."""
