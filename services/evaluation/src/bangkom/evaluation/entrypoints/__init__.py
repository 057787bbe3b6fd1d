"""Entry points: REST routers (and, later, gRPC servicers and consumers)."""
