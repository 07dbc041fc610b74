"""Properties of import + check: the order of rows within a role, and importing the same
file again, change no finding."""

from __future__ import annotations

from collections import Counter
from itertools import count
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from committee.exports.annex import HEADERS
from committee.store.database import Database
from committee.usecases.checking import check_units, select_units
from committee.usecases.importing import ImportOptions, prepare_import, store_import
from committee.usecases.workspace import open_workspace

# A district roster with findings of several kinds: a surplus vice-chair (BCD206), a deputy
# as Ủy viên (BCD302), a post of another district (BCD303), a person twice (BCD304),
# missing duties (BCD401), an unrecognised post (BCD501) and no Quy chế (BCD402).
ROWS = [
    ("Hồ Văn Minh", "Chủ tịch UBND huyện Thanh Hà", "Trưởng ban", "Chỉ đạo chung"),
    ("Khúc Thị Dung", "Phó Chủ tịch UBND huyện", "Phó Trưởng ban Thứ nhất", "Văn hóa - xã hội"),
    ("Giang Văn Hiếu", "Trưởng Công an huyện", "Phó Trưởng ban Thường trực", "Thường trực"),
    ("Lò Thị Ngọc", "Trưởng phòng Y tế", "Phó Trưởng ban", "Phòng, chống HIV/AIDS"),
    ("Nông Văn Tùng", "Trưởng phòng LĐ-TB&XH", "Phó Trưởng ban", "Cai nghiện"),
    ("Ma Văn Kiên", "Chủ tịch UBMTTQ huyện", "Phó Trưởng ban", "Vận động nhân dân"),
    ("Triệu Văn Phong", "Phó Trưởng CA huyện phụ trách Cảnh sát", "Phó Trưởng ban", "Trấn áp"),
    ("La Thị Vân", "Phó Trưởng CA huyện phụ trách phong trào", "Phó Trưởng ban", "Phong trào"),
    ("Đinh Văn Thừa", "Trưởng phòng Nội vụ", "Phó Trưởng ban", "Tổ chức"),
    ("Thái Văn An", "Viện trưởng VKSND huyện", "Ủy viên", "Kiểm sát"),
    ("Mạc Thị Hương", "Phó Trưởng phòng Văn hóa và Thông tin", "Ủy viên", "Văn hóa"),
    ("Phùng Văn Lực", "Chánh án TAND huyện Cẩm Giàng", "Ủy viên", "Xét xử"),
    ("Thái Văn An", "Viện trưởng VKSND huyện", "Ủy viên", "Kiểm sát"),
    ("Kiều Thị Mai", "Chủ tịch Hội LHPN huyện", "Ủy viên", ""),
    ("Tạ Văn Bình", "Thủ quỹ hợp tác xã", "Ủy viên", "Quỹ"),
]
ROLE_ORDER = [
    "Trưởng ban",
    "Phó Trưởng ban Thứ nhất",
    "Phó Trưởng ban Thường trực",
    "Phó Trưởng ban",
    "Ủy viên",
]


_NUMBERS = count(77)  # each roster written is a decision of its own (a unit holds one
# decision per number and date); importing the same file again records nothing new.


def _write(rows: list[tuple[str, str, str, str]], path: Path) -> Path:
    workbook = Workbook()
    sheet = workbook.active
    number = next(_NUMBERS)
    sheet.append(
        [f"(Kèm theo Quyết định số {number}/QĐ-UBND ngày 12/6/2023 của UBND huyện Thanh Hà)"]
    )
    sheet.append(list(HEADERS))
    for number, (name, title, role, duties) in enumerate(rows, start=1):
        sheet.append([number, name, title, role, duties, ""])
    workbook.save(path)
    return path


def _findings(database: Database, path: Path) -> Counter[tuple[str, str | None]]:
    with database.transaction() as session:
        store_import(session, prepare_import(session, path, ImportOptions("294")))
    with database.session() as session:
        report = check_units(session, select_units(session, ["294"]))
    return Counter((f.code, f.member) for f in report.committees[0].findings)


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """A database (shared by the examples) and the findings of the roster as written."""
    folder = tmp_path_factory.mktemp("properties")
    database = open_workspace(str(folder / "props.sqlite"))
    baseline = _findings(database, _write(ROWS, folder / "baseline.xlsx"))
    yield database, folder, baseline
    database.dispose()


def test_the_baseline_roster_breaks_the_rules_it_was_built_to_break(imported) -> None:  # type: ignore[no-untyped-def]
    codes = {code for code, _ in imported[2]}
    assert codes == {"BCD206", "BCD302", "BCD303", "BCD304", "BCD401", "BCD402", "BCD501"}


@st.composite
def reordered_within_roles(draw: st.DrawFn) -> list[tuple[str, str, str, str]]:
    rows: list[tuple[str, str, str, str]] = []
    for role in ROLE_ORDER:
        rows += draw(st.permutations([row for row in ROWS if row[2] == role]))
    return rows


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(rows=reordered_within_roles(), repeats=st.integers(min_value=1, max_value=2))
def test_order_within_a_role_and_reimporting_change_no_finding(
    imported,
    rows: list[tuple[str, str, str, str]],
    repeats: int,  # type: ignore[no-untyped-def]
) -> None:
    database, folder, baseline = imported
    path = _write(rows, folder / "shuffled.xlsx")
    for _ in range(repeats):
        assert _findings(database, path) == baseline
