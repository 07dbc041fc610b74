"""The bulk check's quick read (rows straight from the driver) on PostgreSQL: the generated
province checks the same there as on SQLite."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from benchmarks import dataset
from committee.cli.reports import check_output
from committee.store.database import driver_rows, open_database
from committee.usecases.checking import check_units, rosters_in_force, select_units

from ..postgres_server import postgres_url, why_unavailable

pytestmark = pytest.mark.skipif(why_unavailable() is not None, reason=str(why_unavailable()))


def test_the_generated_province_checks_the_same_on_postgresql(tmp_path: Path) -> None:
    data = dataset.generate("province")
    sqlite, _ = dataset.build_database(tmp_path / "p.sqlite")
    with sqlite.session() as session:
        expected = check_units(session, select_units(session))
        _, expected_text = check_output(session, as_json=True)
    sqlite.dispose()
    with postgres_url() as url:
        database = open_database(url)
        dataset.write_rows(database.engine, dataset.prepared_for_core(data))
        with database.session() as session:
            report = check_units(session, select_units(session))
            district = check_units(session, select_units(session, district="297"))
            _, text = check_output(session, as_json=True)
        database.dispose()
    assert report == expected
    assert text == expected_text
    assert district.committees == tuple(
        c for c in expected.committees if c.unit.code == "297" or c.unit.parent_code == "297"
    )


def test_the_bulk_read_streams_from_the_server_a_batch_at_a_time(tmp_path: Path) -> None:
    # The server holds the result (a server-side cursor, listed in pg_cursors) and sends a
    # batch per fetch: the client never receives the whole of it at once.
    data = dataset.generate("province")
    with postgres_url() as url:
        database = open_database(url)
        dataset.write_rows(database.engine, dataset.prepared_for_core(data))
        with database.session() as session:
            total = session.scalar(select(func.count()).select_from(rosters_in_force().subquery()))
            batches = driver_rows(session, rosters_in_force(), batch=100)
            first = next(batches)
            cursors = session.scalar(text("SELECT count(*) FROM pg_cursors"))
            rest = sum(len(batch) for batch in batches)
            after = session.scalar(text("SELECT count(*) FROM pg_cursors"))
        database.dispose()
    assert len(first) == 100
    assert cursors == 1
    assert after == 0
    assert len(first) + rest == total > 1000
