"""No input makes a service answer 5xx, break its own OpenAPI document or be taken
when it should not: schemathesis against each of the five services, running as in
production (processes, PostgreSQL, Kafka), with a province admin's token.

Short here (a fixed seed, ``BANGKOM_FUZZ_EXAMPLES`` cases an operation and phase);
``make fuzz`` runs it long and prints the cases per service.
"""

import os
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bangkom.platform.auth import Role
from bangkom.platform.auth.tokens import mint_dev_token
from bangkom.platform.settings import ServiceSettings
from tests.fuzzing import fuzz
from tests.processes import EVERY_SERVICE, System, running_system

pytestmark = [pytest.mark.kafka, pytest.mark.postgres, pytest.mark.timeout(3600)]

EXAMPLES = int(os.environ.get("BANGKOM_FUZZ_EXAMPLES", "8"))
SEED = int(os.environ.get("BANGKOM_FUZZ_SEED", "20261"))
MIN_CASES = int(os.environ.get("BANGKOM_FUZZ_MIN_CASES", "1"))


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


@pytest.fixture(scope="module")
async def system(workdir: Path) -> AsyncIterator[System]:
    async with running_system(workdir, services=EVERY_SERVICE) as running:
        yield running


@pytest.mark.parametrize("service", EVERY_SERVICE)
async def test_generated_requests_get_documented_answers_and_never_a_server_error(
    system: System, workdir: Path, service: str
) -> None:
    settings = ServiceSettings(auth_dev_key_file=system.dev_key)
    token = mint_dev_token(settings, subject="fuzz", roles=[Role.PROVINCE_ADMIN])

    run = await fuzz(
        service, system[service].url, token, max_examples=EXAMPLES, seed=SEED, workdir=workdir
    )

    print(f"\n{run.summary()}")
    assert run.cases >= MIN_CASES, run.summary()
    assert run.failing_cases == 0, run.output
