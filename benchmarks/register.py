"""Many clerks at once on one register (issue 15): `python -m benchmarks.register`.

N clerk processes (default 20) work for a fixed time on a generated register: each loops
over a read (its district's decisions and the roster in force), an edit of a draft of its
district (the save is timed), an import of a roster as a new decision, and a check of its
district. Clerks come in pairs per district, so that saves race on the same drafts and
imports on the same unit's chain of decisions.

On PostgreSQL (a throwaway server, tests/postgres_server.py) each process logs in as its
own clerk (row-level security on); on SQLite every process opens one file in WAL mode.
Afterwards the register is compared with what the processes were told:
- no lost write: every save reported done is the audit's `decision_edited` entry with that
  decision's new number, and each (decision, version) was written once;
- no duplicated write: one decision per imported number, one decision in force per unit;
- every audit entry present: the audit's entries for the edits and imports are exactly the
  saves and imports reported done.
Figures: saves per second, median and 99th-percentile save latency, refusals (stale saves,
waits that timed out), per engine. The floors of the same run: one process alone.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import text

EXAMPLE = Path(__file__).resolve().parent.parent.parent / "shared" / "examples"
ROSTER = EXAMPLE / "roster-district-columns.xlsx"


# --- one clerk's process ------------------------------------------------------------------


def worker(url: str, name: str, district: str, seconds: float, out: Path) -> None:
    from committee.domain.errors import UserError
    from committee.usecases.checking import check_units, select_units
    from committee.usecases.decisions import (
        DecisionDetails,
        create_draft,
        get_decision,
        list_decisions,
        roster,
        update_details,
    )
    from committee.usecases.importing import ImportOptions, prepare_import, store_import
    from committee.usecases.workspace import open_workspace

    database = open_workspace(url)
    saves: list[dict[str, Any]] = []
    imports: list[str] = []
    refused: dict[str, int] = {}
    examples: dict[str, str] = {}
    counts = {"read": 0, "check": 0}
    deadline = time.monotonic() + seconds
    step = 0
    while time.monotonic() < deadline:
        step += 1
        try:
            kind = step % 4
            if kind == 0:
                with database.session() as session:
                    for decision in list_decisions(session, district):
                        if decision.in_force:
                            roster(session, decision.id)
                counts["read"] += 1
            elif kind in (1, 2):
                with database.session() as session:
                    drafts = [d for d in list_decisions(session, district) if not d.is_issued]
                if not drafts:
                    with database.transaction() as session:
                        create_draft(
                            session,
                            district,
                            DecisionDetails(f"{step}/QĐ-D{name}", date(2024, 1, 2)),
                        )
                    continue
                draft = min(drafts, key=lambda d: d.id)
                number = f"{step}/QĐ-E{name}"
                started = time.perf_counter()
                with database.transaction() as session:
                    update_details(
                        session,
                        draft.id,
                        DecisionDetails(number, date(2024, 1, 2)),
                        expected_version=draft.version,
                    )
                    saved = get_decision(session, draft.id)
                    version, number = saved.version, saved.number  # as stored (normalised)
                saves.append(
                    {
                        "id": draft.id,
                        "number": number,
                        "version": version,
                        "seconds": time.perf_counter() - started,
                    }
                )
            elif step % 12 == 3:
                number = f"{step}/QĐ-I{name}"
                options = ImportOptions(
                    district, number=number, signed_on=date.today(), unit_mismatch_ok=True
                )
                with database.transaction() as session:
                    stored = store_import(session, prepare_import(session, ROSTER, options))
                    written = stored.number
                if written.casefold() == number.casefold():  # else it was there already
                    imports.append(written)  # as stored (normalised)
            else:
                with database.session() as session:
                    check_units(session, select_units(session, [district]))
                counts["check"] += 1
        except UserError as error:
            kind_name = type(error).__name__
            refused[kind_name] = refused.get(kind_name, 0) + 1
            examples.setdefault(kind_name, error.message[:300])
    database.dispose()
    out.write_text(
        json.dumps(
            {"saves": saves, "imports": imports, "refused": refused, "examples": examples} | counts,
            ensure_ascii=False,
        )
    )


# --- the run -------------------------------------------------------------------------------


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def _seed(url: str, scale: str) -> list[str]:
    """The generated register's rows written to `url` (the audit triggers paused while
    seeding: the generated history is not clerks' work); its district codes."""
    from benchmarks.dataset import (
        generate,
        prepared_for_core,
        prepared_for_raw,
        write_rows,
        write_rows_raw,
    )
    from committee.store.database import open_database

    dataset = generate(scale)
    database = open_database(url)
    server = database.engine.dialect.name == "postgresql"
    tables = ("decision", "membership", "committee_document", "assigned_duty")
    if server:
        with database.engine.begin() as connection:
            for table in tables:
                connection.exec_driver_sql(f"ALTER TABLE {table} DISABLE TRIGGER USER")
    if not server:  # raw rows: bcd138's own connections carry SQLite's audit triggers
        path = database.sqlite_path
        database.dispose()
        write_rows_raw(path, prepared_for_raw(dataset))
    else:
        write_rows(database.engine, prepared_for_core(dataset))
        with database.engine.begin() as connection:
            for table in tables:
                connection.exec_driver_sql(f"ALTER TABLE {table} ENABLE TRIGGER USER")
            for table in ("decision", "membership", "person", "committee_document"):
                connection.exec_driver_sql(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                    f"(SELECT coalesce(max(id), 1) FROM {table}))"
                )
    units = dataset.rows("admin_unit").as_dicts()
    database.dispose()
    return sorted(str(u["code"]) for u in units if u["level"] == "district")


def _run_clerks(
    urls: list[tuple[str, str, str]], seconds: float, folder: Path
) -> list[dict[str, Any]]:
    runs = []
    for index, (url, name, district) in enumerate(urls):
        out = folder / f"clerk-{index}.json"
        command = [sys.executable, "-m", "benchmarks.register", "--worker", url, name, district]
        command += [str(seconds), str(out)]
        runs.append((subprocess.Popen(command), out))
    results = []
    for process, out in runs:
        process.wait(timeout=seconds + 600)
        results.append(json.loads(out.read_text()) if out.exists() else {"failed": True})
    return results


def _verify(url: str, results: list[dict[str, Any]]) -> dict[str, Any]:
    from committee.store.database import open_database

    database = open_database(url)
    with database.engine.connect() as connection:
        edited = connection.execute(
            text("SELECT record_id, after_values FROM audit_entry WHERE action = 'decision_edited'")
        ).all()
        audited_edits = {(row[0], json.loads(row[1])["number"]) for row in edited}
        audited_versions = [(row[0], json.loads(row[1])["version"]) for row in edited]
        imported = connection.execute(
            text(
                "SELECT number, count(*) FROM decision WHERE number LIKE '%/QĐ-I%' GROUP BY number"
            )
        ).all()
        audited_imports = connection.execute(
            text("SELECT count(*) FROM audit_entry WHERE action = 'decision_imported'")
        ).scalar()
        in_force = connection.execute(
            text(
                "SELECT count(*) FROM (SELECT unit_era, unit_code FROM decision WHERE in_force "
                "GROUP BY unit_era, unit_code HAVING count(*) > 1) AS twice"
            )
        ).scalar()
    database.dispose()
    saves = [save for result in results for save in result.get("saves", [])]
    told = {(save["id"], save["number"]) for save in saves}
    imports = [number for result in results for number in result.get("imports", [])]
    versions = [(save["id"], save["version"]) for save in saves]
    return {
        "saves_told_done": len(saves),
        "lost_saves": len(told - audited_edits),
        "saves_in_audit_not_told": len(audited_edits - told),
        "versions_written_twice": len(versions) - len(set(versions)),
        "audit_versions_twice": len(audited_versions) - len(set(audited_versions)),
        "imports_told_done": len(imports),
        "imports_missing": len(set(imports) - {row[0] for row in imported}),
        "imports_duplicated": sum(1 for row in imported if row[1] > 1),
        "import_audit_entries": int(audited_imports or 0),
        "units_with_two_in_force": int(in_force or 0),
    }


def _figures(results: list[dict[str, Any]], seconds: float) -> dict[str, Any]:
    latencies = [save["seconds"] for result in results for save in result.get("saves", [])]
    refused: dict[str, int] = {}
    for result in results:
        for name, count in result.get("refused", {}).items():
            refused[name] = refused.get(name, 0) + count
    return {
        "processes": len(results),
        "failed_processes": sum(1 for result in results if result.get("failed")),
        "saves": len(latencies),
        "saves_per_second": round(len(latencies) / seconds, 2),
        "save_median_ms": round(1000 * statistics.median(latencies), 1) if latencies else None,
        "save_p99_ms": round(1000 * _percentile(latencies, 0.99), 1) if latencies else None,
        "reads": sum(result.get("read", 0) for result in results),
        "checks": sum(result.get("check", 0) for result in results),
        "imports": sum(len(result.get("imports", [])) for result in results),
        "refused": refused,
    }


def run_engine(
    engine: str, scale: str, clerks: int, seconds: float, log: Any, as_administrator: bool = False
) -> dict[str, Any]:
    from tests.postgres_server import postgres_url, why_unavailable

    folder = Path(tempfile.mkdtemp(prefix=f"bcd138-register-{engine}-"))
    if engine == "postgresql":
        reason = why_unavailable()
        if reason is not None:
            return {"skipped": reason}
        context = postgres_url()
    else:
        from contextlib import nullcontext

        context = nullcontext(f"sqlite:///{folder / 'register.sqlite'}")
    with context as url:
        started = time.perf_counter()
        districts = _seed(url, scale)
        log(
            f"{engine}: seeded {scale} ({len(districts)} districts) in "
            f"{time.perf_counter() - started:.1f} s"
        )
        pairs = [districts[index // 2 % len(districts)] for index in range(clerks)]
        urls = _clerk_urls(url, engine, pairs, as_administrator)
        alone_url, alone_name, alone_unit = urls[0]  # its own numbers: "…-a"
        first = _run_clerks([(alone_url, f"{alone_name}a", alone_unit)], seconds / 3, folder)
        alone = _figures(first, seconds / 3)
        log(f"{engine}: one clerk alone: {alone['saves_per_second']} saves/s")
        results = _run_clerks(urls, seconds, folder)
        figures = _figures(results, seconds)
        figures["one_clerk_alone"] = alone
        figures["checks_of_the_register"] = _verify(url, first + results)
        log(f"{engine}: {json.dumps(figures, ensure_ascii=False)}")
    return figures


def _clerk_urls(
    url: str, engine: str, districts: list[str], as_administrator: bool = False
) -> list[tuple[str, str, str]]:
    if engine != "postgresql" or as_administrator:
        return [(url, f"c{index}", district) for index, district in enumerate(districts)]
    from sqlalchemy.engine import make_url

    from committee.store.database import open_database
    from committee.usecases.clerks import add_clerk

    database = open_database(url)
    urls = []
    with database.transaction() as session:
        for index, district in enumerate(districts):
            name = f"clerk{index}"
            add_clerk(session, name, district)
            clerk = make_url(url).set(username=name).render_as_string(hide_password=False)
            urls.append((clerk, name, district))
    database.dispose()
    return urls


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--worker", nargs=5, metavar=("URL", "NAME", "UNIT", "SECONDS", "OUT"))
    parser.add_argument("--scale", default="province")
    parser.add_argument("--clerks", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--engine", choices=("postgresql", "sqlite", "both"), default="both")
    parser.add_argument("--json", type=Path)
    parser.add_argument(
        "--as-administrator",
        action="store_true",
        help="every PostgreSQL process logs in as the administrator (no row-level security): "
        "the floor that shows what the clerks' policies cost",
    )
    args = parser.parse_args(argv)
    if args.worker:
        url, name, unit, seconds, out = args.worker
        worker(url, name, unit, float(seconds), Path(out))
        return {}

    def log(line: str) -> None:
        print(line, file=sys.stderr, flush=True)

    engines = ("postgresql", "sqlite") if args.engine == "both" else (args.engine,)
    result = {
        "scale": args.scale,
        "clerks": args.clerks,
        "seconds": args.seconds,
        "cpus": os.cpu_count(),
        **{
            engine: run_engine(engine, args.scale, args.clerks, args.seconds, log)
            for engine in engines
        },
    }
    text_out = json.dumps(result, ensure_ascii=False, indent=2)
    if args.json:
        args.json.write_text(text_out + "\n")
    print(text_out)
    return result


if __name__ == "__main__":
    main()
