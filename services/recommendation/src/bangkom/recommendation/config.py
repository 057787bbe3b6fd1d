"""Settings of the recommendation service (environment prefix BANGKOM_RECOMMENDATION_)."""

from pydantic_settings import SettingsConfigDict

from bangkom.platform.settings import ServiceSettings


class RecommendationSettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="BANGKOM_RECOMMENDATION_", extra="ignore")

    service_name: str = "recommendation"
    http_port: int = 8004
    grpc_port: int = 50054
