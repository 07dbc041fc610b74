"""Which files the roster and duty sheet readers take: what a file picker offers."""

from __future__ import annotations

from pathlib import Path

from committee.rosters.roster_reader import SUPPORTED_SUFFIXES

ACCEPTED_SUFFIXES: tuple[str, ...] = tuple(SUPPORTED_SUFFIXES)


def is_roster_file(path: Path) -> bool:
    """A file of a kind the readers take, judged by its name."""
    return path.suffix.lower() in ACCEPTED_SUFFIXES
