"""Request bodies have a size limit: larger ones are a 413 ErrorPublic, not memory.

A body that declares a larger Content-Length is refused before anything reads it; one
that does not (chunked) is refused when the bytes read pass the limit. File uploads
(multipart/form-data) have a limit of their own.
"""

from __future__ import annotations

from starlette.datastructures import Headers
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from bangkom.platform.web.errors import SENTENCES, error_response


class BodySizeLimit:
    def __init__(self, app: ASGIApp, *, body_bytes: int, upload_bytes: int) -> None:
        self.app = app
        self.body_bytes = body_bytes
        self.upload_bytes = upload_bytes
        # Said in every refusal, so written once.
        self._reasons = {upload: _reason(upload, self._limit(upload)) for upload in (False, True)}

    def _limit(self, upload: bool) -> int:
        return self.upload_bytes if upload else self.body_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        upload = headers.get("content-type", "").startswith("multipart/form-data")
        limit, reason = self._limit(upload), self._reasons[upload]
        declared = headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            refusal = error_response(
                413, "payload_too_large", SENTENCES["payload_too_large"], reason
            )
            await refusal(scope, receive, send)
            return
        read = 0

        async def receive_within_limit() -> Message:
            nonlocal read
            message = await receive()
            read += len(message.get("body", b""))
            if read > limit:
                # FastAPI passes an HTTPException from reading the body on to the app's
                # error handlers: the ErrorPublic 413 of errors.py.
                raise HTTPException(413, reason)
            return message

        await self.app(scope, receive_within_limit, send)


def _reason(upload: bool, limit: int) -> str:
    what = "unggahan berkas" if upload else "isi permintaan"
    return f"batas {what} {limit:,} byte".replace(",", ".")
