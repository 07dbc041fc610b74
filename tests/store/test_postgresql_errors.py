"""Issue 10.4 and 10.8 on a throwaway PostgreSQL server: refused logins and missing
databases are named without their password, a NUL byte in a value is one clear error, and
a database from a newer bcd138 is refused without a change."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import create_engine, text

from committee.domain.errors import NewerDatabase, UnstorableValue
from committee.store.database import HEAD_REVISION
from committee.store.models import Person
from committee.usecases.workspace import open_workspace

from ..hostile import assert_refused, run_cli
from ..postgres_server import postgres_url, why_unavailable

pytestmark = pytest.mark.skipif(why_unavailable() is not None, reason=str(why_unavailable()))


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    with postgres_url() as url:
        yield url


def _database_url(server: str, name: str) -> str:
    engine = create_engine(server, isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        connection.execute(text(f"DROP DATABASE IF EXISTS {name}"))
        connection.execute(text(f"CREATE DATABASE {name}"))
    engine.dispose()
    return server.replace("/postgres?", f"/{name}?")


def test_a_refused_login_is_named_without_its_password(server: str) -> None:
    url = server.replace("bcd138@", "intruder:secretpw@")
    line = assert_refused(
        run_cli("units", db=url),
        "postgresql+psycopg://intruder:***@",
        "không đăng nhập được",
        "mật khẩu",
    )
    assert "secretpw" not in line and "FATAL" not in line


def test_a_database_the_server_does_not_have_is_named(server: str) -> None:
    url = server.replace("bcd138@", "bcd138:secretpw@").replace("/postgres?", "/absent?")
    line = assert_refused(run_cli("init", db=url), "bcd138:***@", "tên cơ sở dữ liệu")
    assert "secretpw" not in line and "does not exist" not in line


def test_a_nul_byte_in_a_value_is_one_clear_error_and_nothing_is_stored(server: str) -> None:
    database = open_workspace(_database_url(server, "nul_bytes"))
    with (
        pytest.raises(UnstorableValue, match=r"ký tự NUL \(\\x00\)"),
        database.transaction() as session,
    ):
        session.add(Person(full_name="Nguyễn\x00Văn Hùng", search_key="nguyen van hung"))
        session.flush()
    with database.session() as session:
        stored = session.execute(text("SELECT count(*) FROM person")).scalar()
    database.dispose()
    assert stored == 0


def test_a_database_from_a_newer_bcd138_is_refused_unchanged(server: str) -> None:
    url = _database_url(server, "newer")
    open_workspace(url).dispose()
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '0099'"))
    assert_refused(run_cli("units", db=url), "phiên bản bcd138 mới hơn", "«0099»")
    with pytest.raises(NewerDatabase):
        open_workspace(url)
    with engine.connect() as connection:
        assert connection.execute(text("SELECT version_num FROM alembic_version")).all() == [
            ("0099",)
        ]
    engine.dispose()


def test_doctor_on_postgresql(server: str) -> None:
    url = _database_url(server, "doctor")
    open_workspace(url).dispose()
    doctor = run_cli("doctor", db=url)
    assert doctor.returncode == 0, doctor.stdout
    assert "[đạt] Kết nối: máy chủ trả lời" in doctor.stdout
    assert f"[đạt] Lược đồ: của bcd138, lược đồ {HEAD_REVISION}" in doctor.stdout


def test_init_names_the_server_without_its_password(server: str) -> None:
    url = _database_url(server, "named").replace("bcd138@", "bcd138:secretpw@")
    result = run_cli("init", db=url)  # the test server trusts its socket: any password works
    assert result.returncode == 0, result.stderr
    assert "bcd138:***@" in result.stdout
    assert "secretpw" not in result.stdout + result.stderr
