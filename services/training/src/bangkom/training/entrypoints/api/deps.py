from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from bangkom.platform.bus import MessageBus
from bangkom.platform.clock import Clock
from bangkom.platform.web.deps import get_bus
from bangkom.training.handlers.ports import TrainingUnitOfWork

BusDep = Annotated[MessageBus[TrainingUnitOfWork], Depends(get_bus)]


async def get_clock(request: Request) -> Clock:
    clock: Clock = request.app.state.clock
    return clock


ClockDep = Annotated[Clock, Depends(get_clock)]
