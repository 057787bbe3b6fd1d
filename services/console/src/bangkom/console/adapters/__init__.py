"""The services' APIs over HTTP, and development tokens."""
