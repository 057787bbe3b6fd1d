"""The envelope of a paged list, the same in every REST API."""

from __future__ import annotations

from typing import Generic, TypeVar

from pydantic import BaseModel, Field

ItemT = TypeVar("ItemT")


class PagePublic(BaseModel, Generic[ItemT]):
    data: list[ItemT]
    total: int = Field(description="Items matching the query, over all pages")
    limit: int
    offset: int
