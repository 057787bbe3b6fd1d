"""python -m bangkom.training serve | migrate | revision -m ..."""

from bangkom.platform.cli import service_cli
from bangkom.training.bootstrap import bootstrap

cli = service_cli(bootstrap)

if __name__ == "__main__":
    cli()
