"""The UI's place in the layers (issue 11): it imports from the core only
committee.usecases and committee.domain (no store, no models, no sessions, no ORM rows),
no storage or spreadsheet library, and leans on no private part of Textual."""

from __future__ import annotations

import ast
import re
from pathlib import Path

TUI = Path(__file__).resolve().parents[2] / "tui"
ALLOWED_CORE = ("committee.usecases", "committee.domain")
FORBIDDEN_LIBRARIES = (
    "sqlalchemy",
    "sqlmodel",
    "alembic",
    "openpyxl",
    "python_calamine",
    "pandas",
    "typer",
    "click",
)


def _imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.append(node.module)
    return found


def _sources() -> dict[str, str]:
    return {
        str(path.relative_to(TUI.parent)): path.read_text(encoding="utf-8")
        for path in TUI.rglob("*.py")
    }


def test_the_ui_imports_only_use_cases_and_domain_from_the_core() -> None:
    wrong = [
        (str(path.relative_to(TUI.parent)), module)
        for path in TUI.rglob("*.py")
        for module in _imports(path)
        if (module == "committee" or module.startswith("committee."))
        and not module.startswith(ALLOWED_CORE)
        or module.split(".")[0] in FORBIDDEN_LIBRARIES
    ]
    assert wrong == []


def test_no_private_part_of_textual_and_no_collector_switches() -> None:
    for name, source in _sources().items():
        assert "_bindings_ready" not in source, name
        assert not re.search(r"\bgc\.(disable|freeze|collect)\b|^import gc", source, re.M), name
        assert not re.search(r"from textual[.\w]*\._", source), name  # textual.widgets._footer…


def test_statuses_and_errors_are_told_apart_by_type_not_by_text() -> None:
    for name, source in _sources().items():
        assert not re.search(r"\.value\s*==\s*[\"'](error|warning|ok)[\"']", source), name
        assert ".status_label" not in source, name  # CheckReport's label, compared as text
        assert not re.search(r"\.message\.lower\(\)|in error\.message", source), name
