"""Command lines: ``bangkom`` (tokens, AsyncAPI) and each service's ``python -m``."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer
from alembic import command

from bangkom.platform.auth.caller import Role
from bangkom.platform.auth.tokens import mint_dev_token
from bangkom.platform.gc_tuning import settle_after_startup
from bangkom.platform.service import Service
from bangkom.platform.settings import ServiceSettings

app = typer.Typer(help="bangkom platform tools", no_args_is_help=True)


@app.command()
def token(
    role: Annotated[list[Role], typer.Option("--role", help="Repeat for several roles")],
    subject: Annotated[str, typer.Option(help="Who the token is for")] = "dev-user",
    agency: Annotated[
        list[str] | None, typer.Option("--agency", help="Agency code an operator manages")
    ] = None,
    nip: Annotated[str | None, typer.Option(help="The employee's own NIP")] = None,
    ttl_hours: Annotated[int, typer.Option(help="Validity in hours")] = 8,
) -> None:
    """Mint a development bearer token (signed with the local development key)."""
    settings = ServiceSettings()
    typer.echo(
        mint_dev_token(
            settings,
            subject=subject,
            roles=role,
            agencies=agency or [],
            nip=nip,
            ttl_s=ttl_hours * 3600,
        )
    )


@app.command()
def asyncapi(
    output: Annotated[Path | None, typer.Option(help="Write here instead of stdout")] = None,
) -> None:
    """Print (or write) the AsyncAPI 3 document generated from the event catalog."""
    from bangkom.platform.catalog.asyncapi import render

    text = render()
    if output is None:
        typer.echo(text, nl=False)
    else:
        output.write_text(text)


def service_cli(build: Callable[[], Service]) -> typer.Typer:
    """The command line of one service: serve, migrate, new migration revision."""
    cli = typer.Typer(no_args_is_help=True)

    @cli.command()
    def serve() -> None:
        """Run the service (HTTP, gRPC, relay, consumers) until SIGTERM."""
        from bangkom.platform.runtime import serve as run

        service = build()
        settle_after_startup()
        run(service)

    @cli.command()
    def migrate() -> None:
        """Apply every pending migration and exit."""
        from bangkom.platform.db.migrations import upgrade

        service = build()
        asyncio.run(upgrade(service.database.engine, service.migrations))

    @cli.command()
    def revision(
        message: Annotated[str, typer.Option("-m", help="What the revision does")],
    ) -> None:
        """Autogenerate a migration of this service's tables against its database."""
        service = build()
        versions_dir: Path = service.migrations.attributes["service_versions_dir"]
        branch = service.settings.service_name
        config = service.migrations
        # Generated revisions come out in the project's style.
        config.set_section_option("post_write_hooks", "hooks", "ruff_fix, ruff_format")
        for name, options in (("ruff_fix", "check --fix --quiet"), ("ruff_format", "format")):
            config.set_section_option("post_write_hooks", f"{name}.type", "exec")
            config.set_section_option("post_write_hooks", f"{name}.executable", "ruff")
            config.set_section_option(
                "post_write_hooks", f"{name}.options", f"{options} REVISION_SCRIPT_FILENAME"
            )
        existing = sorted(versions_dir.glob(f"{branch}_*.py"))
        first = not existing
        command.revision(
            config,
            message=message,
            autogenerate=True,
            head="base" if first else f"{branch}@head",
            branch_label=branch if first else None,
            version_path=str(versions_dir),
            rev_id=f"{branch}_{len(existing) + 1:04d}",
        )

    return cli
