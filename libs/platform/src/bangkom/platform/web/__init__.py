"""FastAPI application shared parts: probes, metrics, errors, tracing."""
