"""SQL storage of the recommendation service's read models and proposals."""
