"""Reading a duty assignment sheet (phân công nhiệm vụ): each member's name and duties.

The header row is found with the same header synonyms as the roster reader
(data/roster_layout.toml): it needs a name column and a duties column. Rows below it with a
name are read until the signer block; a heading or an empty row is passed over.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from committee.domain import field_limits as limits
from committee.domain.errors import InvalidInput, RosterError, UserError
from committee.domain.validation import person_name
from committee.rosters.grid import cell_text, column_letter
from committee.rosters.layout import layout_key, roster_layout
from committee.rosters.spreadsheets import open_workbook


@dataclass(frozen=True)
class DutyRow:
    row: int  # 1-based sheet row
    name: str
    duties: str


@dataclass(frozen=True)
class DutySheet:
    path: Path
    sheet: str
    rows: tuple[DutyRow, ...]

    @property
    def where(self) -> str:
        """ "Tệp «phan-cong.xlsx», trang tính «Sheet1»"."""
        return f"Tệp «{self.path.name}», trang tính «{self.sheet}»"


def _header(texts: Sequence[str]) -> tuple[int, list[int]] | None:
    """(name column, duties columns) when this row is the header row."""
    columns = roster_layout().columns
    name: int | None = None
    duties: list[int] = []
    for index, text in enumerate(texts):
        meaning = columns.get(layout_key(text)) if text and len(text) < 80 else None
        if meaning == "name" and name is None:
            name = index
        elif meaning == "duties":
            duties.append(index)
    return (name, duties) if name is not None and duties else None


def read_duty_sheet(path: Path) -> DutySheet:
    """The rows of the first sheet of `path` that has a name and a duties column.

    Raises UserError naming the file, sheet, row and column of what cannot be read."""
    path = Path(path)
    try:
        workbook = open_workbook(path)
    except RosterError as error:
        raise UserError(str(error)) from error
    layout = roster_layout()
    for sheet in workbook.sheet_names:
        try:
            cells = workbook.get_sheet_by_name(sheet).to_python(skip_empty_area=False)
        except Exception as error:  # calamine's own errors
            raise UserError(f"Tệp «{path.name}», trang tính «{sheet}» không đọc được.") from error
        where = f"Tệp «{path.name}», trang tính «{sheet}»"
        found: tuple[int, list[int]] | None = None
        rows: list[DutyRow] = []
        for index, values in enumerate(cells):
            texts = [cell_text(value) for value in values]
            if found is None:
                found = _header(texts)
                continue
            name_column, duty_columns = found
            name = texts[name_column] if name_column < len(texts) else ""
            duties = " ".join(texts[i] for i in duty_columns if i < len(texts) and texts[i])
            if not name:
                continue
            if layout.is_signer(layout_key(name)) or any(
                text and layout.is_signer(layout_key(text)) for text in texts
            ):
                break
            if not duties and layout.section_role(name) is not None:
                continue  # a heading such as "I. TRƯỞNG BAN"
            place = f"{where}, dòng {index + 1}"
            try:
                name = person_name(name)
            except InvalidInput as error:
                column = column_letter(name_column)
                raise UserError(f"{place}, cột {column}: {error.message}") from error
            if not duties:
                raise UserError(
                    f"{place}, cột {column_letter(duty_columns[0])}: «{name}» chưa có "
                    "nhiệm vụ được phân công."
                )
            limits.within_limit(name, limits.PERSON_NAME, "name", f"{place}: Họ và tên")
            rows.append(DutyRow(index + 1, name, duties))
        if found is not None:
            if not rows:
                raise UserError(f"{where}: dưới dòng tiêu đề không có thành viên nào.")
            return DutySheet(path, sheet, tuple(rows))
    raise UserError(
        f"Tệp «{path.name}»: không tìm thấy dòng tiêu đề có cột họ tên và cột nhiệm vụ "
        "(ví dụ «Họ và tên», «Nhiệm vụ được phân công»)."
    )
