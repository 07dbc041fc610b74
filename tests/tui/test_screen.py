"""The clerk's screen (issue 16) at 80×24 and 100×30: everything readable without
scrolling sideways, the header's status, the keys, the footer, too small a terminal."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from textual.command import CommandPalette
from textual.widgets import Footer, Input, OptionList, Static

from committee.domain.vocabulary import CommitteeStatus
from committee.store.database import Database
from committee.usecases import demo
from committee.usecases.decisions import MemberInput, update_member
from committee.usecases.view import committee_view, decision_history
from tests.tui.conftest import MEDIUM, SMALL, draft_id, main_screen, pilot_test
from tui.app import Bcd138App
from tui.dialogs.choice import ChoiceDialog
from tui.dialogs.decision_form import NewDecisionForm
from tui.dialogs.explain import ExplainDialog
from tui.dialogs.history import HistoryDialog
from tui.dialogs.search import SearchDialog, result_label
from tui.palette import PLACEHOLDER, match_score
from tui.widgets.decision_header import DecisionHeader
from tui.widgets.filter_input import FilterInput
from tui.widgets.findings_table import FindingsTable
from tui.widgets.member_detail import MemberDetail
from tui.widgets.roster_table import RosterTable
from tui.widgets.unit_tree import UnitTree

SIZES = pytest.mark.parametrize("size", [SMALL, MEDIUM], ids=["80x24", "100x30"])
LONG_DUTIES = (
    "Chỉ đạo công tác phòng, chống tội phạm, tệ nạn xã hội và xây dựng phong trào toàn dân "
    "bảo vệ an ninh Tổ quốc trên địa bàn; theo dõi các thôn Bình Long, Hòa Bình, Phú Lương; "
    "đôn đốc kiểm tra việc thực hiện kế hoạch hằng quý và báo cáo Trưởng ban."
)


def _give_long_duties(db: Database) -> int:
    """The draft of the commune with errors: its second member gets long duties."""
    draft = draft_id(db, demo.COMMUNE_ERROR)
    with db.session() as session:
        line = committee_view(session, demo.COMMUNE_ERROR, draft).roster[1]
    with db.transaction() as session:
        update_member(
            session,
            line.membership_id,
            MemberInput(line.name, line.role, line.title, LONG_DUTIES, "0912 345 678"),
            expected_version=line.version,
        )
    return draft


@SIZES
@pilot_test
async def test_the_roster_and_findings_fit_and_the_detail_shows_the_full_record(
    db: Database, size: tuple[int, int]
) -> None:
    draft = _give_long_duties(db)
    app = Bcd138App(db)
    async with app.run_test(size=size) as pilot:
        screen = main_screen(app)
        screen.open_unit(demo.COMMUNE_ERROR, draft)
        await pilot.pause()
        roster = screen.query_one(RosterTable)
        findings = screen.query_one(FindingsTable)
        headings = [str(column.label) for column in roster.columns.values()]
        assert headings == ["STT", "Họ và tên", "Chức danh BCĐ", "Chức vụ", "NV"]
        roster.focus()
        await pilot.press("down")  # the member with long duties
        await pilot.pause()
        for table in (roster, findings):
            assert table.max_scroll_x == 0  # nothing off to the right
            assert table.virtual_size.width <= table.size.width
        detail = screen.query_one(MemberDetail)
        assert detail.region.height >= 3 and findings.region.height >= 3
        text = detail.text
        line = roster.current
        assert line is not None
        assert LONG_DUTIES in " ".join(text.split())  # the duties in full, wrapped
        for part in (line.name, line.title, "Chức vụ nhận ra", "Thị trấn Gia Lộc", "0912 345 678"):
            assert part in text
        # a long finding wraps in its row instead of being cut
        longest = max(findings.findings, key=lambda finding: len(finding.message))
        index = findings.findings.index(longest)
        message_width = findings.columns["message"].width  # type: ignore[index]
        if len(longest.message) > message_width:
            assert findings.rows[findings.coordinate_to_cell_key((index, 0)).row_key].height > 1


@SIZES
@pilot_test
async def test_the_header_shows_the_status_of_the_decision_shown(
    db: Database, size: tuple[int, int]
) -> None:
    with db.session() as session:
        old = next(
            entry.decision
            for entry in decision_history(session, demo.DISTRICT)
            if entry.decision.state.value == "superseded"
        )
    app = Bcd138App(db, demo.DISTRICT)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        screen = main_screen(app)
        header = screen.query_one(DecisionHeader)
        assert screen.view is not None and screen.view.status is CommitteeStatus.OK
        assert "✔ Đạt" in str(header.render()) and "Đang hiệu lực" in str(header.render())
        screen.open_unit(demo.DISTRICT, old.id)  # superseded, with errors
        await pilot.pause()
        shown = str(header.render())
        assert "✘ Chưa đạt" in shown.splitlines()[0] and "Đã bị thay thế" in shown
        assert "Đang hiệu lực: QĐ 1234/QĐ-UBND" in shown and "✔ Đạt" in shown
        screen.open_unit(demo.COMMUNE_WARNING)
        await pilot.pause()
        assert "▲ Cảnh báo" in str(header.render())
        screen.open_unit(demo.COMMUNE_ERROR, draft_id(db, demo.COMMUNE_ERROR))
        await pilot.pause()
        assert "Dự thảo" in str(header.render())


@SIZES
@pilot_test
async def test_tab_walks_the_panes_and_never_the_filter(
    db: Database, size: tuple[int, int]
) -> None:
    app = Bcd138App(db, demo.COMMUNE_ERROR)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        seen = []
        for _ in range(8):
            await pilot.press("tab")
            seen.append(type(app.focused).__name__)
        assert set(seen) == {"UnitTree", "RosterTable", "MemberDetail", "FindingsTable"}
        assert "FilterInput" not in seen


@SIZES
@pilot_test
async def test_f_opens_the_filter_esc_clears_it_enter_opens_the_first_match(
    db: Database, size: tuple[int, int]
) -> None:
    app = Bcd138App(db)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        screen = main_screen(app)
        box = screen.query_one(FilterInput)
        await pilot.press("f", *"gia")
        assert app.focused is box and box.value == "gia"
        await pilot.press("escape")
        assert box.value == "" and isinstance(app.focused, UnitTree)
        assert screen.query_one(UnitTree).query_text == ""
        await pilot.press("n")  # a key after Esc is the screen's, not the filter's
        assert box.value == ""
        await pilot.press("escape")  # close whatever n opened (or nothing)
        screen.query_one(UnitTree).focus()
        await pilot.press("f", *"yet kieu", "enter")
        await pilot.pause()
        assert isinstance(app.focused, UnitTree)
        assert screen.view is not None and screen.view.unit.name == "Xã Yết Kiêu"


@SIZES
@pilot_test
async def test_the_footer_fits_with_help_and_the_palette(
    db: Database, size: tuple[int, int]
) -> None:
    app = Bcd138App(db)
    async with app.run_test(size=size) as pilot:
        screen = main_screen(app)
        screen.open_unit(demo.COMMUNE_ERROR, draft_id(db, demo.COMMUNE_ERROR))
        await pilot.pause()
        for pane in (UnitTree, RosterTable, FindingsTable):
            screen.query_one(pane).focus()
            await pilot.pause()
            footer = screen.query_one(Footer)
            keys = list(footer.query("FooterKey"))
            assert keys and all(key.region.right <= size[0] for key in keys)
            words = " ".join(str(key.render()) for key in keys)
            assert "Trợ giúp" in words and "Lệnh" in words and "palette" not in words


@pilot_test
async def test_a_terminal_too_small_says_so(db: Database) -> None:
    app = Bcd138App(db, demo.COMMUNE_ERROR)
    async with app.run_test(size=(50, 14)) as pilot:
        await pilot.pause()
        screen = main_screen(app)
        notice = screen.query_one("#too-small", Static)
        assert notice.display and not screen.query_one("#body").display
        assert "quá nhỏ (50×14)" in str(notice.render())
    async with Bcd138App(db, demo.COMMUNE_ERROR).run_test(size=SMALL) as pilot:
        await pilot.pause()
        screen = main_screen(pilot.app)
        assert not screen.query_one("#too-small", Static).display
        assert screen.query_one("#body").display


def test_tui_on_an_unknown_unit_says_so_and_exits_2(tmp_path) -> None:  # type: ignore[no-untyped-def]
    bcd138 = Path(sys.executable).with_name("bcd138")  # the venv's console script
    command = [str(bcd138), "--db", str(tmp_path / "w.sqlite")]
    result = subprocess.run(
        [*command, "tui", "--unit", "99999"], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "Lỗi: Không có đơn vị hành chính mã «99999» trong cơ sở dữ liệu "
        "(xem danh sách bằng lệnh: bcd138 units)."
    ]
    assert "\x1b" not in result.stdout  # the UI never started


def test_the_palette_matcher_ignores_diacritics_and_takes_initials() -> None:
    assert match_score("kien toan", "Quyết định: kiện toàn") > 0
    assert match_score("KIỆN", "Quyết định: kiện toàn") > 0
    assert match_score("xuat", "Xuất: phụ lục danh sách") == 1.0
    assert match_score("thoat", "Ứng dụng: thoát") > 0
    assert match_score("lich su", "Quyết định: lịch sử") > 0
    assert match_score("kt", "Quyết định: kiện toàn") > 0  # initials
    assert match_score("qdls", "Quyết định: lịch sử") > 0
    assert match_score("hung", "Quyết định: kiện toàn") == 0
    assert match_score("", "Quyết định: kiện toàn") == 0
    assert match_score("xuat", "Xuất: phụ lục") > match_score("xuat", "Nhập, xuất")


@SIZES
@pilot_test
async def test_the_palette_is_vietnamese_and_finds_without_diacritics(
    db: Database, size: tuple[int, int]
) -> None:
    app = Bcd138App(db, demo.COMMUNE_ERROR)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        palette = app.screen
        assert isinstance(palette, CommandPalette)
        assert palette.query_one(Input).placeholder == PLACEHOLDER
        for query, title in (
            ("kien toan", "Quyết định: kiện toàn"),
            ("lich su", "Quyết định: lịch sử"),
            ("thoat", "Ứng dụng: thoát"),
            ("kt", "Quyết định: kiện toàn"),
        ):
            palette.query_one(Input).value = query
            await pilot.pause(0.4)
            prompts = [str(option.prompt) for option in palette.query_one(OptionList).options]
            assert prompts and title in prompts[0], (query, prompts)
        palette.query_one(Input).value = "kien toan"
        await pilot.pause(0.4)
        await pilot.press("enter")
        await pilot.pause(0.3)
        assert isinstance(app.screen, NewDecisionForm)


@SIZES
@pilot_test
async def test_the_history_compares_a_decision_with_the_one_shown(
    db: Database, size: tuple[int, int]
) -> None:
    with db.session() as session:
        entries = decision_history(session, demo.DISTRICT)
        old = next(e.decision for e in entries if e.decision.state.value == "superseded")
        index = [e.decision.id for e in entries].index(old.id)
        documents = sum(len(e.documents) for e in entries[:index])
    app = Bcd138App(db, demo.DISTRICT)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await pilot.press("h")
        dialog = app.screen
        assert isinstance(dialog, HistoryDialog)
        options = dialog.query_one(OptionList)
        options.focus()
        options.highlighted = index + documents  # the superseded decision's entry
        await pilot.press("s")
        await pilot.pause()
        shown = app.screen
        assert isinstance(shown, ExplainDialog)
        assert shown.body_text.startswith(f"Từ Quyết định {old.number} sang 1234/QĐ-UBND:")
        assert "Giữ nguyên:" in shown.body_text


@SIZES
@pilot_test
async def test_search_results_show_the_latest_seat_and_lead_to_it(
    db: Database, size: tuple[int, int]
) -> None:
    app = Bcd138App(db)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await pilot.press("slash", *"nguyen van hung")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, SearchDialog)
        people = [r for r in dialog.results if r.seat is not None]
        assert people and people[0].name == "Nguyễn Văn Hùng"
        seat = people[0].seat
        assert seat is not None
        label = str(result_label(people[0]))
        for part in (seat.unit_name, seat.title, f"QĐ {seat.decision_number}", seat.role.label):
            assert part in label
        options = [str(option.prompt) for option in dialog.query_one(OptionList).options]
        assert label in options
        await pilot.press("enter")
        await pilot.pause()
        if isinstance(app.screen, ChoiceDialog):  # several seats: the newest is first
            assert seat.unit_name in str(app.screen.entries[0][0])
            await pilot.press("enter")
            await pilot.pause()
        screen = main_screen(app)
        assert screen.view is not None and screen.view.unit.name == seat.unit_name
        line = screen.query_one(RosterTable).current
        assert line is not None and line.name == "Nguyễn Văn Hùng"
        assert "Nguyễn Văn Hùng" in screen.query_one(MemberDetail).text
