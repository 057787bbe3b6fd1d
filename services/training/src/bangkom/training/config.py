"""Settings of the training service (environment prefix BANGKOM_TRAINING_)."""

from pydantic_settings import SettingsConfigDict

from bangkom.platform.settings import ServiceSettings


class TrainingSettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="BANGKOM_TRAINING_", extra="ignore")

    service_name: str = "training"
    http_port: int = 8002
    grpc_port: int = 50052
