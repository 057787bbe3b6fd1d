from __future__ import annotations

from fastapi import Response, status
from pydantic import BaseModel, ConfigDict, Field

from bangkom.evaluation.entrypoints.api.deps import BusDep
from bangkom.evaluation.entrypoints.api.schemas.results import ResultCreate, ResultPublic
from bangkom.evaluation.handlers import commands
from bangkom.platform.auth.caller import Caller
from bangkom.platform.auth.rest import CallerDep
from bangkom.platform.web.errors import error_responses
from bangkom.platform.web.routing import ServiceRouter

router = ServiceRouter(prefix="/results", tags=["assessment results"])


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    summary="Record an assessment result; gaps and proposals follow automatically",
    description=(
        "The same result sent again (same NIP, competency, method and evaluated_at, e.g. "
        "after a lost answer) is answered 200 with the result recorded: nothing changes. "
        "With another level it is 409."
    ),
    responses={
        200: {"description": "Recorded before: the result as recorded", "model": ResultPublic},
        **error_responses(404, 422),
        409: {
            "description": "A result of another level is recorded for the same employee, "
            "competency, method and time"
        },
    },
)
async def record_result(
    body: ResultCreate, caller: CallerDep, bus: BusDep, response: Response
) -> ResultPublic:
    recorded = await bus.handle(_command(body, caller))
    if not recorded.new:
        response.status_code = status.HTTP_200_OK
    return ResultPublic.of(recorded.result)


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
    code: str = Field(
        description="Why, as a stable code: employee_not_found, date_in_future, "
        "invalid_competency, technical_unknown, ..."
    )
    field: str | None = Field(description="The field of the result at fault, if one is")
    reason: str = Field(description="Why, for a person, in Bahasa Indonesia")


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
        refused=[
            RefusedResult(index=i, code=error.code, field=error.field, reason=str(error))
            for i, error in sorted(outcome.refused.items())
        ],
    )
