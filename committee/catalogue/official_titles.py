"""Official titles: how official documents print a recognised post of a unit.

A clerk types "CT UBND xã", "Trưởng CA xã", "Công chức VH-XH"; the annex of a decision
prints "Chủ tịch UBND xã Yết Kiêu", "Trưởng Công an xã", "Công chức Văn hóa - Xã hội xã".
The forms are data (data/official_titles.toml); the post's form defaults to the first
phrasing of data/titles.toml, the one compose_title writes. A post renamed on a day in the
units of an era ([[renamed]]: the head of a 2025 commune's Trạm Y tế is its Giám đốc from
1 January 2026, its Trạm trưởng before) is printed by the date of the decision. Every
printed title reads back as the same post of the same unit
(tests/catalogue/test_official_titles.py).
"""

from __future__ import annotations

import string
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import NamedTuple

from committee.catalogue.posts import PostCatalogue, post_catalogue
from committee.catalogue.titles import title_vocabulary
from committee.domain.records import UnitRef
from committee.domain.text import clean
from committee.domain.vocabulary import Era, Portfolio
from committee.paths import DATA_DIR

OFFICIAL_TITLES_FILE = DATA_DIR / "official_titles.toml"
PLACEHOLDERS = frozenset({"unit", "party_committee"})


class PostLine(NamedTuple):
    """A roster line's post as stored: the title as typed and what it was recognised as."""

    typed: str
    post_kind: str | None
    unit: UnitRef | None  # the post's unit; None when it could not be told
    portfolio: Portfolio = Portfolio.NONE


@dataclass(frozen=True)
class Renamed:
    """A post printed `form` from the day `since` on, in the units of `eras`."""

    post: str
    eras: frozenset[Era]
    since: date
    form: str


@dataclass(frozen=True)
class OfficialTitles:
    """data/official_titles.toml, checked against the post catalogue."""

    forms: Mapping[str, str]
    party_committees: Mapping[str, str]
    portfolios: Mapping[Portfolio, str]
    as_typed: frozenset[str]
    catalogue: PostCatalogue
    renamed: Sequence[Renamed] = ()

    @classmethod
    def from_file(cls, path: Path, catalogue: PostCatalogue | None = None) -> OfficialTitles:
        with path.open("rb") as handle:
            raw = tomllib.load(handle)
        return cls.from_data(raw, catalogue or post_catalogue(), path.name)

    @classmethod
    def from_data(
        cls, raw: Mapping[str, object], catalogue: PostCatalogue, source: str
    ) -> OfficialTitles:
        forms = {key: clean(str(form)) for key, form in _table(raw, "forms", source).items()}
        as_typed = frozenset(str(key) for key in raw.get("as_typed", []))  # type: ignore[union-attr]
        renamed = [_renamed(entry, source) for entry in _entries(raw, "renamed", source)]
        for key in (*forms, *as_typed, *(entry.post for entry in renamed)):
            if key not in catalogue:
                raise ValueError(f"{source}: «{key}» is not a post of data/posts.toml")
        for key, form in [*forms.items(), *((entry.post, entry.form) for entry in renamed)]:
            fields = {name for _, name, _, _ in string.Formatter().parse(form) if name is not None}
            if not fields <= PLACEHOLDERS:
                unknown = ", ".join(sorted(fields - PLACEHOLDERS))
                raise ValueError(f"{source}: the form of {key} has unknown placeholders {unknown}")
        # the latest renaming first: the first that has begun on a day is the one in use
        renamed.sort(key=lambda entry: entry.since, reverse=True)
        portfolios: dict[Portfolio, str] = {}
        for name, words in _table(raw, "portfolios", source).items():
            try:
                portfolios[Portfolio(name)] = clean(str(words))
            except ValueError:
                raise ValueError(f"{source}: «{name}» is not a portfolio") from None
        party = {
            str(kind): clean(str(name))
            for kind, name in _table(raw, "party_committee", source).items()
        }
        return cls(forms, party, portfolios, as_typed, catalogue, tuple(renamed))

    def form(self, post_key: str, era: Era | None = None, on: date | None = None) -> str:
        """The post's printed form before its unit: "Chủ tịch UBND", "Trưởng Ban Tuyên
        giáo {party_committee}"; for a unit of `era` on the day `on` (None: any day before
        a renaming), the form it had been renamed to by then ("Giám đốc Trạm Y tế")."""
        if era is not None and on is not None:
            for entry in self.renamed:
                if entry.post == post_key and Era(era) in entry.eras and entry.since <= on:
                    return entry.form
        post = self.catalogue[post_key]
        return self.forms.get(post_key) or title_vocabulary().stem(post_key) or post.title

    def title(
        self,
        post_key: str | None,
        unit: UnitRef | None,
        portfolio: Portfolio = Portfolio.NONE,
        *,
        named: bool = True,
        on: date | None = None,
    ) -> str | None:
        """The official title of a post of `unit`: with the unit's name when `named`
        ("Chủ tịch UBND huyện Gia Lộc"), else with its kind word ("Trưởng Công an huyện");
        as it is written on the day `on` (the decision's date; None: before any renaming).
        None when the post is printed as typed: not recognised, its unit unknown, or a
        post the catalogue cannot name fully (as_typed)."""
        if post_key is None or unit is None or post_key in self.as_typed:
            return None
        if post_key not in self.catalogue:
            return None
        form = self.form(post_key, unit.era, on)
        fields = {name for _, name, _, _ in string.Formatter().parse(form) if name is not None}
        if not fields:
            form += " {unit}"
        name = f" {unit.short_name}" if named else ""
        party = self.party_committees.get(unit.kind)
        if "party_committee" in fields and party is None:
            return None  # a unit with no party committee of that kind: print it as typed
        text = form.format(unit=f"{unit.kind}{name}", party_committee=f"{party}{name}")
        words = self.portfolios.get(portfolio)
        return clean(f"{text} {words}" if words else text)

    def printed_titles(
        self, committee: UnitRef, lines: Iterable[PostLine], on: date | None = None
    ) -> list[str]:
        """What a list of the committee's members prints in its title column, in order:
        the official title where the post is recognised (as written on the day `on`, the
        decision's date), otherwise the title as typed. The committee's own unit is named in
        full the first time it appears, by its kind word after that; any other unit always
        in full."""
        printed: list[str] = []
        own_unit_named = False
        for line in lines:
            own = line.unit is not None and line.unit.code == committee.code
            title = self.title(
                line.post_kind,
                line.unit,
                line.portfolio,
                named=not own or not own_unit_named,
                on=on,
            )
            if title is None:
                printed.append(line.typed)
                continue
            own_unit_named = own_unit_named or own
            printed.append(title)
        return printed


def _entries(raw: Mapping[str, object], key: str, source: str) -> list[Mapping[str, object]]:
    value = raw.get(key, [])
    if not isinstance(value, list) or not all(isinstance(entry, Mapping) for entry in value):
        raise ValueError(f"{source}: [[{key}]] must be a list of tables")
    return value


def _renamed(entry: Mapping[str, object], source: str) -> Renamed:
    post, since, form, eras = (entry.get(key) for key in ("post", "from", "form", "eras"))
    if not isinstance(post, str) or not isinstance(form, str) or not form.strip():
        raise ValueError(f"{source}: [[renamed]] needs a post and its form")
    if not isinstance(since, date):
        raise ValueError(f"{source}: [[renamed]] {post}: `from` must be a date (2026-01-01)")
    if not isinstance(eras, list) or not eras:
        raise ValueError(f"{source}: [[renamed]] {post}: `eras` must list the eras")
    try:
        chosen = frozenset(Era(str(era)) for era in eras)
    except ValueError:
        raise ValueError(
            f"{source}: [[renamed]] {post}: an era is not one of legacy, 2025"
        ) from None
    return Renamed(post, chosen, since, clean(form))


def _table(raw: Mapping[str, object], key: str, source: str) -> Mapping[str, object]:
    value = raw.get(key, {})
    if not isinstance(value, Mapping):
        raise ValueError(f"{source}: [{key}] must be a table")
    return value


@cache
def official_titles() -> OfficialTitles:
    """The shipped forms, read once per process."""
    return OfficialTitles.from_file(OFFICIAL_TITLES_FILE)


def official_title(
    post_key: str | None,
    unit: UnitRef | None,
    portfolio: Portfolio = Portfolio.NONE,
    *,
    named: bool = True,
    on: date | None = None,
) -> str | None:
    """The official title of a post of `unit` (see OfficialTitles.title), or None."""
    return official_titles().title(post_key, unit, portfolio, named=named, on=on)


def printed_titles(
    committee: UnitRef, lines: Iterable[PostLine], on: date | None = None
) -> list[str]:
    """The title column of the committee's member list (see OfficialTitles.printed_titles)."""
    return official_titles().printed_titles(committee, lines, on)
