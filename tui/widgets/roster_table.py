"""A decision's roster in roster order: STT, name, role in the committee, the post (the
catalogue's name when recognised, else as written) and whether duties are set. Long cells
wrap (the table never scrolls sideways); the selected line's full record is in the
MemberDetail pane. Enter (or a click) on a line posts `RosterTable.LineChosen`; moving the
cursor posts `RosterTable.LineHighlighted`."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from rich.text import Text
from textual import on
from textual.message import Message
from textual.widgets import DataTable

from committee.usecases.view import RosterLine
from tui.text import shown
from tui.widgets.fitted_table import Column, FittedTable

DUTIES_SET = "✔"
DUTIES_MISSING = "—"


def post_shown(line: RosterLine) -> Text:
    """The post as the roster shows it: the recognised post's name, else the title as
    written (in italics), else a dash."""
    if line.post_title:
        return shown(line.post_title)
    return shown(line.title, "italic") if line.title else shown("—", "dim")


class RosterTable(FittedTable):
    """Row keys are membership ids (as text)."""

    COLUMNS = (
        Column("stt", "STT", width=3),
        Column("name", "Họ và tên", share=3),
        Column("role", "Chức danh BCĐ", share=3),
        Column("post", "Chức vụ", share=3),
        Column("duties", "NV", width=2),
    )

    class LineChosen(Message):
        def __init__(self, line: RosterLine) -> None:
            super().__init__()
            self.line = line

    class LineHighlighted(Message):
        def __init__(self, line: RosterLine | None) -> None:
            super().__init__()
            self.line = line

    def __init__(self, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(zebra_stripes=True, **kwargs)
        self.lines: tuple[RosterLine, ...] = ()

    def table_rows(self) -> Iterable[tuple[str, Sequence[Text]]]:
        for line in self.lines:
            duties = shown(DUTIES_SET, "green") if line.duties else shown(DUTIES_MISSING, "dim")
            cells = (shown(line.position), shown(line.name), shown(line.role.label))
            yield str(line.membership_id), (*cells, post_shown(line), duties)

    def show(self, lines: tuple[RosterLine, ...], keep: int | None = None) -> None:
        """Show these lines; the cursor on the line `keep` (a membership id) if given."""
        self.lines = lines
        self.build()
        if keep is not None:
            self.select_membership(keep)
        self.post_message(self.LineHighlighted(self.current))

    def select_membership(self, membership_id: int) -> bool:
        for index, line in enumerate(self.lines):
            if line.membership_id == membership_id:
                self.move_cursor(row=index)
                return True
        return False

    def select_position(self, position: int) -> bool:
        for index, line in enumerate(self.lines):
            if line.position == position:
                self.move_cursor(row=index)
                return True
        return False

    @property
    def current(self) -> RosterLine | None:
        if not 0 <= self.cursor_row < len(self.lines):
            return None
        return self.lines[self.cursor_row]

    @on(DataTable.RowHighlighted)
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        self.post_message(self.LineHighlighted(self.current))

    @on(DataTable.RowSelected)
    def _chosen(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if self.current is not None:
            self.post_message(self.LineChosen(self.current))
