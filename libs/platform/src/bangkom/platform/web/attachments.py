"""The Content-Disposition of a download. A header is Latin-1, and a file's name may
hold what a request or a record carried (an agency code asked for, a period's label):
outside printable ASCII the name goes percent-encoded as UTF-8 (RFC 6266's
``filename*``, which browsers read), with an ASCII stand-in for older clients, instead
of a header that cannot be encoded (a 500)."""

from __future__ import annotations

from urllib.parse import quote

_UNSAFE_IN_QUOTES = '"\\'


def attachment(filename: str) -> dict[str, str]:
    plain = "".join(
        c if c.isascii() and c.isprintable() and c not in _UNSAFE_IN_QUOTES else "_"
        for c in filename
    )
    disposition = f'attachment; filename="{plain}"'
    if plain != filename:
        disposition += f"; filename*=UTF-8''{quote(filename, safe='')}"
    return {"Content-Disposition": disposition}
