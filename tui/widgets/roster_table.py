"""A decision's roster in roster order: STT, name, post as written, role, duties."""

from __future__ import annotations

from textual.widgets import DataTable

from committee.domain.vocabulary import Role
from committee.store.models import Membership, Person


class RosterTable(DataTable[str]):
    """Row keys are membership ids (as text)."""

    def __init__(self, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(cursor_type="row", zebra_stripes=True, **kwargs)
        self.roster_lines: list[tuple[Membership, Person]] = []

    def on_mount(self) -> None:
        self.add_column("STT", key="stt")
        self.add_column("Họ và tên", key="name")
        self.add_column("Chức vụ (như ghi)", key="title")
        self.add_column("Chức danh trong BCĐ", key="role")
        self.add_column("Nhiệm vụ", key="duties")

    def show(self, lines: list[tuple[Membership, Person]], keep_id: int | None = None) -> None:
        self.roster_lines = lines
        self.clear()
        for line, _person in lines:
            self.add_row(
                str(line.position),
                line.full_name,  # as written on the decision
                line.title or "—",
                Role(line.role).label,
                line.duties or "(chưa phân công)",
                key=str(line.id),
            )
        if keep_id is not None:
            self.select_membership(keep_id)

    def select_membership(self, membership_id: int) -> None:
        for index, (line, _person) in enumerate(self.roster_lines):
            if line.id == membership_id:
                self.move_cursor(row=index)
                return

    def select_position(self, position: int) -> bool:
        for index, (line, _person) in enumerate(self.roster_lines):
            if line.position == position:
                self.move_cursor(row=index)
                return True
        return False

    @property
    def current(self) -> tuple[Membership, Person] | None:
        if not 0 <= self.cursor_row < len(self.roster_lines):
            return None
        return self.roster_lines[self.cursor_row]
