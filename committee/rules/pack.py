"""Rule packs: a plan's requirements for a committee, as data (data/rules/*.toml).

The model is ruff's rule registry: a rule is a code, a severity, a message and a
documented rationale. The checks themselves (committee/rules/checks.py) are generic; which
posts fill which seat at which level, the codes, severities, messages and the plan's
sentences all come from the pack, so another province's plan is a new file, not new code.
"""

from __future__ import annotations

import string
import textwrap
import tomllib
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from committee.catalogue.posts import PostCatalogue, post_catalogue
from committee.domain.dates import format_date
from committee.domain.errors import RulePackError
from committee.domain.vocabulary import (
    DEFAULT_ERA,
    SEVERITY_LABELS,
    STATUS_LABELS,
    CommitteeStatus,
    Era,
    Level,
    Portfolio,
    Role,
    Severity,
)
from committee.paths import DATA_DIR
from committee.rules.checks import ENGINE_RULES, LATE_DECISION, SEAT_RULES, SeatKind

RULES_DIR = DATA_DIR / "rules"
DEFAULT_RULE_PACK = RULES_DIR / "hai-duong-2023.toml"

LEADERSHIP_ROLES: tuple[Role, ...] = (
    Role.CHAIR,
    Role.FIRST_VICE_CHAIR,
    Role.STANDING_VICE_CHAIR,
)
"""Roles held by exactly one person each; every level of a pack defines a seat for each."""

_SEVERITY_STATUS: dict[Severity, CommitteeStatus] = {
    Severity.ERROR: CommitteeStatus.ERROR,
    Severity.WARNING: CommitteeStatus.WARNING,
}


@dataclass(frozen=True)
class Rule:
    code: str  # "BCD102"
    severity: Severity
    name: str  # what is checked, one line
    message: str  # template of the finding's message
    source: str  # the plan's words this rule comes from
    rationale: str  # why it matters
    fix: str  # how to fix it
    variants: Mapping[str, str] = field(default_factory=dict, hash=False)
    reading: str = ""  # bcd138's own reading behind the rule, not a regulation's sentence

    def template(self, variant: str | None = None) -> str:
        return self.message if variant is None else self.variants[variant]


@dataclass(frozen=True)
class LeadershipSeat:
    """A seat held by exactly one person: Trưởng ban and the two named Phó Trưởng ban."""

    role: Role
    posts: frozenset[str]
    count_rule: str  # reported when the role is not held by exactly one member
    holder_rule: str  # reported when the holder's post is not one of `posts` of the unit
    required: str  # who should hold it, for messages: "Chủ tịch UBND"
    reading: str = ""  # bcd138's own reading behind the seat, not a regulation's sentence

    @property
    def codes(self) -> dict[SeatKind, str]:
        return {SeatKind.COUNT: self.count_rule, SeatKind.HOLDER: self.holder_rule}


@dataclass(frozen=True)
class SectorSeat:
    """One of the Phó Trưởng ban seats filled by the head of a sector."""

    rule: str  # reported when no vice-chair fills the seat
    seat: str  # the seat's name, for messages
    required: str  # who should hold it, for messages
    posts: frozenset[str]
    portfolios: frozenset[Portfolio] | None = None  # None: any portfolio
    reading: str = ""  # bcd138's own reading behind the seat, not a regulation's sentence

    @property
    def codes(self) -> dict[SeatKind, str]:
        return {SeatKind.SECTOR: self.rule}

    def accepts(self, post_kind: str, portfolio: Portfolio) -> bool:
        return post_kind in self.posts and (self.portfolios is None or portfolio in self.portfolios)


@dataclass(frozen=True)
class LevelSeats:
    """The seats of a committee at one level, sector seats in matching priority order."""

    level: Level
    label: str  # "cấp huyện"
    leadership: tuple[LeadershipSeat, ...]
    sectors: tuple[SectorSeat, ...]

    def sector_fits(self, post_kind: str, portfolio: Portfolio) -> tuple[int, ...]:
        """Indexes of the sector seats this post and portfolio may fill, in priority order."""
        return tuple(
            index for index, seat in enumerate(self.sectors) if seat.accepts(post_kind, portfolio)
        )


@dataclass(frozen=True)
class RulePack:
    version: str
    plan: str  # the plan's full name
    plan_short: str  # a short name for explanations
    section: str  # "II.23.b"
    section_text: str
    deadline: date | None  # last day a decision may be signed on time; None: no deadline
    rules: tuple[Rule, ...]  # in code order
    levels: Mapping[Level, LevelSeats] = field(hash=False)
    path: Path | None = None
    era: Era = DEFAULT_ERA  # the units whose committees the pack checks
    readings: tuple[str, ...] = ()  # bcd138's own readings of the plan for this pack
    _by_code: dict[str, Rule] = field(init=False, repr=False, compare=False, hash=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_code", {rule.code: rule for rule in self.rules})

    def rule(self, code: str) -> Rule:
        try:
            return self._by_code[code]
        except KeyError:
            raise KeyError(f"{code}: no such rule in pack {self.version}") from None

    def has_rule(self, code: str) -> bool:
        return code in self._by_code

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(rule.code for rule in self.rules)

    def seats_for(self, level: Level) -> LevelSeats:
        try:
            return self.levels[level]
        except KeyError:
            raise RulePackError(
                f"Gói quy tắc {self.version} không có quy định cho cấp {level.value}."
            ) from None

    def seat_rules(self, code: str) -> list[tuple[LevelSeats, LeadershipSeat | SectorSeat]]:
        """The seats, level by level, whose requirement the rule `code` reports."""
        return [
            (seats, seat)
            for seats in self.levels.values()
            for seat in (*seats.leadership, *seats.sectors)
            if code in seat.codes.values()
        ]


# ---------------------------------------------------------------------------------------
# Loading and validation


def load_rule_pack(path: Path | str | None = None) -> RulePack:
    """The pack at `path` (default: the shipped Hải Dương 2023 pack), read once per process."""
    resolved = Path(path).resolve() if path is not None else DEFAULT_RULE_PACK
    return _load_cached(resolved)


def shipped_rule_packs() -> list[RulePack]:
    """Every pack in data/rules/, in file-name order."""
    return [load_rule_pack(path) for path in sorted(RULES_DIR.glob("*.toml"))]


def rule_pack_for(era: Era | str) -> RulePack:
    """The shipped pack for the committees of units of this era (each pack names its era;
    the legacy units keep the default pack), found once per process: a check asks for it
    for every committee."""
    return _pack_of_era(Era(era))


@lru_cache(maxsize=len(Era))
def _pack_of_era(era: Era) -> RulePack:
    if era is DEFAULT_ERA:
        return load_rule_pack()
    for pack in shipped_rule_packs():
        if pack.era is era:
            return pack
    raise RulePackError(f"Không có gói quy tắc nào cho các đơn vị {era.label} trong {RULES_DIR}.")


@lru_cache(maxsize=16)
def _load_cached(path: Path) -> RulePack:
    return read_rule_pack(path, post_catalogue())


def read_rule_pack(path: Path, catalogue: PostCatalogue) -> RulePack:
    """Read and validate a pack file, uncached."""
    try:
        with path.open("rb") as handle:
            raw = tomllib.load(handle)
    except FileNotFoundError:
        raise RulePackError(f"Không tìm thấy gói quy tắc {path}.") from None
    except tomllib.TOMLDecodeError as error:
        raise RulePackError(f"{path}: không đọc được tệp TOML ({error}).") from None
    return parse_rule_pack(raw, catalogue, origin=str(path), path=path)


def parse_rule_pack(
    raw: Mapping[str, Any],
    catalogue: PostCatalogue,
    *,
    origin: str = "<rule pack>",
    path: Path | None = None,
) -> RulePack:
    """Build a pack from parsed TOML, refusing anything the engine could not use."""
    reader = _Reader(origin)
    plan = reader.table(raw, "plan", "plan")
    try:
        era = Era(raw.get("era", DEFAULT_ERA.value))
    except ValueError:
        reader.fail("era", "chỉ nhận " + ", ".join(e.value for e in Era))
    deadline = raw.get("deadline")
    if deadline is not None and (not isinstance(deadline, date) or isinstance(deadline, datetime)):
        reader.fail("deadline", "phải là một ngày dạng 2023-06-30")
    readings = raw.get("readings", [])
    if not isinstance(readings, list) or not all(isinstance(r, str) for r in readings):
        reader.fail("readings", "phải là một danh sách các câu")
    rules = tuple(
        sorted(
            (reader.rule(entry, index) for index, entry in enumerate(_list(raw, "rule"))),
            key=lambda rule: rule.code,
        )
    )
    levels_raw = reader.table(raw, "levels", "levels")
    levels: dict[Level, LevelSeats] = {}
    for key, value in levels_raw.items():
        try:
            level = Level(key)
        except ValueError:
            reader.fail(f"levels.{key}", "không phải là cấp hành chính đã biết")
        levels[level] = reader.level_seats(level, value, catalogue, era)
    if not levels:
        reader.fail("levels", "chưa có quy định cho cấp nào")

    pack = RulePack(
        version=reader.text(raw, "version", "version"),
        plan=reader.text(plan, "name", "plan.name"),
        plan_short=reader.text(plan, "short_name", "plan.short_name", required=False)
        or reader.text(plan, "name", "plan.name"),
        section=reader.text(plan, "section", "plan.section"),
        section_text=reader.text(plan, "section_text", "plan.section_text"),
        deadline=deadline,
        rules=rules,
        levels=levels,
        path=path,
        era=era,
        readings=tuple(_nfc(_fold_spaces(reading)) for reading in readings),
    )
    _validate_codes(pack, reader)
    return pack


def _list(raw: Mapping[str, Any], key: str) -> list[Any]:
    value = raw.get(key, [])
    return value if isinstance(value, list) else []


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _fold_spaces(text: str) -> str:
    return " ".join(text.split())


class _Reader:
    """Field access with errors that say which file and which key is wrong."""

    def __init__(self, origin: str) -> None:
        self.origin = origin

    def fail(self, where: str, what: str) -> Any:
        raise RulePackError(f"Gói quy tắc {self.origin}: {where} {what}.")

    def table(self, raw: Mapping[str, Any], key: str, where: str) -> Mapping[str, Any]:
        value = raw.get(key)
        if not isinstance(value, Mapping):
            self.fail(where, "bị thiếu hoặc không phải là một bảng")
        return value

    def text(self, raw: Mapping[str, Any], key: str, where: str, *, required: bool = True) -> str:
        value = raw.get(key)
        if value is None and not required:
            return ""
        if not isinstance(value, str) or not value.strip():
            self.fail(where, "bị thiếu hoặc để trống")
        return _nfc(value.strip())

    def rule(self, entry: Any, index: int) -> Rule:
        if not isinstance(entry, Mapping):
            self.fail(f"rule[{index}]", "không phải là một bảng")
        code = self.text(entry, "code", f"rule[{index}].code")
        where = f"rule {code}"
        severity_raw = entry.get("severity")
        if severity_raw is None:
            self.fail(f"{where}: severity", "bị thiếu")
        try:
            severity = Severity(severity_raw)
        except ValueError:
            self.fail(
                f"{where}: severity",
                f"= {severity_raw!r} không hợp lệ (chỉ nhận "
                + ", ".join(s.value for s in Severity)
                + ")",
            )
        variants_raw = entry.get("variants", {})
        if not isinstance(variants_raw, Mapping):
            self.fail(f"{where}: variants", "không phải là một bảng")
        return Rule(
            code=code,
            severity=severity,
            name=self.text(entry, "name", f"{where}: name"),
            message=self.text(entry, "message", f"{where}: message"),
            source=_fold_spaces(self.text(entry, "source", f"{where}: source")),
            rationale=self.text(entry, "rationale", f"{where}: rationale"),
            fix=self.text(entry, "fix", f"{where}: fix"),
            variants={
                str(name): self.text(variants_raw, name, f"{where}: variants.{name}")
                for name in variants_raw
            },
            reading=self.text(entry, "reading", f"{where}: reading", required=False),
        )

    def posts(
        self,
        raw: Mapping[str, Any],
        where: str,
        level: Level,
        catalogue: PostCatalogue,
        era: Era,
    ) -> frozenset[str]:
        posts = raw.get("posts")
        if not isinstance(posts, list) or not posts:
            self.fail(f"{where}.posts", "bị thiếu hoặc rỗng")
        for key in posts:
            post = catalogue.get(key) if isinstance(key, str) else None
            if post is None:
                self.fail(
                    f"{where}.posts", f"có chức vụ {key!r} không có trong danh mục data/posts.toml"
                )
            if not post.exists_in(era, level):
                self.fail(
                    f"{where}.posts",
                    f"có chức vụ {key!r} không tồn tại ở cấp {level.value} ({era.label})",
                )
        return frozenset(posts)

    def level_seats(self, level: Level, raw: Any, catalogue: PostCatalogue, era: Era) -> LevelSeats:
        where = f"levels.{level.value}"
        if not isinstance(raw, Mapping):
            self.fail(where, "không phải là một bảng")
        leadership = []
        for role in LEADERSHIP_ROLES:
            seat_where = f"{where}.{role.value}"
            seat = self.table(raw, role.value, seat_where)
            posts = self.posts(seat, seat_where, level, catalogue, era)
            required = self.text(seat, "holder", f"{seat_where}.holder", required=False)
            leadership.append(
                LeadershipSeat(
                    role=role,
                    posts=posts,
                    count_rule=self.text(seat, "count_rule", f"{seat_where}.count_rule"),
                    holder_rule=self.text(seat, "holder_rule", f"{seat_where}.holder_rule"),
                    required=required or _titles(posts, catalogue),
                    reading=self.text(seat, "reading", f"{seat_where}.reading", required=False),
                )
            )
        sectors = []
        for index, seat in enumerate(_list(raw, "sector")):
            seat_where = f"{where}.sector[{index}]"
            if not isinstance(seat, Mapping):
                self.fail(seat_where, "không phải là một bảng")
            posts = self.posts(seat, seat_where, level, catalogue, era)
            portfolios: frozenset[Portfolio] | None = None
            if "portfolios" in seat:
                try:
                    portfolios = frozenset(Portfolio(p) for p in seat["portfolios"])
                except (TypeError, ValueError):
                    self.fail(
                        f"{seat_where}.portfolios",
                        "chỉ nhận " + ", ".join(p.value for p in Portfolio),
                    )
            required = self.text(seat, "holder", f"{seat_where}.holder", required=False)
            sectors.append(
                SectorSeat(
                    rule=self.text(seat, "rule", f"{seat_where}.rule"),
                    seat=self.text(seat, "seat", f"{seat_where}.seat"),
                    required=required or _titles(posts, catalogue),
                    posts=posts,
                    portfolios=portfolios,
                    reading=self.text(seat, "reading", f"{seat_where}.reading", required=False),
                )
            )
        return LevelSeats(
            level=level,
            label=self.text(raw, "label", f"{where}.label"),
            leadership=tuple(leadership),
            sectors=tuple(sectors),
        )


def _titles(posts: frozenset[str], catalogue: PostCatalogue) -> str:
    return " hoặc ".join(sorted(catalogue[key].title for key in posts))


def _placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}


def _check_template(reader: _Reader, where: str, template: str, allowed: frozenset[str]) -> None:
    try:
        names = _placeholders(template)
    except ValueError as error:
        reader.fail(where, f"không phải là mẫu hợp lệ ({error})")
    unknown = sorted(names - allowed)
    if unknown:
        reader.fail(
            where,
            "dùng tham số không có: "
            + ", ".join("{" + name + "}" for name in unknown)
            + " (được dùng: "
            + ", ".join("{" + name + "}" for name in sorted(allowed))
            + ")",
        )


def _validate_codes(pack: RulePack, reader: _Reader) -> None:
    """Every code used once, every engine rule's code defined, every message naming only
    what its rule gives (committee/rules/checks.py), every source quoted from the plan."""
    codes = [rule.code for rule in pack.rules]
    duplicates = sorted({code for code in codes if codes.count(code) > 1})
    if duplicates:
        reader.fail("rule", "có mã bị khai báo hai lần: " + ", ".join(duplicates))

    # code -> (placeholders, variants) its messages may use
    allowed: dict[str, tuple[frozenset[str], Mapping[str, frozenset[str]]]] = {
        code: (rule.placeholders, rule.variants) for code, rule in ENGINE_RULES.items()
    }
    for seats in pack.levels.values():
        referenced: list[str] = []
        for seat in (*seats.leadership, *seats.sectors):
            for kind, code in seat.codes.items():
                referenced.append(code)
                allowed[code] = (SEAT_RULES[kind].placeholders, SEAT_RULES[kind].variants)
        for code in referenced:
            if code in ENGINE_RULES:
                reader.fail(
                    f"levels.{seats.level.value}",
                    f"dùng mã {code} cho một vị trí, nhưng mã này đã có nghĩa riêng",
                )
            if not pack.has_rule(code):
                reader.fail(
                    f"levels.{seats.level.value}", f"dùng mã {code} không có trong [[rule]]"
                )
        if len(set(referenced)) != len(referenced):
            reader.fail(f"levels.{seats.level.value}", "dùng một mã cho hai vị trí")

    # Without a deadline there is nothing for the late-decision rule to check.
    optional = {LATE_DECISION} if pack.deadline is None else set()
    if pack.deadline is None and pack.has_rule(LATE_DECISION):
        reader.fail("deadline", f"bị thiếu: quy tắc {LATE_DECISION} cần một thời hạn")
    missing = sorted(set(ENGINE_RULES) - set(codes) - optional)
    if missing:
        reader.fail("rule", "thiếu các mã bắt buộc: " + ", ".join(missing))
    section = _fold_spaces(pack.section_text)
    for rule in pack.rules:
        where = f"rule {rule.code}"
        if rule.code not in allowed:
            reader.fail(where, "là mã không được kiểm tra nào dùng (không rõ mã)")
        placeholders, needed = allowed[rule.code]
        _check_template(reader, f"{where}: message", rule.message, placeholders)
        for name in rule.variants:
            if name not in needed:
                reader.fail(f"{where}: variants.{name}", "không được dùng")
        for name, variant_placeholders in needed.items():
            if name not in rule.variants:
                reader.fail(f"{where}: variants.{name}", "bị thiếu")
            _check_template(
                reader, f"{where}: variants.{name}", rule.variants[name], variant_placeholders
            )
        if rule.source not in section:
            reader.fail(f"{where}: source", "không phải là nguyên văn của plan.section_text")


# ---------------------------------------------------------------------------------------
# Explanations


def explain(rule: Rule, pack: RulePack | None = None) -> str:
    """What `bcd138 rules explain CODE` prints: the rule, its source, why and how to fix."""
    pack = pack or load_rule_pack()
    status = STATUS_LABELS[_SEVERITY_STATUS[rule.severity]]
    lines = [
        f"{rule.code}: {rule.name}",
        "",
        _para(
            "Mức độ",
            f"{SEVERITY_LABELS[rule.severity]} ({rule.severity.value}); "
            f"Ban Chỉ đạo có phát hiện này được đánh giá \u201c{status}\u201d.",
        ),
    ]
    seats = pack.seat_rules(rule.code)
    if seats:
        lines.append("Áp dụng:")
        for level_seats, seat in seats:
            lines.append(
                textwrap.fill(
                    f"- {level_seats.label.capitalize()}, {_seat_text(seat)}",
                    width=88,
                    initial_indent="  ",
                    subsequent_indent="    ",
                )
            )
    if rule.code == LATE_DECISION and pack.deadline is not None:
        lines.append(
            _para(
                "Thời hạn",
                f"{format_date(pack.deadline)} (ngày ký cuối cùng được coi là đúng hạn).",
            )
        )
    lines += [
        _para("Căn cứ", f"{pack.plan_short}, mục {pack.section}:"),
        textwrap.fill(
            f"\u201c{rule.source}\u201d", width=88, initial_indent="  ", subsequent_indent="  "
        ),
    ]
    readings = [rule.reading] if rule.reading else []
    readings += [seat.reading for _, seat in seats if seat.reading]
    for reading in readings:
        lines.append(_para(_READING_LABEL, reading))
    lines += [
        _para("Vì sao quan trọng", rule.rationale),
        _para("Cách khắc phục", rule.fix),
        _para("Gói quy tắc", pack.version),
    ]
    return "\n".join(lines)


_READING_LABEL = "Cách hiểu của bcd138 (không phải nguyên văn văn bản nào)"


def pack_readings(pack: RulePack) -> list[str]:
    """Every reading that is bcd138's own in the pack: the pack's, its seats', its rules'."""
    readings = list(pack.readings)
    for seats in pack.levels.values():
        for seat in (*seats.leadership, *seats.sectors):
            if seat.reading:
                readings.append(f"{seats.label.capitalize()}, {_seat_text(seat)}: {seat.reading}")
    readings += [f"{rule.code}: {rule.reading}" for rule in pack.rules if rule.reading]
    return readings


def _seat_text(seat: LeadershipSeat | SectorSeat) -> str:
    role = seat.role if isinstance(seat, LeadershipSeat) else Role.VICE_CHAIR
    return f"{role.label}: {seat.required}"


def _para(label: str, text: str) -> str:
    return textwrap.fill(f"{label}: {text}", width=88, subsequent_indent="  ")
