"""The findings of the decision on screen: code, severity, message (wrapped, never cut),
member. Enter (or a click) on a finding posts `FindingsTable.FindingChosen`."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from rich.text import Text
from textual import on
from textual.message import Message
from textual.widgets import DataTable

from committee.domain.records import Finding
from committee.domain.vocabulary import Severity
from committee.usecases.rule_texts import severity_label
from tui.text import shown
from tui.widgets.fitted_table import Column, FittedTable


class FindingsTable(FittedTable):
    COLUMNS = (
        Column("code", "Mã", width=6),
        Column("severity", "Mức", width=8),
        Column("message", "Nội dung", share=3),
        Column("member", "Thành viên", share=1),
    )

    class FindingChosen(Message):
        def __init__(self, finding: Finding) -> None:
            super().__init__()
            self.finding = finding

    def __init__(self, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(**kwargs)
        self.findings: tuple[Finding, ...] = ()

    def table_rows(self) -> Iterable[tuple[str, Sequence[Text]]]:
        for index, finding in enumerate(self.findings):
            style = "red" if finding.severity is Severity.ERROR else "yellow"
            yield (
                str(index),
                (
                    shown(finding.code, f"bold {style}"),
                    shown(severity_label(finding.severity), style),
                    shown(finding.message),
                    shown(finding.member or ""),
                ),
            )

    def show(self, findings: tuple[Finding, ...]) -> None:
        self.findings = tuple(findings)
        self.build()

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
