"""Settings of the evaluation service (environment prefix BANGKOM_EVALUATION_)."""

from pathlib import Path

from pydantic import Field
from pydantic_settings import SettingsConfigDict

from bangkom.evaluation.domain.imports import IMPORT_BATCH_SIZE
from bangkom.platform.settings import ServiceSettings


class EvaluationSettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="BANGKOM_EVALUATION_", extra="ignore")

    service_name: str = "evaluation"
    http_port: int = 8001
    grpc_port: int = 8051

    import_spool_dir: Path = Path("var/imports")
    import_batch_size: int = Field(default=IMPORT_BATCH_SIZE, ge=1, le=100_000)
    case_base_uri: str = Field(
        default="http://localhost:8001",
        pattern=r"^https?://[^\s/]+(/[^\s]*)?$",
        description="Where the public reaches this service: the base of every CASE uri",
    )
    l3_delay_days: int = Field(
        default=90, ge=1, le=365, description="From a completed course to its L3 evaluation"
    )
