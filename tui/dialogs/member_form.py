"""One roster line: name, role, post (catalogue or as written), duties, phone, note.

The post is passed on only when the clerk picked it from the catalogue for this member;
otherwise it is recognised from the title as written, again whenever the title changes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from textual import on
from textual.widgets import Input, Select, TextArea

from committee.domain import validation
from committee.domain.errors import InvalidInput
from committee.domain.field_limits import TITLE, within_limit
from committee.domain.records import UnitRef
from committee.domain.text import clean
from committee.domain.vocabulary import PORTFOLIO_LABELS, Portfolio, Role
from committee.usecases.decisions import MemberInput
from committee.usecases.post_choices import post_choices, title_for
from committee.usecases.view import RosterLine
from tui.dialogs.form import FormDialog, Typed
from tui.edge import at_edge
from tui.text import field_text
from tui.widgets.form_field import FormField


def _no_role() -> None:
    raise InvalidInput("role", "Chưa chọn chức danh trong Ban Chỉ đạo.")


def next_role(taken: Sequence[Role]) -> Role:
    """The seat a new line most likely fills: the first leadership seat still empty,
    then the five Phó Trưởng ban seats, then Ủy viên."""
    for role in (Role.CHAIR, Role.FIRST_VICE_CHAIR, Role.STANDING_VICE_CHAIR):
        if role not in taken:
            return role
    return Role.VICE_CHAIR if list(taken).count(Role.VICE_CHAIR) < 5 else Role.MEMBER


def member_input(line: RosterLine) -> MemberInput:
    """What the form starts from for a stored line: its post only if picked for it."""
    return MemberInput(
        line.name,
        line.role,
        line.title,
        line.duties,
        line.phone,
        line.note,
        line.post_kind if line.post_picked else None,
        line.portfolio if line.portfolio is not Portfolio.NONE else None,
    )


class MemberForm(FormDialog[MemberInput]):
    """Returns MemberInput. Picking a post from the catalogue fills in the title."""

    def __init__(
        self,
        title: str,
        unit: UnitRef,
        initial: MemberInput | None = None,
        on_submit: Callable[[MemberInput], None] | None = None,
        on_reload: Callable[[Typed], None] | None = None,
        typed: Typed | None = None,
    ) -> None:
        super().__init__(title, on_submit, on_reload, typed)
        self.unit = unit
        self.initial = initial or MemberInput("", Role.MEMBER)
        self.posts = post_choices(unit)
        known = {post.key for post in self.posts}
        self._post = self.initial.post_kind if self.initial.post_kind in known else None

    def fields(self) -> Iterable[FormField]:
        member = self.initial
        yield FormField("Họ và tên", self.text_input("name", member.name, "Nguyễn Văn A"), "name")
        yield FormField(
            "Chức danh BCĐ",
            Select(
                [(role.label, role) for role in Role],
                value=Role(member.role),
                allow_blank=False,
                id="input-role",
                compact=True,
            ),
            "role",
        )
        yield FormField(
            "Chức vụ (mục)",
            Select(
                [(post.title, post.key) for post in self.posts],
                value=self._post if self._post else Select.NULL,
                prompt="— tự nhận từ chức vụ ghi —",
                id="input-post",
                compact=True,
            ),
            "post_kind",
        )
        yield FormField(
            "Phụ trách CA",
            Select(
                [(label, portfolio) for portfolio, label in PORTFOLIO_LABELS.items()],
                value=member.portfolio if member.portfolio is not None else Select.NULL,
                prompt="— theo chức vụ ghi —",
                id="input-portfolio",
                compact=True,
            ),
            "portfolio",
        )
        yield FormField(
            "Chức vụ ghi",
            self.text_input("title", member.title, "hoặc chọn ở dòng trên"),
            "title",
        )
        duties = TextArea(
            field_text(member.duties), id="input-duties", soft_wrap=True, compact=True
        )  # several lines: Enter starts a new one, Ctrl+S saves
        yield FormField("Nhiệm vụ", duties, "duties")
        yield FormField("Điện thoại", self.text_input("phone", member.phone), "phone")
        yield FormField("Ghi chú", self.text_input("note", member.note), "note")

    def put(self, field: FormField, content: object) -> None:
        if field.field_name == "post_kind":  # the post kept as typed, its title as typed too
            self._post = None if content is Select.NULL else str(content)
        super().put(field, content)

    @on(Select.Changed, "#input-post")
    @at_edge
    def _post_picked(self, event: Select.Changed) -> None:
        chosen = None if event.value is Select.NULL else str(event.value)
        if chosen == self._post:
            return
        self._post = chosen
        if chosen is not None:
            self.query_one("#input-title", Input).value = title_for(chosen, self.unit)

    def collect(self) -> MemberInput:  # type: ignore[override]
        name = self.check(lambda: validation.person_name(self.value("name")))
        role = self.query_one("#input-role", Select).value
        if role is Select.NULL:
            self.check(_no_role)
        portfolio = self.query_one("#input-portfolio", Select).value
        title = self.check(
            lambda: within_limit(clean(self.value("title")), TITLE, "title", "Chức vụ ghi")
        )
        return MemberInput(
            name=name or "",
            role=Role(role) if role is not Select.NULL else Role.MEMBER,
            title=title or "",
            duties=validation.duties(self.query_one("#input-duties", TextArea).text),
            phone=self.check(lambda: validation.phone(self.value("phone"))) or "",
            note=self.value("note"),
            post_kind=self._post,
            portfolio=None if portfolio is Select.NULL else Portfolio(portfolio),
        )
