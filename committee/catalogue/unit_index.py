"""An in-memory index of administrative units: codes, the tree, and look-up by name."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from committee.domain.records import UnitRef
from committee.domain.text import fold
from committee.domain.vocabulary import Level

_WORD = re.compile(r"[a-z0-9]+")

# Higher units first: used to order search results.
_LEVEL_RANK = {Level.PROVINCE: 0, Level.DISTRICT: 1, Level.COMMUNE: 2}


def name_key(text: object) -> str:
    """The key units are looked up by: folded words only ("Xã  Tân-Việt" → "xa tan viet")."""
    return " ".join(_WORD.findall(fold(text)))


class UnitIndex:
    """Units by code, by parent and by name; built once from a unit list, never written."""

    def __init__(self, units: Iterable[UnitRef]) -> None:
        self._units: dict[str, UnitRef] = {}
        self._children: dict[str, list[UnitRef]] = {}
        self._by_name: dict[str, list[UnitRef]] = {}
        self._kind_level: dict[str, Level] = {}
        for unit in units:
            if unit.code in self._units:
                raise ValueError(f"unit code {unit.code} is given twice")
            self._units[unit.code] = unit
            self._kind_level.setdefault(fold(unit.kind), unit.level)
        for unit in self._units.values():
            if unit.parent_code is not None:
                self._children.setdefault(unit.parent_code, []).append(unit)
            for key in {name_key(unit.short_name), name_key(unit.name)}:
                self._by_name.setdefault(key, []).append(unit)
        # Lower-case folded full names, for search(); kept in catalogue order.
        self._search_keys = [
            (unit, name_key(unit.name), name_key(unit.short_name)) for unit in self._units.values()
        ]
        self._ancestry: dict[str, tuple[str, ...]] = {
            code: self._ancestor_codes(code) for code in self._units
        }

    def __len__(self) -> int:
        return len(self._units)

    def __iter__(self) -> Iterator[UnitRef]:
        return iter(self._units.values())

    def __contains__(self, code: object) -> bool:
        return code in self._units

    # --- the tree -------------------------------------------------------------------------

    def get(self, code: str | None) -> UnitRef | None:
        return self._units.get(code) if code is not None else None

    def parent(self, unit: UnitRef) -> UnitRef | None:
        return self.get(unit.parent_code)

    def children(self, code: str) -> list[UnitRef]:
        return list(self._children.get(code, ()))

    def ancestor_at(self, unit: UnitRef, level: Level) -> UnitRef | None:
        """The unit at `level` that contains `unit` (the unit itself when already there)."""
        current: UnitRef | None = unit
        seen = 0
        while current is not None and seen <= len(self._units):
            if current.level == level:
                return current
            current = self.parent(current)
            seen += 1
        return None

    def _ancestor_codes(self, code: str) -> tuple[str, ...]:
        """The unit's code followed by its ancestors' codes, nearest first."""
        codes = [code]
        parent = self._units[code].parent_code
        while parent is not None and parent in self._units and parent not in codes:
            codes.append(parent)
            parent = self._units[parent].parent_code
        return tuple(codes)

    # --- look-up by name ------------------------------------------------------------------

    def named(
        self, name: str, *, kind: str | None = None, level: Level | None = None
    ) -> list[UnitRef]:
        """Every unit called `name` ("Tân Việt" or "Xã Tân Việt"), of that kind and level."""
        found = self._by_name.get(name_key(name), [])
        if kind is not None:
            wanted_kind = fold(kind)
            found = [unit for unit in found if fold(unit.kind) == wanted_kind]
        if level is not None:
            found = [unit for unit in found if unit.level == level]
        return list(found)

    def level_of_kind(self, kind: str) -> Level | None:
        """The level of a kind word ("thị trấn" → commune), as the indexed units use it."""
        return self._kind_level.get(fold(kind))

    def find(
        self, name: str, kind: str | None = None, near: UnitRef | None = None
    ) -> UnitRef | None:
        """The unit called `name`; among namesakes the one nearest to `near`, else None.

        `kind` ("huyện", "xã", "thị trấn"…) narrows the search; when no unit of that kind
        has the name, units of the same level are taken ("xã Thanh Hà" finds the thị trấn).
        """
        candidates = self.named(name, kind=kind)
        if not candidates and kind is not None:
            level = self.level_of_kind(kind)
            if level is not None:
                candidates = self.named(name, level=level)
        return self.closest(candidates, near)

    def closest(self, candidates: list[UnitRef], near: UnitRef | None) -> UnitRef | None:
        """The one candidate nearest to `near`; None when none, or when two are as near.

        Nearness, best first: `near` itself; a unit inside `near` or containing it; a unit
        of the same district; of the same province; anything else.
        """
        if len(candidates) == 1:
            return candidates[0]
        if not candidates or near is None:
            return None
        ranked = sorted(
            (self._distance(candidate, near), index) for index, candidate in enumerate(candidates)
        )
        if ranked[0][0] == ranked[1][0]:
            return None
        return candidates[ranked[0][1]]

    def _distance(self, candidate: UnitRef, near: UnitRef) -> int:
        if candidate.code == near.code:
            return 0
        mine = self._ancestry.get(candidate.code, (candidate.code,))
        theirs = self._ancestry.get(near.code, (near.code,))
        if near.code in mine or candidate.code in theirs:
            return 1
        for rank, level in ((2, Level.DISTRICT), (3, Level.PROVINCE)):
            own = self.ancestor_at(candidate, level)
            other = self.ancestor_at(near, level)
            if own is not None and other is not None and own.code == other.code:
                return rank
        return 4

    def search(self, query: str, limit: int = 20) -> list[UnitRef]:
        """Units whose folded name contains the folded query ("gia loc" → Huyện Gia Lộc…).

        A query of digits also matches codes that start with it. Exact names come first,
        then names that start with the query, then higher levels, then catalogue order.
        """
        wanted = name_key(query)
        if not wanted or limit <= 0:
            return []
        digits = wanted.isdigit()
        hits: list[tuple[tuple[int, int, int, int], UnitRef]] = []
        for order, (unit, full, short) in enumerate(self._search_keys):
            if wanted in full or (digits and unit.code.startswith(wanted)):
                exact = 0 if wanted in (full, short) or unit.code == wanted else 1
                prefix = 0 if short.startswith(wanted) or full.startswith(wanted) else 1
                hits.append(((exact, prefix, _LEVEL_RANK.get(unit.level, 3), order), unit))
        hits.sort(key=lambda hit: hit[0])
        return [unit for _, unit in hits[:limit]]
