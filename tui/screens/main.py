"""The main screen: the unit tree on the left, the selected committee on the right."""

from __future__ import annotations

import gc
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Input, Label, Static, Tree

from committee.domain.dates import format_date
from committee.domain.errors import UserError
from committee.domain.records import Finding, UnitRef
from committee.domain.text import fold
from committee.domain.vocabulary import NO_DECISION_LABEL, Level, Portfolio, Role
from committee.rules.pack import explain, load_rule_pack
from committee.store.database import Database
from committee.store.models import Decision
from committee.usecases.checking import check_decision, check_units, select_units
from committee.usecases.decisions import (
    DecisionDetails,
    MemberInput,
    add_member,
    create_draft,
    current_decision,
    decision_details,
    delete_draft,
    get_decision,
    issue,
    list_decisions,
    move_member,
    remove_member,
    roster_with_people,
    update_details,
    update_member,
)
from committee.usecases.documents import regulation_of
from committee.usecases.people import memberships_of, search_people
from committee.usecases.units import get_unit, search_units, to_ref
from tui.dialogs.choice import ChoiceDialog
from tui.dialogs.confirm import ConfirmDialog
from tui.dialogs.decision_form import DecisionForm, NewDecision, NewDecisionForm
from tui.dialogs.explain import ExplainDialog
from tui.dialogs.member_form import MemberForm
from tui.dialogs.search import SearchChoice, SearchDialog
from tui.screens.help import HelpScreen
from tui.screens.import_preview import ImportScreen
from tui.widgets.findings_table import FindingsTable
from tui.widgets.roster_table import RosterTable
from tui.widgets.status import StatusLegend, status_text
from tui.widgets.unit_tree import UnitEntry, UnitTree

DECISION_ACTIONS = {"new_decision", "edit_decision", "issue", "history", "delete_draft"}
MEMBER_ACTIONS = {"add_member", "edit_member", "remove_member", "move_up", "move_down", "person"}
FINDING_ACTIONS = {"explain"}
UNIT_ACTIONS = {"import", "export_annex", "export_district"}


@dataclass
class View:
    """What the right side shows."""

    unit: UnitRef
    decision: Decision | None
    current_id: int | None
    status_label: str
    drafts: int
    regulation: tuple[str | None, date | None] = (None, None)  # its Quy chế: number, date


def next_role(taken: list[Role]) -> Role:
    """The seat a new line most likely fills: the first leadership seat still empty,
    then the five Phó Trưởng ban seats, then Ủy viên."""
    for role in (Role.CHAIR, Role.FIRST_VICE_CHAIR, Role.STANDING_VICE_CHAIR):
        if role not in taken:
            return role
    return Role.VICE_CHAIR if taken.count(Role.VICE_CHAIR) < 5 else Role.MEMBER


def _date(value) -> str:  # type: ignore[no-untyped-def]
    return format_date(value) if value else "(chưa có)"


# Above this many committees the tree (a whole country: some 10,000 nodes) is kept out of
# the garbage collector's full passes once loaded: each would walk it all again, a pause of
# some 60 ms a clerk feels in the middle of typing. A province's tree is walked in no time.
_FREEZE_ABOVE = 2000
NOT_CHECKED = "…"  # a commune's status before it is checked: never shown (_check_communes)


class KeysFooter(Footer):
    """Textual's footer of key bindings, built with the screen and rebuilt only when the
    keys it shows change.

    Textual's Footer starts empty and rebuilds its keys (a widget each) whenever the
    screen says its bindings may have changed, once per notice: at start alone the
    screen says so five times for the same keys. This one shows the keys from the start;
    the notices coming before the next refresh make one rebuild, and none when the keys
    shown, their state and their tooltips are the same.
    """

    _rebuild_pending = False
    _composed: tuple[object, ...] | None = None

    def __init__(self, *, compact: bool = False) -> None:
        super().__init__(compact=compact)
        self.set_reactive(Footer._bindings_ready, True)

    def bindings_changed(self, screen: Screen) -> None:  # type: ignore[type-arg]
        self._bindings_ready = True
        if not screen.app.app_focus:
            return
        if self.is_attached and screen is self.screen and not self._rebuild_pending:
            self._rebuild_pending = True
            self.call_after_refresh(self._rebuild)

    async def _rebuild(self) -> None:
        self._rebuild_pending = False
        if self._shown_keys() != self._composed:
            await self.recompose()

    def compose(self) -> ComposeResult:
        self._composed = self._shown_keys() if self._bindings_ready else None
        yield from super().compose()

    def _shown_keys(self) -> tuple[object, ...]:
        palette = self.app.COMMAND_PALETTE_BINDING
        return tuple(
            (key, active.binding, active.enabled, active.tooltip)
            for key, active in self.screen.active_bindings.items()
            if active.binding.show or key == palette
        )


class MainScreen(Screen[None]):
    AUTO_FOCUS = "#units"  # the tree, as on_mount leaves it (not the filter above it first)
    BINDINGS = [
        Binding("question_mark,f1", "help", "Trợ giúp"),
        Binding("slash", "search", "Tìm"),
        Binding("f", "filter", "Lọc"),
        Binding("n", "new_decision", "Kiện toàn"),
        Binding("d", "edit_decision", "Sửa QĐ"),
        Binding("b", "issue", "Ban hành"),
        Binding("h", "history", "Lịch sử"),
        Binding("delete", "delete_draft", "Xóa dự thảo", show=False),
        Binding("a", "add_member", "Thêm"),
        Binding("e", "edit_member", "Sửa"),
        Binding("x", "remove_member", "Xóa"),
        Binding("left_square_bracket", "move_up", "Lên"),
        Binding("right_square_bracket", "move_down", "Xuống"),
        Binding("p", "person", "Người"),
        Binding("r", "explain", "Giải thích"),
        Binding("i", "import", "Nhập"),
        Binding("o", "export_annex", "Xuất PL"),
        Binding("w", "export_district", "Xuất huyện"),
        Binding("q", "quit", "Thoát"),
    ]

    def __init__(self, database: Database, start_unit: str | None = None) -> None:
        super().__init__()
        self.database = database
        self.start_unit = start_unit
        self.shown: View | None = None
        self.findings: list[Finding] = []

    # ---------------------------------------------------------------- layout

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="body"):
            with Vertical(id="left"):
                yield Input(placeholder="Lọc đơn vị (f)…", id="filter", compact=True)
                yield UnitTree(id="units")
                yield StatusLegend(id="legend")
            with Vertical(id="right"):
                yield Static("", id="decision")
                yield RosterTable(id="roster")
                yield Label("Phát hiện", id="findings-title")
                yield FindingsTable(id="findings")
        yield KeysFooter(compact=True)

    def on_mount(self) -> None:
        # The tree opens with its district-level units folded: their committees are checked
        # now, a district's communes when it first shows them (_check_communes).
        with self.database.session() as session:
            units = select_units(session)
            districts = [unit for unit in units if unit.level is not Level.COMMUNE]
            report = check_units(session, districts)
        statuses = {c.unit.code: c.status_label for c in report.committees}
        self._communes: dict[str, list[UnitRef]] = {}
        for unit in units:
            if unit.level is Level.COMMUNE and unit.parent_code:
                self._communes.setdefault(unit.parent_code, []).append(unit)
        self._communes_checked: set[str] = set()
        self._districts = {unit.code: unit.name for unit in districts}
        self._folded_names: dict[str, str] | None = None  # for the filter, made on first use
        tree = self.query_one(UnitTree)
        tree.load([UnitEntry(unit, statuses.get(unit.code, NOT_CHECKED)) for unit in units])
        self.query_one("#decision", Static).update(
            "Chọn một đơn vị ở cây bên trái (↑↓, Enter). Nhấn ? để xem phím tắt."
        )
        if self.start_unit:
            self.open_unit(self.start_unit)
        tree.focus()
        if len(units) > _FREEZE_ABOVE:
            gc.collect()
            gc.freeze()  # what is loaded now lives as long as the app

    def _check_communes(self, district_codes: Iterable[str | None]) -> None:
        """Check the communes of these district-level units, unless done before: the
        tree shows a commune only under its district, unfolded, and that is done after
        this (on opening a unit, unfolding a district, filtering)."""
        todo = {code for code in district_codes if code and code not in self._communes_checked}
        if not todo:
            return
        self._communes_checked |= todo
        communes = [commune for code in todo for commune in self._communes.get(code, [])]
        if not communes:
            return
        with self.database.session() as session:
            report = check_units(session, communes)
        tree = self.query_one(UnitTree)
        for committee in report.committees:
            tree.set_status(committee.unit.code, committee.status_label)

    # ---------------------------------------------------------------- showing

    def open_unit(self, code: str, decision_id: int | None = None) -> None:
        """Show a unit's committee: its decision in force, or the decision asked for."""
        try:
            with self.database.session() as session:
                unit = get_unit(session, code)
                if unit.level == Level.PROVINCE:
                    raise UserError(f"{unit.name} là cấp tỉnh; hãy chọn huyện hoặc xã.")
                district = unit.code if unit.level == Level.DISTRICT else unit.parent_code
                self._check_communes([district])  # the tree unfolds it to show the unit
                self.query_one(UnitTree).select_code(unit.code)
                self._load(session, to_ref(unit), decision_id)
        except UserError as error:
            self.notify(error.message, severity="error")

    def _load(self, session, unit: UnitRef, decision_id: int | None, keep: int | None = None):  # type: ignore[no-untyped-def]
        current = current_decision(session, unit.code)
        decisions = list_decisions(session, unit.code)
        drafts = [d for d in decisions if not d.is_issued]
        if decision_id is not None:
            decision = get_decision(session, decision_id)
        else:
            decision = current or (drafts[0] if drafts else None)
        status = check_units(session, [unit]).committees[0]
        self.query_one(UnitTree).set_status(unit.code, status.status_label)
        if decision is not None:
            lines = roster_with_people(session, decision.id)
            if decision.id == status.decision_id:  # the one in force: checked just above
                findings = list(status.findings)
            else:
                findings = check_decision(session, decision.id)
        else:
            lines, findings = [], list(status.findings)
        self.shown = View(
            unit,
            decision,
            current.id if current else None,
            status.status_label,
            len(drafts),
            regulation_of(session, decision) if decision is not None else (None, None),
        )
        self.findings = findings
        self.query_one(RosterTable).show(lines, keep)
        self.query_one(FindingsTable).show(findings)
        self.query_one("#findings-title", Label).update(
            f"Phát hiện ({len(findings)})" if findings else "Phát hiện: không có (Đạt)"
        )
        self._render_header()

    def reload(self, keep: int | None = None) -> None:
        if self.shown is None:
            return
        decision_id = self.shown.decision.id if self.shown.decision else None
        with self.database.session() as session:
            self._load(session, self.shown.unit, decision_id, keep)

    def _render_header(self) -> None:
        view = self.shown
        assert view is not None
        text = Text()
        text.append(view.unit.name, style="bold")
        text.append("  ")
        text.append_text(status_text(view.status_label))
        decision = view.decision
        if decision is None:
            text.append("\nChưa có quyết định nào. Nhấn n để lập quyết định (kiện toàn).")
        else:
            if decision.id == view.current_id:
                state = Text("Đang hiệu lực", style="green")
            elif not decision.is_issued:
                state = Text("DỰ THẢO (sửa được)", style="bold yellow")
            else:
                state = Text("Đã bị thay thế (chỉ xem)", style="dim")
            text.append("\nQĐ ")
            text.append(decision.number, style="bold")
            text.append(f" ngày {_date(decision.signed_on)}, người ký: {decision.signer or '—'} · ")
            text.append_text(state)
            regulation_number, regulation_date = view.regulation
            regulation = (
                f"{regulation_number} ngày {_date(regulation_date)}"
                if regulation_number
                else "(chưa có)"
            )
            text.append(f"\nQuy chế: {regulation}")
            others = view.drafts - (0 if decision.is_issued else 1)
            if others > 0 or (decision.is_issued and view.drafts):
                text.append(f" · có {view.drafts} dự thảo (h: lịch sử)", style="yellow")
        self.query_one("#decision", Static).update(text)

    @on(Tree.NodeHighlighted, "#units")
    def _unit_highlighted(self, event: Tree.NodeHighlighted) -> None:
        code = event.node.data
        if code and (self.shown is None or self.shown.unit.code != code):
            with self.database.session() as session:
                self._load(session, to_ref(get_unit(session, code)), None)

    @on(Tree.NodeExpanded, "#units")
    def _district_unfolded(self, event: Tree.NodeExpanded) -> None:  # type: ignore[type-arg]
        self._check_communes([event.node.data])

    @on(Input.Changed, "#filter")
    def _filter(self, event: Input.Changed) -> None:
        key = fold(event.value)
        if key:
            self._check_communes(self._unfolded_by(key))
        self.query_one(UnitTree).filter(event.value)

    def _unfolded_by(self, key: str) -> list[str]:
        """The district-level units the tree unfolds when filtered by `key` (folded), whose
        communes are not checked yet: those whose name holds it, and those with a commune
        whose name does (UnitTree.rebuild)."""
        if self._folded_names is None:
            self._folded_names = {
                unit.code: fold(unit.name)
                for communes in self._communes.values()
                for unit in communes
            }
            self._folded_names.update((code, fold(name)) for code, name in self._districts.items())
        names = self._folded_names
        return [
            code
            for code in self._districts
            if code not in self._communes_checked
            and (
                key in names[code]
                or any(key in names[unit.code] for unit in self._communes.get(code, ()))
            )
        ]

    @on(Input.Submitted, "#filter")
    def _filter_done(self) -> None:
        self.query_one(UnitTree).focus()

    @on(DataTable.RowSelected, "#findings")
    def _finding_chosen(self, event: DataTable.RowSelected) -> None:
        finding = self.query_one(FindingsTable).current
        if finding is None or finding.position is None:
            self.notify("Phát hiện này không gắn với một thành viên.")
            return
        roster = self.query_one(RosterTable)
        if roster.select_position(finding.position):
            roster.focus()

    @on(DataTable.RowSelected, "#roster")
    def _member_chosen(self) -> None:
        self.action_edit_member()

    # ---------------------------------------------------------------- key context

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        focused = self.focused
        in_roster = isinstance(focused, RosterTable)
        in_findings = isinstance(focused, FindingsTable)
        if action in MEMBER_ACTIONS:
            return in_roster
        if action in FINDING_ACTIONS:
            return in_findings
        if action in UNIT_ACTIONS or action in {"history", "new_decision"}:
            return True  # the committee on screen: wherever the focus is
        if action in {"edit_decision", "issue"}:
            return not in_findings
        return True

    # ---------------------------------------------------------------- helpers

    def _editable(self) -> Decision | None:
        """The draft on screen, or None after telling the clerk why not."""
        if self.shown is None:
            self.notify("Chọn một đơn vị trước.", severity="warning")
            return None
        decision = self.shown.decision
        if decision is None:
            self.notify("Đơn vị chưa có quyết định; nhấn n để lập.", severity="warning")
            return None
        if decision.is_issued:
            self.notify(
                f"Quyết định {decision.number} đã ban hành nên chỉ xem được; "
                "nhấn n để lập quyết định kiện toàn mới.",
                severity="warning",
            )
            return None
        return decision

    def _selected_member(self):  # type: ignore[no-untyped-def]
        current = self.query_one(RosterTable).current
        if current is None:
            self.notify("Danh sách chưa có thành viên; nhấn a để thêm.", severity="warning")
        return current

    # ---------------------------------------------------------------- decision actions

    def action_filter(self) -> None:
        self.query_one("#filter", Input).focus()

    def action_new_decision(self) -> None:
        if self.shown is None:
            self.notify("Chọn một đơn vị trước.", severity="warning")
            return
        unit = self.shown.unit
        has_current = self.shown.current_id is not None
        created: list[Decision] = []

        def save(result: NewDecision) -> None:
            with self.database.transaction() as session:
                decision = create_draft(
                    session, unit.code, result.details, copy_current_roster=result.copy_roster
                )
                created.append(decision)

        def done(result: NewDecision | None) -> None:
            if result is not None and created:
                self.open_unit(unit.code, created[0].id)
                self.notify(f"Đã lập dự thảo {created[0].number}.")
                self.query_one(RosterTable).focus()

        self.app.push_screen(
            NewDecisionForm(f"Kiện toàn: quyết định mới của {unit.name}", has_current, save), done
        )

    def action_edit_decision(self) -> None:
        decision = self._editable()
        if decision is None:
            return
        with self.database.session() as session:
            initial = decision_details(session, decision.id)

        def save(details: DecisionDetails) -> None:
            with self.database.transaction() as session:
                update_details(session, decision.id, details)

        def done(details: DecisionDetails | None) -> None:
            if details is not None:
                self.reload()
                self.notify("Đã lưu thông tin quyết định.")

        self.app.push_screen(DecisionForm("Sửa thông tin quyết định", initial, save), done)

    def action_issue(self) -> None:
        decision = self._editable()
        if decision is None:
            return
        errors = sum(1 for finding in self.findings if finding.severity.value == "error")
        warning = (
            f"\nLưu ý: còn {errors} phát hiện mức lỗi." if errors else "\nKhông còn phát hiện lỗi."
        )

        def done(yes: bool | None) -> None:
            if not yes:
                return
            try:
                with self.database.transaction() as session:
                    issue(session, decision.id)
            except UserError as error:
                self.notify(error.message, severity="error")
                return
            self.reload()
            self.notify(f"Đã ban hành Quyết định {decision.number}.")

        self.app.push_screen(
            ConfirmDialog(
                "Ban hành quyết định",
                f"Ban hành Quyết định {decision.number}? Sau khi ban hành sẽ không sửa được "
                f"và nó thay thế quyết định đang hiệu lực.{warning}",
                "Ban hành",
            ),
            done,
        )

    def action_delete_draft(self) -> None:
        decision = self._editable()
        if decision is None or self.shown is None:
            return
        unit = self.shown.unit

        def done(yes: bool | None) -> None:
            if yes:
                with self.database.transaction() as session:
                    delete_draft(session, decision.id)
                self.shown = None
                self.open_unit(unit.code)
                self.notify(f"Đã xóa dự thảo {decision.number}.")

        self.app.push_screen(
            ConfirmDialog("Xóa dự thảo", f"Xóa dự thảo {decision.number}?", "Xóa"), done
        )

    def action_history(self) -> None:
        if self.shown is None:
            return
        unit = self.shown.unit
        with self.database.session() as session:
            decisions = list_decisions(session, unit.code)
        current = self.shown.current_id
        entries = []
        for decision in decisions:
            state = (
                "đang hiệu lực"
                if decision.id == current
                else ("dự thảo" if not decision.is_issued else "đã bị thay thế")
            )
            entries.append(
                (f"{decision.number}  ngày {_date(decision.signed_on)}  ({state})", decision.id)
            )

        def done(decision_id: int | None) -> None:
            if decision_id is not None:
                self.open_unit(unit.code, decision_id)

        self.app.push_screen(
            ChoiceDialog(f"Các quyết định của {unit.name}", entries, "Chưa có quyết định nào."),
            done,
        )

    # ---------------------------------------------------------------- member actions

    def action_add_member(self) -> None:
        decision = self._editable()
        if decision is None or self.shown is None:
            return
        added: list[int] = []

        def save(member: MemberInput) -> None:
            with self.database.transaction() as session:
                added.append(add_member(session, decision.id, member).id)

        def done(member: MemberInput | None) -> None:
            if member is not None:
                self.reload(keep=added[-1] if added else None)

        taken = [Role(line.role) for line, _ in self.query_one(RosterTable).roster_lines]
        self.app.push_screen(
            MemberForm(
                "Thêm thành viên",
                self.shown.unit,
                MemberInput("", next_role(taken)),
                on_submit=save,
            ),
            done,
        )

    def action_edit_member(self) -> None:
        decision = self._editable()
        selected = self._selected_member() if decision is not None else None
        if decision is None or selected is None or self.shown is None:
            return
        line, _person = selected
        initial = MemberInput(
            line.full_name,
            Role(line.role),
            line.title,
            line.duties,
            line.phone,
            line.note,
            line.post_kind,
            Portfolio(line.portfolio) if line.portfolio != "none" else None,
        )

        def save(member: MemberInput) -> None:
            with self.database.transaction() as session:
                update_member(session, line.id, member)

        def done(member: MemberInput | None) -> None:
            if member is not None:
                self.reload(keep=line.id)

        self.app.push_screen(
            MemberForm(f"Sửa thành viên: {line.full_name}", self.shown.unit, initial, save),
            done,
        )

    def action_remove_member(self) -> None:
        decision = self._editable()
        selected = self._selected_member() if decision is not None else None
        if selected is None:
            return
        line, _person = selected

        def done(yes: bool | None) -> None:
            if yes:
                with self.database.transaction() as session:
                    remove_member(session, line.id)
                self.reload()

        self.app.push_screen(
            ConfirmDialog("Xóa thành viên", f"Xóa {line.full_name} khỏi danh sách?", "Xóa"),
            done,
        )

    def _move(self, step: int) -> None:
        decision = self._editable()
        selected = self._selected_member() if decision is not None else None
        if selected is None:
            return
        line, _person = selected
        with self.database.transaction() as session:
            move_member(session, line.id, max(1, line.position + step))
        self.reload(keep=line.id)

    def action_move_up(self) -> None:
        self._move(-1)

    def action_move_down(self) -> None:
        self._move(1)

    def action_person(self) -> None:
        selected = self.query_one(RosterTable).current
        if selected is not None:
            self.show_person(selected[1].id, selected[0].full_name)

    def show_person(self, person_id: int, name: str) -> None:
        with self.database.session() as session:
            records = memberships_of(session, person_id)
        entries = [
            (
                f"{r.unit_name}: {r.role.label}, {r.title or '—'} · QĐ {r.decision_number} "
                f"ngày {_date(r.signed_on)}{' (dự thảo)' if r.decision_status == 'draft' else ''}",
                (r.unit_code, r.decision_id, r.membership_id),
            )
            for r in records
        ]

        def done(choice: tuple[str, int, int] | None) -> None:
            if choice is not None:
                unit_code, decision_id, membership_id = choice
                self.open_unit(unit_code, decision_id)
                self.query_one(RosterTable).select_membership(membership_id)
                self.query_one(RosterTable).focus()

        self.app.push_screen(
            ChoiceDialog(f"{name}: các quyết định có tên", entries, "Không có."), done
        )

    # ---------------------------------------------------------------- findings, search, help

    def action_explain(self) -> None:
        finding = self.query_one(FindingsTable).current
        if finding is None:
            return
        pack = load_rule_pack()
        self.app.push_screen(
            ExplainDialog(f"Quy tắc {finding.code}", explain(pack.rule(finding.code), pack))
        )

    def search_records(self, query: str) -> list[tuple[str, SearchChoice]]:
        results: list[tuple[str, SearchChoice]] = []
        with self.database.session() as session:
            for person in search_people(session, query, limit=15):
                results.append((f"👤 {person.full_name}", SearchChoice("person", str(person.id))))
            for unit in search_units(session, query, limit=15):
                if unit.level != Level.PROVINCE:
                    results.append((f"🏛 {unit.name}", SearchChoice("unit", unit.code)))
        return results

    def action_search(self) -> None:
        def done(choice: SearchChoice | None) -> None:
            if choice is None:
                return
            if choice.kind == "unit":
                self.open_unit(choice.key)
                return
            with self.database.session() as session:
                from committee.store.models import Person

                person = session.get(Person, int(choice.key))
            if person is not None:
                records = None
                with self.database.session() as session:
                    records = memberships_of(session, person.id)
                if len(records) == 1:
                    self.open_unit(records[0].unit_code, records[0].decision_id)
                    self.query_one(RosterTable).select_membership(records[0].membership_id)
                    self.query_one(RosterTable).focus()
                else:
                    self.show_person(person.id, person.full_name)

        self.app.push_screen(SearchDialog(self.search_records), done)

    def action_help(self) -> None:
        self.app.push_screen(HelpScreen())

    def action_quit(self) -> None:
        self.app.exit()

    # ---------------------------------------------------------------- import, export

    def action_import(self) -> None:
        if self.shown is None:
            self.notify("Chọn đơn vị nhận danh sách trước.", severity="warning")
            return
        unit = self.shown.unit

        def done(stored: bool | None) -> None:
            if stored:
                self.shown = None
                self.open_unit(unit.code)

        self.app.push_screen(ImportScreen(self.database, unit.code, unit.name, Path.cwd()), done)

    def action_export_annex(self) -> None:
        if self.shown is None or self.shown.decision is None:
            self.notify("Đơn vị chưa có quyết định để xuất.", severity="warning")
            return
        decision = self.shown.decision
        number = None if decision.id == self.shown.current_id else decision.number
        self._export("annex", self.shown.unit.code, number, False)

    def action_export_district(self) -> None:
        if self.shown is None:
            self.notify("Chọn một đơn vị trước.", severity="warning")
            return
        unit = self.shown.unit
        district = unit.code if unit.level is Level.DISTRICT else unit.parent_code
        self._export("district", district or unit.code, None, False)

    @work(thread=True, exclusive=True, group="export")
    def _export(self, kind: str, code: str, number: str | None, force: bool) -> None:
        self.app.call_from_thread(self._busy, True)
        try:
            with self.database.session() as session:
                if kind == "annex":
                    from committee.usecases.exports import write_roster_annex

                    path = write_roster_annex(session, code, number, force=force)
                else:
                    from committee.usecases.exports import write_district_workbook

                    path = write_district_workbook(session, code, force=force)
        except ImportError:
            self.app.call_from_thread(self._export_failed, "Chức năng xuất Excel chưa được cài.")
        except FileExistsError as error:
            self.app.call_from_thread(self._ask_overwrite, kind, code, number, str(error))
        except UserError as error:
            if not force and ("force" in error.message.lower() or "đã có" in error.message):
                self.app.call_from_thread(self._ask_overwrite, kind, code, number, error.message)
            else:
                self.app.call_from_thread(self._export_failed, error.message)
        except OSError as error:
            self.app.call_from_thread(self._export_failed, f"{error.strerror}: {error.filename}")
        else:
            self.app.call_from_thread(self._exported, path)

    def _busy(self, value: bool) -> None:
        self.query_one("#right").loading = value

    def _exported(self, path: Path) -> None:
        self._busy(False)
        self.notify(f"Đã ghi {path}", title="Xuất Excel", timeout=10)

    def _export_failed(self, message: str) -> None:
        self._busy(False)
        self.notify(message, title="Không xuất được", severity="error", timeout=10)

    def _ask_overwrite(self, kind: str, code: str, number: str | None, message: str) -> None:
        self._busy(False)

        def done(yes: bool | None) -> None:
            if yes:
                self._export(kind, code, number, True)

        self.app.push_screen(ConfirmDialog("Tệp đã có", f"{message}\nGhi đè?", "Ghi đè"), done)


__all__ = ["MainScreen", "NO_DECISION_LABEL"]
