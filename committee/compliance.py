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
from typing import Any

from committee.facts import CommitteeFacts, Finding, MemberFacts, UnitRef
from committee.posts import PostCatalogue, PostKind, post_catalogue
from committee.rule_pack import (
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
    RulePack,
    load_rule_pack,
)
from committee.vocabulary import CommitteeStatus, Role, Severity


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


def _day(value: date) -> str:
    return f"{value.day:02d}/{value.month:02d}/{value.year}"


class _Check:
    """One committee's check; `run` is called once."""

    def __init__(self, facts: CommitteeFacts, pack: RulePack, catalogue: PostCatalogue) -> None:
        self.facts = facts
        self.pack = pack
        self.catalogue = catalogue
        self.unit_code = facts.unit.code
        level_seats = pack.levels.get(facts.unit.level)
        self.base: dict[str, Any] = {
            "unit": unit_phrase(facts.unit),
            "deadline": _day(pack.deadline),
            "level": level_seats.label if level_seats else facts.unit.level.value,
        }
        self.findings: list[Finding] = []

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

        by_role: dict[Role, list[tuple[MemberFacts, PostKind | None]]] = {r: [] for r in Role}
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
        if decision.signed_on is not None and decision.signed_on > self.pack.deadline:
            self.report(LATE_DECISION, number=number, signed_on=_day(decision.signed_on))

        self.findings.sort(key=lambda f: (f.code, f.position or 0))
        return self.findings

    def _members(
        self,
        by_role: dict[Role, list[tuple[MemberFacts, PostKind | None]]],
        misplaced: set[int],
        repeats: set[int],
    ) -> None:
        """Checks about each member alone: post, unit, head of sector, duties, repeats."""
        level = self.facts.unit.level
        first_seen: dict[str, MemberFacts] = {}
        for member in self.facts.members:
            post = self.catalogue.get(member.post_kind)
            by_role[member.role].append((member, post))
            if post is None:
                self.report(UNRECOGNISED_POST, member)
            else:
                unit_code = member.post_unit_code
                if unit_code is not None:
                    if unit_code != self.unit_code:
                        self.report(OTHER_UNIT, member)
                        misplaced.add(id(member))
                elif not post.exists_at(level):
                    self.report(OTHER_UNIT, member, variant="wrong_level")
                    misplaced.add(id(member))
                if member.role is Role.MEMBER and not post.heads:
                    self.report(MEMBER_NOT_HEAD, member)
            if not member.duties.strip():
                self.report(NO_DUTIES, member)
            key = member.person_key
            if key:
                first = first_seen.setdefault(key, member)
                if first is not member:
                    self.report(DUPLICATE_PERSON, member, first_position=first.position)
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
        candidates = sorted(
            (entry for entry in vice_chairs if id(entry[0]) not in repeats),
            key=lambda entry: entry[0].position,
        )
        seat_count = len(seats.sectors)
        fits: list[tuple[int, ...]] = []
        adjacency: list[list[int]] = [[] for _ in range(seat_count)]
        for index, (member, post) in enumerate(candidates):
            fit = seats.sector_fits(post.key, member.portfolio) if post is not None else ()
            fits.append(fit)
            if fit and member.post_unit_code == self.unit_code:
                for seat_index in fit:
                    adjacency[seat_index].append(index)

        holder_of_seat = [-1] * seat_count
        seat_of_person = [-1] * len(candidates)
        for seat_index in range(seat_count):
            if adjacency[seat_index]:
                _augment(seat_index, adjacency, holder_of_seat, seat_of_person, set())

        for seat_index, seat in enumerate(seats.sectors):
            if holder_of_seat[seat_index] == -1:
                self.report(seat.rule, seat=seat.seat, required=seat.required)

        for index, (member, post) in enumerate(candidates):
            if post is None or seat_of_person[index] != -1 or id(member) in misplaced:
                continue
            fit = fits[index]
            if not fit:
                self.report(SURPLUS_VICE_CHAIR, member)
            elif member.post_unit_code == self.unit_code:
                # Fits a seat, yet unmatched: every seat it fits is held by someone else.
                taken = fit[0]
                self.report(
                    SURPLUS_VICE_CHAIR,
                    member,
                    variant="surplus",
                    seat=seats.sectors[taken].seat,
                    holder=candidates[holder_of_seat[taken]][0].name,
                )
            # else: the post's unit could not be told; the empty seat is reported instead.


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
