from __future__ import annotations

from typing import Annotated

from fastapi import Depends

from bangkom.platform.bus import MessageBus
from bangkom.platform.web.deps import get_bus
from bangkom.recommendation.handlers.ports import RecommendationUnitOfWork

BusDep = Annotated[MessageBus[RecommendationUnitOfWork], Depends(get_bus)]
