from __future__ import annotations

from fastapi import APIRouter, status
from pydantic import BaseModel, ConfigDict, Field

from bangkom.evaluation.entrypoints.api.deps import BusDep
from bangkom.evaluation.entrypoints.api.schemas.results import ResultCreate, ResultPublic
from bangkom.evaluation.handlers import commands
from bangkom.platform.auth.caller import Caller
from bangkom.platform.auth.rest import CallerDep

router = APIRouter(prefix="/results", tags=["assessment results"])


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    summary="Record an assessment result; gaps and proposals follow automatically",
    responses={
        404: {"description": "No employee with this nip within the caller's scope"},
        409: {"description": "The same result (employee, competency, method, time) is recorded"},
    },
)
async def record_result(body: ResultCreate, caller: CallerDep, bus: BusDep) -> ResultPublic:
    result = await bus.handle(_command(body, caller))
    return ResultPublic.of(result)


def _command(item: ResultCreate, caller: Caller) -> commands.RecordResult:
    """Field by field: model_dump() (or iterating the model) converted every value again,
    a tenth of a batch request's CPU."""
    return commands.RecordResult(
        caller=caller,
        nip=item.nip,
        competency_code=item.competency_code,
        level=item.level,
        method=item.method,
        evaluated_at=item.evaluated_at,
        assessor=item.assessor,
        evidence=item.evidence,
    )


class ResultsCreate(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "results": [
                        {
                            "nip": "198503152010012003",
                            "competency_code": "M.05",
                            "level": 2,
                            "method": "assessment_center",
                            "evaluated_at": "2026-11-20T09:00:00+07:00",
                        },
                        {
                            "nip": "198503152010012003",
                            "competency_code": "M.01",
                            "level": 3,
                            "method": "assessment_center",
                            "evaluated_at": "2026-11-20T09:00:00+07:00",
                        },
                    ]
                }
            ]
        }
    )

    results: list[ResultCreate] = Field(min_length=1, max_length=1000)


class RefusedResult(BaseModel):
    index: int = Field(description="Position of the result in the request")
    reason: str


class ResultsOutcome(BaseModel):
    stored: list[ResultPublic]
    unchanged: list[int] = Field(
        description="Positions of results already recorded (same NIP, competency, method "
        "and evaluated_at): nothing changed"
    )
    refused: list[RefusedResult]


@router.post(
    "/batch",
    summary="Record many results at once (e.g. an assessment sitting); each is checked on "
    "its own, and each employee's gaps are recalculated once",
)
async def record_results(body: ResultsCreate, caller: CallerDep, bus: BusDep) -> ResultsOutcome:
    outcome = await bus.handle(
        commands.RecordResults(
            caller=caller,
            results=[_command(item, caller) for item in body.results],
        )
    )
    return ResultsOutcome(
        stored=[ResultPublic.of(r) for r in outcome.stored],
        unchanged=outcome.unchanged,
        refused=[RefusedResult(index=i, reason=r) for i, r in sorted(outcome.refused.items())],
    )
