"""The words of the Quyết định kiện toàn, as a province keeps them in
data/templates/quyet-dinh-kien-toan.toml: read, checked, and filled in for one unit.

The texts at the top of the file are those of the legacy units (before 1 July 2025); a
table [eras."2025"] holds what the decisions of the units of that era say otherwise (the
legal bases, who carries the decision out in a commune with a Văn phòng HĐND và UBND), key
by key, its levels level by level: what it does not give is the top's.

A template that cannot be used (a missing key, an unknown placeholder, a list that is not a
list, an era or a key the template does not have) is refused with a Vietnamese message
naming the file and the key, before anything is written.
"""

from __future__ import annotations

import re
import string
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

from committee.domain.errors import UserError, describe_os_error
from committee.domain.records import UnitRef
from committee.domain.text import clean, fold
from committee.domain.vocabulary import DEFAULT_ERA, Era, Level
from committee.exports.document_text import COMMITTEE_NAME, decree_date
from committee.exports.records import DecisionTexts, Signature
from committee.paths import DATA_DIR

TEMPLATE_FILE = DATA_DIR / "templates" / "quyet-dinh-kien-toan.toml"
PLACEHOLDERS = frozenset({"unit", "UNIT", "committee", "parent", "plan"})
REPLACED_PLACEHOLDERS = PLACEHOLDERS | {"replaced_number", "replaced_date"}
LEVELS = (Level.DISTRICT, Level.COMMUNE)
_WORD = re.compile(r"[a-z0-9]+")
_TOML_PLACE = re.compile(r"line (?P<line>\d+), column (?P<column>\d+)")


@dataclass(frozen=True)
class SignatureForm:
    authority: str  # "TM. ỦY BAN NHÂN DÂN"
    post: str  # "CHỦ TỊCH"


@dataclass(frozen=True)
class LevelTexts:
    article_3: tuple[str, ...]
    recipients: tuple[str, ...]


@dataclass(frozen=True)
class DecisionWords:
    """The words of the decisions of the units of one era."""

    summary: str
    issuer_heading: str
    legal_bases: tuple[str, ...]
    article_1: tuple[str, ...]
    article_2: tuple[str, ...]
    takes_effect: str
    replaces: str
    levels: Mapping[Level, LevelTexts]


@dataclass(frozen=True)
class DecisionTemplate:
    eras: Mapping[Era, DecisionWords]  # every era
    for_the_body: SignatureForm
    on_behalf: SignatureForm
    on_behalf_posts: frozenset[str]
    on_behalf_words: tuple[str, ...] = ()
    post_words: tuple[str, ...] = ()
    source: str = TEMPLATE_FILE.name

    def words(self, era: Era) -> DecisionWords:
        """The words of the decisions of the units of `era`."""
        return self.eras[Era(era)]

    def fill(
        self,
        unit: UnitRef,
        parent: UnitRef | None,
        plan: str,
        replaced: tuple[str, date | None] | None = None,
    ) -> DecisionTexts:
        """The texts of the unit's decision; `replaced` is the (number, signing date) of
        the decision it replaces, if any."""
        phrase = unit.phrase
        values = {
            "unit": phrase,
            "UNIT": phrase.upper(),
            "committee": COMMITTEE_NAME,
            "parent": parent.phrase if parent is not None else "",
            "plan": plan,
        }

        def filled(texts: Sequence[str], **more: str) -> tuple[str, ...]:
            return tuple(clean(text.format(**values, **more)) for text in texts)

        words = self.words(unit.era)
        if replaced is None:
            (closing,) = filled([words.takes_effect])
        else:
            number, signed_on = replaced
            (closing,) = filled(
                [words.replaces],
                replaced_number=number,
                replaced_date=decree_date(signed_on) if signed_on else "",
            )
        level = words.levels.get(unit.level)
        if level is None:
            raise UserError(
                f"Mẫu quyết định «{self.source}» không có văn bản cho {unit.name} "
                f"({Era(unit.era).label}): thiếu mục «{_level_key(unit.era, unit.level)}»."
            )
        return DecisionTexts(
            summary=filled([words.summary])[0],
            issuer_heading=filled([words.issuer_heading])[0],
            legal_bases=filled(words.legal_bases),
            articles=(
                filled(words.article_1),
                (*filled(words.article_2), closing),
                filled(level.article_3),
            ),
            recipients=filled(level.recipients),
        )

    def names_a_post(self, written: str) -> bool:
        """Whether a signer's text names a post before the name ("Chủ tịch Hồ Văn Minh")."""
        return _has_words(written, self.post_words)

    def signature(self, signer_post: str | None, name: str, written: str = "") -> Signature:
        """The signature block for a signer holding `signer_post` (a key of
        data/posts.toml, None when not known) and recorded as `written`: on the Chủ
        tịch's behalf ("KT.") for one of on_behalf_posts or a text naming one of
        on_behalf_words, else for the body ("TM.")."""
        on_behalf = signer_post in self.on_behalf_posts or _has_words(written, self.on_behalf_words)
        form = self.on_behalf if on_behalf else self.for_the_body
        return Signature(form.authority, form.post, name)


def _words_key(text: str) -> str:
    return " " + " ".join(_WORD.findall(fold(text))) + " "


def _has_words(text: str, phrases: Sequence[str]) -> bool:
    key = _words_key(text)
    return any(_words_key(phrase) in key for phrase in phrases if phrase.strip())


class _Reader:
    """Reads the template's keys, each refused in a Vietnamese message naming it."""

    def __init__(self, raw: Mapping[str, object], source: str) -> None:
        self.raw = raw
        self.source = source

    def refuse(self, key: str, what: str) -> UserError:
        return UserError(f"Mẫu quyết định «{self.source}», mục «{key}»: {what}.")

    def text(
        self, table: Mapping[str, object], key: str, where: str, allowed: frozenset[str]
    ) -> str:
        value = table.get(key)
        if not isinstance(value, str) or not value.strip():
            raise self.refuse(where, "thiếu, hoặc không phải một đoạn văn bản")
        self.placeholders(value, where, allowed)
        return value

    def texts(self, table: Mapping[str, object], key: str, where: str) -> tuple[str, ...]:
        value = table.get(key)
        if (
            not isinstance(value, list)
            or not value
            or not all(isinstance(item, str) and item.strip() for item in value)
        ):
            raise self.refuse(where, "phải là một danh sách các đoạn văn bản, không để trống")
        for item in value:
            self.placeholders(item, where, PLACEHOLDERS)
        return tuple(value)

    def table(self, table: Mapping[str, object], key: str, where: str) -> Mapping[str, object]:
        value = table.get(key)
        if not isinstance(value, Mapping):
            raise self.refuse(where, "thiếu, hoặc không phải một bảng [ ]")
        return value

    def placeholders(self, text: str, where: str, allowed: frozenset[str]) -> None:
        try:
            fields = {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}
        except ValueError:
            raise self.refuse(where, "dấu ngoặc nhọn { } không khớp nhau") from None
        unknown = fields - allowed
        if unknown:
            listed = ", ".join(f"{{{name}}}" for name in sorted(unknown))
            known = ", ".join(f"{{{name}}}" for name in sorted(allowed))
            raise self.refuse(where, f"không có chỗ điền {listed}; chỉ dùng được {known}")

    def signature_form(self, table: Mapping[str, object], key: str) -> SignatureForm:
        form = self.table(table, key, f"signature.{key}")
        return SignatureForm(
            self.text(form, "authority", f"signature.{key}.authority", frozenset()),
            self.text(form, "post", f"signature.{key}.post", frozenset()),
        )


# The keys of the words, each read as one text or as a list of texts, with its placeholders.
_TEXTS = {
    "summary": PLACEHOLDERS,
    "issuer_heading": PLACEHOLDERS,
    "takes_effect": PLACEHOLDERS,
    "replaces": REPLACED_PLACEHOLDERS,
}
_LISTS = ("legal_bases", "article_1", "article_2")
_LEVEL_LISTS = ("article_3", "recipients")


def _level_key(era: Era, level: Level) -> str:
    """Where a level's texts are in the template: "levels.commune" (the top's, which the
    legacy units follow), 'eras."2025".levels.commune'."""
    return f"{_era_key(era)}levels.{level.value}"


def _era_key(era: Era) -> str:
    return "" if Era(era) is DEFAULT_ERA else f'eras."{Era(era).value}".'


def _read_words(
    reader: _Reader, table: Mapping[str, object], where: str, above: DecisionWords | None
) -> DecisionWords:
    """The words in `table` (at `where`: "" for the top, 'eras."2025".' for an era's), each
    missing one taken from `above` (None: the top, where every key is needed)."""
    if above is not None:
        known = {*_TEXTS, *_LISTS, "levels"}
        for key in table:
            if key not in known:
                raise reader.refuse(
                    f"{where}{key}",
                    "mẫu không có mục này; một thời kỳ chỉ thay được "
                    + ", ".join(f"«{name}»" for name in sorted(known)),
                )
    levels: dict[Level, LevelTexts] = dict(above.levels) if above is not None else {}
    if above is None or "levels" in table:
        given = reader.table(table, "levels", f"{where}levels")
        for name in given:
            if name not in {level.value for level in LEVELS}:
                raise reader.refuse(
                    f"{where}levels.{name}", "chỉ có cấp «district» (huyện) và «commune» (xã)"
                )
        for level in LEVELS:
            if above is not None and level.value not in given:
                continue
            key = f"{where}levels.{level.value}"
            texts = reader.table(given, level.value, key)
            before = levels.get(level)
            levels[level] = LevelTexts(
                *(
                    getattr(before, name)
                    if before is not None and name not in texts
                    else reader.texts(texts, name, f"{key}.{name}")
                    for name in _LEVEL_LISTS
                )
            )
    values: dict[str, object] = {}
    for key, allowed in _TEXTS.items():
        if above is not None and key not in table:
            values[key] = getattr(above, key)
        else:
            values[key] = reader.text(table, key, f"{where}{key}", allowed)
    for key in _LISTS:
        if above is not None and key not in table:
            values[key] = getattr(above, key)
        else:
            values[key] = reader.texts(table, key, f"{where}{key}")
    return DecisionWords(**values, levels=levels)  # type: ignore[arg-type]


def read_decision_template(raw: Mapping[str, object], source: str) -> DecisionTemplate:
    reader = _Reader(raw, source)
    top = _read_words(reader, raw, "", None)
    eras = dict.fromkeys(Era, top)
    given = reader.table(raw, "eras", "eras") if "eras" in raw else {}
    for name in given:
        try:
            era = Era(name)
        except ValueError:
            known = ", ".join(f"«{era.value}»" for era in Era)
            raise reader.refuse(f"eras.{name}", f"không có thời kỳ này; chỉ có {known}") from None
        where = _era_key(era)
        eras[era] = _read_words(reader, reader.table(given, name, where.rstrip(".")), where, top)
    signature = reader.table(raw, "signature", "signature")
    lists = {}
    for key in ("on_behalf_posts", "on_behalf_words", "post_words"):
        value = signature.get(key, [])
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise reader.refuse(f"signature.{key}", "phải là một danh sách các chữ")
        lists[key] = value
    return DecisionTemplate(
        eras=eras,
        for_the_body=reader.signature_form(signature, "for_the_body"),
        on_behalf=reader.signature_form(signature, "on_behalf"),
        on_behalf_posts=frozenset(lists["on_behalf_posts"]),
        on_behalf_words=tuple(lists["on_behalf_words"]),
        post_words=tuple(lists["post_words"]),
        source=source,
    )


def load_decision_template(path: Path = TEMPLATE_FILE) -> DecisionTemplate:
    """The template at `path` (by default the shipped one, read once per process)."""
    if Path(path) == TEMPLATE_FILE:
        return _shipped()
    return _load(Path(path))


@cache
def _shipped() -> DecisionTemplate:
    return _load(TEMPLATE_FILE)


def _load(path: Path) -> DecisionTemplate:
    try:
        with path.open("rb") as handle:
            raw = tomllib.load(handle)
    except OSError as error:
        raise UserError(
            f"Không đọc được mẫu quyết định «{path}»: {describe_os_error(error)}."
        ) from error
    except tomllib.TOMLDecodeError as error:
        where = _TOML_PLACE.search(str(error))
        place = f" ở dòng {where['line']}, cột {where['column']}" if where else ""
        raise UserError(
            f"Mẫu quyết định «{path}» viết sai cú pháp TOML{place}; hãy sửa lại tệp."
        ) from error
    return read_decision_template(raw, str(path.name))
