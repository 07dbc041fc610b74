"""Under the decision: the unit's succession across 1 July 2025, one line: for a 2025 unit
"Hình thành từ: ✔ xã A, ○ xã B (huyện Gia Lộc)", for a legacy one "Sáp nhập vào: …",
each unit with its committee's status mark, and how many links a clerk has to confirm.
Hidden for a unit with no succession recorded."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from committee.usecases.succession import Succession, SuccessionLink
from tui.text import shown
from tui.widgets.status import STATUS_MARKS, STATUS_STYLES, Status, status_label

_BY_LABEL: dict[str, Status] = {status_label(status): status for status in STATUS_MARKS}


def link_status(link: SuccessionLink) -> Status:
    return _BY_LABEL.get(link.status)


def link_mark(link: SuccessionLink) -> Text:
    status = link_status(link)
    return Text(STATUS_MARKS[status], style=STATUS_STYLES[status])


def succession_text(succession: Succession) -> Text:
    heading = succession.heading
    text = Text(heading[:1].upper() + heading[1:] + ": ", style="bold")
    groups: dict[str, list[SuccessionLink]] = {}
    for link in succession.links:
        where = link.district.phrase if link.district is not None else ""
        groups.setdefault(where, []).append(link)
    for number, (where, links) in enumerate(groups.items()):
        if number:
            text.append("; ")
        for index, link in enumerate(links):
            if index:
                text.append(", ")
            text.append_text(link_mark(link)).append(" ")
            text.append_text(shown(link.unit.phrase))
            if link.needs_confirmation:
                text.append("?", style="bold yellow")
        if where:
            text.append_text(shown(f" ({where})"))
    unsure = sum(1 for link in succession.links if link.needs_confirmation)
    if unsure:
        text.append(f" · {unsure} cần xác nhận (s)", style="yellow")
    else:
        text.append(" · s: chi tiết", style="dim")
    return text


class SuccessionLine(Static):
    DEFAULT_CSS = """
    SuccessionLine { height: auto; max-height: 2; color: $text; }
    """

    def show(self, succession: Succession | None) -> None:
        self.display = succession is not None and bool(succession.links)
        if succession is not None and succession.links:
            self.update(succession_text(succession))
