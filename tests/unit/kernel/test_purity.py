"""The kernel needs nothing but the standard library: every import of every module of
bangkom.kernel names a standard-library module or the kernel itself (import-linter
checks the project's packages and the third-party ones it knows; this catches any
other)."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

import bangkom.kernel

KERNEL = "bangkom.kernel"
MODULES = sorted(path for root in bangkom.kernel.__path__ for path in Path(root).rglob("*.py"))


def foreign_imports(source: str) -> list[str]:
    """The modules ``source`` imports that are neither the standard library nor the
    kernel (a relative import stays inside the kernel)."""
    foreign = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        else:
            continue
        for name in names:
            inside = name == KERNEL or name.startswith(f"{KERNEL}.")
            if not inside and name.split(".")[0] not in sys.stdlib_module_names:
                foreign.append(name)
    return foreign


def test_the_kernel_has_modules_to_check() -> None:
    assert {path.stem for path in MODULES} >= {
        "agencies",
        "business_time",
        "calendar",
        "jp",
        "levels",
        "nip",
        "precedence",
    }


@pytest.mark.parametrize("path", MODULES, ids=lambda path: path.stem)
def test_a_kernel_module_imports_only_the_standard_library_and_the_kernel(path: Path) -> None:
    assert foreign_imports(path.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize(
    ("source", "foreign"),
    [
        ("from __future__ import annotations\nimport datetime, zoneinfo", []),
        ("from bangkom.kernel.calendar import WIB\nfrom . import nip", []),
        ("import pydantic", ["pydantic"]),
        ("from sqlalchemy.orm import Session", ["sqlalchemy.orm"]),
        ("from bangkom.platform.auth import Caller", ["bangkom.platform.auth"]),
        ("import bangkom.kernelish", ["bangkom.kernelish"]),
        ("def f():\n    import orjson", ["orjson"]),
    ],
)
def test_the_check_names_every_import_from_outside(source: str, foreign: list[str]) -> None:
    assert foreign_imports(source) == foreign
