"""`bcd138 clerk …`, `bcd138 audit`, `bcd138 backup`, `bcd138 restore`: the shared register.

Each command imports its use-case when it runs (committee.usecases.clerks, .audit,
.backup), so that the other commands start without them.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from committee.cli.console import json_text, render_table
from committee.domain.dates import format_date, parse_date
from committee.domain.errors import InvalidInput
from committee.domain.vocabulary import DEFAULT_ERA, Era

if TYPE_CHECKING:
    from committee.domain.records import AuditRecord, ClerkRecord, UnitRef
    from committee.store.database import Database

clerk_app = typer.Typer(
    help="Cán bộ của sổ đăng ký dùng chung PostgreSQL (chỉ người quản trị).",
    invoke_without_command=True,
)

Login = Annotated[str, typer.Argument(help="Tên đăng nhập PostgreSQL của cán bộ.")]
EraChoice = Annotated[
    Era,
    typer.Option("--era", help="Thời kỳ của mã đơn vị: legacy (trước 01/07/2025) hoặc 2025."),
]


def _database(ctx: typer.Context) -> Database:
    from committee.usecases.workspace import open_workspace

    root = ctx.find_root()
    return open_workspace((root.obj or {}).get("db"))


def _units(units: tuple[UnitRef, ...]) -> str:
    return ", ".join(f"{unit.name} ({unit.code})" for unit in units) or "—"


def _clerk_line(clerk: ClerkRecord) -> tuple[str, str, str, str, int | str]:
    access = "chỉ xem" if clerk.read_only else ("ghi; xem tất cả" if clerk.read_all else "ghi")
    units = "tất cả" if clerk.read_all else clerk.units
    return (clerk.login, access, _units(clerk.writes), _units(clerk.reads), units)


@clerk_app.callback()
def clerk_help(ctx: typer.Context) -> None:
    """Without a command, show the clerk commands."""
    if ctx.invoked_subcommand is None:
        typer.echo(ctx.get_help())


@clerk_app.command("add")
def clerk_add(
    ctx: typer.Context,
    login: Login,
    unit: Annotated[
        str | None,
        typer.Option("--unit", help="Mã đơn vị cán bộ được ghi (và các đơn vị dưới nó)."),
    ] = None,
    era: EraChoice = DEFAULT_ERA,
    read_only: Annotated[
        bool, typer.Option("--read-only", help="Chỉ xem mọi đơn vị, không ghi gì.")
    ] = False,
    read_all: Annotated[
        bool, typer.Option("--read-all", help="Xem được mọi đơn vị (chỉ ghi đơn vị của mình).")
    ] = False,
    password_prompt: Annotated[
        bool,
        typer.Option(
            "--password-prompt",
            help="Hỏi mật khẩu cho tài khoản mới (bcd138 không lưu mật khẩu).",
        ),
    ] = False,
) -> None:
    """Tạo cán bộ: một tài khoản PostgreSQL đăng nhập bằng danh tính riêng, được ghi
    đơn vị --unit và các đơn vị dưới nó."""
    from committee.usecases.clerks import add_clerk

    password = None
    if password_prompt:
        password = typer.prompt("Mật khẩu", hide_input=True, confirmation_prompt="Nhập lại")
    database = _database(ctx)
    with database.transaction() as session:
        clerk = add_clerk(
            session, login, unit, era, read_only=read_only, read_all=read_all, password=password
        )
    if clerk.read_only:
        typer.echo(f"Đã tạo cán bộ «{clerk.login}»: chỉ xem mọi đơn vị, không ghi.")
    else:
        typer.echo(
            f"Đã tạo cán bộ «{clerk.login}»: ghi {_units(clerk.writes)} và các đơn vị dưới nó "
            f"({clerk.units} đơn vị)."
        )


@clerk_app.command("grant-read")
def clerk_grant_read(
    ctx: typer.Context,
    login: Login,
    unit: Annotated[
        str | None, typer.Option("--unit", help="Mã đơn vị được xem thêm (bỏ trống: mọi đơn vị).")
    ] = None,
    era: EraChoice = DEFAULT_ERA,
) -> None:
    """Cho cán bộ xem thêm một đơn vị (và các đơn vị dưới nó), hoặc mọi đơn vị."""
    from committee.usecases.clerks import grant_read

    with _database(ctx).transaction() as session:
        clerk = grant_read(session, login, unit, era)
    what = "mọi đơn vị" if unit is None else _units(clerk.reads)
    typer.echo(f"Cán bộ «{clerk.login}» xem được thêm {what}.")


@clerk_app.command("list")
def clerk_list(ctx: typer.Context) -> None:
    """Liệt kê cán bộ và đơn vị của từng người."""
    from committee.usecases.clerks import list_clerks

    with _database(ctx).session() as session:
        clerks = list_clerks(session)
    if not clerks:
        typer.echo("Chưa có cán bộ nào.")
        return
    headers = ["Tài khoản", "Quyền", "Được ghi", "Được xem thêm", "Số đơn vị"]
    typer.echo(render_table(headers, [_clerk_line(clerk) for clerk in clerks]))


@clerk_app.command("remove")
def clerk_remove(
    ctx: typer.Context,
    login: Login,
    keep_role: Annotated[
        bool, typer.Option("--keep-role", help="Giữ tài khoản PostgreSQL, chỉ bỏ quyền.")
    ] = False,
) -> None:
    """Bỏ một cán bộ: thu lại đơn vị và quyền (nhật ký thay đổi vẫn giữ tên người đó)."""
    from committee.usecases.clerks import remove_clerk

    with _database(ctx).transaction() as session:
        remove_clerk(session, login, keep_role=keep_role)
    typer.echo(f"Đã bỏ cán bộ «{login}».")


# --- the audit trail -------------------------------------------------------------------------


def audit_json(entry: AuditRecord) -> dict[str, object]:
    return {
        "id": entry.id,
        "at": entry.at.isoformat(),
        "actor": entry.actor,
        "action": entry.action,
        "action_label": entry.action_label,
        "record_kind": entry.record_kind,
        "record_id": entry.record_id,
        "unit_era": entry.unit_era,
        "unit_code": entry.unit_code,
        "before": entry.before,
        "after": entry.after,
    }


def audit_command(
    ctx: typer.Context,
    unit: Annotated[
        str | None, typer.Option("--unit", help="Chỉ các thay đổi của một đơn vị.")
    ] = None,
    era: Annotated[Era | None, typer.Option("--era", help="Thời kỳ của mã đơn vị.")] = None,
    since: Annotated[
        str | None, typer.Option("--since", help="Từ ngày (dd/mm/yyyy hoặc yyyy-mm-dd).")
    ] = None,
    output_format: Annotated[
        str, typer.Option("--format", help="table (bảng) hoặc json.")
    ] = "table",
) -> None:
    """Nhật ký thay đổi: ai sửa gì, lúc nào, trước và sau."""
    from committee.usecases.audit import audit_entries, change_summary

    if output_format not in ("table", "json"):
        raise InvalidInput("format", f"--format «{output_format}» không có; dùng table hoặc json.")
    from_day = None
    if since is not None:
        try:
            from_day = parse_date(since)
        except ValueError as error:
            raise InvalidInput("since", f"--since «{since}»: {error}") from error
    with _database(ctx).session() as session:
        entries = audit_entries(session, unit, era, from_day)
    if output_format == "json":
        typer.echo(json_text([audit_json(entry) for entry in entries]))
        return
    if not entries:
        typer.echo("Chưa có thay đổi nào được ghi.")
        return
    rows = [
        (
            f"{format_date(entry.at.date())} {entry.at:%H:%M:%S}",
            entry.actor,
            entry.unit_code or "",
            entry.action_label,
            change_summary(entry),
        )
        for entry in entries
    ]
    typer.echo(render_table(["Lúc", "Người sửa", "Đơn vị", "Việc", "Nội dung"], rows))


# --- backup and restore ----------------------------------------------------------------------


def backup_command(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="Tệp sao lưu sẽ ghi.")],
    force: Annotated[bool, typer.Option("--force", help="Ghi đè nếu tệp đã có.")] = False,
) -> None:
    """Sao lưu toàn bộ sổ đăng ký vào một tệp (SQLite: bản sao bằng API sao lưu của
    SQLite; PostgreSQL: tệp JSON do bcd138 ghi, không cần pg_dump)."""
    from committee.usecases.backup import backup

    result = backup(_database(ctx), file, force=force)
    kind = "tệp SQLite" if result.kind == "sqlite" else "tệp JSON theo dòng"
    typer.echo(f"Đã sao lưu {result.rows} dòng dữ liệu vào {result.path} ({kind}).")


def restore_command(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="Tệp sao lưu đọc vào.")],
    force: Annotated[
        bool, typer.Option("--force", help="Thay cả khi cơ sở dữ liệu đã có quyết định.")
    ] = False,
) -> None:
    """Khôi phục sổ đăng ký từ một tệp sao lưu của bcd138 (thay toàn bộ dữ liệu)."""
    from committee.usecases.backup import restore

    database = _database(ctx)
    where = database.location
    rows = restore(database, file, force=force)
    typer.echo(f"Đã khôi phục {rows} dòng dữ liệu từ {file} vào {where}.")


def add_register_commands(app: typer.Typer, group_class: type) -> None:
    """Put the shared register's commands on the `bcd138` command."""
    app.add_typer(clerk_app, name="clerk", cls=group_class)
    app.command("audit")(audit_command)
    app.command("backup")(backup_command)
    app.command("restore")(restore_command)


__all__ = ["add_register_commands"]
