"""Examples in the OpenAPI document, the same way in every schema."""

from __future__ import annotations

from typing import Any

from pydantic import ConfigDict


def examples(*examples: dict[str, Any]) -> ConfigDict:
    return ConfigDict(json_schema_extra={"examples": list(examples)})
