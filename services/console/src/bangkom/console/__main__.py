"""python -m bangkom.console serve"""

from __future__ import annotations

import typer
import uvicorn

from bangkom.console.bootstrap import bootstrap
from bangkom.console.config import ConsoleSettings
from bangkom.platform.observability.logs import configure_logging

cli = typer.Typer(no_args_is_help=True)


@cli.command()
def serve() -> None:
    """Serve the console until SIGTERM."""
    settings = ConsoleSettings()
    configure_logging("console", settings.log_level, settings.log_format)
    uvicorn.run(
        bootstrap(settings),
        host=settings.http_host,
        port=settings.http_port,
        forwarded_allow_ips=settings.http_forwarded_allow_ips,
        log_config=None,
        access_log=False,
    )


@cli.command()
def check() -> None:
    """Load the settings and build the app, then exit (a configuration check)."""
    bootstrap(ConsoleSettings())


if __name__ == "__main__":
    cli()
