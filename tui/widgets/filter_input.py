"""The unit tree's filter box. It takes the focus only when asked (`f`), so Tab walks the
panes and never lands in it; Esc clears it and leaves, Enter leaves it on the first match
(`FilterInput.Left`, telling which)."""

from __future__ import annotations

from textual import events
from textual.binding import Binding
from textual.message import Message
from textual.widgets import Input


class FilterInput(Input):
    BINDINGS = [Binding("escape", "clear_and_leave", "Bỏ lọc", show=False)]

    class Left(Message):
        """The clerk left the filter: `to_match` after Enter, else after Esc (cleared)."""

        def __init__(self, to_match: bool) -> None:
            super().__init__()
            self.to_match = to_match

    def __init__(self, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(placeholder="Lọc đơn vị (f)…", compact=True, **kwargs)
        self.can_focus = False

    def open(self) -> None:
        self.can_focus = True
        self.focus()

    def on_blur(self, event: events.Blur) -> None:
        self.can_focus = False

    def action_clear_and_leave(self) -> None:
        self.value = ""
        self.post_message(self.Left(to_match=False))

    async def action_submit(self) -> None:
        self.post_message(self.Left(to_match=True))
