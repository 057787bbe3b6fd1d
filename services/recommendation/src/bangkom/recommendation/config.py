"""Settings of the recommendation service (environment prefix BANGKOM_RECOMMENDATION_)."""

from pydantic import Field
from pydantic_settings import SettingsConfigDict

from bangkom.platform.settings import ServiceSettings


class RecommendationSettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="BANGKOM_RECOMMENDATION_", extra="ignore")

    service_name: str = "recommendation"
    http_port: int = 8004
    grpc_port: int = 8054

    proposal_jp_budget: int = Field(
        default=60, ge=1, le=1000, description="JP of active proposals a person may have a year"
    )
    proposal_ttl_days: int = Field(
        default=90, ge=1, le=730, description="Days before an undecided proposal expires"
    )
    recalculation_batch_size: int = Field(default=200, ge=1, le=10_000)
    # Competencies whose training may move the public's rating of a unit's staff (the
    # SKM elements kompetensi and perilaku pelaksana): Pelayanan Publik, Perekat Bangsa.
    satisfaction_competencies: list[str] = Field(default_factory=lambda: ["M.05", "SK.01"])
    # A unit counts as trained between two SKM periods when at least this share of its
    # active staff completed a course developing one of those competencies.
    satisfaction_trained_share: float = Field(default=0.25, gt=0, le=1)
