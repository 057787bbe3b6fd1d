"""python -m bangkom.recommendation serve | migrate | revision -m ..."""

from bangkom.platform.cli import service_cli
from bangkom.recommendation.bootstrap import bootstrap

cli = service_cli(bootstrap)

if __name__ == "__main__":
    cli()
