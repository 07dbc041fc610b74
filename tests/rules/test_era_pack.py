"""Issue 13: the rule pack of each era and the posts of each era (data/posts.toml)."""

from __future__ import annotations

from pathlib import Path

import pytest

from committee.catalogue.posts import post_catalogue
from committee.domain.errors import RulePackError
from committee.domain.vocabulary import Era, Level
from committee.rules.pack import DEFAULT_RULE_PACK, load_rule_pack, pack_readings, rule_pack_for

Y2025, LEGACY = Era.Y2025, Era.LEGACY


def test_each_era_has_its_pack_and_the_legacy_one_is_unchanged() -> None:
    assert rule_pack_for(LEGACY) is load_rule_pack(DEFAULT_RULE_PACK)
    assert rule_pack_for(LEGACY).version == "hai-duong-2023.2"
    new = rule_pack_for(Y2025)
    assert new.era is Y2025 and new.deadline is None
    assert set(new.levels) == {Level.COMMUNE}  # two levels: only communes have a committee
    assert "cách hiểu của bcd138" in new.plan_short
    assert not pack_readings(rule_pack_for(LEGACY))


def test_every_post_of_the_2025_pack_exists_in_a_2025_commune() -> None:
    catalogue = post_catalogue()
    seats = rule_pack_for(Y2025).levels[Level.COMMUNE]
    for seat in (*seats.leadership, *seats.sectors):
        for key in seat.posts:
            assert catalogue[key].exists_in(Y2025, Level.COMMUNE), key
    assert "officer_culture_social" not in {key for s in seats.sectors for key in s.posts}


@pytest.mark.parametrize(
    ("key", "legacy", "new"),
    [
        ("officer_culture_social", {Level.COMMUNE}, set()),
        ("culture_social_office_head", set(), {Level.COMMUNE}),
        ("office_head", {Level.DISTRICT}, {Level.COMMUNE}),
        ("economy_head", {Level.DISTRICT}, {Level.COMMUNE}),
        ("ubnd_chair", {Level.DISTRICT, Level.COMMUNE}, {Level.DISTRICT, Level.COMMUNE}),
    ],
)
def test_the_post_catalogue_knows_which_posts_exist_in_which_era(
    key: str, legacy: set[Level], new: set[Level]
) -> None:
    post = post_catalogue()[key]
    assert {level for level in Level if post.exists_in(LEGACY, level)} == legacy
    assert {level for level in Level if post.exists_in(Y2025, level)} == new


def test_a_pack_of_an_unknown_era_is_refused(tmp_path: Path) -> None:
    text = (DEFAULT_RULE_PACK.read_text(encoding="utf-8")).replace(
        'version = "hai-duong-2023.2"', 'version = "x"\nera = "2030"'
    )
    path = tmp_path / "x.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RulePackError, match="era"):
        load_rule_pack(path)
