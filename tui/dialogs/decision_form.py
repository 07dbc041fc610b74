"""The decision's details (number, signing date, signer, the Quy chế it is issued with), and
the Quy chế hoạt động recorded after issue (number, date, signer)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from textual.widgets import Checkbox

from committee.domain import validation
from committee.usecases.decisions import DecisionDetails
from tui.dialogs.form import FormDialog, Typed, date_field, date_text
from tui.widgets.form_field import FormField


def signed_date(text: str, field: str, label: str) -> date | None:
    """A signing date typed in a form: a real date, not in the future, nor before 1945."""
    return validation.past_date(date_field(text, field), field, label)


@dataclass(frozen=True)
class NewDecision:
    """A kiện toàn: the new decision's details, and whether to start from the roster in force."""

    details: DecisionDetails
    copy_roster: bool


@dataclass(frozen=True)
class DocumentInput:
    """A committee's document as typed: its number, signing date and signer."""

    number: str | None
    signed_on: date | None
    signer: str = ""


class DecisionForm(FormDialog[DecisionDetails]):
    """Edit a draft's details; returns DecisionDetails."""

    def __init__(
        self,
        title: str,
        initial: DecisionDetails | None = None,
        on_submit: Callable[[DecisionDetails], None] | None = None,
        on_reload: Callable[[Typed], None] | None = None,
        typed: Typed | None = None,
    ) -> None:
        super().__init__(title, on_submit, on_reload, typed)
        self.initial = initial or DecisionDetails("", None)

    def fields(self) -> Iterable[FormField]:
        details = self.initial
        yield FormField(
            "Số quyết định", self.text_input("number", details.number, "1234/QĐ-UBND"), "number"
        )
        yield FormField(
            "Ngày ký",
            self.text_input("signed_on", date_text(details.signed_on), "dd/mm/yyyy"),
            "signed_on",
        )
        yield FormField(
            "Người ký", self.text_input("signer", details.signer, "Họ và tên"), "signer"
        )
        yield FormField(
            "Số QĐ Quy chế",
            self.text_input("regulation_number", details.regulation_number or "", "01/QĐ-BCĐ"),
            "regulation_number",
        )
        yield FormField(
            "Ngày Quy chế",
            self.text_input("regulation_date", date_text(details.regulation_date), "dd/mm/yyyy"),
            "regulation_date",
        )

    def collect(self) -> DecisionDetails:  # type: ignore[override]
        check, value = self.check, self.value
        return DecisionDetails(
            number=check(lambda: validation.decision_number(value("number"))) or "",
            signed_on=check(lambda: signed_date(value("signed_on"), "signed_on", "Ngày ký")),
            signer=check(lambda: validation.signer(value("signer"))) or "",
            regulation_number=check(
                lambda: validation.optional_decision_number(
                    value("regulation_number"), "regulation_number"
                )
            ),
            regulation_date=check(
                lambda: signed_date(value("regulation_date"), "regulation_date", "Ngày Quy chế")
            ),
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


class DocumentForm(FormDialog[DocumentInput]):
    """A committee's document: number, signing date, signer (the Quy chế after issue)."""

    def __init__(
        self,
        title: str,
        example_number: str,
        on_submit: Callable[[DocumentInput], None] | None = None,
    ) -> None:
        super().__init__(title, on_submit)
        self.example_number = example_number

    def fields(self) -> Iterable[FormField]:
        yield FormField("Số văn bản", self.text_input("number", "", self.example_number), "number")
        yield FormField("Ngày ký", self.text_input("signed_on", "", "dd/mm/yyyy"), "signed_on")
        yield FormField("Người ký", self.text_input("signer", "", "Họ và tên"), "signer")

    def collect(self) -> DocumentInput:  # type: ignore[override]
        check, value = self.check, self.value
        return DocumentInput(
            number=check(lambda: validation.optional_decision_number(value("number"), "number")),
            signed_on=check(lambda: signed_date(value("signed_on"), "signed_on", "Ngày ký")),
            signer=check(lambda: validation.signer(value("signer"))) or "",
        )
