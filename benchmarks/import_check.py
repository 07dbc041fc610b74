"""Import and check all 219 committees of Hải Dương; ratio to loading the same rows.

    python -m benchmarks.import_check [--repeat N] [--json FILE]

Every district and commune gets a generated roster file (15–25 members) written with
openpyxl (setup, not timed). Measured: importing each file in process as `bcd138
import` does (read, recognise, store in its own transaction), then checking every
committee as `bcd138 check` does; the baseline is a raw sqlite3 fetchall of the same
membership rows.
"""

from __future__ import annotations

import argparse
import json
import random
import sqlite3
import tempfile
from collections import Counter
from datetime import date
from pathlib import Path

from openpyxl import Workbook

from benchmarks.rosters import roster_for
from benchmarks.timing import measure, ratio
from committee.checking import check_units, select_units
from committee.importing import ImportOptions, prepare_import, store_import
from committee.units import all_unit_refs
from committee.vocabulary import Level
from committee.workspace import open_workspace

HEADER = [
    "STT",
    "Họ và tên",
    "Chức vụ, đơn vị công tác",
    "Chức danh trong Ban Chỉ đạo",
    "Nhiệm vụ được phân công",
    "Ghi chú",
]
RAW_MEMBERS = """
SELECT m.decision_id, m.position, p.full_name, m.person_id, m.role, m.title, m.post_kind,
       m.post_unit_code, m.portfolio, m.duties
FROM membership m JOIN person p ON p.id = m.person_id
WHERE m.decision_id IN (
    SELECT max(id) FROM decision WHERE status = 'issued' AND id NOT IN (
        SELECT supersedes_id FROM decision WHERE status = 'issued' AND supersedes_id IS NOT NULL)
    GROUP BY unit_code)
ORDER BY m.decision_id, m.position, m.id
"""


def options(unit_code: str) -> ImportOptions:
    return ImportOptions(
        unit_code, regulation_number="01/QĐ-BCĐ", regulation_date=date(2023, 6, 20)
    )


def write_rosters(folder: Path, units, seed: int = 138) -> list[tuple[str, Path]]:
    rng = random.Random(seed)
    files = []
    for unit in units:
        lines = roster_for(unit, rng, rng.randint(15, 25))
        workbook = Workbook()
        sheet = workbook.active
        sheet.title = "Danh sach"
        sheet.append(
            [
                f"(Kèm theo Quyết định số {rng.randint(1, 3000)}/QĐ-UBND ngày "
                f"{rng.randint(1, 28)}/6/2023 của UBND {unit.name})"
            ]
        )
        sheet.append(HEADER)
        for number, line in enumerate(lines, start=1):
            sheet.append([number, line.name, line.title, line.role.label, line.duties, ""])
        path = folder / f"roster-{unit.code}.xlsx"
        workbook.save(path)
        files.append((unit.code, path))
    return files


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="bcd138-bench-"))
    database = open_workspace(str(folder / "province.sqlite"))
    with database.session() as session:
        units = [u for u in all_unit_refs(session) if u.level is not Level.PROVINCE]
    files = write_rosters(folder, units)

    def import_all() -> None:
        for unit_code, path in files:
            with database.transaction() as session:
                store_import(session, prepare_import(session, path, options(unit_code)))

    def check_all() -> None:
        with database.session() as session:
            check_units(session, select_units(session))

    def raw_load() -> None:
        with sqlite3.connect(folder / "province.sqlite") as connection:
            connection.execute(RAW_MEMBERS).fetchall()

    importing = measure(import_all, max(1, args.repeat // 2))
    checking = measure(check_all, args.repeat)
    loading = measure(raw_load, args.repeat)
    with sqlite3.connect(folder / "province.sqlite") as connection:
        members = len(connection.execute(RAW_MEMBERS).fetchall())
    committees = len(files)
    results = {
        "committees": committees,
        "members": members,
        "import_per_committee_s": importing.median / committees,
        "check_per_committee_s": checking.median / committees,
        "load_per_committee_s": loading.median / committees,
        "check_ratio_to_load": ratio(checking.median, loading.median),
        "import_and_check_ratio_to_load": ratio(importing.median + checking.median, loading.median),
    }
    print(f"{committees} committees, {members} members (median of runs)")
    per_import = results["import_per_committee_s"] * 1e3
    per_check = results["check_per_committee_s"] * 1e3
    print(f"import : {importing.median:.3f} s  ({per_import:.2f} ms/committee)")
    print(f"check  : {checking.median:.3f} s  ({per_check:.3f} ms/committee)")
    print(f"load   : {loading.median:.3f} s  (raw sqlite3 fetchall, the baseline)")
    print(f"check / load          = {results['check_ratio_to_load']:.1f}x")
    print(f"(import+check) / load = {results['import_and_check_ratio_to_load']:.1f}x")
    with database.session() as session:
        report = check_units(session, select_units(session))
    statuses = Counter(committee.status.value for committee in report.committees)
    codes = Counter(f.code for committee in report.committees for f in committee.findings)
    print(f"statuses: {dict(statuses)}; findings: {dict(sorted(codes.items()))}")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")
    database.dispose()


if __name__ == "__main__":
    main()
