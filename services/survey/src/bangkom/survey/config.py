"""Settings of the survey service (environment prefix BANGKOM_SURVEY_)."""

from pydantic_settings import SettingsConfigDict

from bangkom.platform.settings import ServiceSettings


class SurveySettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="BANGKOM_SURVEY_", extra="ignore")

    service_name: str = "survey"
    http_port: int = 8003
    grpc_port: int = 8053
