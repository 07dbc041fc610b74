"""A DataTable whose columns share its width and whose long cells wrap, so it never
scrolls sideways: each column is given a fixed width or a share of what is left, and the
columns are laid out again whenever the table's width changes."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rich.text import Text
from textual import events
from textual.widgets import DataTable

CELL_PADDING = 2  # DataTable pads each cell with one space either side


@dataclass(frozen=True)
class Column:
    key: str
    heading: str
    width: int = 0  # fixed width; 0: a share of the width left
    share: int = 0


def column_widths(columns: Sequence[Column], width: int) -> dict[str, int]:
    """The width of each column in a table `width` cells wide (a scrollbar's cell kept)."""
    fixed = sum(column.width for column in columns)
    free = max(4 * len(columns), width - fixed - CELL_PADDING * len(columns) - 1)
    shares = sum(column.share for column in columns) or 1
    return {column.key: column.width or max(4, free * column.share // shares) for column in columns}


class FittedTable(DataTable[Text]):
    COLUMNS: Sequence[Column] = ()

    def __init__(self, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(cursor_type="row", **kwargs)
        self._laid_out_width = 0

    def table_rows(self) -> Iterable[tuple[str, Sequence[Text]]]:
        """(row key, cells) of each row, in order."""
        raise NotImplementedError

    def build(self, keep_row: bool = False) -> None:
        """Lay out the columns for the current width and fill the rows again; the cursor on
        the first row, or kept on the same row number."""
        widths = column_widths(self.COLUMNS, self.size.width)
        row = self.cursor_row if keep_row else 0
        self.clear(columns=True)
        for column in self.COLUMNS:
            self.add_column(column.heading, key=column.key, width=widths[column.key])
        console = self.app.console
        for key, cells in self.table_rows():
            # long cells wrap: the row as high as its longest cell wrapped to its column,
            # counted here (Text.wrap) rather than by rendering every cell (height=None)
            height = max(
                [1]
                + [
                    len(cell.wrap(console, widths[column.key]))
                    for column, cell in zip(self.COLUMNS, cells, strict=False)
                ]
            )
            self.add_row(*cells, key=key, height=height)
        if self.row_count:
            self.move_cursor(row=min(max(row, 0), self.row_count - 1))

    def on_resize(self, event: events.Resize) -> None:
        if event.size.width != self._laid_out_width:
            self._laid_out_width = event.size.width
            self.build(keep_row=True)
