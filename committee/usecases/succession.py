"""The way from the legacy units to the 2025 ones: which communes a new unit was formed
from, which unit(s) an old one went into, each with its committee's last decision and
status, and the clerk's confirmation of a split unit's successor.

The links come from vietnamadminunits' mapping (stored in `unit_succession` when both
sides are loaded, committee.usecases.units.load_province). A legacy unit split among
several new ones keeps every candidate; none is taken for its successor until a clerk
confirms one (the package's default is known to be wrong in places).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlmodel import Session

from committee.domain.errors import UserError
from committee.domain.records import UnitRef
from committee.domain.text import clean
from committee.domain.vocabulary import DEFAULT_ERA, NO_DECISION_LABEL, Era, Level
from committee.store.concurrency import flush, writer_name
from committee.store.models import UnitSuccession
from committee.usecases.checking import check_units
from committee.usecases.units import all_unit_refs, get_unit, to_ref, unit_refs


@dataclass(frozen=True, slots=True)
class SuccessionLink:
    """One unit on the other side of the succession, with its committee's last state."""

    unit: UnitRef
    district: UnitRef | None  # a legacy commune's district, for "(huyện Gia Lộc)"
    whole: bool  # the legacy unit went wholly into the new one
    package_default: bool  # the package's own guess for a split unit
    confirmed: bool  # a clerk confirmed this new unit as the split unit's successor
    settled_elsewhere: bool  # a clerk confirmed another candidate of this split unit
    decision_number: str | None  # the committee's decision in force
    decision_signed_on: date | None
    status: str  # "Đạt", "Cảnh báo", "Chưa đạt" or "Chưa kiện toàn"

    @property
    def needs_confirmation(self) -> bool:
        return not self.whole and not self.confirmed and not self.settled_elsewhere

    @property
    def state(self) -> str:
        """How sure the link is, in words."""
        if self.whole:
            return "toàn bộ"
        if self.confirmed:
            return "một phần, đã xác nhận là đơn vị kế thừa"
        if self.settled_elsewhere:
            return "một phần (đơn vị kế thừa đã xác nhận là đơn vị khác)"
        default = "; gói dữ liệu đoán là đơn vị kế thừa" if self.package_default else ""
        return f"một phần, cần xác nhận{default}"


@dataclass(frozen=True, slots=True)
class Succession:
    """A unit and the units on the other side: for a 2025 unit, the legacy units it was
    formed from; for a legacy unit, the 2025 unit(s) it went into."""

    unit: UnitRef
    links: tuple[SuccessionLink, ...]

    @property
    def heading(self) -> str:
        return "hình thành từ" if self.unit.era is Era.Y2025 else "sáp nhập vào"

    @property
    def phrase(self) -> str:
        """ "hình thành từ: xã A, xã B, thị trấn C (huyện Gia Lộc)"; namesakes of several
        districts are grouped by district, in the order they come."""
        if not self.links:
            return f"{self.heading}: (chưa có trong cơ sở dữ liệu)"
        groups: dict[str, list[str]] = {}
        for link in self.links:
            where = link.district.phrase if link.district is not None else ""
            groups.setdefault(where, []).append(link.unit.phrase)
        parts = [
            ", ".join(names) + (f" ({where})" if where else "") for where, names in groups.items()
        ]
        return f"{self.heading}: " + "; ".join(parts)


def succession(session: Session, unit_code: str, era: Era = DEFAULT_ERA) -> Succession:
    """The succession of one unit (of either era), each linked unit with its committee's
    decision in force and status."""
    unit = to_ref(get_unit(session, unit_code, era))
    if unit.era is Era.Y2025:
        query = select(UnitSuccession).where(
            UnitSuccession.new_era == unit.era.value, UnitSuccession.new_code == unit.code
        )
    else:
        query = select(UnitSuccession).where(
            UnitSuccession.legacy_era == unit.era.value, UnitSuccession.legacy_code == unit.code
        )
    rows = list(session.scalars(query.order_by(UnitSuccession.id)))
    legacy_codes = {row.legacy_code for row in rows}
    settled = {
        code
        for (code,) in session.execute(
            select(UnitSuccession.legacy_code).where(
                UnitSuccession.legacy_code.in_(legacy_codes),
                UnitSuccession.confirmed_at.is_not(None),
            )
        )
    }
    other_era = Era.LEGACY if unit.era is Era.Y2025 else Era.Y2025
    # only the linked units and their districts are read: a unit's screen shows this
    linked_codes = [row.legacy_code if other_era is Era.LEGACY else row.new_code for row in rows]
    others = {ref.code: ref for ref in unit_refs(session, linked_codes, other_era)}
    districts = {
        ref.code: ref
        for ref in unit_refs(
            session,
            {o.parent_code for o in others.values() if o.parent_code is not None},
            other_era,
        )
    }
    linked = [others[code] for code in linked_codes]
    report = {c.unit.code: c for c in check_units(session, linked).committees} if linked else {}
    links = []
    for row, other in zip(rows, linked, strict=True):
        committee = report[other.code]
        decision = committee.decision
        district = None
        if other.era is Era.LEGACY and other.level is Level.COMMUNE and other.parent_code:
            district = districts.get(other.parent_code)
        links.append(
            SuccessionLink(
                unit=other,
                district=district,
                whole=row.whole,
                package_default=row.package_default,
                confirmed=row.confirmed_at is not None,
                settled_elsewhere=row.confirmed_at is None and row.legacy_code in settled,
                decision_number=decision.number if decision else None,
                decision_signed_on=decision.signed_on if decision else None,
                status=committee.status_label if decision else NO_DECISION_LABEL,
            )
        )
    return Succession(unit, tuple(links))


def confirm_successor(
    session: Session, unit_code: str, era: Era, other_code: str
) -> SuccessionLink:
    """A clerk's confirmation that the split legacy unit's successor is this 2025 unit:
    given from either side (the new unit and the legacy code, or the legacy unit and the
    new code). The other candidates of that legacy unit are no longer its successor."""
    unit = get_unit(session, unit_code, era)
    if Era(unit.era) is Era.Y2025:
        legacy_code, new_code = clean(other_code), unit.code
        legacy_code = get_unit(session, legacy_code, Era.LEGACY).code
    else:
        legacy_code, new_code = unit.code, get_unit(session, clean(other_code), Era.Y2025).code
    rows = list(
        session.scalars(
            select(UnitSuccession).where(
                UnitSuccession.legacy_era == Era.LEGACY.value,
                UnitSuccession.legacy_code == legacy_code,
            )
        )
    )
    chosen = next((row for row in rows if row.new_code == new_code), None)
    if chosen is None:
        legacy_name = get_unit(session, legacy_code, Era.LEGACY).name
        new_name = get_unit(session, new_code, Era.Y2025).name
        raise UserError(
            f"{legacy_name} (mã {legacy_code}, {Era.LEGACY.label}) không nằm trong số đơn vị "
            f"hình thành {new_name} (mã {new_code}, {Era.Y2025.label}); không xác nhận được."
        )
    if chosen.whole:
        raise UserError(
            f"Mã {legacy_code} đã sáp nhập toàn bộ vào mã {new_code}; không cần xác nhận."
        )
    writer = writer_name(session.connection())
    for row in rows:
        row.confirmed_at = datetime.now() if row is chosen else None
        row.confirmed_by = writer if row is chosen else None
        session.add(row)
    flush(session)
    found = succession(session, new_code, Era.Y2025)
    return next(link for link in found.links if link.unit.code == legacy_code)


def former_districts(session: Session, communes: list[UnitRef]) -> dict[str, UnitRef]:
    """For each 2025 commune, the legacy district most of its land came from (the district
    of most of its predecessors; a confirmed or wholly merged one before a candidate), for
    summing the new communes up as the old districts were. A commune whose predecessors
    are not loaded is put under its province."""
    codes = [commune.code for commune in communes]
    legacy = {ref.code: ref for ref in all_unit_refs(session, Era.LEGACY)}
    votes: dict[str, Counter[str]] = {code: Counter() for code in codes}
    for new_code, legacy_code, whole, confirmed in session.execute(
        select(
            UnitSuccession.new_code,
            UnitSuccession.legacy_code,
            UnitSuccession.whole,
            UnitSuccession.confirmed_at,
        ).where(UnitSuccession.new_era == Era.Y2025.value)
    ):
        if new_code not in votes:
            continue
        predecessor = legacy.get(legacy_code)
        if predecessor is None:
            continue
        district = (
            predecessor.code if predecessor.level is Level.DISTRICT else predecessor.parent_code
        )
        if district is not None:
            votes[new_code][district] += 2 if whole or confirmed is not None else 1
    result: dict[str, UnitRef] = {}
    for commune in communes:
        ranked = sorted(votes[commune.code].items(), key=lambda item: (-item[1], item[0]))
        if ranked and ranked[0][0] in legacy:
            result[commune.code] = legacy[ranked[0][0]]
        else:
            result[commune.code] = to_ref(get_unit(session, commune.parent_code or "", commune.era))
    return result
