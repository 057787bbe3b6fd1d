"""python -m bangkom.recommendation serve | migrate | revision -m ... | rebuild"""

import asyncio

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

from bangkom.platform.cli import service_cli
from bangkom.recommendation.bootstrap import bootstrap, rebuild_read_models
from bangkom.recommendation.config import RecommendationSettings

cli = service_cli(bootstrap)


@cli.command()
def rebuild() -> None:
    """Rebuild the read models and gaps from the Kafka log (stop the service first):
    empties them, replays every consumed topic and moves the consumer group to the end."""
    with Progress("replaying", BarColumn(), MofNCompleteColumn(), TimeElapsedColumn()) as progress:
        bar = progress.add_task("events", total=None)
        report = asyncio.run(
            rebuild_read_models(
                RecommendationSettings(),
                lambda done, total: progress.update(bar, completed=done, total=total),
            )
        )
    typer.echo(f"replayed {report.read} events: {report.handled} handled, {report.skipped} skipped")


if __name__ == "__main__":
    cli()
