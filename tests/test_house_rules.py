"""House rules checked on the source: no private attributes of other libraries, and the
garbage collector switched only as a scoped context around a bulk read."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SOURCES = sorted(
    path
    for package in ("committee", "tui")
    for path in (ROOT / package).rglob("*.py")
    if "migrations" not in path.parts
)
OUR_PACKAGES = ("committee", "tui")
# Names with a leading underscore that are a library's documented API.
DOCUMENTED = frozenset({"_replace", "_asdict", "_fields", "_make", "_field_defaults", "_exit"})


def _ours(tree: ast.Module) -> set[str]:
    """The names a module binds to what it imports from committee/ or tui/."""
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] in OUR_PACKAGES:
            names.update(alias.asname or alias.name for alias in node.names)
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] in OUR_PACKAGES:
                    names.add(alias.asname or alias.name.split(".")[0])
    return names


def private_uses(source: str) -> list[tuple[int, str]]:
    """(line, expression) of each `something._name` where `something` is not self, cls or
    a name bound to one of our own modules or classes."""
    tree = ast.parse(source)
    ours = _ours(tree) | {"self", "cls"}
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Attribute):
            continue
        name = node.attr
        if not name.startswith("_") or (name.startswith("__") and name.endswith("__")):
            continue
        if name in DOCUMENTED:
            continue
        if isinstance(node.value, ast.Name) and node.value.id in ours:
            continue
        found.append((node.lineno, ast.unparse(node)))
    return found


@pytest.mark.parametrize("path", SOURCES, ids=[str(p.relative_to(ROOT)) for p in SOURCES])
def test_no_private_attribute_of_another_library(path: Path) -> None:
    found = [expression for _line, expression in private_uses(path.read_text(encoding="utf-8"))]
    assert found == []


def test_the_check_finds_private_attributes() -> None:
    source = (
        "import openpyxl\nfrom committee.domain import text\nfrom tui.app import App\n"
        "class A:\n    def f(self):\n        return self._x, cls._y, text._fold, App._a\n"
        "def g(book, row):\n    return book._fonts, openpyxl._z, self.app._footer, row._replace()\n"
    )
    assert [expression for _, expression in private_uses(source)] == [
        "book._fonts",
        "openpyxl._z",
        "self.app._footer",
    ]


GC_SWITCHES = ("gc.disable", "gc.freeze", "gc.enable", "gc.unfreeze", "gc.set_threshold")


@pytest.mark.parametrize("path", SOURCES, ids=[str(p.relative_to(ROOT)) for p in SOURCES])
def test_the_garbage_collector_is_switched_only_by_the_bulk_read_context(path: Path) -> None:
    # committee.store.database.bulk_allocation, used around the bulk read of a check
    # (tests/store/test_bulk_allocation.py); never at import, nor from a screen.
    text = path.read_text(encoding="utf-8")
    calls = [switch for switch in GC_SWITCHES if f"{switch}(" in text]
    if path == ROOT / "committee" / "store" / "database.py":
        assert calls == ["gc.disable", "gc.enable"]
    else:
        assert calls == []
