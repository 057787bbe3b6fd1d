"""Dependencies every router shares."""

from __future__ import annotations

from typing import Any

from fastapi import Request

from bangkom.platform.bus import MessageBus


def get_bus(request: Request) -> MessageBus[Any]:
    bus: MessageBus[Any] = request.app.state.bus
    return bus
