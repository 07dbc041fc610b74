"""Rosters shaped as clerks' files are (issue 12): post and unit in two columns, merged cells,
two-row headers, totals and repeated headers, the decision date in a cell of its own, the
role written in the title cell, text typed in TCVN3 or VNI. Each shape is built here in
.xlsx, .xls and .ods, with its words, column order and position varied, read back, and for
some imported and checked through the real `bcd138` command on a fresh database."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path

import pytest
from viparse.normalize.tcvn3 import TCVN3
from viparse.normalize.vni import VNI

from committee.catalogue.admin_units import province_units
from committee.catalogue.titles import recognise_title
from committee.catalogue.unit_index import UnitIndex
from committee.domain.vocabulary import Role
from committee.rosters.roster_reader import ParsedRoster, RoleSource, RosterError, read_roster
from tests.roster_files import SHAPED_WRITERS, Cell, typed_in

THANH_HA = "294"  # huyện Thanh Hà
THANH_HA_TOWN = "10813"  # thị trấn Thanh Hà
INDEX = UnitIndex(province_units("30"))
DECISION = "(Kèm theo Quyết định số 1234/QĐ-UBND ngày 20/6/2023 của UBND huyện Thanh Hà)"

Row = list[Cell]


@pytest.fixture(params=sorted(SHAPED_WRITERS))
def write(request: pytest.FixtureRequest, tmp_path: Path) -> Callable[..., Path]:
    """write(rows, merges=(), font=None): a roster file in the parametrised format."""
    suffix = request.param

    def _write(rows: Sequence[Sequence[Cell]], merges: Sequence[str] = (), **kwargs) -> Path:
        path = tmp_path / f"roster-{len(list(tmp_path.iterdir()))}.{suffix}"
        return SHAPED_WRITERS[suffix](path, rows, merges, **kwargs)

    return _write


def top(*lines: str, indent: int = 0) -> list[Row]:
    """The title block and decision line above a table, `indent` columns in."""
    pad: Row = [""] * indent
    return [
        [*pad, "ỦY BAN NHÂN DÂN", "", "", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"],
        [*pad, "HUYỆN THANH HÀ", "", "", "Độc lập - Tự do - Hạnh phúc"],
        [*pad, "DANH SÁCH"],
        [*pad, "Thành viên Ban Chỉ đạo 138 huyện Thanh Hà"],
        *[[*pad, line] for line in lines or (DECISION,)],
        [],
    ]


def titles(roster: ParsedRoster) -> list[str]:
    return [row.title for row in roster.rows]


def roles(roster: ParsedRoster) -> list[Role]:
    return [row.role for row in roster.rows]


def posts(roster: ParsedRoster, committee: str = THANH_HA) -> list[str | None]:
    unit = INDEX.get(committee)
    assert unit is not None
    return [recognise_title(row.title, unit, INDEX).post_kind for row in roster.rows]


# A compliant district committee (II.23.b), as (post, unit, role) written in two columns.
DISTRICT_TWO_COLUMNS = [
    ("Chủ tịch", "UBND huyện", "Trưởng ban", "ubnd_chair"),
    ("Phó Chủ tịch", "UBND huyện", "Phó Trưởng ban Thứ nhất", "ubnd_vice_chair"),
    ("Trưởng", "Công an huyện", "Phó Trưởng ban Thường trực", "police_chief"),
    ("Trưởng phòng", "Phòng Y tế", "Phó Trưởng ban", "health_office_head"),
    ("Trưởng phòng", "Phòng Lao động - Thương binh và Xã hội", "Phó Trưởng ban", "labour_head"),
    ("Chủ tịch", "Ủy ban MTTQ Việt Nam huyện", "Phó Trưởng ban", "mttq_chair"),
    ("Phó Trưởng, phụ trách Cảnh sát", "Công an huyện", "Phó Trưởng ban", "police_deputy"),
    ("Phó Trưởng, phụ trách phong trào", "Công an huyện", "Phó Trưởng ban", "police_deputy"),
    ("Phó Trưởng phòng", "Phòng Tư pháp", "Ủy viên", "justice_deputy"),
    ("Giám đốc", "Trung tâm Y tế huyện", "Ủy viên", "health_center_director"),
    ("Chánh Văn phòng", "Văn phòng HĐND và UBND huyện", "Ủy viên", "office_head"),
    ("Chỉ huy trưởng", "Ban CHQS huyện", "Ủy viên", "military_commander"),
]
NAMES = [
    "Lê Văn An",
    "Trần Thị Bình",
    "Phạm Văn Cường",
    "Nguyễn Thị Dung",
    "Hoàng Văn Em",
    "Vũ Thị Giang",
    "Đỗ Văn Hải",
    "Bùi Thị Khánh",
    "Đặng Văn Long",
    "Ngô Thị Mai",
    "Dương Văn Nam",
    "Lý Thị Oanh",
]


# --- the real command on a fresh database ----------------------------------------------------


def bcd138(*args: str, db: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "committee.cli.app", "--db", str(db), *args],
        capture_output=True,
        text=True,
        timeout=120,
    )


def imported_and_checked(path: Path, unit: str, tmp_path: Path) -> tuple[str, list[str], str]:
    """`bcd138 import` then `bcd138 check` on a new database: the import's output, the
    codes found and the committee's status."""
    db = tmp_path / f"{path.stem}-{path.suffix[1:]}.sqlite"
    assert bcd138("init", db=db).returncode == 0
    regulation = ("--regulation-number", "01/QĐ-BCĐ", "--regulation-date", "28/6/2023")
    result = bcd138("import", str(path), "--unit", unit, *regulation, db=db)
    assert result.returncode == 0, result.stderr
    check = bcd138("check", "--unit", unit, "--format", "json", db=db)
    committee = json.loads(check.stdout)["committees"][0]
    return result.stdout, [f["code"] for f in committee["findings"]], committee["status"]


# --- point 2: post and unit in two columns ---------------------------------------------------


@pytest.mark.parametrize("unit_first", [False, True], ids=["post-unit", "unit-post"])
def test_post_and_unit_columns_make_one_title_without_the_agency_word_twice(
    write, unit_first: bool, tmp_path: Path
) -> None:
    header: Row = ["STT", "Họ và tên", "Chức vụ", "Đơn vị công tác", "Chức danh", "Nhiệm vụ"]
    members: list[Row] = [
        [n, name, post, unit, role, "Theo Quy chế"]
        for n, (name, (post, unit, role, _)) in enumerate(
            zip(NAMES, DISTRICT_TWO_COLUMNS, strict=True), start=1
        )
    ]
    if unit_first:  # the unit column before the post column, the table further right
        header = ["", header[0], header[1], header[3], header[2], *header[4:]]
        members = [["", m[0], m[1], m[3], m[2], *m[4:]] for m in members]
    path = write([*top(indent=1 if unit_first else 0), header, *members])
    roster = read_roster(path)

    assert titles(roster)[:5] == [
        "Chủ tịch UBND huyện",
        "Phó Chủ tịch UBND huyện",
        "Trưởng Công an huyện",
        "Trưởng phòng Y tế",
        "Trưởng phòng Lao động - Thương binh và Xã hội",
    ]
    assert titles(roster)[8] == "Phó Trưởng phòng Tư pháp"
    assert titles(roster)[10] == "Chánh Văn phòng HĐND và UBND huyện"
    assert posts(roster) == [post for *_, post in DISTRICT_TWO_COLUMNS]
    post_column, unit_column = ("E", "D") if unit_first else ("C", "D")
    assert roster.rows[0].title_columns == (post_column, unit_column)
    if unit_first and path.suffix == ".xlsx":
        # Every seat recognised; the one finding is the deputy sitting as an Ủy viên.
        output, codes, status = imported_and_checked(path, THANH_HA, tmp_path)
        assert (codes, status) == (["BCD302"], "warning"), output


@pytest.mark.parametrize(
    ("post", "unit", "title", "post_key", "committee"),
    [
        (
            "Phó Trưởng phòng",
            "Phòng Tư pháp",
            "Phó Trưởng phòng Tư pháp",
            "justice_deputy",
            THANH_HA,
        ),
        (
            "Chủ tịch",
            "UBND thị trấn Thanh Hà",
            "Chủ tịch UBND thị trấn Thanh Hà",
            "ubnd_chair",
            THANH_HA_TOWN,
        ),
        ("Trưởng", "Công an huyện", "Trưởng Công an huyện", "police_chief", THANH_HA),
        (
            "Giám đốc",
            "Trung tâm Y tế",
            "Giám đốc Trung tâm Y tế",
            "health_center_director",
            THANH_HA,
        ),
        (
            "Hiệu trưởng",
            "Trường THCS Thanh Hà",
            "Hiệu trưởng Trường THCS Thanh Hà",
            "school_principal",
            THANH_HA_TOWN,
        ),
        (
            "Chỉ huy trưởng",
            "Ban CHQS thị trấn",
            "Chỉ huy trưởng Ban CHQS thị trấn",
            "military_commander",
            THANH_HA_TOWN,
        ),
        ("Trưởng phòng Y tế", "Phòng Y tế", "Trưởng phòng Y tế", "health_office_head", THANH_HA),
        ("Chủ tịch", "Chủ tịch UBND huyện", "Chủ tịch UBND huyện", "ubnd_chair", THANH_HA),
    ],
)
def test_pairs_of_post_and_unit_as_clerks_mean_them(
    write, post: str, unit: str, title: str, post_key: str, committee: str
) -> None:
    rows = [
        ["TT", "Họ tên", "Chức vụ", "Cơ quan, đơn vị", "Chức danh trong BCĐ"],
        [1, "Lê Văn An", post, unit, "Ủy viên"],
    ]
    roster = read_roster(write(rows))
    assert titles(roster) == [title]
    assert posts(roster, committee) == [post_key]


# --- point 3: merged cells ---------------------------------------------------------------------


def test_a_merged_duties_cell_and_a_merged_unit_cell_belong_to_every_row(
    write, tmp_path: Path
) -> None:
    header: Row = [
        "STT",
        "Họ và tên",
        "Chức vụ",
        "Đơn vị",
        "Chức danh trong Ban Chỉ đạo",
        "Nhiệm vụ",
    ]
    members: list[Row] = [
        [1, "Lê Văn An", "Chủ tịch", "UBND huyện", "Trưởng ban", "Chỉ đạo chung"],
        [
            2,
            "Trần Thị Bình",
            "Phó Chủ tịch",
            "UBND huyện",
            "Phó Trưởng ban Thứ nhất",
            "Giúp Trưởng ban",
        ],
        [
            3,
            "Phạm Văn Cường",
            "Trưởng",
            "Công an huyện",
            "Phó Trưởng ban Thường trực",
            "Thường trực",
        ],
        [
            4,
            "Đỗ Văn Hải",
            "Phó Trưởng, phụ trách Cảnh sát",
            "",
            "Phó Trưởng ban",
            "Phòng, chống tội phạm",
        ],
        [5, "Bùi Thị Khánh", "Phó Trưởng, phụ trách phong trào", "", "Phó Trưởng ban", ""],
        [6, "Nguyễn Thị Dung", "Trưởng phòng", "Phòng Y tế", "Phó Trưởng ban", "Y tế"],
        [
            7,
            "Hoàng Văn Em",
            "Trưởng phòng",
            "Phòng Lao động - Thương binh và Xã hội",
            "Phó Trưởng ban",
            "Xã hội",
        ],
        [8, "Vũ Thị Giang", "Chủ tịch", "Ủy ban MTTQ huyện", "Phó Trưởng ban", "Mặt trận"],
        [9, "Đặng Văn Long", "Phó Trưởng phòng", "Phòng Tư pháp", "Ủy viên", "Tư pháp và"],
        [10, "Ngô Thị Mai", "Chánh án", "TAND huyện", "Ủy viên", ""],
    ]
    first = len(top()) + 2  # the sheet row of member 1
    merges = [
        f"D{first + 2}:D{first + 4}",  # Công an huyện, for the chief and both deputies
        f"F{first + 3}:F{first + 4}",  # both police deputies share their duties
        f"F{first + 8}:F{first + 9}",  # so do the justice deputy and the court's chief
    ]
    path = write([*top(), header, *members], merges)
    roster = read_roster(path)

    assert [row.duties for row in roster.rows][3:5] == ["Phòng, chống tội phạm"] * 2
    assert [row.duties for row in roster.rows][8:] == ["Tư pháp và"] * 2
    assert titles(roster)[2:5] == [
        "Trưởng Công an huyện",
        "Phó Trưởng Công an huyện, phụ trách Cảnh sát",
        "Phó Trưởng Công an huyện, phụ trách phong trào",
    ]
    assert posts(roster)[2:5] == ["police_chief", "police_deputy", "police_deputy"]
    if path.suffix == ".ods":
        output, codes, status = imported_and_checked(path, THANH_HA, tmp_path)
        assert "BCD401" not in codes, output


def test_a_section_heading_merged_across_the_table_and_a_name_merged_down(write) -> None:
    header: Row = ["TT", "Họ và tên", "Chức vụ, đơn vị công tác", "Nhiệm vụ", "Ghi chú"]
    rows = [
        *top(),
        header,
        ["I. TRƯỞNG BAN"],
        [1, "Lê Thị Hoa", "Chủ tịch UBND xã", "Chỉ đạo chung", ""],
        ["II. CÁC PHÓ TRƯỞNG BAN"],
        [2, "Trần Văn Bình", "Phó Chủ tịch UBND xã", "Giúp Trưởng ban", "Phó Trưởng ban Thứ nhất"],
        ["", "", "phụ trách khối văn hóa - xã hội", "và công tác tuyên truyền", ""],
        ["III. CÁC ỦY VIÊN (02 đồng chí)"],
        [3, "Đặng Văn Long", "Bí thư Đoàn xã", "Thanh niên", ""],
        [4, "Ngô Thị Mai", "Chủ tịch Hội LHPN xã", "Phụ nữ", ""],
    ]
    h = len(top()) + 1  # the header's sheet row
    merges = [f"A{h + 1}:E{h + 1}", f"A{h + 3}:E{h + 3}", f"A{h + 6}:E{h + 6}"]
    merges += [f"A{h + 4}:A{h + 5}", f"B{h + 4}:B{h + 5}"]  # member 2 over two rows
    roster = read_roster(write(rows, merges))

    assert [row.name for row in roster.rows] == [
        "Lê Thị Hoa",
        "Trần Văn Bình",
        "Đặng Văn Long",
        "Ngô Thị Mai",
    ]
    assert roles(roster) == [Role.CHAIR, Role.FIRST_VICE_CHAIR, Role.MEMBER, Role.MEMBER]
    assert roster.rows[1].title == "Phó Chủ tịch UBND xã phụ trách khối văn hóa - xã hội"
    assert roster.rows[1].duties == "Giúp Trưởng ban và công tác tuyên truyền"
    assert [row.role_source for row in roster.rows] == [
        RoleSource.SECTION,
        RoleSource.PROMOTED,
        RoleSource.SECTION,
        RoleSource.SECTION,
    ]


def test_header_and_values_merged_across_columns_are_read_once(write) -> None:
    """ "Họ và tên" over B:D and "Chức vụ" over E:F, each member's cells merged the same way
    (the shape of bcd138's own annex): each value is read once, not once per column."""
    header: Row = ["STT", "Họ và tên", "", "", "Chức vụ, đơn vị công tác", "", "Chức danh"]
    members: list[Row] = [
        [1, "Lê Thị Hoa", "", "", "Chủ tịch UBND huyện", "", "Trưởng ban"],
        [2, "Trần Văn Bình", "", "", "Phó Chủ tịch UBND huyện", "", "Phó Trưởng ban Thứ nhất"],
    ]
    h = len(top()) + 1
    merges = [f"B{row}:D{row}" for row in range(h, h + 3)]
    merges += [f"E{row}:F{row}" for row in range(h, h + 3)]
    roster = read_roster(write([*top(), header, *members], merges))

    assert [row.name for row in roster.rows] == ["Lê Thị Hoa", "Trần Văn Bình"]
    assert titles(roster) == ["Chủ tịch UBND huyện", "Phó Chủ tịch UBND huyện"]
    assert roles(roster) == [Role.CHAIR, Role.FIRST_VICE_CHAIR]


def test_an_unknown_heading_merged_across_the_table_is_named(write) -> None:
    rows = [
        ["STT", "Họ và tên", "Chức vụ"],
        ["I. TRƯỞNG BAN"],
        [1, "Lê Văn A", "Chủ tịch UBND xã"],
        ["II. LÃNH ĐẠO CÁC BAN NGÀNH"],
        [2, "Lê Văn B", "Bí thư Đoàn xã"],
    ]
    with pytest.raises(RosterError) as caught:
        read_roster(write(rows, ["A2:C2", "A4:C4"]))
    assert (caught.value.row, caught.value.column) == (4, "A")
    assert "LÃNH ĐẠO CÁC BAN NGÀNH" in str(caught.value)


# --- point 4: two-row headers ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("post_word", "role_word", "merged"),
    [
        ("Chính quyền", "Ban Chỉ đạo", True),
        ("Chức vụ hiện tại", "Chức danh trong BCĐ", True),
        ("Chính quyền", "Trong BCĐ", False),
    ],
)
def test_a_header_over_two_rows(write, post_word: str, role_word: str, merged: bool) -> None:
    header = [
        ["STT", "Họ và tên", "Chức vụ", "", "Nhiệm vụ được phân công"],
        ["", "", post_word, role_word, ""],
    ]
    members = [
        [1, "Lê Văn An", "Chủ tịch UBND huyện", "Trưởng ban", "Chỉ đạo chung"],
        [2, "Trần Thị Bình", "Phó Chủ tịch UBND huyện", "Phó Trưởng ban Thứ nhất", "Giúp việc"],
        [3, "Đặng Văn Long", "Trưởng phòng Tư pháp", "Ủy viên", "Pháp luật"],
    ]
    h = len(top()) + 1
    merges = [f"A{h}:A{h + 1}", f"B{h}:B{h + 1}", f"C{h}:D{h}", f"E{h}:E{h + 1}"] if merged else []
    roster = read_roster(write([*top(), *header, *members], merges))

    assert [row.name for row in roster.rows] == ["Lê Văn An", "Trần Thị Bình", "Đặng Văn Long"]
    assert roles(roster) == [Role.CHAIR, Role.FIRST_VICE_CHAIR, Role.MEMBER]
    assert titles(roster)[0] == "Chủ tịch UBND huyện"
    assert roster.rows[0].row == h + 2
    assert roster.rows[0].role_source is RoleSource.COLUMN


def test_a_two_row_header_repeated_on_a_second_page(write) -> None:
    header = [
        ["TT", "Họ và tên", "Chức vụ", "", "Ghi chú"],
        ["", "", "Chính quyền", "Ban Chỉ đạo", ""],
        ["(1)", "(2)", "(3)", "(4)", "(5)"],
    ]
    rows = [
        *header,
        [1, "Lê Văn An", "Chủ tịch UBND xã", "Trưởng ban", ""],
        [],
        *header,
        [2, "Đặng Văn Long", "Bí thư Đoàn xã", "Ủy viên", ""],
    ]
    merges = ["A1:A2", "B1:B2", "C1:D1", "E1:E2", "A6:A7", "B6:B7", "C6:D6", "E6:E7"]
    roster = read_roster(write(rows, merges))
    assert [row.name for row in roster.rows] == ["Lê Văn An", "Đặng Văn Long"]
    assert roles(roster) == [Role.CHAIR, Role.MEMBER]


# --- point 5: rows that are not members ----------------------------------------------------


@pytest.mark.parametrize(
    "total",
    [
        "Tổng số: 4 đồng chí",
        "Danh sách gồm 04 thành viên",
        "(Ấn định danh sách có 04 người)",
        "Tổng cộng: 04 người",
        "Cộng: 4 người",
    ],
)
def test_totals_and_counts_are_not_members(write, total: str) -> None:
    rows = [
        *top(),
        ["STT", "Họ và tên", "Chức vụ, đơn vị", "Chức danh trong BCĐ"],
        [1, "Lê Văn An", "Chủ tịch UBND huyện", "Trưởng ban"],
        [2, "Trần Thị Bình", "Phó Chủ tịch UBND huyện", "Phó Trưởng ban Thứ nhất"],
        [],
        [3, "Phạm Văn Cường", "Trưởng Công an huyện", "Phó Trưởng ban Thường trực"],
        [4, "Đặng Văn Long", "Trưởng phòng Tư pháp", "Ủy viên"],
        ["", total],
        [],
        ["", "", "", "KT. CHỦ TỊCH"],
    ]
    h = len(top()) + 1
    roster = read_roster(write(rows, [f"B{h + 6}:D{h + 6}"]))
    assert [row.name for row in roster.rows] == NAMES[:3] + ["Đặng Văn Long"]


def test_a_count_above_the_table_and_blank_rows_between_sections(write) -> None:
    rows = [
        *top(),
        ["STT", "Họ và tên", "Chức vụ"],
        ["Danh sách gồm 3 thành viên"],
        ["I. TRƯỞNG BAN"],
        [1, "Lê Thị Hoa", "Chủ tịch UBND thị trấn"],
        [],
        [],
        ["II. PHÓ TRƯỞNG BAN THƯỜNG TRỰC"],
        [2, "Phạm Văn Cường", "Trưởng Công an thị trấn"],
        [],
        [],
        [],
        ["III. CÁC ỦY VIÊN"],
        [3, "Đặng Văn Long", "Bí thư Đoàn thị trấn"],
        ["Tổng số: 03 đồng chí"],
    ]
    roster = read_roster(write(rows))
    assert roles(roster) == [Role.CHAIR, Role.STANDING_VICE_CHAIR, Role.MEMBER]


# --- point 6: the decision date in a cell of its own ---------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        [
            "(Kèm theo Quyết định số 1234/QĐ-UBND ngày",
            datetime(2023, 6, 20),
            "của UBND huyện Thanh Hà)",
        ],
        [
            "(Kèm theo Quyết định số",
            "1234/QĐ-UBND",
            "ngày",
            datetime(2023, 6, 20),
            "của UBND huyện Thanh Hà)",
        ],
        ["Kèm theo QĐ số 1234/QĐ-UBND ngày", "20/06/2023", "", "của UBND huyện Thanh Hà"],
    ],
    ids=["date-cell", "number-and-date-cells", "date-text-cell"],
)
def test_the_decision_number_and_date_in_cells_of_their_own(write, line: Row) -> None:
    rows = [
        ["DANH SÁCH THÀNH VIÊN BAN CHỈ ĐẠO 138"],
        line,
        [],
        ["STT", "Họ và tên", "Chức vụ", "Chức danh"],
        [1, "Lê Văn An", "Chủ tịch UBND huyện", "Trưởng ban"],
    ]
    roster = read_roster(write(rows))
    assert roster.decision_number == "1234/QĐ-UBND"
    assert roster.signed_on == datetime(2023, 6, 20).date()
    assert roster.issuer == "UBND huyện Thanh Hà"
    assert roster.decision_row == 2


def test_the_date_on_the_line_below_the_decision_number(write) -> None:
    rows = [
        ["(Kèm theo Quyết định số 77/QĐ-UBND"],
        ["ngày 05 tháng 6 năm 2023 của UBND thị trấn Thanh Hà)"],
        ["STT", "Họ và tên", "Chức vụ", "Chức danh"],
        [1, "Lê Văn An", "Chủ tịch UBND thị trấn", "Trưởng ban"],
    ]
    roster = read_roster(write(rows))
    assert (roster.decision_number, roster.signed_on) == ("77/QĐ-UBND", datetime(2023, 6, 5).date())


def test_a_decision_line_without_its_date_says_where_and_what_was_read(write) -> None:
    rows = [
        ["", "(Kèm theo Quyết định số 1234/QĐ-UBND ngày của UBND huyện Thanh Hà)"],
        ["STT", "Họ và tên", "Chức vụ", "Chức danh"],
        [1, "Lê Văn An", "Chủ tịch UBND huyện", "Trưởng ban"],
    ]
    with pytest.raises(RosterError) as caught:
        read_roster(write(rows))
    assert (caught.value.row, caught.value.column) == (1, "B")
    assert "«»" not in str(caught.value)
    assert "1234/QĐ-UBND ngày của UBND huyện Thanh Hà" in str(caught.value)
    assert "không có ngày ký" in str(caught.value)


# --- point 7: the role written in the title cell ------------------------------------------


COMMUNE_IN_ONE_CELL = [
    ("Lê Thị Hoa", "Chủ tịch UBND thị trấn - Trưởng ban", Role.CHAIR, "Chủ tịch UBND thị trấn"),
    (
        "Trần Văn Bình",
        "Phó Trưởng ban Thứ nhất, Phó Chủ tịch UBND thị trấn",
        Role.FIRST_VICE_CHAIR,
        "Phó Chủ tịch UBND thị trấn",
    ),
    (
        "Phạm Văn Cường",
        "Phó Trưởng ban Thường trực, Trưởng Công an thị trấn",
        Role.STANDING_VICE_CHAIR,
        "Trưởng Công an thị trấn",
    ),
    (
        "Nguyễn Thị Dung",
        "Trạm trưởng Trạm Y tế – Phó Trưởng ban",
        Role.VICE_CHAIR,
        "Trạm trưởng Trạm Y tế",
    ),
    (
        "Hoàng Văn Em",
        "Phó Trưởng ban: Công chức Văn hóa - Xã hội",
        Role.VICE_CHAIR,
        "Công chức Văn hóa - Xã hội",
    ),
    (
        "Vũ Thị Giang",
        "Chủ tịch Ủy ban MTTQ thị trấn (Phó Trưởng ban)",
        Role.VICE_CHAIR,
        "Chủ tịch Ủy ban MTTQ thị trấn",
    ),
    (
        "Đỗ Văn Hải",
        "Phó Trưởng Công an thị trấn; Phó Trưởng ban",
        Role.VICE_CHAIR,
        "Phó Trưởng Công an thị trấn",
    ),
    (
        "Bùi Thị Khánh",
        "Phó Trưởng Công an thị trấn - Phó Trưởng ban",
        Role.VICE_CHAIR,
        "Phó Trưởng Công an thị trấn",
    ),
    (
        "Đặng Văn Long",
        "Ủy viên: Chỉ huy trưởng Ban CHQS thị trấn",
        Role.MEMBER,
        "Chỉ huy trưởng Ban CHQS thị trấn",
    ),
    ("Ngô Thị Mai", "Bí thư Đoàn thị trấn - Thành viên", Role.MEMBER, "Bí thư Đoàn thị trấn"),
]


def test_the_role_is_taken_from_the_title_cell_in_either_order(write, tmp_path: Path) -> None:
    rows = [
        ["UBND THỊ TRẤN THANH HÀ"],
        ["(Kèm theo Quyết định số 45/QĐ-UBND ngày 22/6/2023 của UBND thị trấn Thanh Hà)"],
        ["Số TT", "Họ và tên", "Chức vụ, đơn vị công tác", "Nhiệm vụ"],
        *[
            [n, name, cell, "Theo Quy chế"]
            for n, (name, cell, *_) in enumerate(COMMUNE_IN_ONE_CELL, 1)
        ],
    ]
    path = write(rows)
    roster = read_roster(path)
    assert roles(roster) == [role for *_, role, _ in COMMUNE_IN_ONE_CELL]
    assert titles(roster) == [title for *_, title in COMMUNE_IN_ONE_CELL]
    assert {row.role_source for row in roster.rows} == {RoleSource.TITLE}
    if path.suffix == ".xls":
        output, codes, status = imported_and_checked(path, THANH_HA_TOWN, tmp_path)
        assert (codes, status) == ([], "ok"), output


def test_a_role_column_left_empty_takes_the_role_from_the_title(write) -> None:
    rows = [
        ["STT", "Họ và tên", "Chức vụ", "Chức danh trong Ban Chỉ đạo"],
        [1, "Lê Văn An", "Trưởng ban: Chủ tịch UBND huyện", ""],
        [2, "Trần Thị Bình", "Phó Chủ tịch UBND huyện", "Phó Trưởng ban Thứ nhất"],
    ]
    roster = read_roster(write(rows))
    assert roles(roster) == [Role.CHAIR, Role.FIRST_VICE_CHAIR]
    assert [row.role_source for row in roster.rows] == [RoleSource.TITLE, RoleSource.COLUMN]
    assert titles(roster)[0] == "Chủ tịch UBND huyện"


def test_a_title_naming_no_role_without_role_column_or_sections_is_named(write) -> None:
    rows = [
        ["STT", "Họ và tên", "Chức vụ"],
        [1, "Lê Văn An", "Chủ tịch UBND huyện - Trưởng ban"],
        [2, "Trần Thị Bình", "Phó Chủ tịch UBND huyện - Phó Trưởng Công an"],
    ]
    with pytest.raises(RosterError) as caught:
        read_roster(write(rows))
    assert caught.value.row == 3
    assert "Trần Thị Bình" in str(caught.value)


# --- point 8: text typed in TCVN3 or VNI ------------------------------------------------------


def legacy(text: str, charmap=TCVN3) -> str:  # noqa: ANN001
    return typed_in(text, charmap)


LEGACY_ROWS = [
    ["STT", "Họ và tên", "Chức vụ", "Chức danh trong Ban Chỉ đạo", "Nhiệm vụ"],
    [1, "Nguyễn Văn Đức", "Chủ tịch UBND huyện Thanh Hà", "Trưởng ban", "Phụ trách chung"],
    [2, "Trần Thị Hường", "Phó Chủ tịch UBND huyện", "Phó Trưởng ban Thứ nhất", "Giúp việc"],
    [3, "Phạm Văn Cường", "Trưởng Công an huyện", "Phó Trưởng ban Thường trực", "Thường trực"],
    [4, "Đặng Văn Long", "Phó Trưởng Công an huyện phụ trách Cảnh sát", "Phó Trưởng ban", ""],
]


@pytest.mark.parametrize("font", [".VnTime", None], ids=["by-font", "by-text"])
def test_a_tcvn3_roster_is_converted_to_unicode(write, font: str | None) -> None:
    rows = [
        ["(Kèm theo Quyết định số 12/QĐ-UBND ngày 20/6/2023 của UBND huyện Thanh Hà)"],
        *LEGACY_ROWS,
    ]
    typed = [[legacy(v) if isinstance(v, str) else v for v in row] for row in rows]
    assert typed[2][2] == "Chñ tÞch UBND huyÖn Thanh Hµ"
    roster = read_roster(write(typed, font=font))

    assert [row.name for row in roster.rows][:2] == ["Nguyễn Văn Đức", "Trần Thị Hường"]
    assert titles(roster)[0] == "Chủ tịch UBND huyện Thanh Hà"
    assert roles(roster) == [
        Role.CHAIR,
        Role.FIRST_VICE_CHAIR,
        Role.STANDING_VICE_CHAIR,
        Role.VICE_CHAIR,
    ]
    assert roster.notes == ("đã chuyển mã TCVN3 → Unicode",)
    assert roster.signed_on == datetime(2023, 6, 20).date()


def test_a_vni_roster_is_converted_to_unicode(write) -> None:
    typed = [[legacy(v, VNI) if isinstance(v, str) else v for v in row] for row in LEGACY_ROWS]
    roster = read_roster(write(typed, font="VNI-Times"))
    assert titles(roster)[3] == "Phó Trưởng Công an huyện phụ trách Cảnh sát"
    assert roster.rows[0].name == "Nguyễn Văn Đức"
    assert roster.notes == ("đã chuyển mã VNI → Unicode",)


def test_text_in_an_uppercase_legacy_font_comes_back_in_capitals(write) -> None:
    rows = [[legacy(v.lower()) if isinstance(v, str) else v for v in row] for row in LEGACY_ROWS]
    roster = read_roster(write(rows, font=".VnTimeH"))
    assert roster.rows[0].name == "NGUYỄN VĂN ĐỨC"
    assert titles(roster)[0] == "CHỦ TỊCH UBND HUYỆN THANH HÀ"
    assert roles(roster)[0] is Role.CHAIR


def test_unicode_text_in_a_legacy_font_is_left_as_it_is(write) -> None:
    roster = read_roster(write(LEGACY_ROWS, font=".VnTime"))
    assert roster.rows[0].name == "Nguyễn Văn Đức"
    assert roster.notes == ()
