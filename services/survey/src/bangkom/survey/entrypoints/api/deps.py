from __future__ import annotations

from typing import Annotated, Any

from fastapi import Depends

from bangkom.platform.bus import MessageBus
from bangkom.platform.web.deps import get_bus
from bangkom.survey.handlers.ports import SurveyUnitOfWork

# Documented error responses of a route, for OpenAPI.
Responses = dict[int | str, dict[str, Any]]

BusDep = Annotated[MessageBus[SurveyUnitOfWork], Depends(get_bus)]
