"""`bcd138 export …`: the Danh sách, the Quyết định, the district and province workbooks.

Each command imports and calls its use-case (committee/usecases/exports.py) when it runs;
the writers (openpyxl, pandas, python-docx) are imported there when used, so that the
other commands start without loading them. `--pdf` writes a PDF beside the file through
LibreOffice.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from committee.domain.vocabulary import DEFAULT_ERA, Era

export_app = typer.Typer(
    help=(
        "Xuất văn bản: danh sách kèm quyết định, quyết định kiện toàn (Word), tổng hợp cấp "
        "huyện, tổng hợp cấp tỉnh."
    ),
)

Output = Annotated[
    Path | None,
    typer.Option("-o", "--output", help="Tệp sẽ ghi (mặc định: trong thư mục exports/)."),
]
Force = Annotated[bool, typer.Option("--force", help="Ghi đè nếu tệp đã có.")]
Pdf = Annotated[
    bool,
    typer.Option("--pdf", help="Ghi thêm tệp PDF bên cạnh (cần LibreOffice)."),
]
Decision = Annotated[
    str | None,
    typer.Option("--decision", help="Số quyết định (mặc định: quyết định đang có hiệu lực)."),
]
Unit = Annotated[str, typer.Option("--unit", help="Mã đơn vị của Ban Chỉ đạo.")]
EraChoice = Annotated[
    Era,
    typer.Option("--era", help="Thời kỳ của mã đơn vị: legacy (trước 01/07/2025) hoặc 2025."),
]


@export_app.callback(invoke_without_command=True)
def export_help(ctx: typer.Context) -> None:
    """Without a command, show what can be exported."""
    if ctx.invoked_subcommand is None:
        typer.echo(ctx.get_help())


def _written(exported: object) -> None:
    typer.echo(f"Đã ghi {exported.path}")  # type: ignore[attr-defined]
    if exported.pdf is not None:  # type: ignore[attr-defined]
        typer.echo(f"Đã ghi {exported.pdf}")  # type: ignore[attr-defined]


@export_app.command("roster")
def export_roster(
    ctx: typer.Context,
    unit: Unit,
    decision: Decision = None,
    output: Output = None,
    force: Force = False,
    pdf: Pdf = False,
    era: EraChoice = DEFAULT_ERA,
) -> None:
    """Danh sách thành viên Ban Chỉ đạo kèm theo quyết định (Excel), theo Nghị định 30."""
    from committee.usecases import exports
    from committee.usecases.workspace import open_workspace

    with open_workspace(ctx.obj["db"]).session() as session:
        _written(exports.export_roster(session, unit, decision, output, force, pdf=pdf, era=era))


@export_app.command("decision")
def export_decision(
    ctx: typer.Context,
    unit: Unit,
    decision: Decision = None,
    output: Output = None,
    force: Force = False,
    pdf: Pdf = False,
    era: EraChoice = DEFAULT_ERA,
) -> None:
    """Quyết định kiện toàn Ban Chỉ đạo kèm danh sách (Word), theo Nghị định 30."""
    from committee.usecases import exports
    from committee.usecases.workspace import open_workspace

    with open_workspace(ctx.obj["db"]).session() as session:
        _written(exports.export_decision(session, unit, decision, output, force, pdf=pdf, era=era))


@export_app.command("district")
def export_district(
    ctx: typer.Context,
    unit: Annotated[str, typer.Option("--unit", help="Mã đơn vị cấp huyện.")],
    output: Output = None,
    force: Force = False,
    pdf: Pdf = False,
) -> None:
    """Bảng tổng hợp của một huyện và các xã: kết quả, phát hiện, quy tắc, danh sách từng Ban."""
    from committee.usecases import exports
    from committee.usecases.workspace import open_workspace

    with open_workspace(ctx.obj["db"]).session() as session:
        _written(exports.export_district(session, unit, output, force, pdf=pdf))


@export_app.command("province")
def export_province(
    ctx: typer.Context,
    output: Output = None,
    force: Force = False,
    province: Annotated[
        str | None,
        typer.Option("--province", help="Mã tỉnh, khi cơ sở dữ liệu có nhiều tỉnh."),
    ] = None,
    pdf: Pdf = False,
    era: EraChoice = DEFAULT_ERA,
) -> None:
    """Bảng tổng hợp toàn tỉnh: kết quả theo từng huyện (từ 01/07/2025: từng xã, theo huyện
    cũ), mọi Ban Chỉ đạo, mọi phát hiện."""
    from committee.usecases import exports
    from committee.usecases.workspace import open_workspace

    with open_workspace(ctx.obj["db"]).session() as session:
        _written(
            exports.export_province(session, output, force, province=province, pdf=pdf, era=era)
        )
