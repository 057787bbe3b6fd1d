from __future__ import annotations

from fastapi import APIRouter, status

from bangkom.evaluation.entrypoints.api.deps import BusDep
from bangkom.evaluation.entrypoints.api.schemas import ResultCreate, ResultPublic
from bangkom.evaluation.handlers import commands
from bangkom.platform.auth.rest import CallerDep

router = APIRouter(prefix="/results", tags=["assessment results"])


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    summary="Record an assessment result; gaps and proposals follow automatically",
)
async def record_result(body: ResultCreate, caller: CallerDep, bus: BusDep) -> ResultPublic:
    result = await bus.handle(commands.RecordResult(caller=caller, **body.model_dump()))
    return ResultPublic.of(result)
