"""Every action of the main screen, once: its keys, its footer label, its palette title and
help text, its group, the pane it works on and what it needs to be enabled.

From this one list come the screen's BINDINGS (and so the footer), the Ctrl+P palette, the
help screen, `check_action` (an action is offered only where it can run) and the notice a
clerk gets for a key whose action cannot run now, saying why.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from textual.binding import Binding

from committee.domain.records import Finding
from committee.domain.vocabulary import Era
from committee.usecases.succession import Succession
from committee.usecases.view import CommitteeView, RosterLine


class Group(StrEnum):
    GENERAL = "Chung"
    DECISION = "Quyết định"
    DOCUMENTS = "Văn bản của BCĐ"
    MEMBER = "Thành viên"
    FINDING = "Phát hiện"
    FILES = "Nhập, xuất"


class Pane(StrEnum):
    """Where the focus is on the main screen."""

    TREE = "tree"
    ROSTER = "roster"
    FINDINGS = "findings"
    OTHER = "other"


@dataclass(frozen=True)
class Context:
    """What an action's enabled state depends on: the focused pane and what is shown."""

    pane: Pane
    view: CommitteeView | None
    line: RosterLine | None = None  # the roster line under the cursor
    finding: Finding | None = None  # the finding under the cursor
    succession: Succession | None = None  # the shown unit's, across 1 July 2025

    @property
    def draft_shown(self) -> bool:
        return (
            self.view is not None
            and self.view.decision is not None
            and (self.view.decision.is_draft)
        )


@dataclass(frozen=True)
class Need:
    """A condition an action needs, and why it cannot run when it does not hold."""

    holds: Callable[[Context], bool]
    reason: Callable[[Context], str]


def _unit_name(context: Context) -> str:
    return context.view.unit.name if context.view is not None else "Đơn vị"


def _why_not_draft(context: Context) -> str:
    view = context.view
    if view is None:
        return "Chọn một đơn vị trước."
    if view.decision is None:
        return f"{view.unit.name} chưa có quyết định; nhấn n để lập (kiện toàn)."
    return (
        f"Quyết định {view.decision.number} {view.decision.state.label} nên chỉ xem được; "
        "nhấn n để lập quyết định kiện toàn mới."
    )


UNIT = Need(lambda c: c.view is not None, lambda c: "Chọn một đơn vị trước.")
DECISION = Need(
    lambda c: c.view is not None and c.view.decision is not None,
    lambda c: f"{_unit_name(c)} chưa có quyết định nào.",
)
DRAFT = Need(lambda c: c.draft_shown, _why_not_draft)
IN_FORCE = Need(
    lambda c: c.view is not None and c.view.in_force is not None,
    lambda c: (
        f"{_unit_name(c)} chưa có quyết định đang hiệu lực; văn bản của Ban Chỉ đạo "
        "được ghi theo quyết định đã ban hành."
    ),
)
LINE = Need(lambda c: c.line is not None, lambda c: "Danh sách chưa có thành viên; nhấn a để thêm.")
FINDING = Need(lambda c: c.finding is not None, lambda c: "Không có phát hiện nào.")
SUCCESSION = Need(
    lambda c: c.succession is not None and bool(c.succession.links),
    lambda c: f"{_unit_name(c)} chưa có đường kế thừa qua ngày 01/07/2025 trong cơ sở dữ liệu.",
)
LEGACY_UNIT = Need(
    lambda c: c.view is not None and c.view.unit.era is Era.LEGACY,
    lambda c: f"{_unit_name(c)} là đơn vị từ 01/07/2025, không còn cấp huyện.",
)


@dataclass(frozen=True)
class Action:
    name: str  # the screen's action_<name>
    keys: str  # Textual key names, comma separated
    label: str  # in the footer
    title: str  # in the palette: "nhóm: việc"
    help: str  # on the help screen and under the palette title
    group: Group
    pane: Pane | None = None  # the pane it works on; None: wherever the focus is
    needs: tuple[Need, ...] = ()
    show: bool = True  # in the footer
    key_display: str | None = None  # on the help screen, when not the keys themselves

    def binding(self) -> Binding:
        group = FOOTER_GROUPS.get(self.group)
        return Binding(self.keys, self.name, self.label, show=self.show, group=group)

    def refusal(self, context: Context) -> str | None:
        """Why the action cannot run now, or None when it can."""
        for need in self.needs:
            if not need.holds(context):
                return need.reason(context)
        return None


# In the footer the keys of these groups are shown together under the group's name
# ("ndbh Quyết định"), and the less used actions are left out of it (show=False), so that
# the footer fits 80 columns; the help screen (?) and the palette (Ctrl+P) list them all.
FOOTER_GROUPS: dict[Group, Binding.Group] = {
    Group.DECISION: Binding.Group("Quyết định", compact=True),
    Group.DOCUMENTS: Binding.Group("Văn bản", compact=True),
    Group.MEMBER: Binding.Group("Thành viên", compact=True),
    Group.FILES: Binding.Group("Nhập/xuất", compact=True),
}

G, D, V, M, F, X = (
    Group.GENERAL,
    Group.DECISION,
    Group.DOCUMENTS,
    Group.MEMBER,
    Group.FINDING,
    Group.FILES,
)
ROSTER, FINDINGS = Pane.ROSTER, Pane.FINDINGS

ACTIONS: tuple[Action, ...] = (
    Action("help", "question_mark,f1", "Trợ giúp", "Trợ giúp: phím tắt",
           "Trợ giúp: danh sách phím (màn hình này)", G, key_display="? F1"),
    Action("search", "slash", "Tìm", "Tìm: người hoặc đơn vị",
           "Tìm người hoặc đơn vị theo tên, không cần dấu", G, key_display="/"),
    Action("filter", "f", "Lọc", "Đơn vị: lọc cây", "Lọc cây đơn vị (gõ tên)", G),
    Action("new_decision", "n", "Kiện toàn", "Quyết định: kiện toàn",
           "Kiện toàn: lập dự thảo quyết định mới, từ danh sách đang hiệu lực", D, needs=(UNIT,)),
    Action("edit_decision", "d", "Sửa QĐ", "Quyết định: sửa",
           "Sửa số, ngày ký, người ký, Quy chế của dự thảo", D, needs=(DRAFT,)),
    Action("issue", "b", "Ban hành", "Quyết định: ban hành",
           "Ban hành dự thảo đang xem (hỏi lại trước)", D, needs=(DRAFT,)),
    Action("delete_draft", "delete", "Xóa dự thảo", "Quyết định: xóa dự thảo",
           "Xóa dự thảo đang xem cùng danh sách của nó (hỏi lại trước)", D, needs=(DRAFT,),
           show=False, key_display="Del"),
    Action("history", "h", "Lịch sử", "Quyết định: lịch sử",
           "Các quyết định của đơn vị, với Quy chế và phân công đã ghi", D, needs=(UNIT,)),
    Action("audit", "j", "Nhật ký", "Đơn vị: nhật ký thay đổi",
           "Nhật ký thay đổi của đơn vị: ai sửa gì, lúc nào, trước và sau", D, needs=(UNIT,),
           show=False),
    Action("succession", "s", "Kế thừa", "Đơn vị: kế thừa qua 01/07/2025",
           "Đơn vị cũ hình thành đơn vị này (hoặc đơn vị mới nó hợp nhất vào), quyết định và "
           "trạng thái của từng Ban; xác nhận đơn vị kế thừa của xã bị chia", G,
           needs=(UNIT, SUCCESSION), show=False),
    Action("regulation", "c", "Quy chế", "Văn bản: ghi Quy chế hoạt động",
           "Ghi Quy chế hoạt động (số, ngày, người ký) theo quyết định đang hiệu lực", V,
           needs=(IN_FORCE,), show=False),
    Action("duties", "g", "Phân công", "Văn bản: ghi phân công nhiệm vụ",
           "Ghi phân công nhiệm vụ từ tệp, xem trước ai nhận việc gì", V, needs=(IN_FORCE,),
           show=False),
    Action("add_member", "a", "Thêm", "Thành viên: thêm", "Thêm thành viên vào dự thảo", M,
           pane=ROSTER, needs=(DRAFT,)),
    Action("edit_member", "e", "Sửa", "Thành viên: sửa",
           "Sửa thành viên đang chọn (Enter cũng được)", M, pane=ROSTER, needs=(DRAFT, LINE),
           key_display="e Enter"),
    Action("remove_member", "x", "Xóa", "Thành viên: xóa", "Xóa thành viên đang chọn", M,
           pane=ROSTER, needs=(DRAFT, LINE)),
    Action("move_up", "left_square_bracket", "Lên", "Thành viên: chuyển lên",
           "Chuyển thành viên lên một dòng", M, pane=ROSTER, needs=(DRAFT, LINE),
           key_display="[", show=False),
    Action("move_down", "right_square_bracket", "Xuống", "Thành viên: chuyển xuống",
           "Chuyển thành viên xuống một dòng", M, pane=ROSTER, needs=(DRAFT, LINE),
           key_display="]", show=False),
    Action("person", "p", "Người", "Thành viên: các quyết định có tên",
           "Các quyết định có người đang chọn", M, pane=ROSTER, needs=(LINE,)),
    Action("same_person", "l", "Cùng người?", "Thành viên: nối hoặc tách người cùng tên",
           "Cùng một người? Nối dòng đang chọn với người cùng tên trong huyện, hoặc tách ra",
           M, pane=ROSTER, needs=(LINE,), show=False),
    Action("explain", "r", "Giải thích", "Quy tắc: giải thích",
           "Giải thích quy tắc của phát hiện đang chọn", F, pane=FINDINGS, needs=(FINDING,)),
    Action("import", "i", "Nhập", "Nhập: danh sách Excel",
           "Nhập danh sách từ tệp bảng tính (xem trước rồi lưu)", X, needs=(UNIT,)),
    Action("export_annex", "o", "Xuất PL", "Xuất: phụ lục danh sách",
           "Xuất phụ lục danh sách của quyết định đang xem (Excel)", X, needs=(DECISION,)),
    Action("export_decision", "t", "Xuất QĐ", "Xuất: Quyết định (Word)",
           "Xuất Quyết định đang xem cùng danh sách kèm theo (Word, để ký)", X,
           needs=(DECISION,)),
    Action("export_district", "w", "Xuất huyện", "Xuất: sổ tổng hợp huyện",
           "Xuất sổ tổng hợp của huyện và các xã (Excel)", X, needs=(UNIT, LEGACY_UNIT),
           show=False),
    Action("quit", "q", "Thoát", "Ứng dụng: thoát", "Thoát bcd138", G, show=False),
)  # fmt: skip

BY_NAME: dict[str, Action] = {action.name: action for action in ACTIONS}
_BY_KEY: dict[str, Action] = {
    key.strip(): action for action in ACTIONS for key in action.keys.split(",")
}


def bindings() -> list[Binding]:
    return [action.binding() for action in ACTIONS]


def for_key(key: str) -> Action | None:
    return _BY_KEY.get(key)


def state(name: str, context: Context) -> bool:
    """What check_action answers: an action is offered (in the footer, to its key) only in
    its pane and when what it needs holds. Names not listed here are Textual's own."""
    action = BY_NAME.get(name)
    if action is None:
        return True
    if action.pane is not None and context.pane is not action.pane:
        return False
    return action.refusal(context) is None


def palette(context: Context) -> list[Action]:
    """The actions the palette offers: those that can run, wherever the focus is (running
    one first moves the focus to its pane)."""
    return [action for action in ACTIONS if action.refusal(context) is None]
