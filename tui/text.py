"""How stored text reaches the screen: as plain text, never as markup, and with every
control character written as its escape (committee.domain.text.printable), so that no
name, title, duty, number or message can recolour, clear or move the screen.

Every widget that shows stored text builds it with `shown`; every notice quoting it goes
through `say`.
"""

from __future__ import annotations

from rich.text import Text
from textual.dom import DOMNode
from textual.notifications import SeverityLevel

from committee.domain.text import printable


def shown(value: object, style: str = "") -> Text:
    """Stored text as a widget shows it."""
    return Text(printable("" if value is None else str(value)), style=style)


def field_text(value: object) -> str:
    """Stored text as an input field shows it for editing."""
    return printable("" if value is None else str(value))


def say(
    node: DOMNode,
    message: str,
    *,
    severity: SeverityLevel = "information",
    title: str = "",
    timeout: float | None = None,
) -> None:
    """A notice (toast) whose text may quote stored text."""
    node.app.notify(
        printable(message), title=title, severity=severity, timeout=timeout, markup=False
    )
