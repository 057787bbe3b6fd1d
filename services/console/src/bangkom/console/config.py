"""Settings of the console (environment prefix BANGKOM_CONSOLE_)."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from bangkom.platform.settings import Environment, ServiceSettings

DEVELOPMENT_SECRET = "development-only-console-secret"


class ConsoleSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="BANGKOM_CONSOLE_", extra="ignore", env_file=None)

    environment: Environment = "development"
    log_level: str = "INFO"
    log_format: Literal["json", "console"] = "json"
    http_host: str = "127.0.0.1"
    http_port: int = 8005
    # Proxies whose X-Forwarded-For and X-Forwarded-Proto name the visitor and the scheme
    # (comma-separated addresses or networks): the ingress in front of the console. The
    # visitor's address goes on to survey's per-address rate of the public form; from
    # any other client the headers are ignored.
    http_forwarded_allow_ips: str = "127.0.0.1"
    # The services' public REST APIs; the console calls them with the person's token.
    evaluation_url: str = "http://127.0.0.1:8001"
    training_url: str = "http://127.0.0.1:8002"
    survey_url: str = "http://127.0.0.1:8003"
    recommendation_url: str = "http://127.0.0.1:8004"
    career_url: str = "http://127.0.0.1:8006"
    api_timeout_s: float = 5.0
    # Signs the session cookie.
    session_secret: SecretStr = SecretStr(DEVELOPMENT_SECRET)
    session_max_age_s: int = 8 * 3600
    # The development sign-in mints tokens with this key (as `bangkom token` does); an
    # identity provider's sign-in replaces it outside development.
    auth_dev_key_file: Path = Path("var/dev-jwt-key.pem")
    auth_issuer: str = "bangkom-dev"
    auth_audience: str = "bangkom"
    # Sign-in through an OpenID Connect provider (authorization code + PKCE, a public
    # client), e.g. http://127.0.0.1:18080/realms/bangkom; unset: no SSO button.
    oidc_issuer: str | None = None
    oidc_client_id: str = "bangkom-console"
    # The console's address as people's browsers reach it (the provider sends them back
    # there); unset: the address the request came to.
    public_url: str | None = None

    @property
    def development_sign_in(self) -> bool:
        return self.environment != "production"

    @property
    def service_urls(self) -> dict[str, str]:
        return {
            "evaluation": self.evaluation_url,
            "training": self.training_url,
            "survey": self.survey_url,
            "recommendation": self.recommendation_url,
            "career": self.career_url,
        }

    def token_settings(self) -> ServiceSettings:
        """What minting a development token needs (issuer, audience, key, environment)."""
        return ServiceSettings(
            service_name="console",
            environment=self.environment,
            auth_issuer=self.auth_issuer,
            auth_audience=self.auth_audience,
            auth_dev_key_file=self.auth_dev_key_file,
        )

    @model_validator(mode="after")
    def _refuse_the_development_secret_in_production(self) -> ConsoleSettings:
        if self.environment == "production" and (
            self.session_secret.get_secret_value() == DEVELOPMENT_SECRET
        ):
            raise ValueError("session_secret must be set in production")
        return self
