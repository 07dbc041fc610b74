"""Above the roster: the unit, the status of the decision shown and which decision it is
(in force, draft, superseded), its Quy chế and duty assignments, the drafts waiting."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from committee.domain.dates import format_date
from committee.domain.vocabulary import DocumentKind
from committee.usecases.view import CommitteeView, DecisionState
from tui.text import shown
from tui.widgets.status import status_text

STATE_STYLES: dict[DecisionState, str] = {
    DecisionState.IN_FORCE: "green",
    DecisionState.DRAFT: "bold yellow",
    DecisionState.SUPERSEDED: "dim",
    DecisionState.LATE_ENTRY: "dim",
}
STATE_NOTES: dict[DecisionState, str] = {
    DecisionState.IN_FORCE: "",
    DecisionState.DRAFT: " (sửa được)",
    DecisionState.SUPERSEDED: " (chỉ xem)",
    DecisionState.LATE_ENTRY: " (chỉ xem)",
}

PROMPT = "Chọn một đơn vị ở cây bên trái (↑↓, Enter). Nhấn ? để xem phím tắt."


def _day(value) -> str:  # type: ignore[no-untyped-def]
    return format_date(value) if value else "(chưa có)"


def header_text(view: CommitteeView) -> Text:
    text = Text()
    text.append_text(shown(view.unit.name, "bold"))
    text.append("  ")
    text.append_text(status_text(view.status))
    decision = view.decision
    if decision is None:
        text.append("\nChưa có quyết định nào. Nhấn n để lập quyết định (kiện toàn).")
        return text
    state = decision.state
    text.append("\nQĐ ")
    text.append_text(shown(decision.number, "bold"))
    text.append(f" ngày {_day(decision.signed_on)} · ")
    text.append(state.label.capitalize() + STATE_NOTES[state], style=STATE_STYLES[state])
    text.append(" · ký: ")
    text.append_text(shown(decision.signer or "—"))
    if view.in_force is not None and view.in_force.id != decision.id:
        text.append("\nĐang hiệu lực: QĐ ")
        text.append_text(shown(view.in_force.label))
        text.append("  ")
        text.append_text(status_text(view.unit_status))
    text.append("\nQuy chế: ")
    if view.regulation_number:
        text.append_text(shown(f"{view.regulation_number} ngày {_day(view.regulation_date)}"))
    else:
        text.append("(chưa có)")
    assignments = [d for d in view.documents if d.kind is DocumentKind.DUTY_ASSIGNMENT]
    if assignments:
        text.append(" · ")
        text.append_text(shown(assignments[-1].label))
    others = [draft for draft in view.drafts if draft.id != decision.id]
    if others:
        text.append(f" · có {len(others)} dự thảo khác (h: lịch sử)", style="yellow")
    return text


class DecisionHeader(Static):
    def on_mount(self) -> None:
        self.update(PROMPT)

    def show(self, view: CommitteeView) -> None:
        self.update(header_text(view))
