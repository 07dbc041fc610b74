"""`bcd138 export …`: the roster annex, the district workbook and the province workbook.

The writers (openpyxl, pandas) are imported inside the commands, so that the other
commands start without loading them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from committee.usecases.workspace import open_workspace

export_app = typer.Typer(
    help="Xuất bảng tính Excel: danh sách kèm quyết định, tổng hợp cấp huyện, tổng hợp cấp tỉnh.",
)

Output = Annotated[
    Path | None,
    typer.Option("-o", "--output", help="Tệp .xlsx sẽ ghi (mặc định: trong thư mục exports/)."),
]
Force = Annotated[bool, typer.Option("--force", help="Ghi đè nếu tệp đã có.")]


@export_app.callback(invoke_without_command=True)
def export_help(ctx: typer.Context) -> None:
    """Without a command, show what can be exported."""
    if ctx.invoked_subcommand is None:
        typer.echo(ctx.get_help())


def _written(path: Path) -> None:
    typer.echo(f"Đã ghi {path}")


@export_app.command("roster")
def export_roster(
    ctx: typer.Context,
    unit: Annotated[str, typer.Option("--unit", help="Mã đơn vị của Ban Chỉ đạo.")],
    decision: Annotated[
        str | None,
        typer.Option("--decision", help="Số quyết định (mặc định: quyết định đang có hiệu lực)."),
    ] = None,
    output: Output = None,
    force: Force = False,
) -> None:
    """Danh sách thành viên Ban Chỉ đạo kèm theo quyết định, trình bày theo Nghị định 30."""
    from committee.exports.annex import write_roster_annex

    with open_workspace(ctx.obj["db"]).session() as session:
        _written(write_roster_annex(session, unit, decision, output, force))


@export_app.command("district")
def export_district(
    ctx: typer.Context,
    unit: Annotated[str, typer.Option("--unit", help="Mã đơn vị cấp huyện.")],
    output: Output = None,
    force: Force = False,
) -> None:
    """Bảng tổng hợp của một huyện và các xã: kết quả, phát hiện, danh sách từng Ban."""
    from committee.exports.workbooks import write_district_workbook

    with open_workspace(ctx.obj["db"]).session() as session:
        _written(write_district_workbook(session, unit, output, force))


@export_app.command("province")
def export_province(
    ctx: typer.Context,
    output: Output = None,
    force: Force = False,
    province: Annotated[
        str | None,
        typer.Option("--province", help="Mã tỉnh, khi cơ sở dữ liệu có nhiều tỉnh."),
    ] = None,
) -> None:
    """Bảng tổng hợp toàn tỉnh: kết quả theo từng huyện, mọi Ban Chỉ đạo, mọi phát hiện."""
    from committee.exports.workbooks import write_province_workbook

    with open_workspace(ctx.obj["db"]).session() as session:
        _written(write_province_workbook(session, output, force, province=province))
