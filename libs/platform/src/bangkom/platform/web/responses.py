"""A body serialized once, for the hot reads.

A route that returns a model has FastAPI dump it to Python data, validate that against
the response model and serialize it again: three passes over what the route has just
built from its own types. A hot read (issue 19) declares its model in the decorator
(``response_model=``, so the OpenAPI document is the same) and answers with this.
"""

from __future__ import annotations

from fastapi import Response
from pydantic import BaseModel


def json_response(body: BaseModel) -> Response:
    return Response(body.model_dump_json(by_alias=True), media_type="application/json")
