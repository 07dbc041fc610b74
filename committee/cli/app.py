"""The `bcd138` command."""

from __future__ import annotations

import re
import signal
import sys
import tomllib
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from enum import StrEnum
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from typer.core import TyperCommand, TyperGroup

from committee import __version__
from committee.catalogue.admin_units import DEFAULT_PROVINCE, resolve_province
from committee.cli.console import json_text, render_table
from committee.cli.export import export_app
from committee.cli.register import add_register_commands
from committee.domain.dates import format_date, parse_date
from committee.domain.errors import ImportRefused, InvalidInput, UserError, describe_os_error
from committee.domain.text import printable
from committee.domain.vocabulary import DEFAULT_ERA, Era
from committee.exports.output_files import checked_target, write_text
from committee.paths import DATA_DIR

# Each command imports the use-cases it calls (and through them the database layer) when
# it runs, so that `--version`, `--help` and every other command start without them.
if TYPE_CHECKING:
    from committee.store.database import Database
    from committee.store.models import Decision
    from committee.usecases.succession import Succession

CLI_WORDS = DATA_DIR / "cli_words.toml"


@cache
def _cli_words() -> dict[str, Any]:
    with CLI_WORDS.open("rb") as file:
        return tomllib.load(file)


def vietnamese_help(text: str) -> str:
    """A help text with Typer's and Click's own words in Vietnamese (data/cli_words.toml)."""
    phrases = _cli_words()["help"]
    for phrase in sorted(phrases, key=len, reverse=True):
        text = text.replace(phrase, phrases[phrase])
    return text


def vietnamese_usage_error(message: str, command: str = "bcd138") -> str:
    """A usage error of the command line's parser, in Vietnamese (data/cli_words.toml);
    `command` is the command as typed ("bcd138 regulation")."""
    message = message.strip()
    for rule in _cli_words()["errors"]:
        match = re.fullmatch(rule["pattern"], message, flags=re.DOTALL)
        if match is not None:
            groups = [""] + [group or "" for group in match.groups()]
            return rule["message"].format(*groups, command=command)
    return f"Lệnh viết chưa đúng: {message}"


class VietnameseGroup(TyperGroup):
    """A command group whose help is in Vietnamese."""

    def get_help(self, ctx: typer.Context) -> str:  # type: ignore[override]
        return vietnamese_help(super().get_help(ctx))


class VietnameseCommand(TyperCommand):
    """A command whose help is in Vietnamese."""

    def get_help(self, ctx: typer.Context) -> str:  # type: ignore[override]
        return vietnamese_help(super().get_help(ctx))


def in_vietnamese(typer_app: typer.Typer) -> None:
    """Give every command of a Typer app (and of the apps added to it) its Vietnamese help."""
    for command in typer_app.registered_commands:
        if command.cls in (None, TyperCommand):
            command.cls = VietnameseCommand
    for group in typer_app.registered_groups:
        if group.typer_instance is not None:
            in_vietnamese(group.typer_instance)


app = typer.Typer(
    cls=VietnameseGroup,
    help="bcd138: danh sách và kiểm tra kiện toàn Ban Chỉ đạo 138 cấp huyện, cấp xã.",
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class OutputFormat(StrEnum):
    TABLE = "table"
    JSON = "json"


EraOption = Annotated[
    Era,
    typer.Option(
        "--era",
        help="Thời kỳ của mã đơn vị: legacy (trước 01/07/2025, ba cấp) hoặc 2025 (hai cấp).",
    ),
]


def _unit_label(name: str, era: Era | str) -> str:
    """A unit's name in a sentence, with its era when it is not the legacy one."""
    era = Era(era)
    return name if era is DEFAULT_ERA else f"{name} ({era.label})"


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
        from committee.usecases.demo import DISTRICT, build_demo_database

        demo_database = build_demo_database()
        db = demo_database.url
        demo_database.dispose()
        start_unit = DISTRICT  # the demo opens on the district whose communes show every status
    ctx.obj = {"db": db, "start_unit": start_unit}
    if ctx.invoked_subcommand is None:
        _launch_app(ctx, start_unit)


def _database(ctx: typer.Context) -> Database:
    from committee.usecases.workspace import open_workspace

    return open_workspace(ctx.obj["db"])


def _launch_app(ctx: typer.Context, unit: str | None, era: Era = DEFAULT_ERA) -> None:
    """Run the terminal UI. It lives in the separate package `tui`, which registers itself
    under the entry point group "bcd138.interfaces"; the core never imports it by name."""
    from importlib.metadata import entry_points

    found = entry_points(group="bcd138.interfaces", name="tui")
    if not found:
        raise UserError(
            "Chưa cài giao diện terminal (gói tui); hãy cài lại dự án: pip install -e ."
        )
    run_app = next(iter(found)).load()
    database = _database(ctx)
    if unit is not None:
        from committee.usecases.units import committee_unit

        try:
            with database.session() as session:
                unit = committee_unit(session, unit, era).code  # an unknown unit: refused here
        except BaseException:
            database.dispose()
            raise
    run_app(database, unit, era)


@app.command()
def tui(
    ctx: typer.Context,
    unit: Annotated[
        str | None,
        typer.Option("--unit", help="Mã đơn vị (của thời kỳ --era) mở sẵn khi vào giao diện."),
    ] = None,
    era: EraOption = DEFAULT_ERA,
) -> None:
    """Mở giao diện làm việc trong terminal (cũng là việc bcd138 làm khi không có lệnh)."""
    if unit is None:
        _launch_app(ctx, ctx.obj["start_unit"])
    else:
        _launch_app(ctx, unit, era)


@app.command()
def init(
    ctx: typer.Context,
    province: Annotated[
        str,
        typer.Option("--province", help="Mã hoặc tên tỉnh, thành phố (mặc định 30 = Hải Dương)."),
    ] = DEFAULT_PROVINCE,
    era: EraOption = DEFAULT_ERA,
) -> None:
    """Tạo hoặc nâng cấp cơ sở dữ liệu và nạp danh mục đơn vị hành chính của một tỉnh
    (với --era 2025: một trong 34 tỉnh, thành phố từ 01/07/2025, cùng các tỉnh cũ hợp thành
    nó và đường kế thừa giữa các xã cũ và mới)."""
    from committee.store.database import open_database
    from committee.usecases.units import load_province

    chosen = resolve_province(province, era)
    database = open_database(ctx.obj["db"])
    with database.transaction() as session:
        added = load_province(session, chosen.code, era)
    name = _unit_label(chosen.name, era)
    if added:
        typer.echo(f"Đã nạp {added} đơn vị hành chính của {name} vào {database.location}.")
    else:
        typer.echo(f"Danh mục của {name} đã có sẵn trong {database.location}; không thay đổi.")


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
    era: EraOption = DEFAULT_ERA,
    province: Annotated[
        str | None,
        typer.Option("--province", help="Mã tỉnh, thành phố: chỉ các đơn vị của nó."),
    ] = None,
) -> None:
    """Liệt kê các đơn vị hành chính của một thời kỳ (mã thống kê, tên, loại, cấp)."""
    from committee.usecases.units import list_units

    with _database(ctx).session() as session:
        rows = list_units(session, district, era, province)
    if output_format is OutputFormat.JSON:
        payload = [
            {
                "era": unit.era,
                "code": unit.code,
                "name": unit.name,
                "kind": unit.kind,
                "level": unit.level,
                "parent_code": unit.parent_code,
            }
            for unit in rows
        ]
        typer.echo(json_text(payload))
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


UnitOption = Annotated[str, typer.Option("--unit", help="Mã đơn vị của Ban Chỉ đạo.")]
JsonOption = Annotated[
    OutputFormat, typer.Option("--format", help="table (cho người đọc) hoặc json.")
]


@contextmanager
def _named_options(names: dict[str, str]) -> Iterator[None]:
    """Refusals of a field given by an option name the option, as the clerk typed it."""
    try:
        yield
    except InvalidInput as error:
        option = names.get(error.field)
        if option is None:
            raise
        raise UserError(f"{option}: {error.message}") from error


_IMPORT_OPTIONS = {
    "number": "--number",
    "signed_on": "--signed-on",
    "regulation_number": "--regulation-number",
    "regulation_date": "--regulation-date",
    "signer": "--signer",
}
_DOCUMENT_OPTIONS = {"number": "--number", "signed_on": "--signed-on", "signer": "--signer"}


@app.command("import")
def import_command(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="Tệp danh sách (.xlsx, .xls, .ods).")],
    unit: UnitOption,
    number: Annotated[
        str | None, typer.Option("--number", help="Số quyết định, nếu tệp không ghi.")
    ] = None,
    signed_on: Annotated[
        str | None, typer.Option("--signed-on", help="Ngày ký dd/mm/yyyy, nếu tệp không ghi.")
    ] = None,
    regulation_number: Annotated[
        str | None,
        typer.Option(
            "--regulation-number",
            help="Số văn bản ban hành Quy chế hoạt động (đi cùng --regulation-date).",
        ),
    ] = None,
    regulation_date: Annotated[
        str | None,
        typer.Option(
            "--regulation-date",
            help="Ngày ký Quy chế dd/mm/yyyy (đi cùng --regulation-number).",
        ),
    ] = None,
    late_entry: Annotated[
        bool,
        typer.Option(
            "--late-entry",
            help="Xác nhận đây là quyết định cũ nhập bổ sung (ký trước quyết định đang hiệu "
            "lực): lưu vào lịch sử, không thay quyết định đang hiệu lực.",
        ),
    ] = False,
    unit_mismatch_ok: Annotated[
        bool,
        typer.Option(
            "--unit-mismatch-ok",
            help="Xác nhận tệp là danh sách của đơn vị đã chọn dù dòng quyết định ghi đơn vị khác.",
        ),
    ] = False,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Chỉ cho xem sẽ lưu gì; không ghi vào cơ sở dữ liệu.")
    ] = False,
    era: EraOption = DEFAULT_ERA,
) -> None:
    """Nhập danh sách thành viên từ Excel thành quyết định đã ban hành (thay thế quyết định cũ)."""
    from committee.rosters.roster_reader import read_roster

    # The file first: a missing or unreadable one is refused before the database layer is
    # even imported.
    roster = read_roster(file)

    from committee.cli.reports import render_import_preview
    from committee.usecases.importing import ImportOptions, prepare_import, store_import

    options = ImportOptions(
        unit_code=unit,
        number=number,
        signed_on=_parse_date_option(signed_on, "--signed-on"),
        regulation_number=regulation_number,
        regulation_date=_parse_date_option(regulation_date, "--regulation-date"),
        late_entry=late_entry,
        unit_mismatch_ok=unit_mismatch_ok,
        era=era,
    )
    database = _database(ctx)
    with _named_options(_IMPORT_OPTIONS), database.session() as session:
        preview = prepare_import(session, file, options, roster)
    typer.echo(render_import_preview(preview))
    if preview.problems:
        raise ImportRefused(preview.problems)
    decision_text = _decision_text(preview.decision.number, preview.decision.signed_on)
    if preview.already_recorded is not None:
        typer.echo(
            f"{decision_text} của {preview.unit.name} đã có trong cơ sở dữ liệu với đúng danh "
            "sách này; không ghi gì thêm."
        )
        return
    if dry_run:
        typer.echo("Chạy thử (--dry-run): không ghi gì vào cơ sở dữ liệu.")
        return
    with database.transaction() as session:
        decision = store_import(session, preview)
    where = (
        " vào lịch sử (nhập muộn; quyết định đang hiệu lực giữ nguyên)"
        if not decision.in_force
        else ""
    )
    typer.echo(
        f"Đã lưu {decision_text} của {preview.unit.name}{where}: {len(preview.members)} thành viên."
    )


def _decision_text(number: str, signed_on: date | None) -> str:
    signed = f" ngày {format_date(signed_on)}" if signed_on else ""
    return f"Quyết định số {number}{signed}"


def _in_force_text(decision: Decision) -> str:
    return _decision_text(decision.number, decision.signed_on)


@app.command()
def regulation(
    ctx: typer.Context,
    unit: UnitOption,
    number: Annotated[
        str | None,
        typer.Option("--number", help="Số văn bản ban hành Quy chế, ví dụ 01/QĐ-BCĐ."),
    ] = None,
    signed_on: Annotated[
        str | None, typer.Option("--signed-on", help="Ngày ký Quy chế dd/mm/yyyy.")
    ] = None,
    signer: Annotated[str, typer.Option("--signer", help="Người ký Quy chế.")] = "",
    era: EraOption = DEFAULT_ERA,
) -> None:
    """Ghi nhận Quy chế hoạt động của Ban Chỉ đạo theo quyết định đang hiệu lực (không cần
    ban hành lại quyết định)."""
    from committee.usecases.documents import record_regulation
    from committee.usecases.units import get_unit

    day = _parse_date_option(signed_on, "--signed-on")
    database = _database(ctx)
    with _named_options(_DOCUMENT_OPTIONS), database.transaction() as session:
        recorded = record_regulation(session, unit, number, day, signer, era)
        unit_name = _unit_label(get_unit(session, unit, era).name, era)
    document, decision = recorded.document, recorded.decision
    text = f"Quy chế hoạt động số {document.number} ngày {format_date(document.signed_on)}"
    if recorded.already_recorded:
        typer.echo(f"{text} của {unit_name} đã được ghi nhận trước đây; không ghi gì thêm.")
        return
    typer.echo(f"Đã ghi nhận {text} của {unit_name}, theo {_in_force_text(decision)}.")
    if decision.signed_on and document.signed_on and document.signed_on < decision.signed_on:
        typer.echo(
            f"Lưu ý: Quy chế ký trước {_in_force_text(decision)}, nên chưa phải Quy chế mới "
            "của Ban Chỉ đạo đã kiện toàn (BCD402)."
        )


@app.command()
def duties(
    ctx: typer.Context,
    file: Annotated[
        Path, typer.Argument(help="Tệp phân công (.xlsx, .xls, .ods): cột họ tên và nhiệm vụ.")
    ],
    unit: UnitOption,
    number: Annotated[
        str | None,
        typer.Option("--number", help="Số văn bản phân công (đi cùng --signed-on)."),
    ] = None,
    signed_on: Annotated[
        str | None,
        typer.Option(
            "--signed-on", help="Ngày ký văn bản phân công dd/mm/yyyy (đi cùng --number)."
        ),
    ] = None,
    signer: Annotated[str, typer.Option("--signer", help="Người ký văn bản phân công.")] = "",
    era: EraOption = DEFAULT_ERA,
) -> None:
    """Ghi nhận phân công nhiệm vụ cho các thành viên của quyết định đang hiệu lực; tên trong
    tệp phải viết đúng như trong quyết định."""
    from committee.rosters.duties_reader import read_duty_sheet
    from committee.usecases.decisions import roster
    from committee.usecases.documents import record_duty_assignment
    from committee.usecases.units import get_unit

    day = _parse_date_option(signed_on, "--signed-on")
    sheet = read_duty_sheet(file)
    database = _database(ctx)
    with _named_options(_DOCUMENT_OPTIONS), database.transaction() as session:
        recorded = record_duty_assignment(session, unit, sheet, number, day, signer, era)
        unit_name = _unit_label(get_unit(session, unit, era).name, era)
        members = len(roster(session, recorded.decision.id))
    document = recorded.document
    text = "Phân công nhiệm vụ" + (
        f" số {document.number} ngày {format_date(document.signed_on)}"
        if document.number and document.signed_on
        else ""
    )
    if recorded.already_recorded:
        typer.echo(f"{text} này của {unit_name} đã được ghi nhận trước đây; không ghi gì thêm.")
        return
    typer.echo(
        f"Đã ghi nhận {text} của {unit_name}, theo {_in_force_text(recorded.decision)}: "
        f"{len(sheet.rows)}/{members} thành viên được giao nhiệm vụ."
    )


@app.command()
def history(
    ctx: typer.Context,
    unit: UnitOption,
    era: EraOption = DEFAULT_ERA,
    output_format: JsonOption = OutputFormat.TABLE,
) -> None:
    """Các quyết định của một Ban Chỉ đạo, mới nhất trước, với Quy chế và phân công đã ghi."""
    from committee.cli.reports import render_history
    from committee.usecases.decisions import list_decisions
    from committee.usecases.documents import list_documents
    from committee.usecases.units import get_unit

    with _database(ctx).session() as session:
        found = get_unit(session, unit, era)
        entries = [
            (decision, list_documents(session, decision.id))
            for decision in list_decisions(session, unit, era)
        ]
    if output_format is OutputFormat.JSON:
        typer.echo(json_text(history_json(found, entries)))
        return
    typer.echo(render_history(_unit_label(found.name, era), entries))


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
    force: Annotated[bool, typer.Option("--force", help="Ghi đè tệp -o nếu tệp đã có.")] = False,
    era: EraOption = DEFAULT_ERA,
    province: Annotated[
        str | None,
        typer.Option("--province", help="Mã tỉnh, thành phố: mọi Ban Chỉ đạo của nó."),
    ] = None,
) -> int:
    """Kiểm tra quyết định hiện hành của từng Ban Chỉ đạo theo mục II.23.b.

    Mã thoát 1 nếu có phát hiện mức lỗi, 0 nếu không.
    """
    from committee.cli.reports import check_output

    if output is not None:
        output = checked_target(output, force)
    with _database(ctx).session() as session:
        report, text = check_output(
            session,
            unit or [],
            district,
            as_json=output_format is OutputFormat.JSON,
            colour=output is None,
            era=era,
            province=province,
        )
    if output is not None:
        write_text(output, text + "\n", replace=force)
        typer.echo(f"Đã ghi {output}.")
    else:
        typer.echo(text)
    return 1 if report.has_errors else 0


rules_app = typer.Typer(
    cls=VietnameseGroup, help="Các quy tắc kiểm tra (mã BCD…).", invoke_without_command=True
)
app.add_typer(rules_app, name="rules")
app.add_typer(export_app, name="export", cls=VietnameseGroup)
add_register_commands(app, VietnameseGroup)
in_vietnamese(app)


@rules_app.callback()
def rules_list(ctx: typer.Context, era: EraOption = DEFAULT_ERA) -> None:
    """Liệt kê các quy tắc của gói dùng cho các đơn vị của thời kỳ; «bcd138 rules explain
    MÃ» giải thích một quy tắc."""
    ctx.obj = {**(ctx.obj or {}), "era": era}
    if ctx.invoked_subcommand is not None:
        return
    from committee.usecases.rulebook import rulebook

    book = rulebook(era=era)
    typer.echo(f"Gói quy tắc {book.version}: {book.name}\n")
    typer.echo(
        render_table(
            ["Mã", "Mức", "Nội dung kiểm tra"],
            [(rule.code, rule.severity.label, rule.name) for rule in book.rules],
        )
    )
    if book.readings:
        typer.echo("\nCách hiểu của bcd138 (không phải nguyên văn văn bản nào):")
        typer.echo("\n".join(f"- {reading}" for reading in book.readings))


@rules_app.command("explain")
def rules_explain(
    ctx: typer.Context,
    code: Annotated[str, typer.Argument(help="Mã quy tắc, ví dụ BCD102.")],
    era: Annotated[
        Era | None,
        typer.Option("--era", help="Thời kỳ của đơn vị: legacy hoặc 2025 (gói quy tắc của nó)."),
    ] = None,
) -> None:
    """Giải thích một quy tắc: kiểm tra gì, căn cứ câu nào của kế hoạch, cách khắc phục."""
    from committee.usecases.rulebook import explain_rule

    chosen = era or ctx.obj.get("era", DEFAULT_ERA)
    typer.echo(explain_rule(code, era=chosen))


@app.command("succession")
def succession_command(
    ctx: typer.Context,
    unit: Annotated[str, typer.Option("--unit", help="Mã đơn vị (của thời kỳ --era).")],
    era: EraOption = DEFAULT_ERA,
    confirm: Annotated[
        str | None,
        typer.Option(
            "--confirm",
            help="Xác nhận đơn vị kế thừa của một xã cũ bị chia: với --era 2025, mã xã cũ "
            "(legacy); với --era legacy, mã xã mới (2025).",
        ),
    ] = None,
    output_format: JsonOption = OutputFormat.TABLE,
) -> None:
    """Đường kế thừa giữa đơn vị cũ và mới (từ 01/07/2025): một xã mới hình thành từ những
    đơn vị nào, một xã cũ sáp nhập vào đâu, với quyết định và kết quả của từng Ban Chỉ đạo."""
    from committee.usecases.succession import confirm_successor, succession

    database = _database(ctx)
    if confirm is not None:
        with database.transaction() as session:
            link = confirm_successor(session, unit, era, confirm)
        typer.echo(f"Đã xác nhận: {link.unit.name} (mã {link.unit.code}) — {link.state}.")
    with database.session() as session:
        found = succession(session, unit, era)
    if output_format is OutputFormat.JSON:
        typer.echo(json_text(succession_json(found)))
        return
    typer.echo(render_succession(found))


def succession_json(found: Succession) -> dict[str, object]:
    unit = found.unit
    return {
        "era": unit.era,
        "code": unit.code,
        "name": unit.name,
        "phrase": found.phrase,
        "links": [
            {
                "era": link.unit.era,
                "code": link.unit.code,
                "name": link.unit.name,
                "district": None
                if link.district is None
                else {
                    "era": link.district.era,
                    "code": link.district.code,
                    "name": link.district.name,
                },
                "whole": link.whole,
                "package_default": link.package_default,
                "confirmed": link.confirmed,
                "needs_confirmation": link.needs_confirmation,
                "decision": None
                if link.decision_number is None
                else {
                    "number": link.decision_number,
                    "signed_on": link.decision_signed_on.isoformat()
                    if link.decision_signed_on
                    else None,
                },
                "status": link.status,
            }
            for link in found.links
        ],
    }


def render_succession(found: Succession) -> str:
    lines = [f"{_unit_label(found.unit.name, found.unit.era)} (mã {found.unit.code})", found.phrase]
    rows = []
    for link in found.links:
        decision = (
            f"{link.decision_number} ngày {format_date(link.decision_signed_on)}"
            if link.decision_number and link.decision_signed_on
            else (link.decision_number or "")
        )
        district = link.district.name if link.district is not None else ""
        rows.append((link.unit.code, link.unit.name, district, link.state, decision, link.status))
    if rows:
        lines.append(
            render_table(["Mã", "Đơn vị", "Huyện (cũ)", "Sáp nhập", "Quyết định", "Kết quả"], rows)
        )
    return "\n".join(lines)


def history_json(unit: object, entries: list) -> dict[str, object]:  # type: ignore[type-arg]
    superseded = {decision.supersedes_id for decision, _ in entries}
    return {
        "era": unit.era,  # type: ignore[attr-defined]
        "unit_code": unit.code,  # type: ignore[attr-defined]
        "unit_name": unit.name,  # type: ignore[attr-defined]
        "decisions": [
            {
                "number": decision.number,
                "signed_on": decision.signed_on.isoformat() if decision.signed_on else None,
                "status": decision.status,
                "in_force": decision.in_force,
                "superseded": decision.id in superseded,
                "documents": [document.label for document in documents],
            }
            for decision, documents in entries
        ],
    }


@app.command()
def doctor(ctx: typer.Context) -> int:
    """Kiểm tra cơ sở dữ liệu mà không thay đổi gì: định dạng, lược đồ, toàn vẹn các trang.

    Mã thoát 0 nếu lành, 2 nếu hỏng hoặc không dùng được.
    """
    from committee.usecases.doctor import examine

    report = examine(ctx.obj["db"])
    typer.echo(report.text())
    return 0 if report.sound else 2


def _fail(message: str) -> int:
    typer.echo(f"Lỗi: {printable(message)}", err=True)
    return 2


def _os_error_message(error: OSError) -> str:
    named = error.filename if error.filename is not None else ""
    return f"«{named}»: {describe_os_error(error)}." if named else f"{describe_os_error(error)}."


INTERRUPTED = 130  # the exit status of a command stopped by Ctrl+C, a kill or a hang-up
CANCELLED = "đã hủy."


def _stop_like_ctrl_c(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def main(argv: list[str] | None = None) -> None:
    """Entry point of the console script: errors become one line on stderr and status 2.
    A `kill` (SIGTERM) or a closed terminal (SIGHUP) stops a command as Ctrl+C does, so a
    file half-written is removed and a transaction rolled back on the way out."""
    for stop in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(stop, _stop_like_ctrl_c)
    try:
        result = app(args=argv, prog_name="bcd138", standalone_mode=False)
    except UserError as error:
        sys.exit(_fail(error.message))
    except typer.Exit as error:
        sys.exit(error.exit_code)
    except (typer.Abort, KeyboardInterrupt):
        _fail(CANCELLED)
        sys.exit(INTERRUPTED)
    except OSError as error:
        sys.exit(_fail(_os_error_message(error)))
    except Exception as error:
        # Usage errors of the command-line parser (Typer's click) know how to word themselves.
        if hasattr(error, "format_message"):
            context = getattr(error, "ctx", None)
            command = context.command_path if context is not None else "bcd138"
            sys.exit(_fail(vietnamese_usage_error(error.format_message(), command)))
        raise
    if result == INTERRUPTED:  # Typer's answer to Ctrl+C (KeyboardInterrupt) in a command
        _fail(CANCELLED)
    sys.exit(result if isinstance(result, int) else 0)


if __name__ == "__main__":
    main()
