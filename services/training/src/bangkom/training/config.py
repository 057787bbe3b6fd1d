"""Settings of the training service (environment prefix BANGKOM_TRAINING_)."""

from datetime import time

from pydantic_settings import SettingsConfigDict

from bangkom.platform.settings import ServiceSettings


class TrainingSettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="BANGKOM_TRAINING_", extra="ignore")

    service_name: str = "training"
    http_port: int = 8002
    grpc_port: int = 8052
    # The daily 20 JP check runs at this WIB time of day.
    compliance_check_at: time = time(1, 0)
    # How often accepted proposals still waiting are tried against opened sessions.
    placement_interval_s: float = 300.0
