from __future__ import annotations

from typing import Annotated

from fastapi import Depends

from bangkom.platform.bus import MessageBus
from bangkom.platform.web.deps import get_bus
from bangkom.training.handlers.ports import TrainingUnitOfWork

BusDep = Annotated[MessageBus[TrainingUnitOfWork], Depends(get_bus)]
