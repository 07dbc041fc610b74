"""The unit's decisions (`h`): Enter opens one; `s` compares the highlighted one with the
decision on screen (what changed: committee.usecases.decision_difference)."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.binding import Binding
from textual.widgets import OptionList

from committee.domain.dates import format_date
from committee.domain.records import AuditRecord
from committee.usecases.audit import change_summary
from committee.usecases.decision_difference import DecisionDifference, Seat
from tui.dialogs.choice import ChoiceDialog

HINT = "Enter: mở · s: so sánh với quyết định đang xem · Esc: đóng"


@dataclass(frozen=True)
class Compare:
    """The history dialog's answer when the clerk asked for a comparison."""

    decision_id: int


class HistoryDialog(ChoiceDialog):
    BINDINGS = [*ChoiceDialog.BINDINGS, Binding("s", "compare", "So sánh")]

    def __init__(self, title: str, entries: list[tuple[str | Text, int | None]]) -> None:
        super().__init__(title, entries, "Chưa có quyết định nào.", hint=HINT)

    def action_compare(self) -> None:
        options = self.query(OptionList).first(None)
        if options is None or options.highlighted is None:
            return
        value = self.entries[options.highlighted][1]
        if value is not None:
            self.dismiss(Compare(value))


def _seat(seat: Seat) -> str:
    return f"{seat.name} ({seat.role.label}, {seat.title or '—'})"


def difference_text(difference: DecisionDifference) -> str:
    """What changed, as the dialog shows it."""
    lines = [f"Từ Quyết định {difference.older_number} sang {difference.newer_number}:"]
    if difference.same:
        lines.append("Không có gì thay đổi trong danh sách.")
    if difference.joined:
        lines.append(f"\nVào Ban Chỉ đạo ({len(difference.joined)}):")
        lines += [f"  + {_seat(seat)}" for seat in difference.joined]
    if difference.left:
        lines.append(f"\nRa khỏi Ban Chỉ đạo ({len(difference.left)}):")
        lines += [f"  − {_seat(seat)}" for seat in difference.left]
    if difference.changed:
        lines.append(f"\nThay đổi ({len(difference.changed)}):")
        for change in difference.changed:
            before, after = change.before, change.after
            lines.append(f"  ~ {after.name}: {', '.join(change.changes)}")
            if before.role is not after.role:
                lines.append(f"      chức danh: {before.role.label} → {after.role.label}")
            if (before.post_kind, before.title) != (after.post_kind, after.title):
                lines.append(f"      chức vụ: {before.title or '—'} → {after.title or '—'}")
            if before.duties != after.duties:
                lines.append(f"      nhiệm vụ: {before.duties or '—'} → {after.duties or '—'}")
            if before.name != after.name:
                lines.append(f"      tên ghi: {before.name} → {after.name}")
    lines.append(f"\nGiữ nguyên: {difference.unchanged} thành viên.")
    return "\n".join(lines)


def audit_text(entries: list[AuditRecord]) -> str:
    """The unit's audit trail as the "Nhật ký thay đổi" dialog shows it, newest first."""
    if not entries:
        return "Chưa có thay đổi nào được ghi."
    lines = []
    for entry in reversed(entries):
        when = f"{format_date(entry.at.date())} {entry.at:%H:%M:%S}"
        summary = change_summary(entry)
        lines.append(f"{when}  {entry.actor}: {entry.action_label}")
        if summary:
            lines.append(f"    {summary}")
    return "\n".join(lines)
