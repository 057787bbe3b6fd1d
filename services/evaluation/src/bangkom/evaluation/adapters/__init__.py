"""SQL storage of the evaluation service."""
