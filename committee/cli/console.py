"""Plain-text tables and JSON text for the command line."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from unicodedata import east_asian_width

import orjson

from committee.domain.text import printable


def json_text(value: Any) -> str:
    """`value` as indented JSON text: what `json.dumps(value, ensure_ascii=False, indent=2)`
    writes, character for character (tests/cli/test_json_output.py), through orjson."""
    return orjson.dumps(value, option=orjson.OPT_INDENT_2).decode()


def _width(text: str) -> int:
    return sum(2 if east_asian_width(ch) in "WF" else 1 for ch in text)


def render_table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """An aligned plain-text table; every cell is made safe for a terminal (text.printable)."""
    cells = [[printable(str(value)) for value in headers]] + [
        ["" if v is None else printable(str(v)) for v in row] for row in rows
    ]
    widths = [max(_width(row[i]) for row in cells) for i in range(len(headers))]

    def line(row: list[str]) -> str:
        return "  ".join(
            cell + " " * (widths[i] - _width(cell)) for i, cell in enumerate(row)
        ).rstrip()

    separator = "  ".join("-" * width for width in widths)
    return "\n".join([line(cells[0]), separator, *(line(row) for row in cells[1:])])
