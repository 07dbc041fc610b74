"""The words a roster is read by (data/roster_layout.toml), compiled once.

Every text of the file is compared by its folded key (layout_key): no diacritics, lower
case, any run of punctuation or spaces read as one space.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import TypeVar

from committee.domain.text import fold
from committee.domain.vocabulary import Role
from committee.paths import DATA_DIR
from committee.rosters.limits import ReadingLimits

LAYOUT_FILE = DATA_DIR / "roster_layout.toml"
COLUMN_MEANINGS = ("stt", "name", "title", "unit", "role", "duties", "note", "phone")

_T = TypeVar("_T")
_NOT_WORD = re.compile(r"[^0-9a-z]+")
_REMARK = re.compile(r"\([^)]*\)")


@lru_cache(maxsize=8192)
def layout_key(text: object) -> str:
    """The comparison key of layout words: folded, punctuation and spaces read as one space."""
    return _NOT_WORD.sub(" ", fold(text)).strip()


@dataclass(frozen=True)
class RosterLayout:
    """data/roster_layout.toml, with every text turned into its comparison key."""

    columns: dict[str, str]
    subcolumns: dict[str, str]
    roles: dict[str, Role]
    role_separators: re.Pattern[str]
    sections: dict[str, Role]
    section_prefix: re.Pattern[str]
    section_examples: str
    promotions: tuple[tuple[str, Role], ...]
    decision_markers: tuple[str, ...]
    decision_number: re.Pattern[str]
    decision_date: re.Pattern[str]
    decision_issuer: re.Pattern[str]
    list_heading: str
    not_member_prefixes: tuple[str, ...]
    not_member_patterns: tuple[re.Pattern[str], ...]
    signer_headings: frozenset[str]
    signer_prefixes: tuple[str, ...]
    signer_patterns: tuple[re.Pattern[str], ...]
    blank_rows: int
    uppercase_fonts: re.Pattern[str]
    encoding_names: dict[str, str]
    limits: ReadingLimits

    @classmethod
    def from_file(cls, path: Path) -> RosterLayout:
        with path.open("rb") as handle:
            raw = tomllib.load(handle)
        for table in ("columns", "subcolumns"):
            unknown = set(raw[table]) - set(COLUMN_MEANINGS)
            if unknown:
                raise ValueError(f"{path.name}: unknown column meanings {sorted(unknown)}")
        sections = raw["sections"]
        decision = raw["decision"]
        number_word = layout_key(decision["number_word"])
        date_word = layout_key(decision["date_word"])
        issuer_word = layout_key(decision["issuer_word"])
        end = raw["table_end"]
        not_members = raw["not_members"]
        return cls(
            columns=_keyed(raw["columns"], str),
            subcolumns=_keyed(raw["subcolumns"], str),
            roles=_keyed(raw["roles"], Role),
            role_separators=re.compile(raw["role_in_title"]["separators"]),
            sections=_keyed({k: v for k, v in sections.items() if k != "prefix"}, Role),
            section_prefix=re.compile(sections["prefix"]),
            section_examples=", ".join(
                f"{numeral}. {sections[role.value][0].upper()}"
                for numeral, role in zip(("I", "II", "III", "IV", "V"), Role, strict=True)
            ),
            promotions=tuple(
                (layout_key(phrase), Role(role))
                for role, phrases in raw["promotions"].items()
                for phrase in phrases
            ),
            decision_markers=tuple(layout_key(marker) for marker in decision["markers"]),
            # These three run on the position-preserving fold of the line's text.
            decision_number=re.compile(
                rf"\b{number_word}\b\s*[:.]?\s*(?P<number>\d[\w.\-&]*(?:\s*/\s*[\w.\-&]+)*)"
                rf"|(?P<bare>\b\d+\s*/\s*[a-z][\w.\-&]*)"
            ),
            decision_date=re.compile(rf"\b{date_word}\b(?P<date>.*?)(?=\b{issuer_word}\b|\)|$)"),
            decision_issuer=re.compile(rf"\b{issuer_word}\b(?P<issuer>[^)]*)"),
            list_heading=layout_key(decision["list_heading"]),
            not_member_prefixes=tuple(layout_key(text) for text in not_members["prefixes"]),
            not_member_patterns=tuple(re.compile(pattern) for pattern in not_members["patterns"]),
            signer_headings=frozenset(layout_key(text) for text in end["signer_headings"]),
            signer_prefixes=tuple(layout_key(text) for text in end["signer_prefixes"]),
            signer_patterns=tuple(re.compile(pattern) for pattern in end["signer_patterns"]),
            blank_rows=int(end["blank_rows"]),
            uppercase_fonts=re.compile(raw["legacy"]["uppercase_fonts"]),
            encoding_names=dict(raw["legacy"]["names"]),
            limits=ReadingLimits.from_table(raw["limits"]),
        )

    def section_role(self, text: str) -> Role | None:
        """The role a section heading stands for ("IV. CÁC PHÓ TRƯỞNG BAN:"), or None."""
        key = layout_key(_REMARK.sub(" ", text))
        role = self.sections.get(key)
        if role is None:
            role = self.sections.get(self.section_prefix.sub("", key, count=1).strip())
        return role

    def is_signer(self, key: str) -> bool:
        return (
            key in self.signer_headings
            or key.startswith(self.signer_prefixes)
            or any(pattern.search(key) for pattern in self.signer_patterns)
        )

    def is_not_member(self, key: str) -> bool:
        """A total, a count or a page mark ("Tổng số: 20 đồng chí"), by its folded key."""
        return any(
            key == prefix or key.startswith(f"{prefix} ") for prefix in self.not_member_prefixes
        ) or any(pattern.search(key) for pattern in self.not_member_patterns)

    def is_decision_line(self, text: str) -> bool:
        key = f" {layout_key(text)} "
        return any(f" {marker} " in key for marker in self.decision_markers)


def _keyed(table: dict[str, list[str]], meaning: Callable[[str], _T]) -> dict[str, _T]:
    keyed: dict[str, _T] = {}
    for value, texts in table.items():
        for text in texts:
            key = layout_key(text)
            if keyed.get(key, meaning(value)) != meaning(value):
                raise ValueError(f"{LAYOUT_FILE.name}: «{text}» is listed under two meanings")
            keyed[key] = meaning(value)
    return keyed


@cache
def roster_layout() -> RosterLayout:
    """The shipped layout, read once per process."""
    return RosterLayout.from_file(LAYOUT_FILE)
