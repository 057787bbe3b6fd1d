from __future__ import annotations

from typing import Any

import pytest
from typer.testing import CliRunner

from bangkom.console import __main__ as console_main


def test_serve_trusts_the_forwarded_headers_of_the_proxies_it_is_told_of(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Behind an ingress every visitor arrives from the ingress's address: unless the
    # console trusts its X-Forwarded-For, the whole public shares one survey allowance.
    served: dict[str, Any] = {}
    monkeypatch.setattr(console_main.uvicorn, "run", lambda app, **options: served.update(options))
    monkeypatch.setenv("BANGKOM_CONSOLE_HTTP_FORWARDED_ALLOW_IPS", "10.0.0.0/8,192.168.0.0/16")

    outcome = CliRunner().invoke(console_main.cli, ["serve"])

    assert outcome.exit_code == 0, outcome.output
    assert served["forwarded_allow_ips"] == "10.0.0.0/8,192.168.0.0/16"
