"""Settings of the training service (environment prefix BANGKOM_TRAINING_)."""

from datetime import time

from pydantic import Field, SecretStr
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
    # Another LRS whose statements are pulled (its statements resource, e.g.
    # https://lrs.example/xAPI/statements); unset: nothing is pulled.
    xapi_pull_url: str | None = Field(default=None, pattern=r"^https?://\S+$")
    xapi_pull_username: str = ""
    xapi_pull_password: SecretStr = SecretStr("")
    xapi_pull_platform: str = Field(default="LRS", description="Stored as sent by this platform")
    xapi_pull_interval_s: float = Field(default=300.0, gt=0)
    xapi_pull_page_size: int = Field(default=100, ge=1, le=1000)
