"""The keys (`?` or F1): every action of the main screen, grouped, with its key."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Label

# (group, key as shown, what it does): kept beside MainScreen.BINDINGS by a test.
HELP_ROWS: list[tuple[str, str, str]] = [
    ("Chung", "/", "Tìm người hoặc đơn vị"),
    ("Chung", "f", "Lọc cây đơn vị (gõ tên)"),
    ("Chung", "Tab", "Chuyển giữa cây, danh sách, phát hiện"),
    ("Chung", "? F1", "Trợ giúp (màn hình này)"),
    ("Chung", "Ctrl+P", "Bảng lệnh («nhóm: việc»)"),
    ("Chung", "q", "Thoát"),
    ("Quyết định", "n", "Kiện toàn: lập dự thảo quyết định mới"),
    ("Quyết định", "d", "Sửa số, ngày, người ký, Quy chế"),
    ("Quyết định", "b", "Ban hành dự thảo (hỏi lại trước)"),
    ("Quyết định", "h", "Lịch sử quyết định của đơn vị"),
    ("Quyết định", "Del", "Xóa dự thảo"),
    ("Thành viên", "a", "Thêm thành viên"),
    ("Thành viên", "e Enter", "Sửa thành viên"),
    ("Thành viên", "x", "Xóa thành viên"),
    ("Thành viên", "[ ]", "Chuyển lên / xuống trong danh sách"),
    ("Thành viên", "p", "Các quyết định có người này"),
    ("Phát hiện", "Enter", "Đến thành viên của phát hiện"),
    ("Phát hiện", "r", "Giải thích quy tắc (bcd138 rules explain)"),
    ("Nhập, xuất", "i", "Nhập danh sách từ Excel (xem trước rồi lưu)"),
    ("Nhập, xuất", "o", "Xuất phụ lục danh sách (Excel)"),
    ("Nhập, xuất", "w", "Xuất sổ tổng hợp của huyện (Excel)"),
    ("Biểu mẫu", "Ctrl+S Enter", "Lưu"),
    ("Biểu mẫu", "Esc", "Hủy, đóng"),
]


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,q,question_mark,f1", "dismiss", "Đóng")]

    def compose(self) -> ComposeResult:
        with Vertical(classes="form wide help"):
            yield Label("Phím tắt", classes="form-title")
            table: DataTable[str] = DataTable(cursor_type="row", zebra_stripes=True)
            yield table
            yield Label("Esc: đóng · Chuột cũng dùng được", classes="form-hint")

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("Nhóm", "Phím", "Việc")
        table.add_rows(HELP_ROWS)
        table.focus()
