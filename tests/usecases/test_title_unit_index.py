"""The index an import builds for its roster's titles (usecases.units.title_unit_index)
recognises every title as the index of every unit of the era does."""

from __future__ import annotations

from sqlmodel import Session

from committee.catalogue.titles import recognise_title
from committee.domain.vocabulary import Level
from committee.usecases.units import all_unit_refs, get_unit, title_unit_index, to_ref, unit_index


def _titles(session: Session) -> list[str]:
    units = all_unit_refs(session)
    districts = [unit for unit in units if unit.level is Level.DISTRICT]
    communes = [unit for unit in units if unit.level is Level.COMMUNE]
    by_code = {unit.code: unit for unit in units}
    titles = [
        "Chủ tịch UBND huyện",
        "Phó Chủ tịch UBND",
        "Trưởng Công an xã",
        "Bí thư Tỉnh đoàn",
        "Trưởng phòng Y tế",
        "Chủ tịch UBND tỉnh Hải Dương",
        "Chủ tịch UBND xã Không Có, huyện Thanh Hà",
        "Giám đốc Sở Y tế",
        "",
    ]
    for district in districts:
        titles += [
            f"Chủ tịch UBND {district.kind} {district.short_name}",
            f"Trưởng Công an {district.name} (kiêm nhiệm)",
            f"Trưởng phòng Y tế huyện {district.short_name} tỉnh Hải Dương",
        ]
    for commune in communes[::7]:
        parent = by_code[commune.parent_code or ""]
        titles += [
            f"Chủ tịch UBND {commune.kind} {commune.short_name}",
            f"PCT UBND xã {commune.short_name}, {parent.kind} {parent.short_name}",
            f"Trưởng Công an {commune.name}",
        ]
    return titles


def test_the_roster_index_recognises_titles_as_the_whole_index_does(session: Session) -> None:
    whole = unit_index(session)
    titles = _titles(session)
    assert len(titles) > 100
    for code in ("294", "288", "11035", "10531"):
        committee = to_ref(get_unit(session, code))
        scoped = title_unit_index(session, committee, titles)
        assert len(scoped) < len(whole) / 2
        for title in titles:
            expected = recognise_title(title, committee, whole)
            assert recognise_title(title, committee, scoped) == expected, (code, title)
            alone = title_unit_index(session, committee, [title])
            assert recognise_title(title, committee, alone) == expected, (code, title)


def test_namesakes_are_all_in_the_roster_index(session: Session) -> None:
    whole = unit_index(session)
    namesakes = [name for name in {unit.short_name for unit in whole} if len(whole.named(name)) > 1]
    assert namesakes  # the province has communes of the same name in several districts
    committee = to_ref(get_unit(session, "294"))
    scoped = title_unit_index(session, committee, [f"Chủ tịch UBND xã {n}" for n in namesakes])
    for name in namesakes:
        assert {unit.code for unit in scoped.named(name)} == {
            unit.code for unit in whole.named(name)
        }
