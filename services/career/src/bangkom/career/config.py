"""Settings of the career service (environment prefix BANGKOM_CAREER_)."""

from pydantic import Field
from pydantic_settings import SettingsConfigDict

from bangkom.kernel.jpm import CUKUP_OPTIMAL_FROM, OPTIMAL_FROM
from bangkom.platform.settings import ServiceSettings


class CareerSettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="BANGKOM_CAREER_", extra="ignore")

    service_name: str = "career"
    http_port: int = 8006
    grpc_port: int = 8056

    # Readiness for a target position (JPM against its standard), see domain.readiness.
    ready_now_from: float = Field(default=OPTIMAL_FROM, ge=0, le=100)
    ready_soon_from: float = Field(default=CUKUP_OPTIMAL_FROM, ge=0, le=100)
    # Years a candidate must have held their position. The roster carries no TMT
    # jabatan, so time counts from the roster change that placed them (0: not applied).
    candidate_min_years_in_position: float = Field(default=0.0, ge=0, le=40)
    # Potential rule of agencies without their own (domain.potential).
    potential_target_step: int = Field(default=1, ge=0, le=4)
    potential_assessment_weight: float = Field(default=0.5, ge=0, le=1)
    potential_high_from: float = Field(default=85.0, ge=0, le=100)
    potential_medium_from: float = Field(default=70.0, ge=0, le=100)
    # JP a development plan may take when the request gives no budget.
    plan_jp_budget: int = Field(default=40, ge=1, le=1000)
