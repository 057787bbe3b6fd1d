"""Command lines: ``bangkom`` (tokens, AsyncAPI, dead letters) and each service's
``python -m``."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Annotated

import typer
from alembic import command

from bangkom.platform.auth.caller import Role
from bangkom.platform.auth.tokens import mint_dev_token
from bangkom.platform.gc_tuning import settle_after_startup
from bangkom.platform.messaging.dead_letters import DeadLetter, DeadLetters
from bangkom.platform.observability.logs import configure_logging
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


@app.command()
def topics(
    scale: Annotated[str, typer.Option(help="city, province or nation")] = "province",
    output: Annotated[Path | None, typer.Option(help="Write here instead of stdout")] = None,
) -> None:
    """Print (or write) the Kafka topic plan for a scale, generated from the catalog."""
    from bangkom.platform.catalog.plan import SCALES, render

    if scale not in SCALES:
        raise typer.BadParameter(f"scale must be one of {', '.join(SCALES)}")
    text = render(scale)
    if output is None:
        typer.echo(text, nl=False)
    else:
        output.write_text(text)


dlq = typer.Typer(
    callback=lambda: configure_logging("dlq", fmt="console"),  # to stderr: stdout is data
    help="Dead letters: list, show, re-drive to the original topic, purge with a reason. "
    "Kafka settings from BANGKOM_KAFKA_* (bootstrap servers, topic prefix, TLS/SASL).",
    no_args_is_help=True,
)
app.add_typer(dlq, name="dlq")


def _letters(
    refs: list[str] | None, topic: str | None, since: datetime | None, include_resolved: bool
) -> tuple[DeadLetters, list[DeadLetter]]:
    desk = DeadLetters(ServiceSettings())
    letters = asyncio.run(desk.read([topic] if topic else None))
    chosen = [
        letter
        for letter in letters
        if (include_resolved or letter.resolution is None)
        and (not refs or letter.ref in refs)
        and (since is None or (letter.failed_at is not None and letter.failed_at >= since))
    ]
    missing = sorted(set(refs or ()) - {letter.ref for letter in chosen})
    if missing:
        raise typer.BadParameter(f"no open dead letter {', '.join(missing)}")
    return desk, chosen


TopicOption = Annotated[str | None, typer.Option(help="One dead-letter topic (broker name)")]
SinceOption = Annotated[
    datetime | None, typer.Option(help="Only letters that failed at or after this time")
]


@dlq.command("list")
def dlq_list(
    topic: TopicOption = None,
    all_: Annotated[bool, typer.Option("--all", help="Resolved letters too")] = False,
) -> None:
    """Each open dead letter as a JSON line: ref, event, error headers, resolution."""
    _desk, letters = _letters(None, topic, None, include_resolved=all_)
    for letter in letters:
        typer.echo(json.dumps(letter.summary(), ensure_ascii=False))


@dlq.command("show")
def dlq_show(ref: Annotated[str, typer.Argument(help="<dlq topic>:<partition>:<offset>")]) -> None:
    """One dead letter with its payload."""
    _desk, [letter] = _letters([ref], None, None, include_resolved=True)
    shown = {**letter.summary(), "key": (letter.key or b"").decode(errors="replace")}
    shown["data"] = (letter.value or b"").decode(errors="replace")
    typer.echo(json.dumps(shown, ensure_ascii=False, indent=2))


@dlq.command("redrive")
def dlq_redrive(
    by: Annotated[str, typer.Option(help="Who re-drives (kept with the decision)")],
    refs: Annotated[list[str] | None, typer.Argument(help="Letters; none: every open one")] = None,
    topic: TopicOption = None,
    since: SinceOption = None,
    reason: Annotated[str, typer.Option(help="Why, e.g. the fix deployed")] = "cause fixed",
) -> None:
    """Send open letters back to their original topic (each event takes effect once)."""
    desk, letters = _letters(refs, topic, since, include_resolved=False)
    done = asyncio.run(desk.redrive(letters, by=by, reason=reason))
    typer.echo(f"re-driven: {done}")


@dlq.command("purge")
def dlq_purge(
    refs: Annotated[list[str], typer.Argument(help="Letters to close without re-driving")],
    reason: Annotated[str, typer.Option(help="Why they are dropped (required)")],
    by: Annotated[str, typer.Option(help="Who purges (kept with the decision)")],
) -> None:
    """Close letters without re-driving them; the reason and the operator are kept."""
    desk, letters = _letters(refs, None, None, include_resolved=False)
    done = asyncio.run(desk.purge(letters, by=by, reason=reason))
    typer.echo(f"purged: {done}")


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
