"""python -m bangkom.evaluation serve | migrate | revision -m ... | import KIND FILE"""

import asyncio
import getpass
from pathlib import Path
from typing import Annotated

import typer

from bangkom.evaluation.adapters.spreadsheets import SpreadsheetFiles
from bangkom.evaluation.bootstrap import bootstrap
from bangkom.evaluation.domain.imports import IMPORT_BATCH_SIZE, ImportKind
from bangkom.evaluation.entrypoints.cli import import_file
from bangkom.platform.cli import service_cli
from bangkom.platform.gc_tuning import settle_after_startup

cli = service_cli(bootstrap)


@cli.command("import")
def import_command(
    kind: Annotated[ImportKind, typer.Argument(help="roster or results")],
    path: Annotated[Path, typer.Argument(exists=True, dir_okay=False, help=".csv or .xlsx")],
    errors_out: Annotated[
        Path | None, typer.Option(help="Write the rejected rows (row, column, reason) here")
    ] = None,
    batch_size: Annotated[int, typer.Option(min=1, max=100_000)] = IMPORT_BATCH_SIZE,
) -> None:
    """Import a roster or an assessment-results file into this service's database."""
    service = bootstrap()
    settle_after_startup()
    job = asyncio.run(
        import_file(
            service,
            SpreadsheetFiles(),
            kind,
            path,
            batch_size=batch_size,
            errors_out=errors_out,
            operator=getpass.getuser(),
        )
    )
    typer.echo(
        f"{job.status}: {job.rows_read} rows read, {job.rows_stored} stored, "
        f"{job.rows_unchanged} unchanged, {job.rows_rejected} rejected"
    )
    if job.failure:
        raise typer.Exit(1)


if __name__ == "__main__":
    cli()
