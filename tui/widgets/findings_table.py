"""The findings of the decision on screen: code, severity, message, member."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import DataTable

from committee.domain.records import Finding
from committee.domain.vocabulary import Severity
from committee.rules.pack import SEVERITY_LABELS


class FindingsTable(DataTable[str]):
    def __init__(self, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(cursor_type="row", **kwargs)
        self.findings: list[Finding] = []

    def on_mount(self) -> None:
        self.add_column("Mã", key="code")
        self.add_column("Mức", key="severity")
        self.add_column("Nội dung", key="message")
        self.add_column("Thành viên", key="member")

    def show(self, findings: list[Finding]) -> None:
        self.findings = list(findings)
        self.clear()
        for index, finding in enumerate(self.findings):
            style = "red" if finding.severity is Severity.ERROR else "yellow"
            self.add_row(
                Text(finding.code, style=f"bold {style}"),
                Text(SEVERITY_LABELS[finding.severity], style=style),
                finding.message,
                finding.member or "",
                key=str(index),
            )

    @property
    def current(self) -> Finding | None:
        if not self.findings or not 0 <= self.cursor_row < len(self.findings):
            return None
        return self.findings[self.cursor_row]
