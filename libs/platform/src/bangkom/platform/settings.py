"""Settings every service shares; each service subclasses with its own env prefix."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from bangkom.platform.db.engine import POOL_SIZE

Environment = Literal["development", "test", "production"]
DEV_ISSUER = "bangkom-dev"
KafkaSecurityProtocol = Literal["PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL"]


class ServiceSettings(BaseSettings):
    """Configuration of one service process.

    Subclasses set ``service_name``, an ``env_prefix`` such as ``BANGKOM_EVALUATION_``
    and their default ports.
    """

    # Services override the prefix (BANGKOM_EVALUATION_, ...); the bare BANGKOM_ prefix
    # serves the command-line tools.
    model_config = SettingsConfigDict(env_prefix="BANGKOM_", extra="ignore", env_file=None)

    service_name: str = "platform"
    environment: Environment = "development"
    log_level: str = "INFO"
    log_format: Literal["json", "console"] = "json"
    # OTLP/HTTP endpoint spans are exported to (e.g. http://jaeger:4318); none: no spans.
    otlp_endpoint: str | None = None

    database_url: str = ""
    database_pool_size: int = POOL_SIZE  # all kept open, no overflow (db.engine)
    database_echo: bool = False

    kafka_bootstrap_servers: str = "127.0.0.1:9092"
    kafka_topic_prefix: str = ""
    kafka_topic_replication_factor: int = 1
    kafka_security_protocol: KafkaSecurityProtocol = "PLAINTEXT"
    kafka_sasl_mechanism: str | None = None
    kafka_sasl_username: str | None = None
    kafka_sasl_password: SecretStr | None = None
    kafka_ssl_cafile: Path | None = None
    # How old the clients' view of the cluster (partition leaders) may get. aiokafka 0.14
    # refreshes it on a failed fetch but not on a failed offset lookup: a consumer that
    # must look up where to start in a partition whose leader moved asks the old leader
    # again and again, and fetches nothing more from that broker, until this age (the
    # client's default is 300 s: found by the fault campaign, five minutes of lag).
    kafka_metadata_max_age_s: float = Field(default=10.0, gt=0)

    http_host: str = "127.0.0.1"
    http_port: int = 8000
    # Clients whose X-Forwarded-For names the real client (comma-separated addresses or
    # networks, "*" for any): the console, which forwards the public's address to
    # survey's rate limit. Any other client's header is ignored.
    http_forwarded_allow_ips: str = "127.0.0.1"
    grpc_port: int = 8050
    # A request body larger than this is refused with 413 before it is read: JSON bodies,
    # and file uploads (multipart/form-data, e.g. a roster or results file to import).
    http_max_body_bytes: int = Field(default=1024 * 1024, ge=1)
    http_max_upload_bytes: int = Field(default=100 * 1024 * 1024, ge=1)
    # gRPC over TLS with this certificate (PEM, chain first) and key; both or neither.
    grpc_tls_cert_file: Path | None = None
    grpc_tls_key_file: Path | None = None

    # Bearer tokens (bangkom.platform.auth): who issues them and how they are verified.
    auth_issuer: str = DEV_ISSUER
    auth_audience: str = "bangkom"
    # Where the issuer's keys are: a JWKS URL, or (auth_discovery) the jwks_uri of the
    # issuer's OpenID Connect discovery document, or one PEM public key file; with none
    # of the three, the development key (refused in production).
    auth_jwks_url: str | None = None
    auth_discovery: bool = False
    auth_public_key_file: Path | None = None
    auth_dev_key_file: Path = Path("var/dev-jwt-key.pem")
    # The client whose roles (resource_access.<client>.roles) count besides the realm's;
    # unset: the audience.
    auth_roles_client: str | None = None
    # Clock skew allowed on exp, nbf and iat.
    auth_leeway_s: float = Field(default=30.0, ge=0, le=300)
    # A verified token is not verified again for this long (never past its expiry): short,
    # so that a token the provider no longer issues stops working soon. 0: no cache.
    auth_token_cache_s: float = Field(default=5.0, ge=0, le=300)
    # The issuer's keys are fetched again after this long; a token naming a key not held
    # fetches them at once, at most every auth_jwks_refetch_interval_s.
    auth_jwks_max_age_s: float = Field(default=300.0, gt=0)
    auth_jwks_refetch_interval_s: float = Field(default=10.0, ge=0)

    outbox_batch_size: int = 500
    outbox_poll_interval_s: float = 0.5
    consumer_max_attempts: int = 3
    consumer_retry_backoff_s: float = 0.2
    consumer_batch_size: int = 500
    # Transactions a large poll is handled in, side by side (PostgreSQL; see ConsumerRunner).
    consumer_lanes: int = Field(default=2, ge=1, le=6)
    # A poll starts while the one before it ends (PostgreSQL; offsets in poll order).
    consumer_overlap: bool = True
    # False holds consumption (API and relay go on), e.g. while an operator repairs a
    # read model; the lag keeps being measured, so the hold shows on the dashboards.
    consume: bool = True
    consumer_lag_interval_s: float = Field(default=10.0, gt=0)
    startup_deadline_s: float = 60.0
    # Audit entries older than this are deleted (hourly); the audit topic keeps its own
    # retention. Five years by default: what an inspection of a personnel decision needs.
    audit_retention_days: int = Field(default=5 * 365, ge=1)

    @property
    def uses_dev_key(self) -> bool:
        return (
            self.auth_jwks_url is None
            and not self.auth_discovery
            and self.auth_public_key_file is None
        )

    @property
    def consumer_group(self) -> str:
        return f"{self.kafka_topic_prefix}bangkom.{self.service_name}"

    @model_validator(mode="after")
    def _refuse_development_secrets_outside_development(self) -> ServiceSettings:
        if self.environment == "production" and self.uses_dev_key:
            raise ValueError(
                "auth_jwks_url, auth_discovery or auth_public_key_file must be set in "
                "production; the development signing key is refused there"
            )
        if self.environment == "production" and self.auth_issuer == DEV_ISSUER:
            raise ValueError(
                f"auth_issuer must name the identity provider in production, not {DEV_ISSUER!r}"
            )
        if self.environment == "production" and self.database_url.startswith("sqlite"):
            raise ValueError("production needs a PostgreSQL database_url, not SQLite")
        return self

    @model_validator(mode="after")
    def _tls_certificate_with_its_key(self) -> ServiceSettings:
        if (self.grpc_tls_cert_file is None) != (self.grpc_tls_key_file is None):
            raise ValueError("grpc_tls_cert_file and grpc_tls_key_file go together")
        return self

    @model_validator(mode="after")
    def _default_sqlite_file(self) -> ServiceSettings:
        if not self.database_url:
            self.database_url = f"sqlite+aiosqlite:///var/data/{self.service_name}.db"
        return self
