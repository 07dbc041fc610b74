"""Both eras in the UI: the succession line on a unit's screen, a split unit's successor
confirmed from it (s, a choice, then yes), the former units opened from it, search results
of both eras told apart, a person's seats of either era opened."""

from __future__ import annotations

from textual.widgets import Input, OptionList

from committee.domain.vocabulary import Era
from committee.store.database import Database
from committee.usecases import demo
from committee.usecases.search import ResultKind, SearchResult
from committee.usecases.succession import succession
from tests.tui.conftest import MEDIUM, SMALL, main_screen, messages, pilot_test
from tui.app import Bcd138App
from tui.dialogs.choice import ChoiceDialog
from tui.dialogs.confirm import ConfirmDialog
from tui.dialogs.history import HistoryDialog
from tui.dialogs.search import SearchDialog, result_label
from tui.widgets.succession_line import SuccessionLine


def line_text(app: Bcd138App) -> str:
    line = main_screen(app).query_one(SuccessionLine)
    return str(line.render()) if line.display else ""


@pilot_test
async def test_a_2025_unit_shows_the_units_it_was_formed_from(db: Database) -> None:
    app = Bcd138App(db, demo.NEW_COMMUNE_NONE, Era.Y2025)  # xã Yết Kiêu (2025)
    async with app.run_test(size=MEDIUM) as pilot:
        await pilot.pause()
        text = line_text(app)
        assert text.startswith("Hình thành từ: ")
        assert "xã Lê Lợi?" in text and "xã Thống Nhất?" in text
        assert "(huyện Gia Lộc)" in text and "3 cần xác nhận (s)" in text
        assert "▲ xã Yết Kiêu" in text  # the old xã Yết Kiêu's committee: Cảnh báo

        await pilot.press("s")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ChoiceDialog)
        labels = [str(label) for label, _ in dialog.entries]
        old = next(label for label in labels if label.startswith("▲ Xã Yết Kiêu"))
        assert "(huyện Gia Lộc)" in old and "Cảnh báo" in old and "cần xác nhận" in old
        assert "QĐ " in old
        # Enter on the old xã Yết Kiêu opens it: the legacy 11020, not the 2025 one
        index = labels.index(old)
        dialog.query_one(OptionList).highlighted = index
        await pilot.press("enter")
        await pilot.pause()
        view = main_screen(app).view
        assert view is not None and view.unit.key == (Era.LEGACY, "11020")
        assert line_text(app).startswith("Sáp nhập vào: ")


@pilot_test
async def test_a_split_units_successor_is_confirmed_from_the_screen(db: Database) -> None:
    app = Bcd138App(db, demo.COMMUNE_WARNING)  # xã Yết Kiêu before 2025, split in two
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        assert "2 cần xác nhận (s)" in line_text(app)
        await pilot.press("s")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ChoiceDialog)
        index, (label, _) = next(
            (i, entry)
            for i, entry in enumerate(dialog.entries)
            if "Xác nhận xã Yết Kiêu (từ 01/07/2025)" in str(entry[0])
        )
        assert "là đơn vị kế thừa của xã Yết Kiêu (trước 01/07/2025)" in str(label)
        dialog.query_one(OptionList).highlighted = index
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("c")
        await pilot.pause()
        assert any(m.startswith("Đã xác nhận xã Yết Kiêu (từ 01/07/2025)") for m in messages(app))
        text = line_text(app)
        assert "cần xác nhận" not in text and "s: chi tiết" in text
    with db.session() as session:
        links = succession(session, demo.COMMUNE_WARNING, Era.LEGACY).links
    assert {(link.unit.code, link.confirmed) for link in links} == {
        ("11020", True),
        ("10999", False),
    }
    assert not any(link.needs_confirmation for link in links)


@pilot_test
async def test_a_unit_without_succession_hides_the_line_and_refuses_s(db: Database) -> None:
    app = Bcd138App(db, demo.DISTRICT)  # huyện Gia Lộc: districts were not merged into units
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        assert line_text(app) == ""
        await pilot.press("s")
        await pilot.pause()
        assert not isinstance(app.screen, ChoiceDialog)
        assert any("chưa có đường kế thừa" in m for m in messages(app))


@pilot_test
async def test_search_finds_units_of_both_eras_told_apart(db: Database) -> None:
    app = Bcd138App(db)
    async with app.run_test(size=MEDIUM) as pilot:
        await pilot.pause()
        await pilot.press("slash")
        dialog = app.screen
        assert isinstance(dialog, SearchDialog)
        dialog.query_one("#query", Input).value = "yet kieu"
        await pilot.pause()
        units = [r for r in dialog.results if r.kind is ResultKind.UNIT]
        assert {(r.era, r.key) for r in units} == {(Era.LEGACY, "11020"), (Era.Y2025, "11020")}
        labels = [str(result_label(r, True)) for r in units]
        assert "🏛 Xã Yết Kiêu (trước 01/07/2025)" in labels
        assert "🏛 Xã Yết Kiêu (từ 01/07/2025)" in labels
        chosen = next(r for r in units if r.era is Era.Y2025)
        dialog.dismiss(chosen)
        await pilot.pause()
        view = main_screen(app).view
        assert view is not None and view.unit.key == (Era.Y2025, "11020")


def test_a_result_names_its_era_only_when_both_are_listed() -> None:
    unit = SearchResult(ResultKind.UNIT, "11020", "Xã Yết Kiêu", era=Era.Y2025)
    assert str(result_label(unit)) == "🏛 Xã Yết Kiêu"
    assert str(result_label(unit, True)) == "🏛 Xã Yết Kiêu (từ 01/07/2025)"


@pilot_test
async def test_a_2025_units_history_and_exports_are_its_own(db: Database) -> None:
    """xã Gia Phúc (2025, 11050): its history lists its own decision, not that of the
    legacy unit 11050 (xã Hồng Hưng); the district workbook, a legacy export, is refused."""
    app = Bcd138App(db, demo.NEW_COMMUNE_OK, Era.Y2025)
    async with app.run_test(size=MEDIUM) as pilot:
        await pilot.pause()
        screen = main_screen(app)
        assert screen.view is not None and screen.view.unit.name == "Xã Gia Phúc"
        in_force = screen.view.in_force
        assert in_force is not None
        await pilot.press("h")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, HistoryDialog)
        assert dialog.title_text == "Các quyết định của Xã Gia Phúc"
        labels = [str(label) for label, _ in dialog.entries]
        assert any(in_force.number in label for label in labels)
        await pilot.press("escape")
        await pilot.pause()
        screen.action_export_district()
        await pilot.pause()
        assert any("từ 01/07/2025, không còn cấp huyện" in m for m in messages(app))
