from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from bangkom.career.handlers.policy import Policy
from bangkom.career.handlers.ports import CareerUnitOfWork
from bangkom.platform.bus import MessageBus
from bangkom.platform.clock import Clock
from bangkom.platform.web.deps import get_bus


async def get_policy(request: Request) -> Policy:
    policy: Policy = request.app.state.career_policy
    return policy


async def get_clock(request: Request) -> Clock:
    clock: Clock = request.app.state.clock
    return clock


BusDep = Annotated[MessageBus[CareerUnitOfWork], Depends(get_bus)]
PolicyDep = Annotated[Policy, Depends(get_policy)]
ClockDep = Annotated[Clock, Depends(get_clock)]
