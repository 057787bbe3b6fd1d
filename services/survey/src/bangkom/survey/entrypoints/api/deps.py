from __future__ import annotations

from typing import Annotated

from fastapi import Depends

from bangkom.platform.bus import MessageBus
from bangkom.platform.web.deps import get_bus
from bangkom.survey.handlers.ports import SurveyUnitOfWork

BusDep = Annotated[MessageBus[SurveyUnitOfWork], Depends(get_bus)]
