"""Logs never carry a whole NIP or a token (UU 27/2022)."""

import logging

import pytest
import structlog

from bangkom.platform.observability.logs import configure_logging, get_logger
from bangkom.platform.observability.redaction import redact

NIP = "199001012015031004"
TOKEN = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJyaW5hIn0.c2lnbmF0dXJl"


def test_a_nip_keeps_its_last_four_digits_and_tokens_go() -> None:
    assert redact(f"employee {NIP} not found") == "employee **************1004 not found"
    assert redact(f"/employees/{NIP}/results") == "/employees/**************1004/results"
    assert NIP[:14] not in redact(f"Authorization: Bearer {TOKEN}")
    assert "eyJ" not in redact(f"Authorization: Bearer {TOKEN}")
    assert "eyJ" not in redact(f"token={TOKEN}")
    # Longer digit runs are not NIPs; shorter ones neither.
    assert redact("1" * 19) == "1" * 19
    assert redact("2026 12 05 level 3") == "2026 12 05 level 3"


def test_structured_and_library_log_lines_are_redacted(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # As in a service process: no handler on the root logger before (pytest adds its own).
    monkeypatch.setattr(logging.root, "handlers", [])
    configure_logging("evaluation")
    try:
        get_logger("test").warning(
            "result refused", nip=NIP, detail={"rows": [f"{NIP};M.05;9"]}, auth=f"Bearer {TOKEN}"
        )
        logging.getLogger("uvicorn.error").warning("GET /employees/%s from %s", NIP, TOKEN)
    finally:  # the loggers wrote to this test's captured stderr, closed after it
        structlog.reset_defaults()
        structlog.contextvars.clear_contextvars()

    written = capsys.readouterr().err
    assert "**************1004" in written
    assert "GET /employees/**************1004 from [token disamarkan]" in written
    assert NIP not in written
    assert TOKEN not in written
