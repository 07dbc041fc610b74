"""Text reports for people: check results and import previews, in Vietnamese."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

import typer

from committee.cli.console import json_text, render_table
from committee.domain.dates import format_date
from committee.domain.text import printable
from committee.domain.vocabulary import DEFAULT_ERA, CommitteeStatus, Era, Severity
from committee.rules.report import CheckReport, CommitteeReport

if TYPE_CHECKING:  # each command imports only the use-cases it runs, when it runs them
    from sqlmodel import Session

    from committee.store.models import Decision
    from committee.usecases.documents import DocumentEntry
    from committee.usecases.importing import ImportPreview

STATUS_COLOURS = {
    CommitteeStatus.OK: typer.colors.GREEN,
    CommitteeStatus.WARNING: typer.colors.YELLOW,
    CommitteeStatus.ERROR: typer.colors.RED,
}


def _paint(text: str, status: CommitteeStatus, colour: bool) -> str:
    return typer.style(text, fg=STATUS_COLOURS[status], bold=True) if colour else text


def _decision_text(committee: CommitteeReport) -> str:
    if committee.decision is None:
        return "chưa có quyết định"
    signed = format_date(committee.decision.signed_on) if committee.decision.signed_on else "?"
    number = printable(committee.decision.number)
    return f"QĐ {number} ngày {signed}, {committee.member_count} thành viên"


def render_check_report(report: CheckReport, colour: bool = False) -> str:
    """The check report for people. Stored text in it (names, numbers, messages quoting
    them) is made safe for a terminal (text.printable); only our own colours are escapes."""
    lines: list[str] = []
    for committee in report.committees:
        status = _paint(committee.status_label, committee.status, colour)
        unit = printable(f"{committee.unit.code} {committee.unit.name}")
        lines.append(f"{unit} ({_decision_text(committee)}): {status}")
        for finding in committee.findings:
            severity = finding.severity.label
            if colour:
                severity = typer.style(
                    severity,
                    fg=typer.colors.RED
                    if finding.severity is Severity.ERROR
                    else typer.colors.YELLOW,
                )
            lines.append(f"    {finding.code} {severity}: {printable(finding.message)}")
    summary = report.summary()
    without = sum(1 for committee in report.committees if committee.decision is None)
    lines += [
        "",
        f"Tổng cộng {summary['committees']} Ban Chỉ đạo: {summary['ok']} Đạt, "
        f"{summary['warning']} Cảnh báo, {summary['error'] - without} Chưa đạt, "
        f"{without} chưa kiện toàn (gói quy tắc {report.rules_version}).",
    ]
    return "\n".join(lines)


def check_output(
    session: Session,
    unit_codes: Iterable[str] = (),
    district: str | None = None,
    *,
    as_json: bool = False,
    colour: bool = False,
    era: Era = DEFAULT_ERA,
    province: str | None = None,
) -> tuple[CheckReport, str]:
    """The work of `bcd138 check`: choose the committees, check them, and write the report
    as text (or JSON), all but printing it. Returns the report and its text."""
    from committee.usecases.checking import check_units, select_units

    report = check_units(session, select_units(session, unit_codes, district, era, province))
    text = json_text(report.to_json()) if as_json else render_check_report(report, colour)
    return report, text


def render_import_preview(preview: ImportPreview) -> str:
    """`bcd138 import`'s preview: the rows as recognised (committee.usecases.importing's
    preview_rows, which the UI shows too), the findings, and what stands in the way."""
    from committee.usecases.importing import PREVIEW_COLUMNS, preview_heading, preview_rows

    findings = [
        f"    {f.code} {f.severity.label}: {printable(f.message)}" for f in preview.findings
    ]
    problems = [f"    {problem}" for problem in preview.problems]
    return "\n".join(
        [
            printable(preview_heading(preview)),
            render_table(PREVIEW_COLUMNS, [row.cells() for row in preview_rows(preview)]),
            "Kết quả kiểm tra:" if findings else "Kết quả kiểm tra: không có phát hiện nào (Đạt).",
            *findings,
            *(["Chưa lưu được:", *problems] if problems else []),
        ]
    )


def _decision_state(decision: Decision, superseded: set[int | None]) -> str:
    if decision.in_force:
        return "đang hiệu lực"
    if not decision.is_issued:
        return "dự thảo"
    return "đã bị thay thế" if decision.id in superseded else "quyết định cũ, nhập muộn"


def render_history(unit_name: str, entries: Sequence[tuple[Decision, list[DocumentEntry]]]) -> str:
    """`bcd138 history`: each decision of a unit with the documents recorded against it."""
    if not entries:
        return f"{unit_name}: chưa có quyết định nào."
    lines = [f"{unit_name}: {len(entries)} quyết định."]
    superseded = {decision.supersedes_id for decision, _ in entries}
    for decision, documents in entries:
        signed = format_date(decision.signed_on) if decision.signed_on else "(chưa có ngày ký)"
        state = _decision_state(decision, superseded)
        lines.append(f"QĐ {decision.number} ngày {signed} ({state})")
        for document in documents:
            recorded = f"ghi ngày {format_date(document.recorded_at.date())}"
            if document.recorded_by:
                recorded += f" bởi {document.recorded_by}"
            members = f", {document.members} thành viên" if document.members else ""
            lines.append(f"    {document.label}{members} ({recorded})")
    return "\n".join(lines)
