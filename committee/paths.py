"""Where the project's shipped data and default working files live."""

from __future__ import annotations

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = PROJECT_ROOT / "data"
EXPORTS_DIR = PROJECT_ROOT / "exports"
DEFAULT_DATABASE = DATA_DIR / "bcd138.sqlite"
DEMO_DATABASE = DATA_DIR / "demo.sqlite"
