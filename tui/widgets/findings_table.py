"""The findings of the decision on screen: code, severity, message, member. Enter (or a
click) on a finding posts `FindingsTable.FindingChosen`."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.message import Message
from textual.widgets import DataTable

from committee.domain.records import Finding
from committee.domain.vocabulary import Severity
from committee.usecases.rule_texts import severity_label
from tui.text import shown


class FindingsTable(DataTable[Text]):
    class FindingChosen(Message):
        def __init__(self, finding: Finding) -> None:
            super().__init__()
            self.finding = finding

    def __init__(self, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(cursor_type="row", **kwargs)
        self.findings: tuple[Finding, ...] = ()

    def on_mount(self) -> None:
        self.add_column("Mã", key="code")
        self.add_column("Mức", key="severity")
        self.add_column("Nội dung", key="message")
        self.add_column("Thành viên", key="member")

    def show(self, findings: tuple[Finding, ...]) -> None:
        self.findings = tuple(findings)
        self.clear()
        for index, finding in enumerate(self.findings):
            style = "red" if finding.severity is Severity.ERROR else "yellow"
            self.add_row(
                shown(finding.code, f"bold {style}"),
                shown(severity_label(finding.severity), style),
                shown(finding.message),
                shown(finding.member or ""),
                key=str(index),
            )

    @property
    def current(self) -> Finding | None:
        if not 0 <= self.cursor_row < len(self.findings):
            return None
        return self.findings[self.cursor_row]

    @on(DataTable.RowSelected)
    def _chosen(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if self.current is not None:
            self.post_message(self.FindingChosen(self.current))
