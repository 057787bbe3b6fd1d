"""Dependencies every router shares."""

from __future__ import annotations

from typing import Any

from fastapi import Request

from bangkom.platform.bus import MessageBus


# Dependencies are coroutines: FastAPI runs a plain function in a worker thread, a
# hand-over that cost a tenth of a small request's CPU.
async def get_bus(request: Request) -> MessageBus[Any]:
    bus: MessageBus[Any] = request.app.state.bus
    return bus
