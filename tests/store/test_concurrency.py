"""Two clerks at once (issue 10, point 7): the races, in a loop, on SQLite and on a
throwaway PostgreSQL, each clerk a thread with its own engine and connection.

Every round of every race ends with one decision in force per unit, no decision
superseded twice, no two roster lines at one position, no lost update (a write based on
an older reading is refused) and no issued decision changed. Every outcome is a success
or a clerk's error (committee.domain.errors.UserError), never a driver's exception.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select, text

from committee.domain.errors import ReadOnlyDecision, StaleRecord, UserError
from committee.domain.vocabulary import Role
from committee.store.database import Database, open_database
from committee.store.models import AdminUnit, Decision, Membership
from committee.usecases.decisions import (
    DecisionDetails,
    MemberInput,
    add_member,
    create_draft,
    get_decision,
    issue,
    roster,
    update_details,
)
from committee.usecases.importing import ImportOptions, prepare_import, store_import
from committee.usecases.workspace import open_workspace

from ..cli.test_cli import run
from ..postgres_server import postgres_url, why_unavailable

ROUNDS = 6
NAMES = ("Thành Viên Một", "Thành Viên Hai", "Thành Viên Ba")
SIGNED = date(2023, 6, 12)


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    if request.param == "sqlite":
        chosen = f"sqlite:///{tmp_path_factory.mktemp('races') / 'races.sqlite'}"
        open_workspace(chosen).dispose()
        yield chosen
        return
    if why_unavailable() is not None:
        pytest.skip(str(why_unavailable()))
    with postgres_url() as server:
        open_workspace(server).dispose()
        yield server


@pytest.fixture(scope="module")
def communes(url: str) -> Iterator[str]:
    """A fresh commune for each round of each race."""
    database = open_database(url)
    with database.session() as session:
        codes = session.scalars(
            select(AdminUnit.code).where(AdminUnit.level == "commune").order_by(AdminUnit.code)
        ).all()
    database.dispose()
    return iter(codes)


@pytest.fixture(scope="module")
def rosters(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """Two rosters of a commune's committee: two decisions signed the same day."""
    folder = tmp_path_factory.mktemp("rosters")
    paths = []
    for number in (101, 102):
        workbook = Workbook()
        sheet = workbook.active
        sheet.append([f"(Kèm theo Quyết định số {number}/QĐ-UBND ngày 12/6/2023 của UBND xã)"])
        sheet.append(["STT", "Họ và tên", "Chức vụ", "Chức danh trong Ban Chỉ đạo", "Nhiệm vụ"])
        chair = "Người Thứ Nhất" if number == 101 else "Người Thứ Hai"
        sheet.append([1, chair, "Chủ tịch UBND xã", "Trưởng ban", "Chung"])
        sheet.append([2, "Bùi Văn Chung", "Trưởng Công an xã", "Phó Trưởng ban Thường trực", "TT"])
        path = folder / f"roster-{number}.xlsx"
        workbook.save(path)
        paths.append(path)
    return paths


Clerk = Callable[[Database, threading.Barrier], Any]


def race(url: str, *clerks: Clerk) -> list[Any]:
    """Run the clerks at once, each in its thread with its own database engine; each reads,
    waits for the others at the barrier, then writes. Returns each one's result or the
    UserError it got; any other exception fails the test."""
    barrier = threading.Barrier(len(clerks), timeout=60)
    results: list[Any] = [None] * len(clerks)
    failures: list[BaseException] = []

    def work(index: int, clerk: Clerk) -> None:
        database = open_database(url)
        try:
            results[index] = clerk(database, barrier)
        except UserError as error:
            results[index] = error
        except BaseException as error:  # reported below, with its traceback
            failures.append(error)
            barrier.abort()
        finally:
            database.dispose()

    threads = [
        threading.Thread(target=work, args=(index, clerk)) for index, clerk in enumerate(clerks)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    if failures:
        raise failures[0]
    return results


def _setup(url: str, action: Callable[[Any], Any]) -> Any:
    database = open_database(url)
    try:
        with database.transaction() as session:
            return action(session)
    finally:
        database.dispose()


def _draft(url: str, unit: str, number: str = "1/QĐ-UBND", members: int = 1) -> int:
    def make(session) -> int:  # type: ignore[no-untyped-def]
        draft = create_draft(session, unit, DecisionDetails(number, SIGNED))
        for index in range(members):
            add_member(session, draft.id, MemberInput(NAMES[index], Role.MEMBER))
        return draft.id

    return _setup(url, make)


def _state(url: str, unit: str) -> dict[str, Any]:
    """The unit's decisions and rosters as stored, and the whole database's invariants."""
    database = open_database(url)
    try:
        with database.session() as session:
            decisions = session.scalars(
                select(Decision).where(Decision.unit_code == unit).order_by(Decision.id)
            ).all()
            state = {
                "in_force": [d.id for d in decisions if d.in_force],
                "decisions": {
                    d.id: (d.number, d.status, d.supersedes_id, d.version) for d in decisions
                },
                "rosters": {
                    d.id: [(m.position, m.full_name) for m in roster(session, d.id)]
                    for d in decisions
                },
            }
            superseded_twice = session.execute(
                select(Decision.supersedes_id)
                .where(Decision.supersedes_id.is_not(None))
                .group_by(Decision.supersedes_id)
                .having(func.count() > 1)
            ).all()
            shared_positions = session.execute(
                select(Membership.decision_id, Membership.position)
                .group_by(Membership.decision_id, Membership.position)
                .having(func.count() > 1)
            ).all()
            two_in_force = session.execute(
                text(
                    "SELECT unit_code FROM decision WHERE in_force "
                    "GROUP BY unit_code HAVING count(*) > 1"
                )
            ).all()
    finally:
        database.dispose()
    assert (superseded_twice, shared_positions, two_in_force) == ([], [], [])
    for lines in state["rosters"].values():
        assert [position for position, _ in lines] == list(range(1, len(lines) + 1))
    return state


def _version(database: Database, decision_id: int) -> int:
    with database.session() as session:
        return get_decision(session, decision_id).version


def test_two_imports_for_one_unit_at_once_keep_one_chain(
    url: str, communes: Iterator[str], rosters: list[Path]
) -> None:
    for _ in range(ROUNDS):
        unit = next(communes)

        def importer(path: Path, unit: str = unit) -> Clerk:
            def clerk(database: Database, barrier: threading.Barrier) -> int:
                with database.session() as session:
                    preview = prepare_import(session, path, ImportOptions(unit))
                barrier.wait()
                with database.transaction() as session:
                    return store_import(session, preview).id

            return clerk

        first, second = race(url, importer(rosters[0]), importer(rosters[1]))
        state = _state(url, unit)
        assert {first, second} == set(state["decisions"])
        (current,) = state["in_force"]
        other = first if current == second else second
        assert state["decisions"][current][2] == other  # the later supersedes the earlier
        assert state["decisions"][other][2] is None


def test_two_sessions_editing_a_drafts_number_refuse_the_stale_one(
    url: str, communes: Iterator[str]
) -> None:
    for _ in range(ROUNDS):
        unit = next(communes)
        draft = _draft(url, unit)

        results = race(url, _editor(draft, "2/QĐ-UBND"), _editor(draft, "3/QĐ-UBND"))
        saved = [result for result in results if isinstance(result, str)]
        refused = [result for result in results if isinstance(result, StaleRecord)]
        assert len(saved) == 1 and len(refused) == 1, results
        assert "vừa được" in refused[0].message and refused[0].updated_at is not None
        assert _state(url, unit)["decisions"][draft][0] == saved[0]


def _editor(draft: int, number: str) -> Clerk:
    """A clerk who opens the draft's form, then saves a new number."""

    def clerk(database: Database, barrier: threading.Barrier) -> str:
        seen = _version(database, draft)  # the form is opened
        barrier.wait()
        with database.transaction() as session:
            details = DecisionDetails(number, SIGNED)
            return update_details(session, draft, details, expected_version=seen).number

    return clerk


def _adder(draft: int, member: MemberInput) -> Clerk:
    def clerk(database: Database, barrier: threading.Barrier) -> int:
        barrier.wait()
        with database.transaction() as session:
            return add_member(session, draft, member).id

    return clerk


def _issuer(draft: int, with_version: bool) -> Clerk:
    def clerk(database: Database, barrier: threading.Barrier) -> tuple[Any, ...]:
        seen = _version(database, draft) if with_version else None
        barrier.wait()
        with database.transaction() as session:
            issued = issue(session, draft, expected_version=seen)
            lines = [(m.position, m.full_name) for m in roster(session, draft)]
            return (issued.number, issued.status, issued.supersedes_id, issued.version), lines

    return clerk


def _issued_unchanged(state: dict[str, Any], draft: int, at_issue: tuple[Any, ...]) -> None:
    decision, lines = at_issue
    assert state["decisions"][draft] == decision
    assert state["rosters"][draft] == lines


def test_editing_a_draft_while_it_is_issued_changes_no_issued_decision(
    url: str, communes: Iterator[str]
) -> None:
    for _ in range(ROUNDS):
        unit = next(communes)
        draft = _draft(url, unit)

        at_issue, edited = race(url, _issuer(draft, with_version=True), _editor(draft, "9/QĐ-UBND"))
        state = _state(url, unit)
        if isinstance(at_issue, UserError):  # the edit came first: the issue was stale
            assert isinstance(at_issue, StaleRecord) and edited == "9/QĐ-UBND"
            assert state["decisions"][draft][1] == "draft"
        else:
            assert isinstance(edited, ReadOnlyDecision | StaleRecord), edited
            _issued_unchanged(state, draft, at_issue)


def test_adding_a_member_while_a_draft_is_issued_adds_none_to_the_issued_one(
    url: str, communes: Iterator[str]
) -> None:
    for _ in range(ROUNDS):
        unit = next(communes)
        draft = _draft(url, unit)

        adder = _adder(draft, MemberInput("Người Thêm", Role.MEMBER))
        at_issue, added = race(url, _issuer(draft, with_version=False), adder)
        assert not isinstance(at_issue, UserError), at_issue
        state = _state(url, unit)
        _issued_unchanged(state, draft, at_issue)
        if isinstance(added, UserError):
            assert isinstance(added, ReadOnlyDecision)
            assert len(state["rosters"][draft]) == 1
        else:
            assert len(state["rosters"][draft]) == 2


def test_two_issues_for_one_unit_leave_one_decision_in_force(
    url: str, communes: Iterator[str]
) -> None:
    for _ in range(ROUNDS):
        unit = next(communes)
        drafts = [_draft(url, unit, f"{number}/QĐ-UBND") for number in (11, 12)]
        results = race(url, *(_issuer(draft, with_version=False) for draft in drafts))
        assert not any(isinstance(result, UserError) for result in results), results
        state = _state(url, unit)
        (current,) = state["in_force"]
        (other,) = [draft for draft in drafts if draft != current]
        assert state["decisions"][current][2] == other
        for draft, at_issue in zip(drafts, results, strict=True):
            if draft == current:
                _issued_unchanged(state, draft, at_issue)


def test_two_members_added_at_once_take_two_positions(url: str, communes: Iterator[str]) -> None:
    for _ in range(ROUNDS):
        unit = next(communes)
        draft = _draft(url, unit, members=2)

        results = race(
            url,
            _adder(draft, MemberInput("Trưởng Ban Một", Role.CHAIR)),
            _adder(draft, MemberInput("Trưởng Ban Hai", Role.CHAIR)),
        )
        assert not any(isinstance(result, UserError) for result in results), results
        lines = _state(url, unit)["rosters"][draft]
        assert [position for position, _ in lines] == [1, 2, 3, 4]
        assert {name for _, name in lines[:2]} == {"Trưởng Ban Một", "Trưởng Ban Hai"}


def test_a_locked_sqlite_database_makes_a_command_wait_then_say_so(tmp_path: Path) -> None:
    """Another program holds the write lock: the command waits a bounded time, then says
    so in one line, and writes nothing."""
    db = tmp_path / "locked.sqlite"
    assert run("init", db=db).returncode == 0
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        result = run(
            "regulation", "--unit", "294", "--number", "01/QĐ-BCĐ", "--signed-on", "1/7/2023", db=db
        )
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "đang bị một phiên làm việc khác giữ để ghi" in lines[0], result.stderr
    assert "Traceback" not in result.stderr


def test_reading_commands_do_not_wait_for_a_writer(tmp_path: Path) -> None:
    db = tmp_path / "busy.sqlite"
    assert run("init", db=db).returncode == 0
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        checked = run("check", "--unit", "294", db=db)
        listed = run("units", "--district", "294", db=db)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert checked.returncode == 1 and "chưa có quyết định" in checked.stdout, checked.stderr
    assert listed.returncode == 0, listed.stderr
