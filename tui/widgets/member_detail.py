"""The selected roster line's full record: name and role, the duties in full, the title as
written and the post recognised, the unit, the portfolio, phone and note. It scrolls when
the duties are long (focus it with Tab, then ↑↓)."""

from __future__ import annotations

from rich.text import Text
from textual.containers import VerticalScroll
from textual.widgets import Static

from committee.domain.records import UnitRef
from committee.domain.vocabulary import PORTFOLIO_LABELS, Portfolio
from committee.usecases.view import RosterLine
from tui.text import shown

EMPTY = "Chọn một thành viên ở danh sách để xem đầy đủ."
NOT_SET = "(chưa có)"


def detail_text(line: RosterLine, unit: UnitRef | None) -> Text:
    text = Text()
    text.append_text(shown(f"{line.position}. ", "bold"))
    text.append_text(shown(line.name, "bold"))
    text.append(" · ")
    text.append(line.role.label, style="bold")

    def field(label: str, value: str | None, empty: str = NOT_SET) -> None:
        text.append(f"\n{label}: ", style="dim")
        text.append_text(shown(value) if value else Text(empty, style="dim"))

    field("Nhiệm vụ", line.duties, "(chưa phân công)")  # first: what the pane is read for
    field("Chức vụ ghi", line.title)
    field("Chức vụ nhận ra", line.post_title, "(không nhận ra trong danh mục)")
    field("Đơn vị", unit.name if unit is not None else None)
    if line.portfolio is not Portfolio.NONE:
        field("Phụ trách", PORTFOLIO_LABELS[line.portfolio])
    field("Điện thoại", line.phone)
    field("Ghi chú", line.note, "")
    return text


class MemberDetail(VerticalScroll, can_focus=True):
    DEFAULT_CSS = """
    MemberDetail { height: auto; }
    MemberDetail > Static { width: 1fr; }
    """

    def compose(self):  # type: ignore[no-untyped-def]
        yield Static(EMPTY, id="detail-text")

    def show(self, line: RosterLine | None, unit: UnitRef | None) -> None:
        body = self.query_one("#detail-text", Static)
        body.update(detail_text(line, unit) if line is not None else EMPTY)
        self.scroll_home(animate=False)

    @property
    def text(self) -> str:
        """What the pane shows, as plain text."""
        return str(self.query_one("#detail-text", Static).render())
