"""The Ctrl+P palette: its Vietnamese placeholder, and a matcher that, like `/` search,
ignores diacritics and case ("kien toan", "xuat", "thoat", "lich su") and also takes the
initials of the words ("kt" for "kiện toàn", "xpl" for "Xuất: phụ lục…")."""

from __future__ import annotations

import re

from rich.text import Text
from textual.command import CommandPalette, DiscoveryHit, Hit, Hits, Provider

from committee.domain.text import fold

PLACEHOLDER = "Tìm việc cần làm (gõ không dấu được, hoặc chữ đầu: kt = kiện toàn)…"
_WORD = re.compile(r"[0-9a-z]+")


def match_score(query: str, title: str) -> float:
    """How well `query` names `title`, from 0 (not at all) to 1; diacritics and case
    ignored. A run of the title's words, their beginnings, or their initials match."""
    key = " ".join(_WORD.findall(fold(query)))
    if not key:
        return 0.0
    words = _WORD.findall(fold(title))
    text = " ".join(words)
    if text.startswith(key):
        return 1.0
    if f" {key}" in f" {text}":
        return 0.9  # from the start of a word
    if key in text:
        return 0.7
    typed = key.split()
    if all(any(word.startswith(part) for word in words) for part in typed):
        return 0.6  # each typed word begins one of the title's
    initials = "".join(word[0] for word in words)
    if " " not in key and key in initials:
        return 0.5
    return 0.0


class ActionCommands(Provider):
    """What the app's get_system_commands offers for the screen, matched by match_score."""

    def _commands(self):  # type: ignore[no-untyped-def]
        return list(self.app.get_system_commands(self.screen))

    async def discover(self) -> Hits:
        for title, help_text, callback, discover in self._commands():
            if discover:
                yield DiscoveryHit(title, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        for title, help_text, callback, *_ in self._commands():
            score = match_score(query, title)
            if score > 0:
                yield Hit(score, Text(title), callback, text=title, help=help_text)


def command_palette() -> CommandPalette:
    return CommandPalette(providers=[ActionCommands], placeholder=PLACEHOLDER)
