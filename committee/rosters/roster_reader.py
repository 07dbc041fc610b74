"""Reading a committee roster from a spreadsheet (.xlsx, .xls, .ods) into plain rows.

The layout words (header synonyms, role labels, section headings, the signer block) live in
data/roster_layout.toml. The reader finds the header row, reads the decision line above it
("(Kèm theo Quyết định số … ngày … của …)"), then walks the rows below once: section
headings set the current role, member rows are collected, the signer block ends the table.
"""

from __future__ import annotations

import io
import re
import tomllib
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import cache
from pathlib import Path
from typing import TypeVar

from python_calamine import CalamineWorkbook, SheetTypeEnum, SheetVisibleEnum

from committee.domain import validation
from committee.domain.dates import find_date, format_date, parse_date
from committee.domain.errors import InvalidInput, RosterError
from committee.domain.text import ControlCharacterError, clean, control_character, fold
from committee.domain.vocabulary import Role
from committee.paths import DATA_DIR
from committee.rosters.limits import ReadingLimits, WorkbookRefused, check_workbook, read_file

LAYOUT_FILE = DATA_DIR / "roster_layout.toml"
SUPPORTED_SUFFIXES = (".xlsx", ".xls", ".ods")
COLUMN_MEANINGS = ("stt", "name", "title", "role", "duties", "note", "phone")
REQUIRED_COLUMNS = ("name", "title")

_T = TypeVar("_T")

# What a cell that is not text holds, as a message says it.
_VALUE_KINDS: dict[type, str] = {
    int: "một số",
    float: "một số",
    bool: "một giá trị đúng/sai",
    date: "một ngày",
    datetime: "một ngày",
    time: "một giờ",
    timedelta: "một khoảng thời gian",
}

_NOT_WORD = re.compile(r"[^0-9a-z]+")
_REMARK = re.compile(r"\([^)]*\)")
_ORDINAL = re.compile(r"\d+\s*[.)]?")
_COLUMN_NUMBER = re.compile(r"\(?\d+\)?")
# "II", "A.", "b)" or "IV. LÃNH ĐẠO" in the STT column: an enumerated heading, not a member.
_ENUMERATOR = re.compile(r"(?:[IVXLC]+|[A-Za-z])\s*[.)]?(?:\s|$)")


@dataclass(frozen=True)
class RosterRow:
    """One member as written in the roster; `row` is the 1-based sheet row."""

    row: int
    name: str
    title: str
    role: Role
    duties: str
    note: str
    phone: str


@dataclass(frozen=True)
class ParsedRoster:
    """A roster sheet: its members in sheet order, and the decision named above the table.

    decision_number, signed_on and issuer are None when the sheet does not say them.
    """

    path: Path
    sheet: str
    decision_number: str | None
    signed_on: date | None
    issuer: str | None
    rows: tuple[RosterRow, ...]


# --- the layout data -------------------------------------------------------------------------


def layout_key(text: object) -> str:
    """The comparison key of layout words: folded, punctuation and spaces read as one space."""
    return _NOT_WORD.sub(" ", fold(text)).strip()


@dataclass(frozen=True)
class RosterLayout:
    """data/roster_layout.toml, with every text turned into its comparison key."""

    columns: dict[str, str]
    roles: dict[str, Role]
    sections: dict[str, Role]
    section_prefix: re.Pattern[str]
    section_examples: str
    promotions: tuple[tuple[str, Role], ...]
    decision_markers: tuple[str, ...]
    decision_number: re.Pattern[str]
    decision_date: re.Pattern[str]
    decision_issuer: re.Pattern[str]
    signer_headings: frozenset[str]
    signer_prefixes: tuple[str, ...]
    signer_patterns: tuple[re.Pattern[str], ...]
    blank_rows: int
    limits: ReadingLimits

    @classmethod
    def from_file(cls, path: Path) -> RosterLayout:
        with path.open("rb") as handle:
            raw = tomllib.load(handle)
        unknown = set(raw["columns"]) - set(COLUMN_MEANINGS)
        if unknown:
            raise ValueError(f"{path.name}: unknown column meanings {sorted(unknown)}")
        sections = raw["sections"]
        decision = raw["decision"]
        number_word = layout_key(decision["number_word"])
        date_word = layout_key(decision["date_word"])
        issuer_word = layout_key(decision["issuer_word"])
        end = raw["table_end"]
        return cls(
            columns=_keyed(raw["columns"], str),
            roles=_keyed(raw["roles"], Role),
            sections=_keyed({k: v for k, v in sections.items() if k != "prefix"}, Role),
            section_prefix=re.compile(sections["prefix"]),
            section_examples=", ".join(
                f"{numeral}. {sections[role.value][0].upper()}"
                for numeral, role in zip(("I", "II", "III", "IV", "V"), Role, strict=True)
            ),
            promotions=tuple(
                (layout_key(phrase), Role(role))
                for role, phrases in raw["promotions"].items()
                for phrase in phrases
            ),
            decision_markers=tuple(layout_key(marker) for marker in decision["markers"]),
            # These three run on the position-preserving fold of the cell text.
            decision_number=re.compile(
                rf"\b{number_word}\b\s*[:.]?\s*(?P<number>\d[\w.\-&]*(?:\s*/\s*[\w.\-&]+)*)"
                rf"|(?P<bare>\b\d+\s*/\s*[a-z][\w.\-&]*)"
            ),
            decision_date=re.compile(rf"\b{date_word}\b(?P<date>.*?)(?=\b{issuer_word}\b|\)|$)"),
            decision_issuer=re.compile(rf"\b{issuer_word}\b(?P<issuer>[^)]*)"),
            signer_headings=frozenset(layout_key(text) for text in end["signer_headings"]),
            signer_prefixes=tuple(layout_key(text) for text in end["signer_prefixes"]),
            signer_patterns=tuple(re.compile(pattern) for pattern in end["signer_patterns"]),
            blank_rows=int(end["blank_rows"]),
            limits=ReadingLimits.from_table(raw["limits"]),
        )

    def section_role(self, text: str) -> Role | None:
        """The role a section heading stands for ("IV. CÁC PHÓ TRƯỞNG BAN:"), or None."""
        key = layout_key(_REMARK.sub(" ", text))
        role = self.sections.get(key)
        if role is None:
            role = self.sections.get(self.section_prefix.sub("", key, count=1).strip())
        return role

    def is_signer(self, key: str) -> bool:
        return (
            key in self.signer_headings
            or key.startswith(self.signer_prefixes)
            or any(pattern.search(key) for pattern in self.signer_patterns)
        )


def _keyed(table: dict[str, list[str]], meaning: Callable[[str], _T]) -> dict[str, _T]:
    keyed: dict[str, _T] = {}
    for value, texts in table.items():
        for text in texts:
            key = layout_key(text)
            if keyed.get(key, meaning(value)) != meaning(value):
                raise ValueError(f"{LAYOUT_FILE.name}: «{text}» is listed under two meanings")
            keyed[key] = meaning(value)
    return keyed


@cache
def roster_layout() -> RosterLayout:
    """The shipped layout, read once per process."""
    return RosterLayout.from_file(LAYOUT_FILE)


# --- cells -----------------------------------------------------------------------------------


def column_letter(index: int) -> str:
    """Excel column letter of a 0-based column index: 0 → A, 27 → AB."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def cell_text(value: object) -> str:
    """A cell as text: 1.0 → "1", 912345678.0 → "912345678", dates as dd/mm/yyyy, NFC."""
    if isinstance(value, str):
        return clean(value) if value else ""
    if value is None:
        return ""
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, datetime):
        return format_date(value.date()) if value.time() == time() else clean(value)
    if isinstance(value, date):
        return format_date(value)
    return clean(value)


def _aligned_fold(text: str) -> str:
    """Like fold, but character for character, so a match's span indexes `text` too."""
    out = []
    for char in text:
        lower = char.lower()
        if lower == "đ":
            out.append("d")
            continue
        bare = "".join(
            c for c in unicodedata.normalize("NFD", lower) if not unicodedata.combining(c)
        )
        out.append(bare if len(bare) == 1 else char)
    return "".join(out)


# --- the workbook ----------------------------------------------------------------------------


def open_workbook(path: Path) -> CalamineWorkbook:
    """Open a spreadsheet file (.xlsx, .xls, .ods) for reading; RosterError when it cannot be.

    The file is first checked against the reading limits of data/roster_layout.toml
    (committee.rosters.limits): every sheet of the workbook returned can be read whole
    within bounded memory and time.
    """
    path = Path(path)
    if not path.exists():
        raise RosterError(f"Không tìm thấy tệp «{path}».", path=path)
    if not path.is_file():
        raise RosterError(f"«{path}» không phải một tệp bảng tính.", path=path)
    if path.suffix.lower() not in SUPPORTED_SUFFIXES:
        raise RosterError(
            f"Tệp «{path}» không phải bảng tính được hỗ trợ; hãy dùng tệp .xlsx, .xls hoặc .ods.",
            path=path,
        )
    limits = roster_layout().limits
    try:
        data = read_file(path, limits)
        check_workbook(data, limits)
    except WorkbookRefused as refused:
        if refused.sheet is None:
            raise RosterError(f"Tệp «{path}» {refused.message}.", path=path) from refused
        column = column_letter(refused.column) if refused.column is not None else None
        raise RosterError(
            f"{refused.message} (tệp «{path}»).",
            sheet=refused.sheet,
            row=refused.row,
            column=column,
            path=path,
        ) from refused
    try:
        # From the bytes, so the format is recognised by content (an .xls saved as .xlsx).
        return CalamineWorkbook.from_filelike(io.BytesIO(data))
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException as error:  # calamine's errors, and a Rust panic (a BaseException)
        raise RosterError(
            f"Tệp «{path}» không đọc được như một bảng tính (.xlsx, .xls, .ods): tệp bị hỏng, "
            "có mật khẩu hoặc không phải bảng tính.",
            path=path,
        ) from error


def _sheet_order(workbook: CalamineWorkbook) -> list[str]:
    """Worksheets in workbook order, visible ones before hidden ones."""
    sheets = [meta for meta in workbook.sheets_metadata if meta.typ == SheetTypeEnum.WorkSheet]
    visible = [meta.name for meta in sheets if meta.visible == SheetVisibleEnum.Visible]
    return visible + [meta.name for meta in sheets if meta.visible != SheetVisibleEnum.Visible]


def read_roster(path: Path) -> ParsedRoster:
    """Read the roster in the first sheet of `path` that has a recognisable header row.

    Raises RosterError, naming the file, sheet, row and column when they are known.
    """
    path = Path(path)
    workbook = open_workbook(path)
    layout = roster_layout()
    names = _sheet_order(workbook)
    for name in names:
        try:
            cells = workbook.get_sheet_by_name(name).to_python(skip_empty_area=False)
        except (KeyboardInterrupt, SystemExit):
            raise
        except BaseException as error:  # calamine's errors, and a Rust panic
            raise RosterError("trang tính không đọc được.", sheet=name, path=path) from error
        parsed = _SheetReader(path, name, cells, layout).read()
        if parsed is not None:
            return parsed
    missing = "không tìm thấy dòng tiêu đề bảng (Họ và tên, Chức vụ…)"
    if len(names) == 1:
        raise RosterError(f"{missing}.", sheet=names[0], path=path)
    listed = ", ".join(f"«{name}»" for name in names) or "(không có trang tính nào)"
    raise RosterError(f"Tệp «{path}»: {missing} trong các trang tính {listed}.", path=path)


# --- one sheet -------------------------------------------------------------------------------


@dataclass
class _Member:
    row: int
    name: str
    title: str
    role: Role
    duties: str
    note: str
    phone: str

    def frozen(self) -> RosterRow:
        return RosterRow(
            self.row, self.name, self.title, self.role, self.duties, self.note, self.phone
        )


class _SheetReader:
    def __init__(
        self, path: Path, sheet: str, cells: list[list[object]], layout: RosterLayout
    ) -> None:
        self.path = path
        self.sheet = sheet
        self.cells = cells
        self.layout = layout
        self.columns: dict[str, tuple[int, ...]] = {}

    def error(self, message: str, row: int | None = None, column: int | None = None) -> RosterError:
        letter = column_letter(column) if column is not None else None
        return RosterError(message, sheet=self.sheet, row=row, column=letter, path=self.path)

    def read(self) -> ParsedRoster | None:
        decision_cell: tuple[int, int, str] | None = None
        for index, values in enumerate(self.cells):
            texts = [cell_text(value) for value in values]
            columns = self._header(texts)
            if columns is not None:
                number, signed_on, issuer = self._decision(decision_cell)
                members = self._members(index + 1, columns)
                return ParsedRoster(
                    path=self.path,
                    sheet=self.sheet,
                    decision_number=number,
                    signed_on=signed_on,
                    issuer=issuer,
                    rows=tuple(member.frozen() for member in members),
                )
            if decision_cell is None:
                decision_cell = self._decision_cell(index, texts)
        return None

    # header and decision line

    def _header(self, texts: Sequence[str]) -> dict[str, tuple[int, ...]] | None:
        found: dict[str, list[int]] = {}
        for column, text in enumerate(texts):
            if text and len(text) < 80:
                meaning = self.layout.columns.get(layout_key(text))
                if meaning is not None:
                    found.setdefault(meaning, []).append(column)
        if not all(meaning in found for meaning in REQUIRED_COLUMNS):
            return None
        return {meaning: tuple(found.get(meaning, ())) for meaning in COLUMN_MEANINGS}

    def _decision_cell(self, index: int, texts: Sequence[str]) -> tuple[int, int, str] | None:
        for column, text in enumerate(texts):
            if text:
                key = f" {layout_key(text)} "
                if any(f" {marker} " in key for marker in self.layout.decision_markers):
                    return index, column, text
        return None

    def _decision(
        self, cell: tuple[int, int, str] | None
    ) -> tuple[str | None, date | None, str | None]:
        if cell is None:
            return None, None, None
        index, column, text = cell
        found = control_character(str(self.cells[index][column]))
        if found is not None:
            raise self.error(
                f"dòng ghi quyết định {ControlCharacterError(found)}; hãy gõ lại ô này.",
                index + 1,
                column,
            )
        folded = _aligned_fold(text)
        number: str | None = None
        position = 0
        match = self.layout.decision_number.search(folded)
        if match is not None:
            group = "number" if match["number"] is not None else "bare"
            number = re.sub(r"\s*/\s*", "/", text[match.start(group) : match.end(group)])
            number = number.rstrip(".-") or None
            position = match.end()
        signed_on: date | None
        match = self.layout.decision_date.search(folded, position)
        if match is not None:
            written = text[match.start("date") : match.end("date")].strip(" ,.;:")
            try:
                signed_on = parse_date(written)
            except ValueError as error:
                raise self.error(
                    f"ngày ký quyết định «{written}» không đọc được; hãy ghi theo dạng dd/mm/yyyy.",
                    index + 1,
                    column,
                ) from error
            position = match.end("date")
        else:
            signed_on = find_date(text[position:])
        match = self.layout.decision_issuer.search(folded, position)
        issuer = None
        if match is not None:
            issuer = text[match.start("issuer") : match.end("issuer")].strip(" ,.;:") or None
        return number, signed_on, issuer

    # rows below the header

    def _members(self, header_row: int, columns: dict[str, tuple[int, ...]]) -> list[_Member]:
        layout = self.layout
        self.columns = columns
        role_columns = columns["role"]
        name_column = columns["name"][0]
        stt_column = columns["stt"][0] if columns["stt"] else 0
        members: list[_Member] = []
        section: Role | None = None
        blank_run = 0
        after_gap = False
        for index in range(header_row, len(self.cells)):
            row = index + 1
            texts = [cell_text(cell) for cell in self.cells[index]]
            if not any(texts):
                blank_run += 1
                if members and blank_run >= layout.blank_rows:
                    after_gap = True
                continue
            blank_run = 0
            stt = self._value(texts, "stt")
            name = self._value(texts, "name")
            title = self._value(texts, "title")
            role_text = self._value(texts, "role")
            numbered = _ORDINAL.fullmatch(stt) is not None
            if after_gap and not (name and (numbered or title)):
                break  # what follows a run of blank rows is no longer the table
            after_gap = False
            if not numbered and self._is_signer_row(texts, name):
                break
            if _is_column_numbering(name, texts) or layout.columns.get(layout_key(name)) == "name":
                continue  # the (1) (2) (3) row under a header, or the header repeated on a page
            heading = " ".join(
                text for column, text in enumerate(texts) if text and column not in role_columns
            )
            if not numbered and (found := layout.section_role(heading)) is not None:
                section = found
                continue
            enumerated = not numbered and _ENUMERATOR.match(stt) is not None
            if not name:
                if role_text or numbered:
                    what = "chức danh" if role_text else "số thứ tự"
                    raise self.error(f"dòng có {what} nhưng thiếu họ tên.", row, name_column)
                if enumerated:
                    if not role_columns:
                        raise self._unknown_heading(heading, row, stt_column)
                elif title or self._value(texts, "duties") or self._value(texts, "note"):
                    if not members:
                        raise self.error("dòng có chức vụ nhưng thiếu họ tên.", row, name_column)
                    self._continue(members[-1], texts)
                continue  # otherwise a remark outside the member columns
            if enumerated and not title and not role_text:
                if not role_columns:
                    raise self._unknown_heading(heading, row, stt_column)
                continue  # a heading we do not need: the role column says it all
            members.append(
                _Member(
                    row=row,
                    name=self._name(index),
                    title=title,
                    role=self._role(row, role_text, section, name, texts),
                    duties=self._value(texts, "duties"),
                    note=self._value(texts, "note"),
                    phone=self._value(texts, "phone"),
                )
            )
        if not members:
            raise self.error(f"bảng dưới dòng tiêu đề (dòng {header_row}) không có thành viên nào.")
        return members

    def _name(self, index: int) -> str:
        """The member's name from the cells of the name column(s), checked as a form checks
        it (validation.person_name): a number, a date or a control character is refused."""
        values = self.cells[index]
        parts = []
        for column in self.columns["name"]:
            value = values[column] if column < len(values) else None
            if value is None or value == "":
                continue
            if not isinstance(value, str):
                raise self.error(
                    f"ô họ tên chứa {_VALUE_KINDS.get(type(value), 'một giá trị')} "
                    f"«{cell_text(value)}», không phải họ tên; hãy kiểm tra lại.",
                    index + 1,
                    column,
                )
            try:
                parts.append(validation.person_name(value))
            except InvalidInput as error:
                raise self.error(error.message, index + 1, column) from error
        return " ".join(parts)

    def _value(self, texts: Sequence[str], meaning: str) -> str:
        """The text of one column meaning; two columns with the same meaning are joined."""
        return " ".join(texts[i] for i in self.columns[meaning] if i < len(texts) and texts[i])

    def _continue(self, member: _Member, texts: Sequence[str]) -> None:
        """A row with no STT, name or role continues the member above (a cell split in two)."""
        for meaning in ("title", "duties", "note", "phone"):
            more = self._value(texts, meaning)
            if more:
                setattr(member, meaning, f"{getattr(member, meaning)} {more}".strip())

    def _is_signer_row(self, texts: Sequence[str], name: str) -> bool:
        if name and not self.layout.is_signer(layout_key(name)):
            return False
        return any(text and self.layout.is_signer(layout_key(text)) for text in texts)

    def _unknown_heading(self, heading: str, row: int, column: int) -> RosterError:
        return self.error(
            f"đề mục «{heading}» không nhận ra; hãy dùng một trong: "
            f"{self.layout.section_examples}.",
            row,
            column,
        )

    def _role(
        self, row: int, role_text: str, section: Role | None, name: str, texts: Sequence[str]
    ) -> Role:
        layout = self.layout
        role_columns = self.columns["role"]
        if role_text:
            role = layout.roles.get(layout_key(role_text))
            if role is None:
                labels = ", ".join(role.label for role in Role)
                raise self.error(
                    f"chức danh «{role_text}» không phải chức danh trong Ban Chỉ đạo; "
                    f"hãy ghi một trong: {labels}.",
                    row,
                    role_columns[0],
                )
            return role
        if section is None:
            if role_columns:
                raise self.error(
                    f"thiếu chức danh trong Ban Chỉ đạo của «{name}», và dòng này không nằm "
                    "dưới đề mục nào.",
                    row,
                    role_columns[0],
                )
            raise self.error(
                f"không biết chức danh của «{name}»: bảng không có cột Chức danh trong Ban "
                f"Chỉ đạo và dòng này nằm trước mọi đề mục ({layout.section_examples}).",
                row,
            )
        if section is Role.VICE_CHAIR:
            said = f" {layout_key(self._value(texts, 'title'))} "
            said += f"{layout_key(self._value(texts, 'note'))} "
            for phrase, promoted in layout.promotions:
                if f" {phrase} " in said:
                    return promoted
        return section


def _is_column_numbering(name: str, texts: Sequence[str]) -> bool:
    """The "(1) (2) (3)" row some forms put under the header."""
    return bool(name) and all(_COLUMN_NUMBER.fullmatch(text) for text in texts if text)
