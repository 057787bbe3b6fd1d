"""Changes a person makes from the console, each passed to the service that owns it."""
