"""A decision's roster in roster order: STT, name, post as written, role, duties in force.
Enter (or a click) on a line posts `RosterTable.LineChosen`."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.message import Message
from textual.widgets import DataTable

from committee.usecases.view import RosterLine
from tui.text import shown


class RosterTable(DataTable[Text]):
    """Row keys are membership ids (as text)."""

    class LineChosen(Message):
        def __init__(self, line: RosterLine) -> None:
            super().__init__()
            self.line = line

    def __init__(self, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(cursor_type="row", zebra_stripes=True, **kwargs)
        self.lines: tuple[RosterLine, ...] = ()

    def on_mount(self) -> None:
        self.add_column("STT", key="stt")
        self.add_column("Họ và tên", key="name")
        self.add_column("Chức vụ (như ghi)", key="title")
        self.add_column("Chức danh trong BCĐ", key="role")
        self.add_column("Nhiệm vụ", key="duties")

    def show(self, lines: tuple[RosterLine, ...], keep: int | None = None) -> None:
        """Show these lines; the cursor on the line `keep` (a membership id) if given."""
        self.lines = lines
        self.clear()
        for line in lines:
            self.add_row(
                shown(line.position),
                shown(line.name),  # as written on the decision
                shown(line.title or "—"),
                shown(line.role.label),
                shown(line.duties) if line.duties else shown("(chưa phân công)", "dim"),
                key=str(line.membership_id),
            )
        if keep is not None:
            self.select_membership(keep)

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

    @on(DataTable.RowSelected)
    def _chosen(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if self.current is not None:
            self.post_message(self.LineChosen(self.current))
