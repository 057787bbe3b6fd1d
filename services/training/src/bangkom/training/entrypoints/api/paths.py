"""Path parameters, validated where they enter."""

from __future__ import annotations

from typing import Annotated

from fastapi import Path

CodePath = Annotated[str, Path(pattern=r"^[A-Za-z0-9][A-Za-z0-9.\-_]{0,63}$")]
NipPath = Annotated[str, Path(pattern=r"^\d{18}$", description="NIP or NI PPPK, 18 digits")]
IdPath = Annotated[str, Path(min_length=1, max_length=64)]
