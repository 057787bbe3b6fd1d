"""gRPC server shared parts: health, reflection, auth and metrics interceptors."""
