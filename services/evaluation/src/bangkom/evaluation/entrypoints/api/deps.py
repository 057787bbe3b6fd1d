from __future__ import annotations

from typing import Annotated

from fastapi import Depends

from bangkom.evaluation.handlers.ports import EvaluationUnitOfWork
from bangkom.platform.bus import MessageBus
from bangkom.platform.web.deps import get_bus

BusDep = Annotated[MessageBus[EvaluationUnitOfWork], Depends(get_bus)]
