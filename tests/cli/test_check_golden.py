"""`bcd138 check --format json` on a generated province writes, character for character,
what it wrote before its read and its checks were made faster (issue 17): the golden file
was written by the code of main at commit 611ea85 from the same generated database.

When the generator (benchmarks/dataset.py) or the rule pack changes on purpose, write the
file again from a tree known to be right:
    python -c "from pathlib import Path; from benchmarks.dataset import build_database; \
build_database(Path('p.sqlite'), 'province')[0].dispose()"
    bcd138 --db p.sqlite check --format json -o tests/cli/golden/check-province.json --force
"""

from __future__ import annotations

from pathlib import Path

from benchmarks.dataset import build_database

from .test_cli import run

GOLDEN = Path(__file__).parent / "golden" / "check-province.json"


def test_check_json_of_a_generated_province_is_what_it_was(tmp_path: Path) -> None:
    database, _ = build_database(tmp_path / "province.sqlite", "province")
    database.dispose()
    out = tmp_path / "check.json"
    result = run("check", "--format", "json", "-o", str(out), db=tmp_path / "province.sqlite")
    assert result.returncode == 1, result.stderr  # the generator breaks rules on purpose
    assert out.read_text(encoding="utf-8") == GOLDEN.read_text(encoding="utf-8")
