"""Settings of the survey service (environment prefix BANGKOM_SURVEY_)."""

from pydantic import Field
from pydantic_settings import SettingsConfigDict

from bangkom.platform.settings import ServiceSettings


class SurveySettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="BANGKOM_SURVEY_", extra="ignore")

    service_name: str = "survey"
    http_port: int = 8003
    grpc_port: int = 8053
    # Public SKM answers accepted per client address per minute (no account: a flood from
    # one address is refused with 429, the rest of the public is not).
    public_answers_per_minute: int = Field(default=20, ge=1, le=10_000)
