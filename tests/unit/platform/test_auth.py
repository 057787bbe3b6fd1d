from pathlib import Path

import jwt
import pytest

from bangkom.evaluation.config import EvaluationSettings
from bangkom.platform.auth import Role
from bangkom.platform.auth.keys import load_or_create_dev_key
from bangkom.platform.auth.tokens import InvalidToken, TokenVerifier, mint_dev_token
from bangkom.platform.settings import ServiceSettings
from bangkom.recommendation.config import RecommendationSettings
from bangkom.survey.config import SurveySettings
from bangkom.training.config import TrainingSettings
from tests import factories


@pytest.fixture
def settings(tmp_path: Path) -> ServiceSettings:
    return ServiceSettings(auth_dev_key_file=tmp_path / "dev.pem")


async def test_a_minted_operator_token_verifies_into_its_scope(settings: ServiceSettings) -> None:
    token = mint_dev_token(
        settings, subject="op", roles=[Role.AGENCY_OPERATOR], agencies=["1273.DINKES"]
    )

    caller = await TokenVerifier(settings).verify(token)

    assert caller.agency_scope() == frozenset({"1273.DINKES"})
    assert caller.may_manage_agency("1273.DINKES")
    assert not caller.may_manage_agency("1273.DISDIK")


async def test_an_expired_token_is_refused(settings: ServiceSettings) -> None:
    token = mint_dev_token(settings, subject="op", roles=[Role.PROVINCE_ADMIN], ttl_s=-60)

    with pytest.raises(InvalidToken, match="expired"):
        await TokenVerifier(settings).verify(token)


async def test_a_token_signed_by_another_key_is_refused(
    settings: ServiceSettings, tmp_path: Path
) -> None:
    stranger = load_or_create_dev_key(tmp_path / "stranger.pem")
    forged = jwt.encode(
        {
            "sub": "x",
            "iss": settings.auth_issuer,
            "aud": settings.auth_audience,
            "exp": 4102444800,
            "roles": ["province_admin"],
        },
        stranger,
        algorithm="RS256",
    )

    with pytest.raises(InvalidToken, match="signature does not verify"):
        await TokenVerifier(settings).verify(forged)


async def test_an_employee_token_without_its_nip_is_refused(settings: ServiceSettings) -> None:
    token = mint_dev_token(settings, subject="e", roles=[Role.EMPLOYEE])

    with pytest.raises(InvalidToken, match="nip"):
        await TokenVerifier(settings).verify(token)


def test_an_employee_reads_only_their_own_data() -> None:
    me, colleague = factories.nip(), factories.nip()
    caller = factories.employee_caller(me)

    assert caller.may_read_employee(me, "1273.A")
    assert not caller.may_read_employee(colleague, "1273.A")
    assert not caller.may_manage_agency("1273.A")


def test_production_refuses_the_development_key() -> None:
    with pytest.raises(ValueError, match="development signing key"):
        ServiceSettings(environment="production", database_url="postgresql+asyncpg://x/y")


def test_an_operator_scope_covers_the_units_below_its_agency_and_nothing_beside_it() -> None:
    caller = factories.operator("12.73.BKPSDM")

    assert caller.may_manage_agency("12.73.BKPSDM")
    assert caller.may_manage_agency("12.73.BKPSDM.PK")
    assert not caller.may_manage_agency("12.73.BKPSDMX")
    assert not caller.may_manage_agency("12.73")


SERVICE_SETTINGS = [EvaluationSettings, TrainingSettings, SurveySettings, RecommendationSettings]
POSTGRES = "postgresql+asyncpg://bangkom:secret@db:5432/bangkom"
KEYCLOAK = "https://sso.example.go.id/realms/bangkom"


@pytest.mark.parametrize("settings_class", SERVICE_SETTINGS)
def test_no_service_starts_in_production_with_the_development_key(
    settings_class: type[ServiceSettings],
) -> None:
    with pytest.raises(ValueError, match="development signing key is refused"):
        settings_class(environment="production", database_url=POSTGRES, auth_issuer=KEYCLOAK)


@pytest.mark.parametrize("settings_class", SERVICE_SETTINGS)
def test_a_service_in_production_verifies_with_its_providers_keys(
    settings_class: type[ServiceSettings],
) -> None:
    settings = settings_class(
        environment="production", database_url=POSTGRES, auth_issuer=KEYCLOAK, auth_discovery=True
    )

    assert not settings.uses_dev_key


def test_production_names_the_identity_provider_as_issuer() -> None:
    with pytest.raises(ValueError, match="auth_issuer must name the identity provider"):
        ServiceSettings(
            environment="production", database_url=POSTGRES, auth_jwks_url=f"{KEYCLOAK}/certs"
        )


def test_the_environment_decides_through_the_services_own_prefix(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("BANGKOM_TRAINING_ENVIRONMENT", "production")
    monkeypatch.setenv("BANGKOM_TRAINING_DATABASE_URL", POSTGRES)
    monkeypatch.setenv("BANGKOM_TRAINING_AUTH_ISSUER", KEYCLOAK)

    with pytest.raises(ValueError, match="development signing key"):
        TrainingSettings()


def test_a_grpc_certificate_needs_its_key(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="go together"):
        ServiceSettings(grpc_tls_cert_file=tmp_path / "grpc.crt")
