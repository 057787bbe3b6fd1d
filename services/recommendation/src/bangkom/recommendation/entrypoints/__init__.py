"""Entry points: REST routers, the gRPC servicer; Kafka consumers are in handlers' tables."""
