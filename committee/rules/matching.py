"""Filling the sector seats (the Phó Trưởng ban seats of II.23.b), one person per seat.

A maximum bipartite matching of seats and vice-chairs: seats are taken in the pack's
priority order and candidates in roster order, so the result is deterministic; which
seats end up filled does not depend on the order of the candidates (the greedy basis of a
transversal matroid).

The matching depends only on each candidate's shape: its post, portfolio, whether the post
is of the committee's own unit, and whether it was found to be of another unit. Rosters
repeat the same few shapes across a province, so each `SeatMatcher` (one per level of a
pack, the engine's own) remembers the outcome of each shape it has matched.
"""

from __future__ import annotations

from committee.domain.vocabulary import Portfolio
from committee.rules.pack import LevelSeats

# A candidate, as far as the matching is concerned: its post's key (None: not recognised),
# its portfolio, whether the post is of the committee's own unit, and whether it was found
# to be of another unit (BCD303).
Shape = tuple[tuple[str | None, Portfolio, bool, bool], ...]

# The seats a matching leaves empty, and the surplus candidates: (index, seat, holder).
Outcome = tuple[tuple[int, ...], tuple[tuple[int, int | None, int | None], ...]]


class SeatMatcher:
    """The sector-seat matching of one level of a pack, with what it has worked out."""

    def __init__(self, seats: LevelSeats) -> None:
        self.seats = seats
        self._fits: dict[tuple[str, Portfolio], tuple[int, ...]] = {}
        self._outcomes: dict[Shape, Outcome] = {}

    def fits(self, post_kind: str, portfolio: Portfolio) -> tuple[int, ...]:
        """`LevelSeats.sector_fits`, remembered."""
        key = (post_kind, portfolio)
        found = self._fits.get(key)
        if found is None:
            found = self._fits[key] = self.seats.sector_fits(post_kind, portfolio)
        return found

    def match(self, shape: Shape) -> Outcome:
        """The seats left empty, and the candidates to report as surplus: (candidate index,
        the seat it fits that someone else holds, that holder's index), the seat and holder
        None for a candidate who fits no seat."""
        outcome = self._outcomes.get(shape)
        if outcome is None:
            outcome = self._outcomes[shape] = self._match(shape)
        return outcome

    def _match(self, shape: Shape) -> Outcome:
        seat_count = len(self.seats.sectors)
        fits: list[tuple[int, ...]] = []
        adjacency: list[list[int]] = [[] for _ in range(seat_count)]
        for index, (post_key, portfolio, own_unit, _misplaced) in enumerate(shape):
            fit = self.fits(post_key, portfolio) if post_key is not None else ()
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


_MATCHERS: dict[int, SeatMatcher] = {}


def matcher_for(seats: LevelSeats) -> SeatMatcher:
    """The matcher of these seats, made once (a pack is loaded once per process)."""
    found = _MATCHERS.get(id(seats))
    if found is None or found.seats is not seats:
        found = _MATCHERS[id(seats)] = SeatMatcher(seats)
    return found
