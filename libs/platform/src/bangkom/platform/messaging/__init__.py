"""Kafka: CloudEvents envelope, topic provisioning, outbox relay and consumer runner."""
