"""Base of every catalog event and the registry of event types."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, ClassVar

import orjson
from pydantic import BaseModel, ConfigDict

TYPE_PREFIX = "id.go.bangkom."


@dataclass(frozen=True)
class Topic:
    """One Kafka topic, declared once; provisioning and documentation read this."""

    name: str
    description: str
    key: str
    partitions: int = 6
    compacted: bool = False

    @property
    def dead_letter(self) -> str:
        return f"{self.name}.dlq"


_REGISTRY: dict[str, type[Event]] = {}


class Payload(BaseModel):
    """A part of an event payload.

    Unknown fields are ignored so that adding an optional field is not breaking.
    """

    model_config = ConfigDict(frozen=True, extra="ignore")


class Event(Payload):
    """Data of one CloudEvent. Subclasses set TYPE, TOPIC, SOURCE and ``key``."""

    TYPE: ClassVar[str]
    TOPIC: ClassVar[Topic]
    SOURCE: ClassVar[str]

    @classmethod
    def __pydantic_init_subclass__(cls, **kwargs: Any) -> None:
        super().__pydantic_init_subclass__(**kwargs)
        if "TYPE" not in cls.__dict__:
            return
        if not cls.TYPE.startswith(TYPE_PREFIX) or not cls.TYPE.rsplit(".", 1)[-1].startswith("v"):
            raise TypeError(f"event type {cls.TYPE!r} must look like {TYPE_PREFIX}<svc>.<what>.v1")
        if cls.TYPE in _REGISTRY:
            raise TypeError(f"event type {cls.TYPE!r} is declared twice")
        _REGISTRY[cls.TYPE] = cls

    @property
    def key(self) -> str:
        """The Kafka key: the entity whose events must stay in order."""
        raise NotImplementedError

    @property
    def subject(self) -> str:
        return self.key


@dataclass(frozen=True, slots=True)
class PreparedEvent:
    """An event of type ``of`` whose data is JSON already. Bulk paths build thousands at
    once from values they have checked; validating each through its model cost an
    import more than the rest of its work per row. A test holds each builder to the
    model (the data must validate as ``of``)."""

    of: type[Event]
    key: str
    data: str

    @classmethod
    def of_values(cls, of: type[Event], key: str, values: Mapping[str, Any]) -> PreparedEvent:
        """The event whose data are ``values`` (plain values, enums, aware datetimes)."""
        return cls(of, key, orjson.dumps(values).decode())

    @property
    def subject(self) -> str:
        return self.key

    def event(self) -> Event:
        """The model the data stands for (tests and in-memory fakes)."""
        return self.of.model_validate_json(self.data)


def event_class(event_type: str) -> type[Event] | None:
    return _REGISTRY.get(event_type)


def event_types() -> dict[str, type[Event]]:
    return dict(_REGISTRY)
