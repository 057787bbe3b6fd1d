from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from bangkom.platform.bus import MessageBus
from bangkom.platform.web.deps import get_bus
from bangkom.recommendation.handlers.ports import EmployeeViews, RecommendationUnitOfWork

BusDep = Annotated[MessageBus[RecommendationUnitOfWork], Depends(get_bus)]


async def get_views(request: Request) -> EmployeeViews:
    views: EmployeeViews = request.app.state.views
    return views


ViewsDep = Annotated[EmployeeViews, Depends(get_views)]
