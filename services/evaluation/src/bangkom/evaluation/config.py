"""Settings of the evaluation service (environment prefix BANGKOM_EVALUATION_)."""

from pydantic_settings import SettingsConfigDict

from bangkom.platform.settings import ServiceSettings


class EvaluationSettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="BANGKOM_EVALUATION_", extra="ignore")

    service_name: str = "evaluation"
    http_port: int = 8001
    grpc_port: int = 50051
