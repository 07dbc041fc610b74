"""How a committee's status looks: a coloured mark and its Vietnamese label."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from committee.domain.vocabulary import NO_DECISION_LABEL, STATUS_LABELS, CommitteeStatus

STATUS_STYLES: dict[str, str] = {
    STATUS_LABELS[CommitteeStatus.OK]: "bold green",
    STATUS_LABELS[CommitteeStatus.WARNING]: "bold yellow",
    STATUS_LABELS[CommitteeStatus.ERROR]: "bold red",
    NO_DECISION_LABEL: "dim",
}
STATUS_MARKS: dict[str, str] = {
    STATUS_LABELS[CommitteeStatus.OK]: "✔",
    STATUS_LABELS[CommitteeStatus.WARNING]: "▲",
    STATUS_LABELS[CommitteeStatus.ERROR]: "✘",
    NO_DECISION_LABEL: "○",
}


def status_text(label: str) -> Text:
    """ "✔ Đạt" in green, "✘ Chưa đạt" in red…"""
    return Text(f"{STATUS_MARKS.get(label, '?')} {label}", style=STATUS_STYLES.get(label, ""))


class StatusLegend(Static):
    """What the tree's marks mean: "✔ Đạt  ▲ Cảnh báo  ✘ Chưa đạt  ○ Chưa kiện toàn"."""

    DEFAULT_CSS = """
    StatusLegend { height: auto; color: $text-muted; padding: 0 1; }
    """

    def __init__(self, **kwargs) -> None:  # type: ignore[no-untyped-def]
        legend = Text()
        for label in STATUS_MARKS:
            if legend:
                legend.append("  ")
            legend.append_text(status_text(label))
        super().__init__(legend, **kwargs)
