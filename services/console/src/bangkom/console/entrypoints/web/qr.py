"""A QR code as an SVG file (segno), to print: error correction M survives a worn or
creased poster at a unit's counter."""

from __future__ import annotations

import io

import segno


def qr_svg(url: str) -> bytes:
    code = segno.make(url, error="m", micro=False)
    out = io.BytesIO()
    code.save(out, kind="svg", scale=10, border=4, title=f"Kode QR: {url}")
    return out.getvalue()
