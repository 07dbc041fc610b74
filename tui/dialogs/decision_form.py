"""The decision's details: number, signing date, signer, Quy chế hoạt động."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from textual.widgets import Checkbox, Input

from committee.domain.dates import format_date, parse_date
from committee.domain.errors import InvalidInput
from committee.domain.text import clean
from committee.usecases.decisions import DecisionDetails
from tui.dialogs.form import FormDialog
from tui.widgets.form_field import FormField


@dataclass(frozen=True)
class NewDecision:
    """A kiện toàn: the new decision's details, and whether to start from the roster in force."""

    details: DecisionDetails
    copy_roster: bool


def _date_text(value: date | None) -> str:
    return format_date(value) if value else ""


def _date(text: str, field: str) -> date | None:
    if not clean(text):
        return None
    try:
        return parse_date(text)
    except ValueError as error:
        raise InvalidInput(field, str(error)) from error


class DecisionForm(FormDialog[DecisionDetails]):
    """Edit a draft's details; returns DecisionDetails."""

    def __init__(
        self,
        title: str,
        initial: DecisionDetails | None = None,
        on_submit: Callable[[DecisionDetails], None] | None = None,
    ) -> None:
        super().__init__(title, on_submit)
        self.initial = initial or DecisionDetails("", None)

    def _input(self, name: str, value: str, placeholder: str) -> Input:
        return Input(value, placeholder=placeholder, id=f"input-{name}", compact=True)

    def fields(self) -> Iterable[FormField]:
        details = self.initial
        yield FormField(
            "Số quyết định", self._input("number", details.number, "1234/QĐ-UBND"), "number"
        )
        yield FormField(
            "Ngày ký",
            self._input("signed_on", _date_text(details.signed_on), "dd/mm/yyyy"),
            "signed_on",
        )
        yield FormField("Người ký", self._input("signer", details.signer, "Họ và tên"), "signer")
        yield FormField(
            "Số QĐ Quy chế",
            self._input("regulation_number", details.regulation_number or "", "01/QĐ-BCĐ"),
            "regulation_number",
        )
        yield FormField(
            "Ngày Quy chế",
            self._input("regulation_date", _date_text(details.regulation_date), "dd/mm/yyyy"),
            "regulation_date",
        )

    def value(self, name: str) -> str:
        return self.query_one(f"#input-{name}", Input).value

    def collect(self) -> DecisionDetails:  # type: ignore[override]
        return DecisionDetails(
            number=self.value("number"),
            signed_on=_date(self.value("signed_on"), "signed_on"),
            signer=self.value("signer"),
            regulation_number=self.value("regulation_number") or None,
            regulation_date=_date(self.value("regulation_date"), "regulation_date"),
        )


class NewDecisionForm(DecisionForm):
    """Kiện toàn: a new draft, by default starting from a copy of the roster in force."""

    def __init__(
        self,
        title: str,
        has_current: bool,
        on_submit: Callable[[NewDecision], None] | None = None,
    ) -> None:
        super().__init__(title, None, on_submit)  # type: ignore[arg-type]
        self.has_current = has_current

    def fields(self) -> Iterable[FormField]:
        yield from super().fields()
        yield FormField(
            "Danh sách",
            Checkbox(
                "Sao chép danh sách đang hiệu lực",
                value=self.has_current,
                disabled=not self.has_current,
                id="input-copy",
                compact=True,
            ),
            "copy",
        )

    def collect(self) -> NewDecision:  # type: ignore[override]
        return NewDecision(super().collect(), self.query_one("#input-copy", Checkbox).value)
