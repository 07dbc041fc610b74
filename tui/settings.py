"""What the UI remembers between runs: the folder an export was last saved in and the one a
file was last imported from, in a small JSON file under the user's config folder
($XDG_CONFIG_HOME/bcd138/tui.json, else ~/.config/bcd138/tui.json). A file that cannot be
read is as good as none; one that cannot be written is left as it was (remembering is a
convenience, never a reason for an action to fail)."""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, replace
from pathlib import Path

SETTINGS_NAME = "tui.json"


def settings_path() -> Path:
    base = os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config"
    return Path(base) / "bcd138" / SETTINGS_NAME


@dataclass(frozen=True)
class Settings:
    export_folder: str = ""
    import_folder: str = ""

    @classmethod
    def load(cls) -> Settings:
        try:
            data = json.loads(settings_path().read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return cls()
        if not isinstance(data, dict):
            return cls()
        known = {key: str(data[key]) for key in asdict(cls()) if isinstance(data.get(key), str)}
        return cls(**known)

    def save(self) -> None:
        path = settings_path()
        partial = path.with_name(f".{path.name}.{os.getpid()}")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            partial.write_text(json.dumps(asdict(self), ensure_ascii=False), encoding="utf-8")
            partial.replace(path)
        except OSError:
            partial.unlink(missing_ok=True)


def _folder(value: str) -> Path | None:
    folder = Path(value).expanduser() if value else None
    return folder if folder is not None and folder.is_dir() else None


def export_folder() -> Path | None:
    """The folder an export was last saved in (None: none yet, or gone since)."""
    return _folder(Settings.load().export_folder)


def import_folder() -> Path:
    """Where the file picker starts: the folder used last, else the home folder."""
    return _folder(Settings.load().import_folder) or Path.home()


def remember_export_folder(folder: Path) -> None:
    replace(Settings.load(), export_folder=str(folder)).save()


def remember_import_folder(folder: Path) -> None:
    replace(Settings.load(), import_folder=str(folder)).save()
