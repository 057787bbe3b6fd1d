"""python -m bangkom.career serve | migrate | revision -m ..."""

from bangkom.career.bootstrap import bootstrap
from bangkom.platform.cli import service_cli

cli = service_cli(bootstrap)

if __name__ == "__main__":
    cli()
