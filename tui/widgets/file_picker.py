"""The folders and the files a reader takes (committee.usecases.roster_files), to pick one."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from textual.widgets import DirectoryTree

from committee.usecases.roster_files import is_roster_file


class RosterFileTree(DirectoryTree):
    def filter_paths(self, paths: Iterable[Path]) -> Iterable[Path]:
        return [
            path
            for path in paths
            if not path.name.startswith(".") and (path.is_dir() or is_roster_file(path))
        ]
