"""Imports through the REST API on an embedded SQLite database: good rows stored,
every bad row reported by row, column and reason, a re-import changes nothing."""

import io
import json
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import httpx
import pytest
from openpyxl import Workbook
from prometheus_client import REGISTRY
from sqlalchemy import func, select

from bangkom.evaluation.bootstrap import bootstrap
from bangkom.evaluation.config import EvaluationSettings
from bangkom.evaluation.domain.imports import ImportKind, InvalidFile
from bangkom.evaluation.handlers.on_commands.imports import create_job, run_import
from bangkom.platform.auth import Caller, Role
from bangkom.platform.auth.tokens import mint_dev_token
from bangkom.platform.catalog import ResultsRecorded
from bangkom.platform.clock import utc_now
from bangkom.platform.db.messaging import outbox
from bangkom.platform.service import Service
from tests import builders, factories
from tests.apps import asgi_client, bearer, on_sqlite
from tests.infra import wait_for


@pytest.fixture
async def service(tmp_path: Path) -> AsyncIterator[Service]:
    async with on_sqlite(
        bootstrap,
        EvaluationSettings,
        tmp_path,
        import_spool_dir=tmp_path / "spool",
        import_batch_size=3,
    ) as service:
        yield service


@pytest.fixture
async def client(service: Service) -> AsyncIterator[httpx.AsyncClient]:
    async with asgi_client(service) as client:
        yield client


def _auth(service: Service) -> dict[str, str]:
    token = mint_dev_token(service.settings, subject="hr", roles=[Role.PROVINCE_ADMIN])
    return {"Authorization": f"Bearer {token}"}


async def _finished(client: httpx.AsyncClient, headers: dict[str, str], job: str) -> dict:
    async def done() -> dict | None:
        body = (await client.get(f"/imports/{job}", headers=headers)).json()
        return body if body["status"] in {"done", "failed"} else None

    return await wait_for(done, deadline_s=30, what=f"import {job}")


async def _events(service: Service, event_type: str) -> int:
    async with service.database.sessions() as session:
        count = await session.scalar(
            select(func.count()).select_from(outbox).where(outbox.c.type == event_type)
        )
    return int(count or 0)


async def _results_published(service: Service) -> int:
    """Results carried by the ResultsRecorded events in the outbox."""
    async with service.database.engine.connect() as connection:
        data = await connection.scalars(
            select(outbox.c.data).where(outbox.c.type == ResultsRecorded.TYPE)
        )
        return sum(len(json.loads(d)["results"]) for d in data)


def _imports_finished(kind: str, status: str) -> float:
    sample = REGISTRY.get_sample_value(
        "bangkom_import_jobs_finished_total", {"kind": kind, "status": status}
    )
    return sample or 0.0


async def _upload(
    client: httpx.AsyncClient, headers: dict[str, str], kind: str, name: str, content: bytes
) -> dict:
    response = await client.post(
        f"/imports/{kind}", headers=headers, files={"file": (name, content)}
    )
    assert response.status_code == 202, response.text
    assert response.headers["location"] == f"/imports/{response.json()['id']}"
    return await _finished(client, headers, response.json()["id"])


async def test_a_results_file_stores_good_rows_reports_bad_ones_and_reimports_as_a_no_op(
    client: httpx.AsyncClient, service: Service
) -> None:
    admin = _auth(service)
    agency = await builders.an_agency(client, admin)
    position = await builders.a_position(client, admin, agency)
    known = [await builders.an_employee(client, admin, agency, position) for _ in range(2)]
    stranger = factories.nip()
    lines = [
        "nip;competency_code;level;method;evaluated_at;assessor",  # semicolons, as Excel (id)
        f"{known[0]};M.05;2;assessment_center;2026-03-01;UPT",  # row 2: good
        f"{known[0]};M.01;3;cat;2026-03-01T10:00:00+07:00;",  # row 3: good
        f"{known[1]};M.05;9;cat;2026-03-01;",  # row 4: level
        f"{known[1]};M.99;2;cat;2026-03-01;",  # row 5: competency
        f"{known[1]};M.02;2;interview;2026-03-01;",  # row 6: method
        f"{stranger};M.02;2;cat;2026-03-01;",  # row 7: unknown employee
        "198502302010012003;M.02;2;cat;2026-03-01;",  # row 8: NIP date
        f"{known[1]};M.02;2;self;01/03/2026;",  # row 9: date format
        f"{known[1]};M.03;1;supervisor;2026-02-01;",  # row 10: good
    ]
    content = "\n".join(lines).encode()
    finished_before = _imports_finished("results", "done")

    job = await _upload(client, admin, "results", "hasil.csv", content)

    assert (job["status"], job["rows_read"], job["rows_stored"], job["rows_rejected"]) == (
        "done",
        9,
        3,
        6,
    )
    errors = (await client.get(f"/imports/{job['id']}/errors", headers=admin)).json()["items"]
    assert [(e["row"], e["column"], e["code"]) for e in errors] == [
        (4, "level", "invalid_level"),
        (5, "competency_code", "invalid_competency"),
        (6, "method", "invalid_method"),
        (7, "nip", "employee_not_found"),
        (8, "nip", "nip_birth_date"),
        (9, "evaluated_at", "invalid_date"),
    ]

    async def counted() -> bool:  # what the BangkomImportFailed alert counts (done, here)
        return _imports_finished("results", "done") > finished_before

    await wait_for(counted, what="the finished import counted")
    assert "tanggal lahir 1985-02-30" in errors[4]["reason"]
    assert f"pegawai {stranger} tidak ditemukan" == errors[3]["reason"]
    assert await _results_published(service) == 3
    audit = (await client.get("/audit", headers=admin)).json()["items"]
    recorded = {e["object_key"]: e for e in audit if e["action"] == "record_results"}
    assert sorted(recorded) == sorted(known)  # one entry per employee with results stored
    assert {e["actor_subject"] for e in recorded.values()} == {"hr"}
    assert [e["object_key"] for e in audit if e["action"] == "start_import"] == [job["id"]]

    again = await _upload(client, admin, "results", "hasil.csv", content)

    assert (again["rows_stored"], again["rows_unchanged"], again["rows_rejected"]) == (0, 3, 6)
    assert await _results_published(service) == 3
    stored = (await client.get(f"/employees/{known[0]}/results", headers=admin)).json()["items"]
    assert sorted(r["competency_code"] for r in stored) == ["M.01", "M.05"]


async def test_a_roster_spreadsheet_is_upserted_by_nip(
    client: httpx.AsyncClient, service: Service
) -> None:
    admin = _auth(service)
    agency = await builders.an_agency(client, admin)
    position = await builders.a_position(client, admin, agency)
    nips = [factories.nip() for _ in range(2)]
    sheet = Workbook()
    rows = sheet.active
    assert rows is not None
    rows.append(["NIP", "Name", "Agency Code", "Position Code", "Active"])
    rows.append([nips[0], "Andi", agency, position, "ya"])
    rows.append([nips[1], "Budi", agency, "NO-SUCH-POSITION", "ya"])
    rows.append([int(nips[1]), "Budi", agency, position, "ya"])  # a number cell
    rows.append([nips[1], "Budi", "12.73.NOWHERE", position, "ya"])
    buffer = io.BytesIO()
    sheet.save(buffer)

    job = await _upload(client, admin, "roster", "pegawai.xlsx", buffer.getvalue())

    assert (job["rows_read"], job["rows_stored"], job["rows_rejected"]) == (4, 1, 3)
    errors = (await client.get(f"/imports/{job['id']}/errors", headers=admin)).json()["items"]
    assert [(e["row"], e["column"], e["code"]) for e in errors] == [
        (3, "position_code", "position_unknown"),
        (4, "nip", "nip_number_cell"),
        (5, "agency_code", "agency_unknown"),
    ]
    assert "harus disimpan sebagai teks" in errors[1]["reason"]
    again = await _upload(client, admin, "roster", "pegawai.xlsx", buffer.getvalue())
    assert (again["rows_stored"], again["rows_unchanged"]) == (0, 1)
    assert await _events(service, "id.go.bangkom.evaluation.employee.updated.v1") == 1


async def test_a_file_without_the_required_columns_is_refused_before_anything_is_queued(
    client: httpx.AsyncClient, service: Service
) -> None:
    admin = _auth(service)

    response = await client.post(
        "/imports/results", headers=admin, files={"file": ("x.csv", b"nip,level\n1,2\n")}
    )
    wrong_type = await client.post(
        "/imports/results", headers=admin, files={"file": ("x.pdf", b"%PDF")}
    )

    assert response.status_code == 422
    assert "tidak ada: competency_code, method, evaluated_at" in response.json()["message"]
    assert wrong_type.status_code == 422
    assert not list((service.settings.import_spool_dir).glob("*"))  # type: ignore[attr-defined]


async def test_someone_elses_import_is_not_found(
    client: httpx.AsyncClient, service: Service
) -> None:
    admin = _auth(service)
    job = await _upload(
        client, admin, "results", "x.csv", b"nip,competency_code,level,method,evaluated_at\n"
    )
    operator = mint_dev_token(
        service.settings, subject="op", roles=[Role.AGENCY_OPERATOR], agencies=["12.73.X"]
    )

    response = await client.get(
        f"/imports/{job['id']}", headers={"Authorization": f"Bearer {operator}"}
    )

    assert response.status_code == 404


async def test_a_file_that_breaks_midway_keeps_the_batches_before_and_says_why(
    client: httpx.AsyncClient, service: Service
) -> None:
    admin = _auth(service)
    agency = await builders.an_agency(client, admin)
    position = await builders.a_position(client, admin, agency)
    nip = await builders.an_employee(client, admin, agency, position)
    codes = ["M.01", "M.02", "M.03", "M.04", "M.05", "M.06", "M.07"]

    def rows() -> Iterator[tuple[int, dict[str, str]]]:
        for number, code in enumerate(codes, start=2):
            yield (
                number,
                {
                    "nip": nip,
                    "competency_code": code,
                    "level": "2",
                    "method": "cat",
                    "evaluated_at": "2026-03-01",
                },
            )
        raise InvalidFile("a CSV file must be UTF-8 text")  # row 9 cannot be read

    caller = Caller(subject="hr", roles=frozenset({Role.PROVINCE_ADMIN}))
    job = await create_job(
        service.uow_factory,  # type: ignore[arg-type]
        kind=ImportKind.RESULTS,
        filename="hasil.csv",
        caller=caller,
        clock=utc_now,
    )

    with pytest.raises(InvalidFile):
        await run_import(service.uow_factory, job, rows(), caller, batch_size=3)  # type: ignore[arg-type]

    saved = (await client.get(f"/imports/{job.id}", headers=admin)).json()
    assert (saved["status"], saved["rows_stored"]) == ("failed", 6)
    assert "UTF-8" in saved["failure"]
    stored = (await client.get(f"/employees/{nip}/results", headers=admin)).json()["items"]
    assert sorted(r["competency_code"] for r in stored) == codes[:6]  # the 7th's batch never ended
    assert await _results_published(service) == 6


async def test_the_imports_list_shows_a_person_their_own_and_an_admin_everyones(
    client: httpx.AsyncClient, service: Service
) -> None:
    admin = _auth(service)
    agency = await builders.an_agency(client, admin)
    sari = bearer(service, Role.AGENCY_OPERATOR, agencies=[agency], subject="sari")
    budi = bearer(service, Role.AGENCY_OPERATOR, agencies=[agency], subject="budi")
    header = b"nip;competency_code;level;method;evaluated_at\n"
    first = await _upload(client, sari, "results", "satu.csv", header)
    second = await _upload(client, sari, "results", "dua.csv", header)
    theirs = await _upload(client, budi, "results", "tiga.csv", header)

    mine = (await client.get("/imports", headers=sari)).json()["items"]
    everyone = (await client.get("/imports", headers=admin)).json()["items"]
    running = (await client.get("/imports?status=queued&status=running", headers=sari)).json()

    assert [j["id"] for j in mine] == [second["id"], first["id"]]  # newest first
    assert {j["id"] for j in everyone} == {first["id"], second["id"], theirs["id"]}
    assert running["items"] == []  # all three are done
    refused = await client.get("/imports?status=stuck", headers=sari)
    assert refused.status_code == 422
