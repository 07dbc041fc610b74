"""The keys (`?` or F1): every action of the main screen (tui.actions), grouped, with its
key, and the few keys that are not the main screen's actions."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Label

from tui.actions import ACTIONS, Group

# Keys of Textual's own (focus, palette) and of the forms, dialogs and tables.
OTHER_KEYS: list[tuple[Group | str, str, str]] = [
    (Group.GENERAL, "Tab", "Chuyển giữa cây, danh sách, phát hiện"),
    (Group.GENERAL, "Ctrl+P", "Bảng lệnh («nhóm: việc»)"),
    (Group.GENERAL, "Ctrl+Q", "Thoát, ở bất cứ màn hình nào"),
    (Group.FINDING, "Enter", "Đến thành viên của phát hiện"),
    ("Biểu mẫu", "Ctrl+S Enter", "Lưu"),
    ("Biểu mẫu", "F5", "Tải lại bản mới nhất khi người khác vừa sửa"),
    ("Biểu mẫu", "Esc", "Hủy, đóng"),
]


def help_rows() -> list[tuple[str, str, str]]:
    """(group, key as shown, what it does), in the order of the groups."""
    rows: list[tuple[Group | str, str, str]] = [
        (action.group, action.key_display or action.keys, action.help) for action in ACTIONS
    ]
    rows += OTHER_KEYS
    order = {group: index for index, group in enumerate(Group)}
    rows.sort(key=lambda row: order.get(row[0], len(order)))  # type: ignore[call-overload]
    return [(str(group), key, text) for group, key, text in rows]


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,q,question_mark,f1", "dismiss", "Đóng")]

    def compose(self) -> ComposeResult:
        with Vertical(classes="form wide help"):
            yield Label("Phím tắt", classes="form-title")
            table: DataTable[Text] = DataTable(cursor_type="row", zebra_stripes=True)
            yield table
            yield Label("Esc: đóng · Chuột cũng dùng được", classes="form-hint")

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("Nhóm", "Phím", "Việc")
        table.add_rows([tuple(Text(cell) for cell in row) for row in help_rows()])
        table.focus()
