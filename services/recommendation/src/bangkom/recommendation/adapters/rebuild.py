"""What a rebuild from the log starts from: empty read models and gaps.

Proposals and the gap history stay: they are this service's own record of what it
decided and published, not a projection of other services' events (a replay creates
none and changes none).
"""

from __future__ import annotations

from sqlalchemy import delete
from sqlalchemy.ext.asyncio import AsyncEngine

from bangkom.platform.db.messaging import inbox
from bangkom.recommendation.adapters.summaries import SUMMARIES
from bangkom.recommendation.adapters.tables import (
    AnalyticsMarkRow,
    CompletionRow,
    CourseCompetencyRow,
    CourseRow,
    EnrolmentRow,
    GapRow,
    LevelRow,
    NeedRow,
    PlacementRow,
    RecalculationRow,
    ResultHistoryRow,
    StandardRow,
)

READ_MODELS = (
    PlacementRow,
    StandardRow,
    LevelRow,
    ResultHistoryRow,
    CourseRow,
    CourseCompetencyRow,
    NeedRow,
    EnrolmentRow,
    CompletionRow,
    GapRow,
    RecalculationRow,
)


async def clear_read_models(engine: AsyncEngine) -> None:
    """Empty the read models and gaps; with them the analytics summaries and their marks
    (empty summaries are exact for empty tables: the replay marks what it fills)."""
    async with engine.begin() as connection:
        for table in (*READ_MODELS, *SUMMARIES, AnalyticsMarkRow):
            await connection.execute(delete(table))
        await connection.execute(delete(inbox))
