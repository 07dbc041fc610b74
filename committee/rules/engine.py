"""The II.23.b check: a committee's facts against a rule pack, giving findings.

Generic over the pack: which posts fill which seat at which level, codes, severities and
messages all come from data/rules/*.toml (committee/rule_pack.py). The engine knows only
the kinds of requirement: one holder per leadership role, sector seats filled one person
per seat, members who head their sector, posts of the committee's own unit, no repeated
person, duties, the operating regulation, the deadline, recognised posts.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from functools import lru_cache
from typing import Any

from committee.catalogue.posts import PostCatalogue, PostKind, post_catalogue
from committee.domain.records import CommitteeFacts, Finding, MemberFacts, UnitRef
from committee.domain.vocabulary import CommitteeStatus, Portfolio, Role, Severity
from committee.rules.pack import (
    DUPLICATE_PERSON,
    LATE_DECISION,
    MEMBER_NOT_HEAD,
    NO_DECISION,
    NO_DUTIES,
    NO_MEMBERS,
    NO_REGULATION,
    OTHER_UNIT,
    SURPLUS_VICE_CHAIR,
    UNRECOGNISED_POST,
    LevelSeats,
    Matching,
    RulePack,
    load_rule_pack,
)


def check_committee(
    facts: CommitteeFacts,
    pack: RulePack | None = None,
    catalogue: PostCatalogue | None = None,
) -> list[Finding]:
    """All findings for one committee, sorted by code then roster position."""
    pack = pack if pack is not None else load_rule_pack()
    catalogue = catalogue if catalogue is not None else post_catalogue()
    return _Check(facts, pack, catalogue).run()


def committee_status(findings: Iterable[Finding]) -> CommitteeStatus:
    """Error if any finding is an error, else warning if any is a warning, else ok."""
    status = CommitteeStatus.OK
    for finding in findings:
        if finding.severity is Severity.ERROR:
            return CommitteeStatus.ERROR
        status = CommitteeStatus.WARNING
    return status


def unit_phrase(unit: UnitRef) -> str:
    """The unit as it reads inside a sentence: "huyện Gia Lộc", "thị trấn Thanh Hà"."""
    if unit.kind and unit.name.lower().startswith(unit.kind.lower()):
        return f"{unit.kind.lower()} {unit.name[len(unit.kind) :].strip()}"
    return unit.name


@lru_cache(maxsize=4096)
def _day(value: date) -> str:
    return f"{value.day:02d}/{value.month:02d}/{value.year}"


class _Check:
    """One committee's check; `run` is called once."""

    def __init__(self, facts: CommitteeFacts, pack: RulePack, catalogue: PostCatalogue) -> None:
        self.facts = facts
        self.pack = pack
        self.catalogue = catalogue
        self.unit_code = facts.unit.code
        self._base: dict[str, Any] | None = None
        self.findings: list[Finding] = []

    @property
    def base(self) -> dict[str, Any]:
        """What every message may name; worked out for the first finding only (most
        committees of a bulk check have none)."""
        if self._base is None:
            unit = self.facts.unit
            level_seats = self.pack.levels.get(unit.level)
            self._base = {
                "unit": unit_phrase(unit),
                "deadline": _day(self.pack.deadline),
                "level": level_seats.label if level_seats else unit.level.value,
            }
        return self._base

    def report(
        self,
        code: str,
        member: MemberFacts | None = None,
        variant: str | None = None,
        **values: Any,
    ) -> None:
        rule = self.pack.rule(code)
        context = dict(self.base)
        if member is not None:
            context["name"] = member.name
            context["title"] = member.title
            context["position"] = member.position
            context["role"] = member.role.label
        context.update(values)
        self.findings.append(
            Finding(
                code=code,
                severity=rule.severity,
                message=rule.template(variant).format_map(context),
                member=member.name if member is not None else None,
                position=member.position if member is not None else None,
            )
        )

    def run(self) -> list[Finding]:
        decision = self.facts.decision
        if decision is None:
            self.report(NO_DECISION)
            return self.findings
        seats = self.pack.seats_for(self.facts.unit.level)

        by_role: dict[Role, list[tuple[MemberFacts, PostKind | None]]] = {
            role: [] for role in _ROLES
        }
        # id() of rows already reported as not cùng cấp, and of repeated persons' rows
        misplaced: set[int] = set()
        repeats: set[int] = set()
        self._members(by_role, misplaced, repeats)
        self._leadership(seats, by_role)
        self._sectors(seats, by_role[Role.VICE_CHAIR], misplaced, repeats)
        if not by_role[Role.MEMBER]:
            self.report(NO_MEMBERS)

        number = decision.number
        if not (decision.regulation_number or "").strip():
            self.report(NO_REGULATION, number=number)
        elif (
            decision.regulation_date is not None
            and decision.signed_on is not None
            and decision.regulation_date < decision.signed_on
        ):  # an older Quy chế is not the committee's new one
            self.report(
                NO_REGULATION,
                variant="before_decision",
                number=number,
                signed_on=_day(decision.signed_on),
                regulation_number=decision.regulation_number,
                regulation_date=_day(decision.regulation_date),
            )
        if decision.signed_on is not None and decision.signed_on > self.pack.deadline:
            self.report(LATE_DECISION, number=number, signed_on=_day(decision.signed_on))

        if len(self.findings) > 1:
            self.findings.sort(key=_finding_order)
        return self.findings

    def _members(
        self,
        by_role: dict[Role, list[tuple[MemberFacts, PostKind | None]]],
        misplaced: set[int],
        repeats: set[int],
    ) -> None:
        """Checks about each member alone: post, unit, head of sector, duties, repeats."""
        # The loop runs once per roster line of every committee checked: names are bound
        # to locals, and posts looked up in the catalogue's mapping directly.
        level = self.facts.unit.level
        own_unit = self.unit_code
        report = self.report
        post_of = self.catalogue.by_key.get
        member_role = Role.MEMBER
        first_seen: dict[str, MemberFacts] = {}
        for member in self.facts.members:
            kind = member.post_kind
            post = post_of(kind) if kind else None
            by_role[member.role].append((member, post))
            if post is None:
                report(UNRECOGNISED_POST, member)
            else:
                unit_code = member.post_unit_code
                if unit_code is not None:
                    if unit_code != own_unit:
                        report(OTHER_UNIT, member)
                        misplaced.add(id(member))
                elif level not in post.levels:
                    report(OTHER_UNIT, member, variant="wrong_level")
                    misplaced.add(id(member))
                if member.role is member_role and not post.heads:
                    report(MEMBER_NOT_HEAD, member)
            duties = member.duties
            if not duties or duties.isspace():
                report(NO_DUTIES, member)
            key = member.person_key
            if key:
                first = first_seen.setdefault(key, member)
                if first is not member:
                    report(DUPLICATE_PERSON, member, first_position=first.position)
                    repeats.add(id(member))

    def _leadership(
        self,
        seats: LevelSeats,
        by_role: dict[Role, list[tuple[MemberFacts, PostKind | None]]],
    ) -> None:
        """Each leadership role: exactly one holder, holding the required post of this unit."""
        for seat in seats.leadership:
            holders = by_role[seat.role]
            if len(holders) != 1:
                self.report(
                    seat.count_rule,
                    count=len(holders),
                    role=seat.role.label,
                    required=seat.required,
                )
                continue
            member, post = holders[0]
            if post is None:
                continue  # reported as BCD501: it cannot be verified
            if post.key not in seat.posts or member.post_unit_code != self.unit_code:
                self.report(seat.holder_rule, member, required=seat.required)

    def _sectors(
        self,
        seats: LevelSeats,
        vice_chairs: list[tuple[MemberFacts, PostKind | None]],
        misplaced: set[int],
        repeats: set[int],
    ) -> None:
        """Fill the sector seats with a maximum matching, one person per seat.

        Seats are taken in the pack's priority order and candidates in roster order, so
        the result is deterministic; which seats end up filled does not depend on the
        order of the candidates (the greedy basis of a transversal matroid). A person's
        repeated rows (BCD304) take no part: one person fills at most one seat.
        """
        if repeats:
            vice_chairs = [entry for entry in vice_chairs if id(entry[0]) not in repeats]
        candidates = sorted(vice_chairs, key=_roster_place)
        own_unit = self.unit_code
        # What the matching depends on, candidate by candidate. Rosters repeat the same
        # few shapes across a province, so each shape is matched once per pack level.
        shape = tuple(
            (
                post.key if post is not None else None,
                member.portfolio,
                member.post_unit_code == own_unit,
                id(member) in misplaced,
            )
            for member, post in candidates
        )
        outcome = seats.matchings.get(shape)
        if outcome is None:
            outcome = seats.matchings[shape] = _match(seats, shape)
        empty_seats, surplus = outcome

        for seat_index in empty_seats:
            seat = seats.sectors[seat_index]
            self.report(seat.rule, seat=seat.seat, required=seat.required)
        for index, taken, holder in surplus:
            member = candidates[index][0]
            if taken is None:
                self.report(SURPLUS_VICE_CHAIR, member)
            else:
                self.report(
                    SURPLUS_VICE_CHAIR,
                    member,
                    variant="surplus",
                    seat=seats.sectors[taken].seat,
                    holder=candidates[holder][0].name,
                )


# A candidate for the sector seats, as far as the matching is concerned: its post's key
# (None: not recognised), its portfolio, whether the post is of the committee's own unit,
# and whether it was reported as of another unit.
_Shape = tuple[tuple[str | None, Portfolio, bool, bool], ...]


def _match(seats: LevelSeats, shape: _Shape) -> Matching:
    """The seats left empty, and the candidates to report as surplus: (candidate index,
    the seat it fits that someone else holds, that holder's index), the seat and holder
    None for a candidate who fits no seat."""
    seat_count = len(seats.sectors)
    fits: list[tuple[int, ...]] = []
    adjacency: list[list[int]] = [[] for _ in range(seat_count)]
    for index, (post_key, portfolio, own_unit, _misplaced) in enumerate(shape):
        fit = seats.sector_fits(post_key, portfolio) if post_key is not None else ()
        fits.append(fit)
        if fit and own_unit:
            for seat_index in fit:
                adjacency[seat_index].append(index)

    holder_of_seat = [-1] * seat_count
    seat_of_person = [-1] * len(shape)
    for seat_index in range(seat_count):
        if adjacency[seat_index]:
            _augment(seat_index, adjacency, holder_of_seat, seat_of_person, set())

    empty_seats = tuple(index for index in range(seat_count) if holder_of_seat[index] == -1)
    surplus: list[tuple[int, int | None, int | None]] = []
    for index, (post_key, _portfolio, own_unit, misplaced) in enumerate(shape):
        if post_key is None or seat_of_person[index] != -1 or misplaced:
            continue
        fit = fits[index]
        if not fit:
            surplus.append((index, None, None))
        elif own_unit:
            # Fits a seat, yet unmatched: every seat it fits is held by someone else.
            taken = fit[0]
            surplus.append((index, taken, holder_of_seat[taken]))
        # else: the post's unit could not be told; the empty seat is reported instead.
    return empty_seats, tuple(surplus)


_ROLES = tuple(Role)


def _finding_order(finding: Finding) -> tuple[str, int]:
    return (finding.code, finding.position or 0)


def _roster_place(entry: tuple[MemberFacts, PostKind | None]) -> int:
    return entry[0].position


def _augment(
    seat: int,
    adjacency: list[list[int]],
    holder_of_seat: list[int],
    seat_of_person: list[int],
    visited: set[int],
) -> bool:
    """Kuhn's augmenting path from `seat`; a matched seat never becomes unmatched."""
    for person in adjacency[seat]:
        if person in visited:
            continue
        visited.add(person)
        current = seat_of_person[person]
        if current == -1 or _augment(current, adjacency, holder_of_seat, seat_of_person, visited):
            seat_of_person[person] = seat
            holder_of_seat[seat] = person
            return True
    return False
