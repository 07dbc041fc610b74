"""The post catalogue (data/posts.toml): official posts a member can hold."""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from committee.domain.vocabulary import DEFAULT_ERA, Era, Level
from committee.paths import DATA_DIR

POSTS_FILE = DATA_DIR / "posts.toml"


@dataclass(frozen=True)
class PostKind:
    key: str
    title: str
    levels: frozenset[Level]  # in any era
    heads: bool
    # The levels the post exists at in each era; an era not named has no such post.
    eras: Mapping[Era, frozenset[Level]] = field(default_factory=dict, hash=False)

    def exists_at(self, level: Level) -> bool:
        return level in self.levels

    def exists_in(self, era: Era, level: Level) -> bool:
        """Whether units of that era and level have this post (a commune has had a Phòng
        Văn hóa - Xã hội since 1 July 2025, and no longer a công chức Văn hóa - Xã hội)."""
        return level in self.eras.get(era, ())


class PostCatalogue:
    def __init__(self, posts: list[PostKind]) -> None:
        self._by_key = {post.key: post for post in posts}
        if len(self._by_key) != len(posts):
            raise ValueError("data/posts.toml: a post key is used twice")

    def __getitem__(self, key: str) -> PostKind:
        return self._by_key[key]

    def __contains__(self, key: object) -> bool:
        return key in self._by_key

    def __iter__(self):
        return iter(self._by_key.values())

    def get(self, key: str | None) -> PostKind | None:
        return self._by_key.get(key) if key else None

    @property
    def by_key(self) -> Mapping[str, PostKind]:
        """Every post by its key, for look-ups in bulk (the catalogue's own dictionary, to be
        read only: a check looks up one post per roster line of the country)."""
        return self._by_key

    def for_level(self, level: Level, era: Era = DEFAULT_ERA) -> list[PostKind]:
        return [post for post in self._by_key.values() if post.exists_in(era, level)]

    @classmethod
    def from_file(cls, path: Path) -> PostCatalogue:
        with path.open("rb") as handle:
            raw = tomllib.load(handle)
        return cls([_post(entry) for entry in raw["post"]])


def _post(entry: Mapping) -> PostKind:
    levels = frozenset(Level(level) for level in entry["levels"])
    if "eras" in entry:
        eras = {
            Era(era): frozenset(Level(level) for level in era_levels)
            for era, era_levels in entry["eras"].items()
        }
        if frozenset().union(*eras.values()) != levels:
            raise ValueError(f"data/posts.toml: {entry['key']}: levels are not those of its eras")
    else:
        eras = dict.fromkeys(Era, levels)
    return PostKind(entry["key"], entry["title"], levels, bool(entry["heads"]), eras)


@cache
def post_catalogue() -> PostCatalogue:
    """The shipped catalogue, read once per process."""
    return PostCatalogue.from_file(POSTS_FILE)
