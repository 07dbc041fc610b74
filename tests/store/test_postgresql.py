"""The same core on PostgreSQL: migrations, units, import, check, search, history."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from sqlalchemy import create_engine, text

from committee.domain.errors import NotADatabase
from committee.domain.vocabulary import Role
from committee.store.database import Database
from committee.usecases.checking import check_units, select_units
from committee.usecases.decisions import (
    DecisionDetails,
    MemberInput,
    add_member,
    create_draft,
    current_decision,
    issue,
    list_decisions,
    roster,
)
from committee.usecases.importing import ImportOptions, prepare_import, store_import
from committee.usecases.people import memberships_of, search_people
from committee.usecases.units import list_units, search_units
from committee.usecases.workspace import open_workspace

from ..conftest import EXAMPLES
from ..postgres_server import postgres_url, why_unavailable

pytestmark = pytest.mark.skipif(why_unavailable() is not None, reason=str(why_unavailable()))


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    with postgres_url() as url:
        yield url


@pytest.fixture(scope="module")
def database(server: str) -> Iterator[Database]:
    database = open_workspace(server)
    yield database
    database.dispose()


def test_a_new_postgresql_database_is_migrated_and_holds_hai_duong(database: Database) -> None:
    with database.session() as session:
        assert len(list_units(session, "297")) == 14
        assert [unit.code for unit in search_units(session, "yet kieu")] == ["11020"]
    again = open_workspace(database.url)  # reopening changes nothing
    with again.session() as session:
        assert len(list_units(session)) == 220
    again.dispose()


def test_import_and_check_give_the_same_findings_as_on_sqlite(database: Database) -> None:
    options = ImportOptions("294", regulation_number="01/QĐ-BCĐ", regulation_date=date(2023, 6, 20))
    with database.transaction() as session:
        store_import(
            session, prepare_import(session, EXAMPLES / "roster-district-columns.xlsx", options)
        )
        store_import(
            session,
            prepare_import(
                session, EXAMPLES / "roster-commune-sections.xlsx", ImportOptions("10813")
            ),
        )
    with database.session() as session:
        report = check_units(session, select_units(session, ["294", "10813", "10816"]))
    findings = {c.unit.code: [f.code for f in c.findings] for c in report.committees}
    assert findings["294"] == []
    assert findings["10816"] == ["BCD404"]
    assert set(findings["10813"]) == {"BCD205", "BCD402"}


def test_decisions_history_and_diacritic_free_search(database: Database) -> None:
    with database.transaction() as session:
        first = create_draft(session, "297", DecisionDetails("100/QĐ-UBND", date(2023, 6, 1)))
        add_member(session, first.id, MemberInput("Nguyễn Văn Hùng", Role.CHAIR, "CT UBND huyện"))
        issue(session, first.id)
        second = create_draft(
            session, "297", DecisionDetails("200/QĐ-UBND", None), copy_current_roster=True
        )
    with database.session() as session:
        assert current_decision(session, "297").id == first.id
        assert [d.number for d in list_decisions(session, "297")] == ["100/QĐ-UBND", "200/QĐ-UBND"]
        people = search_people(session, "nguyen van hung")
        assert [p.full_name for p in people] == ["Nguyễn Văn Hùng"]
        history = memberships_of(session, people[0].id)
        assert {h.decision_id for h in history} == {first.id, second.id}


def test_another_applications_postgresql_database_is_refused(server: str) -> None:
    engine = create_engine(server.replace("/postgres?", "/template1?"))
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE IF NOT EXISTS invoices (id int)"))
    engine.dispose()
    with pytest.raises(NotADatabase, match="invoices"):
        open_workspace(server.replace("/postgres?", "/template1?"))


def test_a_value_too_long_for_its_column_is_refused_as_on_sqlite(database: Database) -> None:
    """PostgreSQL enforces column sizes, SQLite does not: the use-cases check every length
    first, so both refuse the same input with the same message, and nothing is written."""
    from committee.domain.errors import InvalidInput

    with database.transaction() as session:
        draft = create_draft(session, "11020", DecisionDetails("77/QĐ-UBND", date(2023, 6, 1)))
    too_long = [
        (MemberInput("Lê Văn Dài", Role.MEMBER, "x" * 301), "quá giới hạn 300 ký tự"),
        (MemberInput("Lê Văn" + " Dài" * 30, Role.MEMBER), "quá giới hạn 120 ký tự"),
    ]
    for member, message in too_long:
        with pytest.raises(InvalidInput, match=message), database.transaction() as session:
            add_member(session, draft.id, member)
    with database.session() as session:
        assert roster(session, draft.id) == []
