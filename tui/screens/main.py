"""The main screen: the unit tree on the left, the selected committee on the right.

The screen wires: it reads what it shows with one use-case (committee_view), hands it to
its widgets, listens to their messages, and runs each action of tui.actions by opening a
dialog whose result goes to a use-case. Which actions are offered where comes from the
registry (check_action); what an action needs is checked again when it is called.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, Label, Static

from committee.domain.dates import format_date
from committee.domain.errors import OutputExists, UserError
from committee.domain.records import UnitRef
from committee.domain.vocabulary import DEFAULT_ERA, DecisionStatus, Era, Level, Severity
from committee.usecases.audit import audit_entries
from committee.usecases.decision_difference import decision_difference
from committee.usecases.decisions import (
    DecisionDetails,
    MemberInput,
    add_member,
    create_draft,
    decision_details,
    delete_draft,
    issue,
    move_member,
    remove_member,
    update_details,
    update_member,
)
from committee.usecases.document_records import DocumentRecorded, record_regulation
from committee.usecases.exports import (
    default_export_file,
    export_decision,
    export_district,
    export_roster,
)
from committee.usecases.people import link_membership, memberships_of, unlink_membership
from committee.usecases.person_links import SamePerson, same_person
from committee.usecases.rule_texts import explain_rule
from committee.usecases.search import ResultKind, SearchResult, search
from committee.usecases.succession import Succession, SuccessionLink, confirm_successor, succession
from committee.usecases.view import (
    CommitteeView,
    DecisionState,
    TreeMatches,
    committee_statuses,
    committee_view,
    decision_history,
    tree_children,
    tree_matches,
    tree_path,
    tree_roots,
)
from committee.usecases.workspace import Workspace
from tui import actions, settings
from tui.actions import Context, Pane
from tui.dialogs.choice import ChoiceDialog
from tui.dialogs.confirm import ConfirmDialog
from tui.dialogs.decision_form import (
    DecisionForm,
    DocumentForm,
    DocumentInput,
    NewDecision,
    NewDecisionForm,
)
from tui.dialogs.explain import ExplainDialog
from tui.dialogs.export_file import ExportedDialog, ExportForm
from tui.dialogs.form import Typed
from tui.dialogs.history import Compare, HistoryDialog, audit_text, difference_text
from tui.dialogs.member_form import MemberForm, member_input, next_role
from tui.dialogs.search import SearchDialog
from tui.edge import at_edge, guarded, in_thread
from tui.screens.duties import DutiesScreen
from tui.screens.file_preview import FilePreviewScreen
from tui.screens.help import HelpScreen
from tui.screens.import_preview import ImportScreen
from tui.text import say
from tui.widgets.decision_header import DecisionHeader
from tui.widgets.filter_input import FilterInput
from tui.widgets.findings_table import FindingsTable
from tui.widgets.member_detail import MemberDetail
from tui.widgets.roster_table import RosterTable
from tui.widgets.status import Status, StatusLegend
from tui.widgets.succession_line import SuccessionLine, link_mark
from tui.widgets.unit_tree import UnitKey, UnitTree

AUDIT_SHOWN = 200  # the newest entries of a unit the "Nhật ký thay đổi" dialog shows
SEPARATE = "separate"  # "the same person?": not the same as anyone
MIN_WIDTH, MIN_HEIGHT = 60, 16
EXPORT_TITLES = {
    "annex": "Xuất phụ lục danh sách (Excel)",
    "decision": "Xuất Quyết định (Word)",
    "district": "Xuất sổ tổng hợp huyện (Excel)",
}  # the smallest terminal the main screen is readable in


def too_small_text(width: int, height: int) -> str:
    return (
        f"Cửa sổ terminal quá nhỏ ({width}×{height}): bcd138 cần ít nhất {MIN_WIDTH} cột × "
        f"{MIN_HEIGHT} dòng. Hãy phóng to cửa sổ hoặc thu nhỏ cỡ chữ. (Ctrl+Q: thoát)"
    )


def _day(value) -> str:  # type: ignore[no-untyped-def]
    return format_date(value) if value else "(chưa có)"


def succession_entry(link: SuccessionLink) -> Text:
    """A unit on the other side of the succession, as the dialog lists it: its status mark,
    its name and district, its committee's decision in force and status, how sure the
    link is."""
    text = link_mark(link).append(" ")
    where = f" ({link.district.phrase})" if link.district is not None else ""
    decision = (
        f"QĐ {link.decision_number} ngày {_day(link.decision_signed_on)}"
        if link.decision_number
        else "chưa có quyết định"
    )
    text.append(f"{link.unit.name}{where} · {decision} · {link.status} · {link.state}")
    if link.needs_confirmation:
        text.stylize("yellow", 2)
    return text


def confirm_phrase(unit: UnitRef, link: SuccessionLink) -> str:
    """ "xã Gia Phúc (từ 01/07/2025) là đơn vị kế thừa của xã Gia Phúc (trước 01/07/2025)",
    whichever side the screen shows."""
    new, old = (unit, link.unit) if unit.era is Era.Y2025 else (link.unit, unit)
    return f"{new.phrase} ({new.era.label}) là đơn vị kế thừa của {old.phrase} ({old.era.label})"


def _era_note(era: str, eras: set[str]) -> str:
    """ " (từ 01/07/2025)" after a unit's name when units of several eras are listed."""
    return f" ({Era(era).label})" if len(eras) > 1 else ""


def issue_question(view: CommitteeView, late: bool) -> tuple[str, str, str]:
    """The issue dialog's title, its button and what it says issuing will do."""
    decision, in_force = view.decision, view.in_force
    assert decision is not None
    errors = sum(1 for finding in view.findings if finding.severity is Severity.ERROR)
    warning = f"\nLưu ý: còn {errors} phát hiện mức lỗi." if errors else ""
    members = f"{len(view.roster)} thành viên"
    if late:
        assert in_force is not None
        return (
            "Nhập muộn quyết định cũ",
            "Lưu vào lịch sử",
            f"Quyết định {decision.label} ({members}) ký trước Quyết định {in_force.label} "
            "đang hiệu lực nên không thay thế nó. Ban hành như một quyết định cũ nhập muộn: "
            "lưu vào lịch sử, không thành quyết định đang hiệu lực, và không sửa được nữa?"
            f"{warning}",
        )
    if in_force is not None:
        effect = f"thay thế Quyết định {in_force.label} đang hiệu lực"
    else:
        effect = f"là quyết định đầu tiên có hiệu lực của {view.unit.name}"
    return (
        "Ban hành quyết định",
        "Ban hành",
        f"Ban hành Quyết định {decision.label} ({members})? Quyết định sẽ có hiệu lực, "
        f"{effect}, và không sửa được nữa.{warning}",
    )


def same_person_entries(offer: SamePerson) -> list[tuple[str, Any]]:
    """The choices of "the same person?", the current one marked."""
    entries: list[tuple[str, Any]] = []
    for choice in offer.choices:
        seats = "; ".join(
            f"{seat.role.label} ({seat.title or '—'}), {seat.unit_name}, "
            f"QĐ {seat.decision_number} ngày {_day(seat.signed_on)}"
            for seat in choice.seats[:3]
        )
        more = f" và {len(choice.seats) - 3} quyết định khác" if len(choice.seats) > 3 else ""
        mark = "✔ " if choice.current else "  "
        entries.append((f"{mark}Cùng một người với: {seats}{more}", choice.person_id))
    mark = "  " if offer.linked else "✔ "
    entries.append((f"{mark}Người khác, không nối với ai", SEPARATE))
    return entries


class TreeUnits:
    """The tree's source of units and statuses: the use-cases, read from the workspace."""

    def __init__(self, workspace: Workspace) -> None:
        self.workspace = workspace

    def roots(self) -> Sequence[UnitRef]:
        with self.workspace.read() as session:
            return tree_roots(session)

    def children(self, unit: UnitRef) -> Sequence[UnitRef]:
        with self.workspace.read() as session:
            return tree_children(session, unit)

    def statuses(self, units: Sequence[UnitRef]) -> dict[UnitKey, Status]:
        with self.workspace.read() as session:
            return committee_statuses(session, units)

    def matches(self, text: str) -> TreeMatches:
        with self.workspace.read() as session:
            return tree_matches(session, text)

    def path(self, unit: UnitRef) -> Sequence[UnitRef]:
        if unit.level is Level.PROVINCE or unit.parent_code is None:
            return (unit,)
        with self.workspace.read() as session:
            return tree_path(session, unit.code, unit.era)


class MainScreen(Screen[None]):
    AUTO_FOCUS = "#units"  # the tree, as on_mount leaves it (not the filter above it first)
    BINDINGS = actions.bindings()
    # The screen's classes by its size (the layout in app.tcss follows them): below
    # MIN_WIDTH × MIN_HEIGHT the screen says it is too small instead of hiding panes.
    HORIZONTAL_BREAKPOINTS = [
        (0, "-too-narrow"),
        (MIN_WIDTH, "-narrow"),
        (100, "-normal"),
        (120, "-wide"),
    ]
    VERTICAL_BREAKPOINTS = [(0, "-too-short"), (MIN_HEIGHT, "-tall")]

    def __init__(
        self, workspace: Workspace, start_unit: str | None = None, start_era: Era = DEFAULT_ERA
    ) -> None:
        super().__init__()
        self.workspace = workspace
        self.start_unit = start_unit
        self.start_era = Era(start_era)
        self.view: CommitteeView | None = None
        self.succession: Succession | None = None
        # the panes the actions' state depends on, kept at hand: check_action asks for
        # the context once per binding each time the footer is drawn
        self.roster = RosterTable(id="roster")
        self.findings = FindingsTable(id="findings")
        self._offered: tuple[object, ...] = ()

    # ---------------------------------------------------------------- layout

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="body"):
            with Vertical(id="left"):
                yield FilterInput(id="filter")
                yield UnitTree(TreeUnits(self.workspace), id="units")
                yield StatusLegend(id="legend")
            with Vertical(id="right"):
                yield DecisionHeader("", id="decision")
                yield SuccessionLine("", id="succession")
                yield self.roster
                yield MemberDetail(id="detail")
                yield Label("Phát hiện", id="findings-title")
                yield self.findings
        yield Static("", id="too-small")
        yield Footer(compact=True)

    def on_resize(self, event: events.Resize) -> None:
        self.query_one("#too-small", Static).update(
            too_small_text(event.size.width, event.size.height)
        )

    @at_edge
    def on_mount(self) -> None:
        units = self.query_one(UnitTree)
        units.load()
        if self.start_unit:
            self.open_unit(self.start_unit, era=self.start_era)
        units.focus()

    # ---------------------------------------------------------------- showing

    def open_unit(
        self,
        code: str,
        decision_id: int | None = None,
        keep: int | None = None,
        *,
        era: Era = DEFAULT_ERA,
    ) -> None:
        """Show the committee of the unit of the era with this code (its decision in force,
        or the decision asked for), the tree's cursor on it."""
        self._load(code, era, decision_id, keep)
        if self.view is not None:
            self.query_one(UnitTree).select_unit(self.view.unit)

    def reload(self, keep: int | None = None) -> None:
        """Read the committee on screen again (after a change), the cursor on `keep`."""
        if self.view is not None:
            decision = self.view.decision
            unit = self.view.unit
            self._load(unit.code, unit.era, decision.id if decision else None, keep)

    def _load(
        self, code: str, era: Era, decision_id: int | None = None, keep: int | None = None
    ) -> None:
        with self.workspace.read() as session:
            view = committee_view(session, code, decision_id, era=era)
            line = succession(session, view.unit.code, view.unit.era)
        self.view = view
        self.succession = line
        self.query_one(SuccessionLine).show(line)
        self.query_one(UnitTree).set_status(view.unit, view.unit_status)
        self.query_one(DecisionHeader).show(view)
        self.query_one(RosterTable).show(view.roster, keep)
        self.query_one(MemberDetail).show(self.query_one(RosterTable).current, view.unit)
        self.query_one(FindingsTable).show(view.findings)
        count = len(view.findings)
        self.query_one("#findings-title", Label).update(
            f"Phát hiện ({count})" if count else "Phát hiện: không có (Đạt)"
        )
        self._refresh_offered()

    def _refresh_offered(self) -> None:
        """The footer drawn again when what the actions offer has changed (drawing it is
        a good part of a switch between two committees)."""
        context = self.context()
        offered = (context.pane, *(actions.state(a.name, context) for a in actions.ACTIONS))
        if offered != self._offered:
            self._offered = offered
            self.refresh_bindings()

    # ---------------------------------------------------------------- messages

    @on(UnitTree.UnitHighlighted)
    @at_edge
    def _unit_highlighted(self, event: UnitTree.UnitHighlighted) -> None:
        cursor = self.query_one(UnitTree).cursor_node
        if cursor is None or cursor.data is None or cursor.data.key != event.unit.key:
            return  # the cursor has moved on since (a unit opened meanwhile): stale
        if self.view is None or self.view.unit.key != event.unit.key:
            self._load(event.unit.code, event.unit.era)

    @on(RosterTable.LineHighlighted)
    def _line_highlighted(self, event: RosterTable.LineHighlighted) -> None:
        self.query_one(MemberDetail).show(event.line, self.view.unit if self.view else None)

    @on(Input.Changed, "#filter")
    @at_edge
    def _filter(self, event: Input.Changed) -> None:
        self.query_one(UnitTree).filter(event.value)

    @on(FilterInput.Left)
    @at_edge
    def _filter_left(self, event: FilterInput.Left) -> None:
        """Esc: the filter cleared (the tree whole again); Enter: the first match opened."""
        tree = self.query_one(UnitTree)
        if event.to_match:
            unit = tree.first_match()
            if unit is None:
                say(self, "Không có đơn vị nào khớp.", severity="warning")
            else:
                self.open_unit(unit.code, era=unit.era)
        tree.focus()

    @on(FindingsTable.FindingChosen)
    def _finding_chosen(self, event: FindingsTable.FindingChosen) -> None:
        if event.finding.position is None:
            say(self, "Phát hiện này không gắn với một thành viên.")
            return
        roster = self.query_one(RosterTable)
        if roster.select_position(event.finding.position):
            roster.focus()

    @on(RosterTable.LineChosen)
    @at_edge
    def _line_chosen(self) -> None:
        if self.context().draft_shown:
            self.action_edit_member()
        else:
            self.action_person()

    # ---------------------------------------------------------------- the actions' state

    def context(self) -> Context:
        focused = self.focused
        if isinstance(focused, RosterTable | MemberDetail):  # the detail is the roster's line
            pane = Pane.ROSTER
        elif isinstance(focused, FindingsTable):
            pane = Pane.FINDINGS
        elif isinstance(focused, UnitTree):
            pane = Pane.TREE
        else:
            pane = Pane.OTHER
        roster, findings = self.roster, self.findings
        return Context(
            pane,
            self.view,
            roster.current,
            findings.current,
            self.succession,
        )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return actions.state(action, self.context())

    def on_key(self, event: events.Key) -> None:
        """A key whose action cannot run now (so it is not offered) says why."""
        action = actions.for_key(event.key)
        if action is None:
            return
        context = self.context()
        if action.pane is not None and context.pane is not action.pane:
            return
        reason = action.refusal(context)
        if reason is not None:
            say(self, reason, severity="warning")

    def _refused(self, name: str) -> bool:
        """Whether the action cannot run now; then the clerk is told why."""
        reason = actions.BY_NAME[name].refusal(self.context())
        if reason is not None:
            say(self, reason, severity="warning")
        return reason is not None

    @at_edge
    def run_from_palette(self, action: actions.Action) -> None:
        """Run an action chosen in the palette, its pane focused first (the palette offers
        what can run wherever the focus is)."""
        pane = {Pane.ROSTER: RosterTable, Pane.FINDINGS: FindingsTable}.get(action.pane)  # type: ignore[arg-type]
        if pane is not None:
            self.query_one(pane).focus()
        getattr(self, f"action_{action.name}")()

    def _push(self, dialog: Any, done: Callable[[Any], Any] | None = None) -> None:
        self.app.push_screen(dialog, guarded(self, done) if done is not None else None)

    def _change(self, work: Callable[[Any], object], keep: int | None = None) -> None:
        """A change without a form: written, then the committee read again whether or not
        the change went in (a refusal is then told at the app's edge)."""
        try:
            with self.workspace.write() as session:
                work(session)
        finally:
            self.reload(keep)

    # ---------------------------------------------------------------- general

    def action_help(self) -> None:
        self._push(HelpScreen())

    def action_filter(self) -> None:
        self.query_one(FilterInput).open()

    def action_quit(self) -> None:
        self.app.exit()

    def _search(self, query: str) -> list[SearchResult]:
        with self.workspace.read() as session:
            return search(session, query)

    def action_search(self) -> None:
        def done(result: SearchResult | None) -> None:
            if result is None:
                return
            if result.kind is ResultKind.UNIT:
                self.open_unit(result.key, era=result.era or DEFAULT_ERA)
                return
            with self.workspace.read() as session:
                seats = memberships_of(session, int(result.key))
            if len(seats) == 1:
                seat = seats[0]
                self._open_seat(
                    seat.unit_code, Era(seat.unit_era), seat.decision_id, seat.membership_id
                )
            else:
                self.show_person(int(result.key), result.name)

        self._push(SearchDialog(self._search), done)

    # ---------------------------------------------------------------- decisions

    def action_new_decision(self) -> None:
        if self._refused("new_decision"):
            return
        assert self.view is not None
        unit, has_current = self.view.unit, self.view.in_force is not None
        created: list[int] = []

        def save(result: NewDecision) -> None:
            with self.workspace.write() as session:
                draft = create_draft(
                    session,
                    unit.code,
                    result.details,
                    copy_current_roster=result.copy_roster,
                    era=unit.era,
                )
                created.append(draft.id)  # type: ignore[arg-type]

        def done(result: NewDecision | None) -> None:
            if result is not None and created:
                self.open_unit(unit.code, created[0], era=unit.era)
                if self.view is not None and self.view.decision is not None:
                    say(self, f"Đã lập dự thảo {self.view.decision.number}.")
                self.query_one(RosterTable).focus()

        title = f"Kiện toàn: quyết định mới của {unit.name}"
        self._push(NewDecisionForm(title, has_current, save), done)

    def action_edit_decision(self, typed: Typed | None = None) -> None:
        if self._refused("edit_decision"):
            return
        assert self.view is not None and self.view.decision is not None
        decision = self.view.decision
        with self.workspace.read() as session:
            initial = decision_details(session, decision.id)

        def save(details: DecisionDetails) -> None:
            with self.workspace.write() as session:
                update_details(session, decision.id, details, expected_version=decision.version)

        def done(details: DecisionDetails | None) -> None:
            if details is not None:
                self.reload()
                say(self, "Đã lưu thông tin quyết định.")

        def reopen(typed: Typed) -> None:
            self.reload()
            self.action_edit_decision(typed)

        form = DecisionForm("Sửa thông tin quyết định", initial, save, reopen, typed)
        self._push(form, done)

    def action_issue(self) -> None:
        if self._refused("issue"):
            return
        view = self.view
        assert view is not None and view.decision is not None
        decision, in_force = view.decision, view.in_force
        if decision.signed_on is None:  # refused before asking, not after
            say(
                self,
                f"Dự thảo {decision.number} chưa có ngày ký; nhấn d để nhập ngày ký trước khi "
                "ban hành.",
                severity="warning",
            )
            return
        late = (
            in_force is not None
            and in_force.signed_on is not None
            and (decision.signed_on < in_force.signed_on)
        )
        title, yes, message = issue_question(view, late)

        def done(yes: bool | None) -> None:
            if not yes:
                return
            with self.workspace.write() as session:
                issue(session, decision.id, late_entry=late, expected_version=decision.version)
            self.reload()
            say(self, f"Đã ban hành Quyết định {decision.number}.")

        self._push(ConfirmDialog(title, message, yes), done)

    def action_delete_draft(self) -> None:
        if self._refused("delete_draft"):
            return
        assert self.view is not None and self.view.decision is not None
        unit, decision = self.view.unit, self.view.decision
        members = len(self.view.roster)

        def done(yes: bool | None) -> None:
            if yes:
                with self.workspace.write() as session:
                    delete_draft(session, decision.id, expected_version=decision.version)
                self.open_unit(unit.code, era=unit.era)
                say(self, f"Đã xóa dự thảo {decision.number}.")

        message = f"Xóa dự thảo {decision.label} cùng {members} thành viên của nó?"
        self._push(ConfirmDialog("Xóa dự thảo", message, "Xóa"), done)

    def action_history(self) -> None:
        if self._refused("history"):
            return
        assert self.view is not None
        unit = self.view.unit
        with self.workspace.read() as session:
            history = decision_history(session, unit.code, unit.era)
        entries: list[tuple[str, Any]] = []
        for entry in history:
            entries.append(
                (f"QĐ {entry.decision.label} ({entry.decision.state.label})", entry.decision.id)
            )
            for document in entry.documents:
                recorded = f"ghi ngày {format_date(document.recorded_at.date())}"
                if document.recorded_by:
                    recorded += f" bởi {document.recorded_by}"
                members = f", {document.members} thành viên" if document.members else ""
                entries.append((f"    {document.label}{members} ({recorded})", None))

        shown = self.view.decision

        def done(choice: int | Compare | None) -> None:
            if isinstance(choice, Compare):
                if shown is None:
                    say(self, "Chưa có quyết định nào đang xem để so sánh.", severity="warning")
                    return
                with self.workspace.read() as session:
                    difference = decision_difference(session, choice.decision_id, shown.id)
                title = f"Thay đổi: {difference.older_number} → {difference.newer_number}"
                self._push(ExplainDialog(title, difference_text(difference)))
            elif choice is not None:
                self.open_unit(unit.code, choice, era=unit.era)

        self._push(HistoryDialog(f"Các quyết định của {unit.name}", entries), done)

    def action_audit(self) -> None:
        if self._refused("audit"):
            return
        assert self.view is not None
        unit = self.view.unit
        with self.workspace.read() as session:
            entries = audit_entries(session, unit.code, unit.era, limit=AUDIT_SHOWN)
        self._push(ExplainDialog(f"Nhật ký thay đổi: {unit.name}", audit_text(entries)))

    def action_succession(self) -> None:
        """The units on the other side of 1 July 2025, each with its committee's decision
        in force and status: one opened, or a split unit's successor confirmed."""
        if self._refused("succession"):
            return
        assert self.view is not None and self.succession is not None
        unit, line = self.view.unit, self.succession
        entries: list[tuple[str | Text, Any]] = []
        for link in line.links:
            entries.append((succession_entry(link), ("open", link)))
            if link.needs_confirmation:
                entries.append(
                    (f"      → Xác nhận {confirm_phrase(unit, link)}", ("confirm", link))
                )

        def done(choice: tuple[str, SuccessionLink] | None) -> None:
            if choice is None:
                return
            what, link = choice
            if what == "open":
                self.open_unit(link.unit.code, era=link.unit.era)
            else:
                self._confirm_successor(unit, link)

        heading = line.heading[:1].upper() + line.heading[1:]
        note = f"{unit.name} ({unit.era.label}) {line.heading}:"
        self._push(
            ChoiceDialog(
                f"{heading}: {unit.name}", entries, "", note, "Enter: mở hoặc xác nhận · Esc: đóng"
            ),
            done,
        )

    def _confirm_successor(self, unit: UnitRef, link: SuccessionLink) -> None:
        def done(yes: bool | None) -> None:
            if yes:
                with self.workspace.write() as session:
                    confirm_successor(session, unit.code, unit.era, link.unit.code)
                self.reload()
                say(self, f"Đã xác nhận {confirm_phrase(unit, link)}.")

        message = (
            f"Xác nhận {confirm_phrase(unit, link)}? Các đơn vị khác nhận một phần xã đó sẽ "
            "không còn là đơn vị kế thừa của nó."
        )
        self._push(ConfirmDialog("Xác nhận đơn vị kế thừa", message, "Xác nhận"), done)

    # ---------------------------------------------------------------- the committee's documents

    def action_regulation(self) -> None:
        if self._refused("regulation"):
            return
        assert self.view is not None and self.view.in_force is not None
        unit, in_force = self.view.unit, self.view.in_force
        recorded: list[DocumentRecorded] = []

        def save(document: DocumentInput) -> None:
            with self.workspace.write() as session:
                recorded.append(
                    record_regulation(
                        session,
                        unit.code,
                        document.number,
                        document.signed_on,
                        document.signer,
                        unit.era,
                    )
                )

        def done(document: DocumentInput | None) -> None:
            if document is None or not recorded:
                return
            self.open_unit(unit.code, era=unit.era)
            result = recorded[0]
            if result.already_recorded:
                say(self, f"{result.document.label} đã được ghi trước đây; không ghi gì thêm.")
                return
            say(self, f"Đã ghi {result.document.label}, theo Quyết định {in_force.label}.")
            if result.before_decision:
                say(
                    self,
                    f"Quy chế ký trước Quyết định {in_force.label} nên chưa phải Quy chế mới của "
                    "Ban Chỉ đạo đã kiện toàn (BCD402).",
                    severity="warning",
                )

        title = f"Quy chế hoạt động theo Quyết định {in_force.label} (đang hiệu lực)"
        self._push(DocumentForm(title, "01/QĐ-BCĐ", save), done)

    def action_duties(self) -> None:
        if self._refused("duties"):
            return
        self._push_file_screen(DutiesScreen)

    # ---------------------------------------------------------------- members

    def action_add_member(self, typed: Typed | None = None) -> None:
        if self._refused("add_member"):
            return
        assert self.view is not None and self.view.decision is not None
        view, decision = self.view, self.view.decision
        added: list[int] = []

        def save(member: MemberInput) -> None:
            with self.workspace.write() as session:
                line = add_member(session, decision.id, member, expected_version=decision.version)
                added.append(line.id)  # type: ignore[arg-type]

        def done(member: MemberInput | None) -> None:
            if member is not None and added:
                self.reload(keep=added[-1])
                self._offer_same_person(added[-1])

        def reopen(typed: Typed) -> None:
            self.reload()
            self.action_add_member(typed)

        start = MemberInput("", next_role([line.role for line in view.roster]))
        form = MemberForm("Thêm thành viên", view.unit, start, save, reopen, typed)
        self._push(form, done)

    def action_edit_member(self, typed: Typed | None = None) -> None:
        if self._refused("edit_member"):
            return
        context = self.context()
        assert context.view is not None and context.line is not None
        line = context.line

        def save(member: MemberInput) -> None:
            with self.workspace.write() as session:
                update_member(session, line.membership_id, member, expected_version=line.version)

        def done(member: MemberInput | None) -> None:
            if member is not None:
                self.reload(keep=line.membership_id)
                if member.name != line.name:
                    self._offer_same_person(line.membership_id)

        def reopen(typed: Typed) -> None:
            self.reload(keep=line.membership_id)
            self.action_edit_member(typed)

        title = f"Sửa thành viên: {line.name}"
        form = MemberForm(title, context.view.unit, member_input(line), save, reopen, typed)
        self._push(form, done)

    def action_remove_member(self) -> None:
        if self._refused("remove_member"):
            return
        line = self.context().line
        assert line is not None

        def done(yes: bool | None) -> None:
            if yes:
                self._change(
                    lambda session: remove_member(
                        session, line.membership_id, expected_version=line.version
                    )
                )

        message = f"Xóa {line.name} khỏi danh sách?"
        self._push(ConfirmDialog("Xóa thành viên", message, "Xóa"), done)

    def _move(self, name: str, step: int) -> None:
        if self._refused(name):
            return
        line = self.context().line
        assert line is not None
        self._change(
            lambda session: move_member(
                session, line.membership_id, max(1, line.position + step), line.version
            ),
            keep=line.membership_id,
        )

    def action_move_up(self) -> None:
        self._move("move_up", -1)

    def action_move_down(self) -> None:
        self._move("move_down", 1)

    def action_person(self) -> None:
        if self._refused("person"):
            return
        line = self.context().line
        assert line is not None
        self.show_person(line.person_id, line.name)

    def show_person(self, person_id: int, name: str) -> None:
        with self.workspace.read() as session:
            seats = memberships_of(session, person_id)
        eras = {seat.unit_era for seat in seats}
        entries = [
            (
                f"{seat.unit_name}{_era_note(seat.unit_era, eras)}: {seat.role.label}, "
                f"{seat.title or '—'} · QĐ {seat.decision_number} ngày {_day(seat.signed_on)}"
                f"{' (dự thảo)' if seat.decision_status == DecisionStatus.DRAFT else ''}",
                (seat.unit_code, Era(seat.unit_era), seat.decision_id, seat.membership_id),
            )
            for seat in seats
        ]

        def done(choice: tuple[str, Era, int, int] | None) -> None:
            if choice is not None:
                self._open_seat(*choice)

        self._push(ChoiceDialog(f"{name}: các quyết định có tên", entries, "Không có."), done)

    def _open_seat(self, unit_code: str, era: Era, decision_id: int, membership_id: int) -> None:
        self.open_unit(unit_code, decision_id, keep=membership_id, era=era)
        self.query_one(RosterTable).focus()

    def action_same_person(self) -> None:
        if self._refused("same_person"):
            return
        line = self.context().line
        assert line is not None
        self._offer_same_person(line.membership_id, by_hand=True)

    def _offer_same_person(self, membership_id: int, by_hand: bool = False) -> None:
        """ "The same person?" for a roster line, when people of the district carry exactly
        its name (after adding or renaming a line), or whenever asked (by hand)."""
        with self.workspace.read() as session:
            offer = same_person(session, membership_id)
        if not offer.choices:
            if by_hand:
                say(
                    self,
                    f"Trong huyện không có ai khác mang đúng tên «{offer.name}»; dòng này là "
                    "một người riêng.",
                )
            return

        def done(choice: int | str | None) -> None:
            if choice is None:
                return
            with self.workspace.write() as session:
                if choice == SEPARATE:
                    if offer.linked:
                        unlink_membership(session, membership_id)
                elif not any(c.current and c.person_id == choice for c in offer.choices):
                    link_membership(session, membership_id, int(choice))
            self.reload(keep=membership_id)

        note = (
            f"«{offer.name}» có đúng tên của người đã có trong các quyết định dưới đây. Có phải "
            "cùng một người không? Nối hay tách chỉ nối các dòng với nhau, không đổi tên nào."
        )
        hint = "Enter: chọn · Esc: để như hiện nay"
        self._push(
            ChoiceDialog("Cùng một người?", same_person_entries(offer), "", note, hint), done
        )

    # ---------------------------------------------------------------- findings

    def action_explain(self) -> None:
        if self._refused("explain"):
            return
        finding = self.context().finding
        assert finding is not None
        self._push(ExplainDialog(f"Quy tắc {finding.code}", explain_rule(finding.code)))

    # ---------------------------------------------------------------- import, export

    def action_import(self) -> None:
        if self._refused("import"):
            return
        self._push_file_screen(ImportScreen)

    def _push_file_screen(self, screen: type[FilePreviewScreen[Any]]) -> None:
        """A file read into a preview for the unit shown; the unit is shown again once
        the file is stored."""
        assert self.view is not None
        unit = self.view.unit

        def done(stored: bool | None) -> None:
            if stored:
                self.open_unit(unit.code, era=unit.era)

        self._push(screen(self.workspace, unit, settings.import_folder()), done)

    def action_export_annex(self) -> None:
        if self._refused("export_annex"):
            return
        self._export_shown_decision("annex")

    def action_export_decision(self) -> None:
        if self._refused("export_decision"):
            return
        self._export_shown_decision("decision")

    def _export_shown_decision(self, kind: str) -> None:
        assert self.view is not None and self.view.decision is not None
        decision = self.view.decision
        number = None if decision.state is DecisionState.IN_FORCE else decision.number
        unit = self.view.unit
        self._ask_where(kind, unit.code, unit.era, number, decision.number)

    def action_export_district(self) -> None:
        if self._refused("export_district"):
            return
        assert self.view is not None
        unit = self.view.unit
        district = unit.code if unit.level is Level.DISTRICT else unit.parent_code
        self._ask_where("district", district or unit.code, unit.era, None, None)

    def _ask_where(
        self, kind: str, code: str, era: Era, number: str | None, shown: str | None
    ) -> None:
        """Ask where to save (the folder used last, the default name), then export there."""
        default = default_export_file(kind, code, shown, era)
        start = (settings.export_folder() or default.parent) / default.name

        def done(path: Path | None) -> None:
            if path is not None:
                self._export(kind, code, era, number, path)

        self._push(ExportForm(f"{EXPORT_TITLES[kind]}: lưu vào đâu?", start), done)

    def _export(
        self,
        kind: str,
        code: str,
        era: Era,
        number: str | None,
        output: Path,
        force: bool = False,
    ) -> None:
        def work() -> Path:
            with self.workspace.read() as session:
                if kind == "annex":
                    return export_roster(session, code, number, output, force=force, era=era).path
                if kind == "decision":
                    return export_decision(session, code, number, output, force=force, era=era).path
                return export_district(session, code, output, force=force).path

        def done(path: Path) -> None:
            self._busy(False)
            settings.remember_export_folder(path.parent)
            self._push(ExportedDialog(path))

        def failed(error: UserError | None) -> None:
            self._busy(False)
            if isinstance(error, OutputExists) and not force:
                self._ask_overwrite(kind, code, era, number, output)
            elif error is not None:
                say(self, error.message, title="Không xuất được", severity="error", timeout=10)

        self._busy(True)
        in_thread(self, work, done, failed, group="export")

    def _busy(self, value: bool) -> None:
        self.query_one("#right").loading = value

    def _ask_overwrite(
        self, kind: str, code: str, era: Era, number: str | None, output: Path
    ) -> None:
        def done(yes: bool | None) -> None:
            if yes:
                self._export(kind, code, era, number, output, force=True)

        message = f"Tệp «{output}» đã có. Ghi đè lên tệp đó?"
        self._push(ConfirmDialog("Tệp đã có", message, "Ghi đè"), done)
