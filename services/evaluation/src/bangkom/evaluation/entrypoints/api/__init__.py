"""REST API of the evaluation service."""
