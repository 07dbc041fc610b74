"""One roster line: name, role, post (catalogue or as written), duties, phone, note."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from textual import on
from textual.widgets import Input, Select

from committee.catalogue.posts import post_catalogue
from committee.catalogue.titles import compose_title
from committee.domain import validation
from committee.domain.errors import InvalidInput
from committee.domain.records import UnitRef
from committee.domain.vocabulary import PORTFOLIO_LABELS, Portfolio, Role
from committee.usecases.decisions import MemberInput
from tui.dialogs.form import FormDialog
from tui.widgets.form_field import FormField


class MemberForm(FormDialog[MemberInput]):
    """Returns MemberInput. Picking a post from the catalogue fills in the title."""

    def __init__(
        self,
        title: str,
        unit: UnitRef,
        initial: MemberInput | None = None,
        on_submit: Callable[[MemberInput], None] | None = None,
    ) -> None:
        super().__init__(title, on_submit)
        self.unit = unit
        self.initial = initial or MemberInput("", Role.MEMBER)
        self.posts = post_catalogue().for_level(unit.level)
        known = {post.key for post in self.posts}
        self._post = self.initial.post_kind if self.initial.post_kind in known else None

    def _input(self, name: str, value: str, placeholder: str = "") -> Input:
        return Input(value, placeholder=placeholder, id=f"input-{name}", compact=True)

    def fields(self) -> Iterable[FormField]:
        member = self.initial
        yield FormField("Họ và tên", self._input("name", member.name, "Nguyễn Văn A"), "name")
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
            self._input("title", member.title, "hoặc chọn ở dòng trên"),
            "title",
        )
        yield FormField("Nhiệm vụ", self._input("duties", member.duties, "Phân công"), "duties")
        yield FormField("Điện thoại", self._input("phone", member.phone), "phone")
        yield FormField("Ghi chú", self._input("note", member.note), "note")

    @on(Select.Changed, "#input-post")
    def _post_picked(self, event: Select.Changed) -> None:
        chosen = None if event.value is Select.NULL else str(event.value)
        if chosen == self._post:
            return
        self._post = chosen
        if chosen is not None:
            self.query_one("#input-title", Input).value = compose_title(chosen, self.unit)

    def value(self, name: str) -> str:
        return self.query_one(f"#input-{name}", Input).value

    def collect(self) -> MemberInput:  # type: ignore[override]
        name = validation.person_name(self.value("name"))
        role = self.query_one("#input-role", Select).value
        if role is Select.NULL:
            raise InvalidInput("role", "Chưa chọn chức danh trong Ban Chỉ đạo.")
        portfolio = self.query_one("#input-portfolio", Select).value
        return MemberInput(
            name=name,
            role=Role(role),
            title=self.value("title"),
            duties=self.value("duties"),
            phone=self.value("phone"),
            note=self.value("note"),
            post_kind=self._post,
            portfolio=None if portfolio is Select.NULL else Portfolio(portfolio),
        )
