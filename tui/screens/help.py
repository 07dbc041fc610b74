"""The keys (`?` or F1): every action of the main screen (tui.actions), grouped, with its
key, and the few keys that are not the main screen's actions."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label

from tui.actions import ACTIONS, Group
from tui.widgets.fitted_table import Column, FittedTable

# Keys of Textual's own (focus, palette) and of the forms, dialogs and tables.
OTHER_KEYS: list[tuple[Group | str, str, str]] = [
    (Group.GENERAL, "Tab", "Chuyển giữa cây, danh sách, chi tiết thành viên, phát hiện"),
    (Group.GENERAL, "Esc / Enter", "Trong ô lọc: bỏ lọc / đến đơn vị khớp đầu tiên"),
    (Group.DECISION, "s", "Trong lịch sử: so sánh quyết định đang chọn với quyết định đang xem"),
    (Group.GENERAL, "Ctrl+P", "Bảng lệnh («nhóm: việc»)"),
    (Group.GENERAL, "Ctrl+Q", "Thoát, ở bất cứ màn hình nào"),
    (Group.FINDING, "Enter", "Đến thành viên của phát hiện"),
    ("Biểu mẫu", "Ctrl+S Enter", "Lưu"),
    ("Biểu mẫu", "F5", "Tải lại bản mới nhất khi người khác vừa sửa"),
    ("Biểu mẫu", "Esc", "Hủy, đóng"),
    ("Chọn tệp", "Ctrl+U", "Lên thư mục cha"),
]


class HelpTable(FittedTable):
    COLUMNS = (
        Column("group", "Nhóm", share=2),
        Column("key", "Phím", width=12),
        Column("text", "Việc", share=5),
    )

    def table_rows(self) -> Iterable[tuple[str, Sequence[Text]]]:
        for index, row in enumerate(help_rows()):
            yield str(index), tuple(Text(cell) for cell in row)


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
            yield HelpTable(zebra_stripes=True)
            yield Label("Esc: đóng · Chuột cũng dùng được", classes="form-hint")

    def on_mount(self) -> None:
        self.query_one(HelpTable).focus()
