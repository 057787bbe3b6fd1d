"""REST API of the training service."""
