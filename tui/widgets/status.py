"""How a committee's status looks: a coloured mark and its Vietnamese label. A status is a
CommitteeStatus, or None for a committee with no decision (chưa kiện toàn)."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from committee.domain.vocabulary import NO_DECISION_LABEL, CommitteeStatus

Status = CommitteeStatus | None

STATUS_STYLES: dict[Status, str] = {
    CommitteeStatus.OK: "bold green",
    CommitteeStatus.WARNING: "bold yellow",
    CommitteeStatus.ERROR: "bold red",
    None: "dim",
}
STATUS_MARKS: dict[Status, str] = {
    CommitteeStatus.OK: "✔",
    CommitteeStatus.WARNING: "▲",
    CommitteeStatus.ERROR: "✘",
    None: "○",
}


def status_label(status: Status) -> str:
    return NO_DECISION_LABEL if status is None else status.label


def status_text(status: Status) -> Text:
    """ "✔ Đạt" in green, "✘ Chưa đạt" in red, "○ Chưa kiện toàn" dimmed."""
    return Text(f"{STATUS_MARKS[status]} {status_label(status)}", style=STATUS_STYLES[status])


class StatusLegend(Static):
    """What the tree's marks mean: "✔ Đạt  ▲ Cảnh báo  ✘ Chưa đạt  ○ Chưa kiện toàn"."""

    DEFAULT_CSS = """
    StatusLegend { height: auto; color: $text-muted; padding: 0 1; }
    """

    def __init__(self, **kwargs) -> None:  # type: ignore[no-untyped-def]
        legend = Text()
        for status in STATUS_MARKS:
            if legend:
                legend.append("  ")
            legend.append_text(status_text(status))
        super().__init__(legend, **kwargs)
