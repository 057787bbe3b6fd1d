"""Entry points of the training service."""
