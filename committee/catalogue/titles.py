"""Title recognition: which post, of which unit, a title as written by a clerk names.

The vocabulary (aliases, abbreviations, level words, portfolio phrases) is data, in
data/titles.toml; this module compiles it once into word tries and reads titles with it.

A title is read in three steps:

1. fold it (no diacritics, lower case) and cut it into words; abbreviations are expanded
   ("PCT UBND" → "phó chủ tịch ủy ban nhân dân");
2. the post is the longest phrasing that starts earliest in the title, so "Phó Trưởng
   Công an" is never read as "Trưởng Công an" (a phrasing that opens a clause, after ","
   ";" or "(", goes before one that starts inside a clause);
3. the words right after the post name its unit: a level word with a name ("huyện Cẩm
   Giàng", "xã Tân Việt, huyện Thanh Hà"), a level word alone ("huyện": the unit of that
   level containing the committee), or nothing (the committee's own unit when the post
   exists at its level). Namesakes are told apart by nearness to the committee.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Any, NamedTuple

from committee.catalogue.posts import PostCatalogue, PostKind, post_catalogue
from committee.catalogue.unit_index import UnitIndex, name_key
from committee.domain.records import RecognisedTitle, UnitRef
from committee.domain.text import clean, fold
from committee.domain.vocabulary import Level, Portfolio
from committee.paths import DATA_DIR

TITLES_FILE = DATA_DIR / "titles.toml"

_WORD = re.compile(r"[a-z0-9]+")
# A separator containing one of these ends a unit's name ("xã Tân Việt, huyện…").
_NAME_BREAKS = frozenset(",;:()[]/-–—+")
# A separator containing one of these starts a new clause ("Huyện ủy viên, Trưởng Công an").
_CLAUSE_BREAKS = frozenset(",;(")
_LEVEL_MARK = re.compile(r"\s@(\w+)\s*$")
_MAX_NAME_WORDS = 6
_PARSE_CACHE_SIZE = 1 << 17

# Trie nodes map a word to the next node; the value of a phrase ending at a node is
# stored under _END (words are never empty, so the empty string cannot clash).
_END = ""
Trie = dict[str, Any]


def _words(text: str) -> tuple[list[str], list[bool], list[bool]]:
    """Folded words of a text; for each, whether a separator that ends a unit's name
    precedes it, and whether one that starts a new clause (",", ";", "(") does."""
    # "Ð" (U+00D0) stands in for "Đ" in some legacy fonts.
    folded = fold(text.replace("Ð", "Đ").replace("ð", "đ")).replace("&", " va ")
    words: list[str] = []
    name_breaks: list[bool] = []
    clause_starts: list[bool] = []
    last = 0
    for match in _WORD.finditer(folded):
        gap = folded[last : match.start()]
        name_breaks.append(any(char in _NAME_BREAKS for char in gap))
        clause_starts.append(not words or any(char in _CLAUSE_BREAKS for char in gap))
        words.append(match.group())
        last = match.end()
    return words, name_breaks, clause_starts


def _insert(trie: Trie, words: Sequence[str], value: object) -> object | None:
    """Add a phrase; return the value it already had, if any."""
    node = trie
    for word in words:
        node = node.setdefault(word, {})
    previous = node.get(_END)
    node[_END] = value
    return previous


def _longest(trie: Trie, words: Sequence[str], start: int) -> tuple[Any, int] | None:
    """The longest phrase of the trie starting at words[start]: (its value, end index)."""
    node = trie
    best: tuple[Any, int] | None = None
    for index in range(start, len(words)):
        node = node.get(words[index])
        if node is None:
            break
        if _END in node:
            best = (node[_END], index + 1)
    return best


def _leftmost_longest(trie: Trie, words: Sequence[str], start: int = 0) -> tuple[Any, int] | None:
    """The phrase that starts earliest, the longest there: (value, end index)."""
    for index in range(start, len(words)):
        hit = _longest(trie, words, index)
        if hit is not None:
            return hit
    return None


class _Post(NamedTuple):
    key: str
    level: Level | None  # the level the phrasing names itself ("Bí thư Huyện đoàn")


class ParsedTitle(NamedTuple):
    """What the words of a title say, before the committee and the unit index are used."""

    post_key: str | None
    level: Level | None  # the level named after the post (or by the phrasing itself)
    level_word: str | None  # the folded level word, when one was written
    name: tuple[str, ...]  # the folded words of the unit's name, possibly with trailing words
    portfolio: Portfolio
    # The higher unit written after the name ("xã Tân Việt, huyện Thanh Hà"), if any.
    within_level: Level | None = None
    within_name: tuple[str, ...] = ()


_UNRECOGNISED = ParsedTitle(None, None, None, (), Portfolio.NONE)
_LEVEL_RANK = {Level.PROVINCE: 0, Level.DISTRICT: 1, Level.COMMUNE: 2}


@dataclass(frozen=True)
class _Phrasing:
    post_key: str
    text: str
    level: Level | None


class TitleVocabulary:
    """data/titles.toml compiled into word tries; reads titles, caching what it has read."""

    def __init__(self, raw: dict[str, Any], source: str = "data/titles.toml") -> None:
        self._source = source
        self._ignored = frozenset(
            word for phrase in raw.get("ignored_words", []) for word in _words(phrase)[0]
        )
        self._abbreviations: Trie = {}
        for written, meaning in raw.get("abbreviations", {}).items():
            words = _words(written)[0]
            if not words:
                raise ValueError(f"{source}: empty abbreviation «{written}»")
            _insert(self._abbreviations, words, tuple(_words(meaning)[0]))
        self._levels: Trie = {}
        for phrase, level in raw.get("level_words", {}).items():
            _insert(self._levels, _words(phrase)[0], self._level(level, phrase))
        self._name_stops: Trie = {}
        for phrase in raw.get("unit_name_ends_before", []):
            _insert(self._name_stops, _words(phrase)[0], True)
        self._portfolio_posts = frozenset(raw.get("portfolio_posts", []))
        self._concurrent_posts = frozenset(raw.get("concurrent_posts", []))
        self._portfolios: Trie = {}
        for phrase, portfolio in raw.get("portfolios", {}).items():
            try:
                value = Portfolio(portfolio)
            except ValueError:
                raise ValueError(
                    f"{source}: «{phrase}» has unknown portfolio {portfolio!r}"
                ) from None
            _insert(self._portfolios, self._match_words(phrase), value)
        self._posts: Trie = {}
        self._phrasings: dict[str, list[_Phrasing]] = {}
        for key, phrasings in raw.get("posts", {}).items():
            if not phrasings:
                raise ValueError(f"{source}: post {key} has no phrasing")
            for written in phrasings:
                phrasing = self._phrasing(key, written)
                self._phrasings.setdefault(key, []).append(phrasing)
                words = self._match_words(phrasing.text)
                previous = _insert(self._posts, words, _Post(key, phrasing.level))
                if previous is not None and previous.key != key:
                    raise ValueError(
                        f"{source}: «{written}» is a phrasing of both {previous.key} and {key}"
                    )
        unknown = self._concurrent_posts - set(self._phrasings)
        if unknown:
            raise ValueError(f"{source}: concurrent_posts names unknown posts {sorted(unknown)}")
        self.parse: Callable[[str], ParsedTitle] = lru_cache(maxsize=_PARSE_CACHE_SIZE)(self._parse)

    @classmethod
    def from_file(cls, path: Path) -> TitleVocabulary:
        with path.open("rb") as handle:
            return cls(tomllib.load(handle), source=str(path.name))

    # --- building -------------------------------------------------------------------------

    def _level(self, value: str, phrase: str) -> Level:
        try:
            return Level(value)
        except ValueError:
            raise ValueError(f"{self._source}: «{phrase}» has unknown level {value!r}") from None

    def _phrasing(self, key: str, written: str) -> _Phrasing:
        text = clean(written)
        mark = _LEVEL_MARK.search(text)
        if mark is None:
            return _Phrasing(key, text, None)
        return _Phrasing(key, text[: mark.start()].strip(), self._level(mark.group(1), written))

    def _match_words(self, text: str) -> list[str]:
        return self._expand(_words(text)[0])[0]

    def _expand(self, words: Sequence[str]) -> tuple[list[str], list[int], list[int]]:
        """Words with abbreviations expanded and ignored words dropped; for each expanded
        word, the index of the first and of the last written word it comes from."""
        expanded: list[str] = []
        first: list[int] = []
        origin: list[int] = []
        index = 0
        while index < len(words):
            hit = _longest(self._abbreviations, words, index)
            if hit is None:
                meaning, end = (words[index],), index + 1
            else:
                meaning, end = hit
            for word in meaning:
                if word not in self._ignored:
                    expanded.append(word)
                    first.append(index)
                    origin.append(end - 1)
            index = end
        return expanded, first, origin

    # --- reading --------------------------------------------------------------------------

    @property
    def post_keys(self) -> frozenset[str]:
        return frozenset(self._phrasings)

    def phrasings(self, post_key: str) -> list[str]:
        """The phrasings of a post as written in the file, without level marks."""
        return [phrasing.text for phrasing in self._phrasings.get(post_key, [])]

    def stem(self, post_key: str) -> str | None:
        """The form compose_title writes: the first phrasing that names no level itself."""
        for phrasing in self._phrasings.get(post_key, []):
            if phrasing.level is None:
                return phrasing.text
        return None

    def _parse(self, text: str) -> ParsedTitle:
        written, breaks, clause_starts = _words(text)
        words, first, origin = self._expand(written)
        starts = [
            clause_starts[index] and (place == 0 or index != first[place - 1])
            for place, index in enumerate(first)
        ]
        hit = self._find_post(words, starts)
        if hit is None:
            return _UNRECOGNISED
        post, end = hit
        position = origin[end - 1] + 1
        while position < len(written) and written[position] in self._ignored:
            position += 1
        level, level_word = post.level, None
        named_level = _longest(self._levels, written, position)
        if named_level is not None and (level is None or named_level[0] == level):
            level, level_word = named_level[0], " ".join(written[position : named_level[1]])
            position = named_level[1]
        name: tuple[str, ...] = ()
        within: tuple[Level | None, tuple[str, ...]] = (None, ())
        if level is not None:
            name = self._name(written, breaks, position)
            if name:
                name, within = self._within(written, breaks, position, name, level)
        portfolio = Portfolio.NONE
        if post.key in self._portfolio_posts:
            found = _leftmost_longest(self._portfolios, words, end)
            if found is not None:
                portfolio = found[0]
        return ParsedTitle(post.key, level, level_word, name, portfolio, *within)

    def _within(
        self, words: list[str], breaks: list[bool], start: int, name: tuple[str, ...], level: Level
    ) -> tuple[tuple[str, ...], tuple[Level | None, tuple[str, ...]]]:
        """Split "tân việt huyện thanh hà" into the name and the higher unit named after it."""
        limit = min(len(words), start + len(name) + 1)
        for index in range(start + 1, limit):
            found = _longest(self._levels, words, index)
            if found is None or _LEVEL_RANK[found[0]] >= _LEVEL_RANK[level]:
                continue
            higher = self._name(words, breaks, found[1])
            if higher:
                return tuple(words[start:index]), (found[0], higher)
        return name, (None, ())

    def _find_post(self, words: list[str], clause_starts: list[bool]) -> tuple[_Post, int] | None:
        """The post phrasing that starts a clause earliest, else the one that starts earliest;
        the longest at that place. (A clause starts the text or follows ",", ";" or "(":
        in "Huyện ủy viên, Trưởng Công an" the post is not "viên trưởng".) A concurrent
        post (concurrent_posts) is read only when the title names no other post: in "Phó
        Bí thư Đảng ủy, Chủ tịch UBND xã" the post is the Chủ tịch UBND."""
        earliest: tuple[_Post, int] | None = None
        concurrent: tuple[_Post, int] | None = None
        concurrent_starts = False
        index = 0
        while index < len(words):
            hit = _longest(self._posts, words, index)
            if hit is None:
                index += 1
                continue
            if hit[0].key in self._concurrent_posts:
                if concurrent is None or (clause_starts[index] and not concurrent_starts):
                    concurrent, concurrent_starts = hit, clause_starts[index]
                index = hit[1]  # the words of a concurrent post name no other post
                continue
            if clause_starts[index]:
                return hit
            if earliest is None:
                earliest = hit
            index += 1
        return earliest or concurrent

    def _name(self, words: list[str], breaks: list[bool], start: int) -> tuple[str, ...]:
        end = start
        while end < len(words) and end - start < _MAX_NAME_WORDS:
            if breaks[end] or _longest(self._name_stops, words, end) is not None:
                break
            end += 1
        return tuple(words[start:end])


@cache
def title_vocabulary() -> TitleVocabulary:
    """The shipped vocabulary, compiled once per process."""
    return TitleVocabulary.from_file(TITLES_FILE)


def recognise_title(
    text: str,
    committee: UnitRef,
    units: UnitIndex,
    catalogue: PostCatalogue | None = None,
) -> RecognisedTitle:
    """The post a title names and the unit it belongs to, read from the committee's side.

    Unrecognised text gives RecognisedTitle(None, None): the caller keeps it as written.
    """
    parsed = title_vocabulary().parse(text)
    post = (catalogue or post_catalogue()).get(parsed.post_key)
    if post is None:
        return RecognisedTitle(None, None)
    unit = _post_unit(parsed, post, committee, units)
    return RecognisedTitle(post.key, unit.code if unit else None, parsed.portfolio, post.heads)


def unit_names_in(titles: Iterable[str]) -> set[str]:
    """The name keys (committee.catalogue.unit_index.name_key) under which recognising
    these titles may look units up: every start of every unit name they write, and of the
    higher unit named after it. An index holding the units of these names, the committee
    and the ancestors of them all recognises the titles as the index of every unit does."""
    vocabulary = title_vocabulary()
    keys: set[str] = set()
    for title in titles:
        parsed = vocabulary.parse(title)
        for name in (parsed.name, parsed.within_name):
            for size in range(1, len(name) + 1):
                key = name_key(" ".join(name[:size]))
                if key:
                    keys.add(key)
    return keys


def _post_unit(
    parsed: ParsedTitle, post: PostKind, committee: UnitRef, units: UnitIndex
) -> UnitRef | None:
    if parsed.level is None:
        # No unit words: the committee's own unit, or the one level the post exists at.
        if post.exists_in(committee.era, committee.level):
            return committee
        levels = post.eras.get(committee.era, frozenset())
        if len(levels) == 1:
            (level,) = levels
            return units.ancestor_at(committee, level)
        return None
    if not parsed.name:
        return units.ancestor_at(committee, parsed.level)
    near: UnitRef | None = committee
    if parsed.within_level is not None:
        # "xã Tân Việt, huyện Thanh Hà": the namesake inside the higher unit named.
        near = _named_unit(parsed.within_name, parsed.within_level, None, committee, units)
        if near is None:
            return None
    return _named_unit(parsed.name, parsed.level, parsed.level_word, near, units)


def _named_unit(
    name: tuple[str, ...],
    level: Level,
    level_word: str | None,
    near: UnitRef,
    units: UnitIndex,
) -> UnitRef | None:
    """The unit of `level` called by the longest start of `name`, nearest to `near`."""
    # The name may be followed by other words: the longest start that names a unit wins.
    for size in range(len(name), 0, -1):
        candidates = units.named(" ".join(name[:size]), level=level)
        if candidates:
            return units.closest(_of_kind(candidates, level_word), near)
    return None


def _of_kind(candidates: list[UnitRef], level_word: str | None) -> list[UnitRef]:
    """Among namesakes of one level, those of the kind written ("thị trấn"), if any."""
    if len(candidates) < 2 or level_word is None:
        return candidates
    preferred = [unit for unit in candidates if fold(unit.kind) == level_word]
    return preferred or candidates


def compose_title(post_key: str, unit: UnitRef, catalogue: PostCatalogue | None = None) -> str:
    """The canonical title of a post of a unit: "Chủ tịch UBND huyện Gia Lộc"."""
    post = (catalogue or post_catalogue())[post_key]
    stem = title_vocabulary().stem(post_key) or post.title
    return clean(f"{stem} {unit.kind} {unit.short_name}")
