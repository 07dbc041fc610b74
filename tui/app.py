"""The bcd138 Textual app: `bcd138`, `bcd138 tui [--unit CODE]`, `bcd138 --demo`."""

from __future__ import annotations

from collections.abc import Iterable

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from committee.store.database import Database
from tui.screens.main import MainScreen

# Command palette entries, "nhóm: việc", and the main screen action each runs.
PALETTE: list[tuple[str, str, str]] = [
    ("Tìm: người hoặc đơn vị", "Tìm theo tên, không cần dấu", "search"),
    ("Đơn vị: lọc cây", "Gõ để lọc cây đơn vị", "filter"),
    ("Quyết định: kiện toàn", "Lập dự thảo quyết định mới từ danh sách hiện hành", "new_decision"),
    ("Quyết định: sửa", "Số, ngày ký, người ký, Quy chế", "edit_decision"),
    ("Quyết định: ban hành", "Ban hành dự thảo đang xem", "issue"),
    ("Quyết định: lịch sử", "Các quyết định của đơn vị", "history"),
    ("Quyết định: xóa dự thảo", "Xóa dự thảo đang xem", "delete_draft"),
    ("Thành viên: thêm", "Thêm một dòng vào danh sách", "add_member"),
    ("Thành viên: sửa", "Sửa dòng đang chọn", "edit_member"),
    ("Thành viên: xóa", "Xóa dòng đang chọn", "remove_member"),
    ("Thành viên: chuyển lên", "Đổi thứ tự", "move_up"),
    ("Thành viên: chuyển xuống", "Đổi thứ tự", "move_down"),
    ("Thành viên: các quyết định có tên", "Lịch sử của người đang chọn", "person"),
    ("Quy tắc: giải thích", "Giải thích phát hiện đang chọn", "explain"),
    ("Nhập: danh sách Excel", "Xem trước rồi lưu", "import"),
    ("Xuất: phụ lục danh sách", "Tệp Excel phụ lục của quyết định", "export_annex"),
    ("Xuất: sổ tổng hợp huyện", "Tệp Excel của huyện và các xã", "export_district"),
    ("Trợ giúp: phím tắt", "Danh sách phím", "help"),
]


class Bcd138App(App[None]):
    CSS_PATH = "app.tcss"
    TITLE = "bcd138"
    SUB_TITLE = "Ban Chỉ đạo 138 cấp huyện, cấp xã"
    COMMAND_PALETTE_BINDING = "ctrl+p"
    BINDINGS = [Binding("ctrl+q", "quit", "Thoát", show=False, priority=True)]

    def __init__(self, database: Database, unit: str | None = None) -> None:
        super().__init__()
        self.database = database
        self.start_unit = unit

    def on_mount(self) -> None:
        self.push_screen(MainScreen(self.database, self.start_unit))

    @property
    def main_screen(self) -> MainScreen | None:
        for screen in self.screen_stack:
            if isinstance(screen, MainScreen):
                return screen
        return None

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        main = self.main_screen
        if main is not None and screen is main:
            for title, help_text, action in PALETTE:
                yield SystemCommand(title, help_text, lambda a=action: self._palette(a))
        yield SystemCommand("Ứng dụng: thoát", "Thoát bcd138", self.exit)

    def _palette(self, action: str) -> None:
        main = self.main_screen
        if main is None:
            return
        if action in {"add_member", "edit_member", "remove_member", "move_up", "move_down"}:
            main.query_one("#roster").focus()
        elif action == "explain":
            main.query_one("#findings").focus()
        getattr(main, f"action_{action}")()


def run_app(database: Database, unit: str | None = None) -> None:
    """Run the app in the terminal until the clerk quits."""
    try:
        Bcd138App(database, unit).run()
    finally:
        database.dispose()
