from __future__ import annotations

from typing import Any

import pytest

from bangkom.console import __main__ as console_main


def test_serve_trusts_the_forwarded_headers_of_the_proxies_it_is_told_of(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Behind an ingress every visitor arrives from the ingress's address: unless the
    # console trusts its X-Forwarded-For, the whole public shares one survey allowance.
    served: dict[str, Any] = {}
    monkeypatch.setattr(console_main.uvicorn, "run", lambda app, **options: served.update(options))
    # Logging stays as the test session set it up (serve would point it at this stdout).
    monkeypatch.setattr(console_main, "configure_logging", lambda *args: None)
    monkeypatch.setenv("BANGKOM_CONSOLE_HTTP_FORWARDED_ALLOW_IPS", "10.0.0.0/8,192.168.0.0/16")

    console_main.serve()

    assert served["forwarded_allow_ips"] == "10.0.0.0/8,192.168.0.0/16"
