"""SQL storage of the training service."""
