"""The post catalogue (data/posts.toml): official posts a member can hold."""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from committee.domain.vocabulary import Level
from committee.paths import DATA_DIR

POSTS_FILE = DATA_DIR / "posts.toml"


@dataclass(frozen=True)
class PostKind:
    key: str
    title: str
    levels: frozenset[Level]
    heads: bool

    def exists_at(self, level: Level) -> bool:
        return level in self.levels


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

    def for_level(self, level: Level) -> list[PostKind]:
        return [post for post in self._by_key.values() if post.exists_at(level)]

    @classmethod
    def from_file(cls, path: Path) -> PostCatalogue:
        with path.open("rb") as handle:
            raw = tomllib.load(handle)
        return cls(
            [
                PostKind(
                    key=entry["key"],
                    title=entry["title"],
                    levels=frozenset(Level(level) for level in entry["levels"]),
                    heads=bool(entry["heads"]),
                )
                for entry in raw["post"]
            ]
        )


@cache
def post_catalogue() -> PostCatalogue:
    """The shipped catalogue, read once per process."""
    return PostCatalogue.from_file(POSTS_FILE)
