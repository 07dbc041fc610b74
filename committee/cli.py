"""The `bcd138` command."""

from __future__ import annotations

import json
import sys
from datetime import date
from enum import StrEnum
from importlib.metadata import entry_points
from pathlib import Path
from typing import Annotated

import typer

from committee import __version__
from committee.console import render_table, write_text_atomically
from committee.database import Database, open_database
from committee.dates import format_date, parse_date
from committee.errors import UserError, describe_os_error
from committee.export_cli import export_app
from committee.importing import ImportOptions, prepare_import, store_import
from committee.reports import check_output, render_import_preview
from committee.rule_pack import SEVERITY_LABELS, explain, load_rule_pack
from committee.text import clean, printable
from committee.unit_catalogue import DEFAULT_PROVINCE, resolve_province
from committee.units import list_units, load_province
from committee.workspace import open_workspace

app = typer.Typer(
    help="bcd138: danh sách và kiểm tra kiện toàn Ban Chỉ đạo 138 cấp huyện, cấp xã.",
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class OutputFormat(StrEnum):
    TABLE = "table"
    JSON = "json"


def _version(value: bool) -> None:
    if value:
        typer.echo(f"bcd138 {__version__}")
        raise typer.Exit()


@app.callback(invoke_without_command=True)
def root(
    ctx: typer.Context,
    db: Annotated[
        str | None,
        typer.Option(
            "--db",
            help="Tệp SQLite hoặc URL SQLAlchemy (mặc định: $BCD138_DB, rồi data/bcd138.sqlite).",
        ),
    ] = None,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="In phiên bản rồi thoát."),
    ] = False,
    demo: Annotated[
        bool,
        typer.Option(
            "--demo",
            help="Dùng cơ sở dữ liệu demo riêng (data/demo.sqlite) có sẵn quyết định mẫu.",
        ),
    ] = False,
) -> None:
    start_unit = None
    if demo:
        if db is not None:
            raise UserError("--demo dùng cơ sở dữ liệu demo riêng; không dùng cùng --db.")
        from committee.demo import DISTRICT, build_demo_database

        demo_database = build_demo_database()
        db = demo_database.url
        demo_database.dispose()
        start_unit = DISTRICT  # the demo opens on the district whose communes show every status
    ctx.obj = {"db": db, "start_unit": start_unit}
    if ctx.invoked_subcommand is None:
        _launch_app(ctx, start_unit)


def _database(ctx: typer.Context) -> Database:
    return open_workspace(ctx.obj["db"])


def _launch_app(ctx: typer.Context, unit: str | None) -> None:
    """Run the terminal UI. It lives in the separate package `tui`, which registers itself
    under the entry point group "bcd138.interfaces"; the core never imports it by name."""
    found = entry_points(group="bcd138.interfaces", name="tui")
    if not found:
        raise UserError(
            "Chưa cài giao diện terminal (gói tui); hãy cài lại dự án: pip install -e ."
        )
    run_app = next(iter(found)).load()
    run_app(_database(ctx), unit)


@app.command()
def tui(
    ctx: typer.Context,
    unit: Annotated[
        str | None, typer.Option("--unit", help="Mã đơn vị mở sẵn khi vào giao diện.")
    ] = None,
) -> None:
    """Mở giao diện làm việc trong terminal (cũng là việc bcd138 làm khi không có lệnh)."""
    _launch_app(ctx, unit or ctx.obj["start_unit"])


@app.command()
def init(
    ctx: typer.Context,
    province: Annotated[
        str,
        typer.Option("--province", help="Mã hoặc tên tỉnh, thành phố (mặc định 30 = Hải Dương)."),
    ] = DEFAULT_PROVINCE,
) -> None:
    """Tạo hoặc nâng cấp cơ sở dữ liệu và nạp danh mục đơn vị hành chính của một tỉnh."""
    chosen = resolve_province(province)
    database = open_database(ctx.obj["db"])
    with database.transaction() as session:
        added = load_province(session, chosen.code)
    if added:
        typer.echo(f"Đã nạp {added} đơn vị hành chính của {chosen.name} vào {database.location}.")
    else:
        typer.echo(
            f"Danh mục của {chosen.name} đã có sẵn trong {database.location}; không thay đổi."
        )


LEVEL_LABELS = {"province": "tỉnh", "district": "huyện", "commune": "xã"}


@app.command()
def units(
    ctx: typer.Context,
    district: Annotated[
        str | None,
        typer.Option(
            "--district", help="Mã đơn vị cấp huyện: chỉ các xã, phường, thị trấn của nó."
        ),
    ] = None,
    output_format: Annotated[
        OutputFormat, typer.Option("--format", help="table (cho người đọc) hoặc json.")
    ] = OutputFormat.TABLE,
) -> None:
    """Liệt kê các đơn vị hành chính (mã thống kê, tên, loại, cấp)."""
    with _database(ctx).session() as session:
        rows = list_units(session, district)
    if output_format is OutputFormat.JSON:
        payload = [
            {
                "code": unit.code,
                "name": unit.name,
                "kind": unit.kind,
                "level": unit.level,
                "parent_code": unit.parent_code,
            }
            for unit in rows
        ]
        typer.echo(json.dumps(payload, ensure_ascii=False, indent=2))
        return
    typer.echo(
        render_table(
            ["Mã", "Tên đơn vị", "Loại", "Cấp", "Thuộc"],
            [(u.code, u.name, u.kind, LEVEL_LABELS[u.level], u.parent_code or "") for u in rows],
        )
    )


def _parse_date_option(value: str | None, option: str) -> date | None:
    if value is None:
        return None
    try:
        return parse_date(value)
    except ValueError as error:
        raise UserError(f"{option}: {error}") from error


@app.command("import")
def import_command(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="Tệp danh sách (.xlsx, .xls, .ods).")],
    unit: Annotated[str, typer.Option("--unit", help="Mã đơn vị của Ban Chỉ đạo.")],
    number: Annotated[
        str | None, typer.Option("--number", help="Số quyết định, nếu tệp không ghi.")
    ] = None,
    signed_on: Annotated[
        str | None, typer.Option("--signed-on", help="Ngày ký dd/mm/yyyy, nếu tệp không ghi.")
    ] = None,
    regulation_number: Annotated[
        str | None, typer.Option("--regulation-number", help="Số quyết định ban hành Quy chế.")
    ] = None,
    regulation_date: Annotated[
        str | None, typer.Option("--regulation-date", help="Ngày ban hành Quy chế dd/mm/yyyy.")
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Chỉ cho xem sẽ lưu gì; không ghi vào cơ sở dữ liệu.")
    ] = False,
) -> None:
    """Nhập danh sách thành viên từ Excel thành quyết định đã ban hành (thay thế quyết định cũ)."""
    options = ImportOptions(
        unit_code=unit,
        number=number,
        signed_on=_parse_date_option(signed_on, "--signed-on"),
        regulation_number=regulation_number,
        regulation_date=_parse_date_option(regulation_date, "--regulation-date"),
    )
    database = _database(ctx)
    with database.transaction() as session:
        preview = prepare_import(session, file, options)
        typer.echo(render_import_preview(preview))
        if dry_run:
            typer.echo("Chạy thử (--dry-run): không ghi gì vào cơ sở dữ liệu.")
            session.rollback()
            return
        decision = store_import(session, preview)
    typer.echo(
        f"Đã lưu Quyết định số {decision.number} ngày {format_date(decision.signed_on)} "
        f"của {preview.unit.name}: {len(preview.members)} thành viên."
    )


@app.command()
def check(
    ctx: typer.Context,
    unit: Annotated[
        list[str] | None, typer.Option("--unit", help="Mã đơn vị (có thể lặp lại).")
    ] = None,
    district: Annotated[
        str | None, typer.Option("--district", help="Mã đơn vị cấp huyện: huyện và các xã của nó.")
    ] = None,
    output_format: Annotated[
        OutputFormat, typer.Option("--format", help="table (cho người đọc) hoặc json.")
    ] = OutputFormat.TABLE,
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="Ghi kết quả ra tệp thay vì màn hình.")
    ] = None,
) -> int:
    """Kiểm tra quyết định hiện hành của từng Ban Chỉ đạo theo mục II.23.b.

    Mã thoát 1 nếu có phát hiện mức lỗi, 0 nếu không.
    """
    with _database(ctx).session() as session:
        report, text = check_output(
            session,
            unit or [],
            district,
            as_json=output_format is OutputFormat.JSON,
            colour=output is None,
        )
    if output is not None:
        write_text_atomically(output, text + "\n")
        typer.echo(f"Đã ghi {output}.")
    else:
        typer.echo(text)
    return 1 if report.has_errors else 0


rules_app = typer.Typer(help="Các quy tắc kiểm tra (mã BCD…).", invoke_without_command=True)
app.add_typer(rules_app, name="rules")
app.add_typer(export_app, name="export")


@rules_app.callback()
def rules_list(ctx: typer.Context) -> None:
    """Liệt kê các quy tắc; «bcd138 rules explain MÃ» giải thích một quy tắc."""
    if ctx.invoked_subcommand is not None:
        return
    pack = load_rule_pack()
    typer.echo(f"Gói quy tắc {pack.version}\n")
    typer.echo(
        render_table(
            ["Mã", "Mức", "Nội dung kiểm tra"],
            [(rule.code, SEVERITY_LABELS[rule.severity], rule.name) for rule in pack.rules],
        )
    )


@rules_app.command("explain")
def rules_explain(code: Annotated[str, typer.Argument(help="Mã quy tắc, ví dụ BCD102.")]) -> None:
    """Giải thích một quy tắc: kiểm tra gì, căn cứ câu nào của kế hoạch, cách khắc phục."""
    pack = load_rule_pack()
    wanted = clean(code).upper()
    if not pack.has_rule(wanted):
        raise UserError(f"Không có quy tắc «{clean(code)}»; xem danh sách bằng: bcd138 rules.")
    typer.echo(explain(pack.rule(wanted), pack))


@app.command()
def doctor(ctx: typer.Context) -> int:
    """Kiểm tra cơ sở dữ liệu mà không thay đổi gì: định dạng, lược đồ, toàn vẹn các trang.

    Mã thoát 0 nếu lành, 2 nếu hỏng hoặc không dùng được.
    """
    from committee.doctor import examine

    report = examine(ctx.obj["db"])
    typer.echo(report.text())
    return 0 if report.sound else 2


def _fail(message: str) -> int:
    typer.echo(f"Lỗi: {printable(message)}", err=True)
    return 2


def _os_error_message(error: OSError) -> str:
    named = error.filename if error.filename is not None else ""
    return f"«{named}»: {describe_os_error(error)}." if named else f"{describe_os_error(error)}."


def main(argv: list[str] | None = None) -> None:
    """Entry point of the console script: errors become one line on stderr and status 2."""
    try:
        result = app(args=argv, prog_name="bcd138", standalone_mode=False)
    except UserError as error:
        sys.exit(_fail(error.message))
    except typer.Exit as error:
        sys.exit(error.exit_code)
    except (typer.Abort, KeyboardInterrupt):
        sys.exit(_fail("đã hủy."))
    except OSError as error:
        sys.exit(_fail(_os_error_message(error)))
    except Exception as error:
        # Usage errors of the command-line parser (Typer's click) know how to word themselves.
        if hasattr(error, "format_message"):
            sys.exit(_fail(error.format_message()))
        raise
    sys.exit(result if isinstance(result, int) else 0)


if __name__ == "__main__":
    main()
