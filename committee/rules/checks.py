"""Every rule the engine checks, each in one place: its code, what its messages may name
(placeholders, and the extra message variants it needs), and its check.

Two kinds:
- an engine rule has a code of its own, whatever the pack's seats (BCD301 "no Ủy viên");
- a seat rule is a kind of requirement on the seats a pack defines level by level (exactly
  one holder, the holder's post, a sector seat filled); the pack names its code seat by
  seat (BCD101/103/105, BCD102/104/106, BCD201–205).

The pack (committee/rules/pack.py) refuses a message that names anything its rule does not
give, and a pack that lacks an engine rule's code or a variant a check reports with. Each
check reads the committee through an `Examination` (committee/rules/engine.py) and reports
findings on it; what several checks need (which rows repeat a person, the sector seats'
matching) is worked out once per committee through `Examination.shared`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, NamedTuple

from committee.catalogue.posts import PostKind
from committee.domain.dates import format_date
from committee.domain.records import MemberFacts
from committee.domain.vocabulary import Role

if TYPE_CHECKING:
    from committee.rules.engine import Examination

# What messages may name. Every message: the committee's unit, its level, the deadline.
COMMON = frozenset({"unit", "level", "deadline"})
MEMBER = COMMON | {"name", "title", "position", "role"}  # a finding about one member
DECISION = COMMON | {"number"}  # a finding about the decision

Check = Callable[["Examination"], None]


class SeatKind(StrEnum):
    """The kinds of seat requirement, by the key that names their code in a pack."""

    COUNT = "count_rule"  # a leadership role not held by exactly one member
    HOLDER = "holder_rule"  # the one holder's post is not the seat's post of the unit
    SECTOR = "rule"  # a sector seat no vice-chair fills


@dataclass(frozen=True)
class RuleCheck:
    """One rule the engine checks: an engine rule under its own `code` (every pack must
    define it), or a seat rule of a `seat` kind (the pack gives its code seat by seat)."""

    placeholders: frozenset[str]  # what its messages may name
    variants: Mapping[str, frozenset[str]]  # its extra message templates, and what they name
    check: Check
    code: str | None = None
    seat: SeatKind | None = None
    without_decision: bool = False  # checked on a unit with no decision (the others are not)


ENGINE_RULES: dict[str, RuleCheck] = {}
"""The engine rules by code, in the order they are checked."""

SEAT_RULES: dict[SeatKind, RuleCheck] = {}
"""The seat rules by kind."""


def rule(
    *,
    placeholders: frozenset[str],
    code: str | None = None,
    seat: SeatKind | None = None,
    variants: Mapping[str, frozenset[str]] | None = None,
    without_decision: bool = False,
) -> Callable[[Check], Check]:
    """Register the decorated function as the check of the engine rule `code`, or of the
    seat rules of kind `seat`."""

    def register(check: Check) -> Check:
        entry = RuleCheck(placeholders, variants or {}, check, code, seat, without_decision)
        if code is not None:
            ENGINE_RULES[code] = entry
        else:
            assert seat is not None, "a rule has a code or a seat kind"
            SEAT_RULES[seat] = entry
        return check

    return register


# --- the decision ------------------------------------------------------------------------


@rule(code="BCD404", placeholders=COMMON, without_decision=True)
def no_decision(c: Examination) -> None:
    """The unit has no decision at all (chưa kiện toàn); nothing else can be checked."""
    c.report("BCD404")


@rule(
    code="BCD402",
    placeholders=DECISION,
    variants={"before_decision": DECISION | {"signed_on", "regulation_number", "regulation_date"}},
)
def no_regulation(c: Examination) -> None:
    """No Quy chế hoạt động recorded, or only one signed before the decision (an older Quy
    chế is not the committee's new one)."""
    decision = c.decision
    if not (decision.regulation_number or "").strip():
        c.report("BCD402", number=decision.number)
    elif (
        decision.regulation_date is not None
        and decision.signed_on is not None
        and decision.regulation_date < decision.signed_on
    ):
        c.report(
            "BCD402",
            variant="before_decision",
            number=decision.number,
            signed_on=format_date(decision.signed_on),
            regulation_number=decision.regulation_number,
            regulation_date=format_date(decision.regulation_date),
        )


LATE_DECISION = "BCD403"  # its explanation states the pack's deadline


@rule(code=LATE_DECISION, placeholders=DECISION | {"signed_on"})
def late_decision(c: Examination) -> None:
    """The decision was signed after the pack's deadline."""
    decision = c.decision
    deadline = c.pack.deadline
    if deadline is not None and decision.signed_on is not None and decision.signed_on > deadline:
        c.report(LATE_DECISION, number=decision.number, signed_on=format_date(decision.signed_on))


# --- each member alone -------------------------------------------------------------------


@rule(code="BCD501", placeholders=MEMBER)
def unrecognised_post(c: Examination) -> None:
    """A member whose post is not recognised: nothing else about the post can be checked."""
    for member, post in c.entries:
        if post is None:
            c.report("BCD501", member)


def post_unit_fault(c: Examination, member: MemberFacts, post: PostKind) -> str | None:
    """Why a recognised post is not of the committee's own unit: "other" (it names another
    unit), "wrong_level" (no unit of the committee's era has it, or its unit is not told
    and the committee's level has no such post), or None when it is of the unit or may be."""
    if not post.eras.get(c.era):  # no unit of the era has it, whatever unit it names
        return "wrong_level"
    unit_code = member.post_unit_code
    if unit_code is not None:
        return "other" if unit_code != c.unit_code else None
    return "wrong_level" if not post.exists_in(c.era, c.level) else None


def unit_faults(c: Examination) -> dict[int, str]:
    """The recognised posts not of the committee's own unit: id of the member → the
    fault (`post_unit_fault`). Shared: BCD303 reports them, and the sector seats' matching
    leaves them out."""
    faults: dict[int, str] = {}
    for member, post in c.entries:
        if post is not None:
            fault = post_unit_fault(c, member, post)
            if fault is not None:
                faults[id(member)] = fault
    return faults


@rule(code="BCD303", placeholders=MEMBER, variants={"wrong_level": MEMBER})
def other_unit(c: Examination) -> None:
    """A member whose post belongs to another unit (not cùng cấp)."""
    faults = c.shared(unit_faults)
    if faults:
        for member, _post in c.entries:
            fault = faults.get(id(member))
            if fault is not None:
                c.report("BCD303", member, variant=None if fault == "other" else fault)


@rule(code="BCD302", placeholders=MEMBER)
def member_not_head(c: Examination) -> None:
    """An Ủy viên who is not the head of a sector or agency (a deputy, a staff member)."""
    for member, post in c.by_role[Role.MEMBER]:
        if post is not None and not post.heads:
            c.report("BCD302", member)


@rule(code="BCD401", placeholders=MEMBER)
def no_duties(c: Examination) -> None:
    """A member with no assigned duties."""
    for member, _post in c.entries:
        duties = member.duties
        if not duties or duties.isspace():
            c.report("BCD401", member)


def repeated_rows(c: Examination) -> dict[int, MemberFacts]:
    """The rows that name a person listed on an earlier row: id of the row → that first
    row. Shared: BCD304 reports them, and they take no part in the sector seats."""
    first_seen: dict[str, MemberFacts] = {}
    repeats: dict[int, MemberFacts] = {}
    for member, _post in c.entries:
        key = member.person_key
        if key:
            first = first_seen.setdefault(key, member)
            if first is not member:
                repeats[id(member)] = first
    return repeats


@rule(code="BCD304", placeholders=MEMBER | {"first_position"})
def duplicate_person(c: Examination) -> None:
    """The same person appears more than once."""
    repeats = c.shared(repeated_rows)
    if repeats:
        for member, _post in c.entries:
            first = repeats.get(id(member))
            if first is not None:
                c.report("BCD304", member, first_position=first.position)


@rule(code="BCD301", placeholders=COMMON)
def no_members(c: Examination) -> None:
    """No Ủy viên at all."""
    if not c.by_role[Role.MEMBER]:
        c.report("BCD301")


# --- the seats ---------------------------------------------------------------------------


@rule(seat=SeatKind.COUNT, placeholders=COMMON | {"count", "role", "required"})
def leadership_count(c: Examination) -> None:
    """Each leadership role is held by exactly one member."""
    for seat in c.seats.leadership:
        holders = c.by_role[seat.role]
        if len(holders) != 1:
            c.report(
                seat.count_rule, count=len(holders), role=seat.role.label, required=seat.required
            )


@rule(
    seat=SeatKind.HOLDER,
    placeholders=MEMBER | {"required"},
    variants={"unrecognised": MEMBER | {"required"}},
)
def leadership_holder(c: Examination) -> None:
    """The one holder of a leadership role holds the seat's post of the committee's own
    unit. II.23.b names that post: a holder whose post is not recognised is not shown to
    hold it, and breaks the rule as well (variant "unrecognised"; BCD501 says why)."""
    for seat in c.seats.leadership:
        holders = c.by_role[seat.role]
        if len(holders) != 1:
            continue  # the count rule reports it
        member, post = holders[0]
        if post is None:
            c.report(seat.holder_rule, member, variant="unrecognised", required=seat.required)
        elif post.key not in seat.posts or member.post_unit_code != c.unit_code:
            c.report(seat.holder_rule, member, required=seat.required)


@rule(seat=SeatKind.SECTOR, placeholders=COMMON | {"seat", "required"})
def sector_seats(c: Examination) -> None:
    """Each sector seat is filled by a vice-chair whose post fits it, one person per seat
    (committee/rules/matching.py). A vice-chair whose post is not recognised, is of
    another unit or repeats a person fills no seat."""
    matching = c.shared(sector_matching)
    for index in matching.empty_seats:
        seat = c.seats.sectors[index]
        c.report(seat.rule, seat=seat.seat, required=seat.required)


@rule(code="BCD206", placeholders=MEMBER, variants={"surplus": MEMBER | {"seat", "holder"}})
def surplus_vice_chair(c: Examination) -> None:
    """A vice-chair who fills no sector seat: whose post fits none ("surplus" variant: fits
    a seat someone else holds)."""
    matching = c.shared(sector_matching)
    for candidate, taken, holder in matching.surplus:
        member = matching.candidates[candidate]
        if taken is None:
            c.report("BCD206", member)
        else:
            c.report(
                "BCD206",
                member,
                variant="surplus",
                seat=c.seats.sectors[taken].seat,
                holder=matching.candidates[holder].name,
            )


class SectorMatching(NamedTuple):
    """The sector seats' matching of one committee: its vice-chairs in roster order, the
    seats left empty, and the surplus candidates as (candidate, the seat it fits that
    another holds or None, that holder)."""

    candidates: tuple[MemberFacts, ...]
    empty_seats: tuple[int, ...]
    surplus: tuple[tuple[int, int | None, int | None], ...]


def sector_matching(c: Examination) -> SectorMatching:
    """Shared by the sector seats and BCD206: the matching of this committee's vice-chairs
    (their repeated rows left out) by the shape of what the matching depends on."""
    repeats = c.shared(repeated_rows)
    vice_chairs = [entry for entry in c.by_role[Role.VICE_CHAIR] if id(entry[0]) not in repeats]
    vice_chairs.sort(key=_roster_place)
    own_unit = c.unit_code
    faults = c.shared(unit_faults)
    shape = tuple(
        (
            post.key if post is not None else None,
            member.portfolio,
            member.post_unit_code == own_unit,
            id(member) in faults,
        )
        for member, post in vice_chairs
    )
    empty_seats, surplus = c.matcher.match(shape)
    return SectorMatching(tuple(member for member, _ in vice_chairs), empty_seats, surplus)


def _roster_place(entry: tuple[MemberFacts, PostKind | None]) -> int:
    return entry[0].position
