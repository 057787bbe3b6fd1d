"""Lists in every REST API: one page envelope, ``Page[ItemT]``, and one pair of bounded
paging parameters, ``PagingDep``.

A list route takes ``paging: PagingDep`` and answers with one of

- ``Page.counted(items, paging, total)`` where the query counts every match;
- ``Page.fetched(rows, paging)`` where it reads ``paging.fetch_limit`` rows, one more
  than the page, and the extra row says that a next page exists;
- ``Page.sliced(every, paging)`` where the whole (short) list is in memory.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Annotated, Generic, Self, TypeVar

from fastapi import Depends, Query
from pydantic import BaseModel, Field

ItemT = TypeVar("ItemT")

DEFAULT_LIMIT = 50
MAX_LIMIT = 500
# Bounded so that a huge offset is a 422 rather than an integer the database refuses.
MAX_OFFSET = 1_000_000


@dataclass(frozen=True)
class PageParams:
    limit: int
    offset: int

    @property
    def fetch_limit(self) -> int:
        """One row more than the page: if it comes back, there is a next page."""
        return self.limit + 1


async def page_params(
    limit: Annotated[
        int, Query(ge=1, le=MAX_LIMIT, description=f"Items per page (1-{MAX_LIMIT})")
    ] = DEFAULT_LIMIT,
    offset: Annotated[
        int,
        Query(ge=0, le=MAX_OFFSET, description=f"Items to skip (0-{MAX_OFFSET:,}): next_offset"),
    ] = 0,
) -> PageParams:
    return PageParams(limit=limit, offset=offset)


PagingDep = Annotated[PageParams, Depends(page_params)]


class Page(BaseModel, Generic[ItemT]):
    """One page of a list; ask for the next one with ``offset=next_offset``."""

    items: list[ItemT]
    total: int | None = Field(
        description="Items matching the query over all pages; null where the list does "
        "not count them"
    )
    limit: int = Field(description="Items per page, as asked")
    offset: int = Field(description="Items skipped before this page")
    next_offset: int | None = Field(
        description="The offset of the next page; null on the last page"
    )

    @classmethod
    def counted(cls, items: Sequence[ItemT], paging: PageParams, total: int) -> Self:
        end = paging.offset + paging.limit
        return cls(
            items=list(items),
            total=total,
            limit=paging.limit,
            offset=paging.offset,
            next_offset=end if end < total else None,
        )

    @classmethod
    def fetched(cls, rows: Sequence[ItemT], paging: PageParams) -> Self:
        more = len(rows) > paging.limit
        return cls(
            items=list(rows[: paging.limit]),
            total=None,
            limit=paging.limit,
            offset=paging.offset,
            next_offset=paging.offset + paging.limit if more else None,
        )

    @classmethod
    def sliced(cls, every: Sequence[ItemT], paging: PageParams) -> Self:
        start = min(paging.offset, len(every))
        return cls.counted(every[start : start + paging.limit], paging, len(every))
