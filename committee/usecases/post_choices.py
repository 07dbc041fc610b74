"""The catalogue's posts as a member form offers them, and the title a picked post gets."""

from __future__ import annotations

from dataclasses import dataclass

from committee.catalogue.posts import post_catalogue
from committee.catalogue.titles import compose_title
from committee.domain.records import UnitRef


@dataclass(frozen=True, slots=True)
class PostChoice:
    key: str  # data/posts.toml
    title: str  # the catalogue's name: "Chủ tịch UBND"


def post_choices(unit: UnitRef) -> list[PostChoice]:
    """The posts a member of this unit's committee can hold, in the catalogue's order."""
    return [
        PostChoice(post.key, post.title)
        for post in post_catalogue().for_level(unit.level, unit.era)
    ]


def title_for(post_key: str, unit: UnitRef) -> str:
    """The title a picked post is written with for this unit: "Chủ tịch UBND xã Yết Kiêu"."""
    return compose_title(post_key, unit)


def post_title(post_key: str | None) -> str | None:
    """The catalogue's name of a recognised post, or None."""
    post = post_catalogue().get(post_key)
    return post.title if post else None
