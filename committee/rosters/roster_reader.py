"""Reading a committee roster (a spreadsheet, or a table in a Word document) into plain rows.

The layout words (header synonyms, role labels, section headings, the signer block) live in
data/roster_layout.toml. Each table of the file (committee.rosters.spreadsheets,
committee.rosters.word) comes as a Grid; the first with a recognisable header row is the
roster. The reader finds that header (and a second header row under it), reads the decision
line nearest above it ("(Kèm theo Quyết định số … ngày … của …)"), then walks the rows below
once: section headings set the current role, member rows are collected, totals and repeated
headers are passed over, the signer block ends the table.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from pathlib import Path

from committee.domain import validation
from committee.domain.dates import find_date, parse_date
from committee.domain.errors import InvalidInput, RosterError
from committee.domain.text import ControlCharacterError, control_character
from committee.domain.vocabulary import Role
from committee.rosters.grid import Grid, cell_text, column_letter
from committee.rosters.layout import COLUMN_MEANINGS, RosterLayout, layout_key, roster_layout
from committee.rosters.spreadsheets import SPREADSHEET_SUFFIXES, spreadsheet_grids
from committee.rosters.word import WORD_SUFFIXES, word_grids

__all__ = [
    "SUPPORTED_SUFFIXES",
    "ParsedRoster",
    "RoleSource",
    "RosterError",
    "RosterRow",
    "read_roster",
]

# Every kind of file `read_roster` reads, for a file picker; nothing else is accepted.
SUPPORTED_SUFFIXES = (*SPREADSHEET_SUFFIXES, *WORD_SUFFIXES)

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

_ORDINAL = re.compile(r"\d+\s*[.)]?")
_COLUMN_NUMBER = re.compile(r"\(?\d+\)?")
# "II", "A.", "b)" or "IV. LÃNH ĐẠO" in the STT column: an enumerated heading, not a member.
_ENUMERATOR = re.compile(r"(?:[IVXLC]+|[A-Za-z])\s*[.)]?(?:\s|$)")
# The columns whose text a row that continues the member above adds to it.
_CONTINUED = ("title", "unit", "duties", "note", "phone")


class RoleSource(StrEnum):
    """Where a member's role in the committee was read from."""

    COLUMN = "column"  # the role column ("Chức danh trong Ban Chỉ đạo")
    TITLE = "title"  # the title cell ("Chủ tịch UBND huyện - Trưởng ban")
    SECTION = "section"  # the section heading above the row ("I. TRƯỞNG BAN")
    PROMOTED = "promoted"  # a phrase of the title or note under a generic heading

    @property
    def label(self) -> str:
        return _ROLE_SOURCE_LABELS[self]


_ROLE_SOURCE_LABELS = {
    RoleSource.COLUMN: "cột chức danh trong Ban Chỉ đạo",
    RoleSource.TITLE: "ô chức vụ",
    RoleSource.SECTION: "đề mục phía trên",
    RoleSource.PROMOTED: "cụm từ trong chức vụ hoặc ghi chú, dưới đề mục Phó Trưởng ban",
}


@dataclass(frozen=True)
class RosterRow:
    """One member as written in the roster; `row` is the 1-based row of the sheet (or of
    the Word table).

    `role_source` says where the role was read; `title_columns` are the letters of the
    columns whose text made the title, in the order joined (post, then unit)."""

    row: int
    name: str
    title: str
    role: Role
    duties: str
    note: str
    phone: str
    role_source: RoleSource = RoleSource.COLUMN
    title_columns: tuple[str, ...] = ()


@dataclass(frozen=True)
class ParsedRoster:
    """A roster table: its members in order, and the decision named above the table.

    decision_number, signed_on and issuer are None when the file does not say them;
    `decision_line` is the text they were read from and `decision_row` its row (None when
    there is no such line, or it is a paragraph above a Word table). `sheet` names the
    spreadsheet's sheet, `table` numbers the Word document's table. `notes` say what was
    done to the text on the way in ("đã chuyển mã TCVN3 → Unicode")."""

    path: Path
    sheet: str | None
    decision_number: str | None
    signed_on: date | None
    issuer: str | None
    rows: tuple[RosterRow, ...]
    table: int | None = None
    notes: tuple[str, ...] = ()
    decision_line: str | None = None
    decision_row: int | None = None

    @property
    def place(self) -> str:
        """Where in the file the roster is: "trang tính «Danh sách»" or "bảng 2"."""
        return f"bảng {self.table}" if self.table is not None else f"trang tính «{self.sheet}»"


def read_roster(path: Path) -> ParsedRoster:
    """Read the roster of `path`: the first sheet (or Word table) with a recognisable header
    row. Raises RosterError, naming the file, sheet or table, row and column when known."""
    path = Path(path)
    layout = roster_layout()
    word = path.suffix.lower() in WORD_SUFFIXES
    names, grids = word_grids(path) if word else spreadsheet_grids(path, SUPPORTED_SUFFIXES)
    for grid in grids:
        parsed = _TableReader(path, grid, layout).read()
        if parsed is not None:
            return parsed
    missing = "không tìm thấy dòng tiêu đề bảng (Họ và tên, Chức vụ…)"
    if word:
        raise RosterError(
            f"Tệp «{path}»: {missing} trong {len(names)} bảng của tài liệu; danh sách phải là "
            "một bảng (Table) của Word.",
            path=path,
        )
    if len(names) == 1:
        raise RosterError(f"{missing}.", sheet=names[0], path=path)
    listed = ", ".join(f"«{name}»" for name in names) or "(không có trang tính nào)"
    raise RosterError(f"Tệp «{path}»: {missing} trong các trang tính {listed}.", path=path)


# --- one table -------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Header:
    columns: dict[str, tuple[int, ...]]
    last_row: int  # grid index of the header's last row (a second header row, if any)


class _TableReader:
    def __init__(self, path: Path, grid: Grid, layout: RosterLayout) -> None:
        self.path = path
        self.grid = grid
        self.cells = grid.cells
        self.layout = layout
        self.columns: dict[str, tuple[int, ...]] = {}
        self._texts: dict[int, list[str]] = {}

    def error(
        self, message: str, index: int | None = None, column: int | None = None
    ) -> RosterError:
        letter = column_letter(column) if column is not None else None
        row = self.grid.row_number(index) if index is not None else None
        return RosterError(
            message,
            sheet=self.grid.sheet,
            table=self.grid.table,
            row=row,
            column=letter,
            path=self.path,
        )

    def texts(self, index: int) -> list[str]:
        found = self._texts.get(index)
        if found is None:
            found = self._texts[index] = [cell_text(value) for value in self.cells[index]]
        return found

    def own(self, index: int) -> list[str]:
        """The row's texts with a cell merged across from its left left empty: a member's
        values are read from the cells of their own columns."""
        return [
            "" if self.grid.copied_from_left(index, column) else text
            for column, text in enumerate(self.texts(index))
        ]

    def distinct(self, index: int) -> list[tuple[int, str]]:
        """The row's non-empty cells, a cell merged across counted once (at its first)."""
        return [
            (column, text)
            for column, text in enumerate(self.texts(index))
            if text and not self.grid.copied_from_left(index, column)
        ]

    def read(self) -> ParsedRoster | None:
        decision: int | None = None
        for index in range(len(self.cells)):
            header = self._header(index)
            if header is not None:
                number, signed_on, issuer, line = self._decision(decision, index)
                rows = self._members(header)
                return ParsedRoster(
                    path=self.path,
                    sheet=self.grid.sheet,
                    decision_number=number,
                    signed_on=signed_on,
                    issuer=issuer,
                    rows=tuple(rows),
                    table=self.grid.table,
                    notes=self.grid.notes,
                    decision_line=line,
                    decision_row=self.grid.row_number(decision) if decision is not None else None,
                )
            if any(self.layout.is_decision_line(text) for text in self.texts(index) if text):
                decision = index  # the line nearest above the header is the one read
        return None

    # header and decision line

    def _header(self, index: int) -> _Header | None:
        found: dict[int, str] = {}
        for column, text in self.distinct(index):  # "Họ và tên" merged over B:D is B
            if len(text) < 80:
                meaning = self.layout.columns.get(layout_key(text))
                if meaning is not None:
                    found[column] = meaning
        if "name" not in found.values():
            return None
        last = index
        if index + 1 < len(self.cells):
            below = self._subheader(index + 1)
            if below is not None:
                found.update(below)
                last = index + 1
        if "title" not in found.values() and "unit" not in found.values():
            return None
        columns = {
            meaning: tuple(column for column, said in sorted(found.items()) if said == meaning)
            for meaning in COLUMN_MEANINGS
        }
        return _Header(columns, last)

    def _subheader(self, index: int) -> dict[int, str] | None:
        """The meanings a second header row gives its columns ("Chính quyền" | "Ban Chỉ
        đạo" under "Chức vụ"), or None when the row is not one."""
        meanings: dict[int, str] = {}
        for column, text in self.distinct(index):
            if self.grid.copied_from_above(index, column):
                continue  # a header cell merged down ("Họ và tên" over two rows)
            key = layout_key(text)
            meaning = self.layout.subcolumns.get(key) or self.layout.columns.get(key)
            if meaning is None:
                return None
            meanings[column] = meaning
        return meanings or None

    def _is_header_again(self, index: int) -> bool:
        """The header (one or two rows) repeated on a new page, or the "(1) (2) (3)" row
        some forms put under it."""
        cells = self.distinct(index)
        words = self.layout.columns | self.layout.subcolumns
        said = sum(layout_key(text) in words for _, text in cells)
        numbers = sum(_COLUMN_NUMBER.fullmatch(text) is not None for _, text in cells)
        return said + numbers == len(cells) and (said > 0 or numbers > 1)

    def _decision(
        self, index: int | None, header: int
    ) -> tuple[str | None, date | None, str | None, str | None]:
        """Number, date and issuer read from the decision line (row `index`), and the line."""
        if index is None:
            return None, None, None, None
        column = next(c for c, text in self.distinct(index) if self.layout.is_decision_line(text))
        lines = [index]
        text = self._line(index, column)
        if not self.layout.decision_date.search(_aligned_fold(text)) and index + 1 < header:
            lines.append(index + 1)  # "… ngày" at the end of the line, the date below
            text = f"{text} {self._line(index + 1, 0)}".strip()
        for line in lines:
            for value in self.cells[line]:
                found = control_character(str(value)) if isinstance(value, str) else None
                if found is not None:
                    raise self.error(
                        f"dòng ghi quyết định {ControlCharacterError(found)}; hãy gõ lại ô này.",
                        index,
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
                raise self.error(self._unreadable_date(written, text), index, column) from error
            position = match.end("date")
        else:
            signed_on = find_date(text[position:])
        match = self.layout.decision_issuer.search(folded, position)
        issuer = None
        if match is not None:
            issuer = text[match.start("issuer") : match.end("issuer")].strip(" ,.;:") or None
        return number, signed_on, issuer, text

    def _line(self, index: int, column: int) -> str:
        return " ".join(text for c, text in self.distinct(index) if c >= column)

    @staticmethod
    def _unreadable_date(written: str, line: str) -> str:
        if not written.strip(" .…_-"):
            return (
                f"dòng ghi quyết định «{line}» không có ngày ký sau chữ «ngày»; hãy ghi ngày "
                "ký theo dạng dd/mm/yyyy vào dòng này (hoặc vào ô bên cạnh)."
            )
        return (
            f"ngày ký quyết định «{written}» không đọc được (dòng ghi quyết định: «{line}»); "
            "hãy ghi theo dạng dd/mm/yyyy."
        )

    # rows below the header

    def _members(self, header: _Header) -> list[RosterRow]:
        layout = self.layout
        self.columns = columns = header.columns
        role_columns = columns["role"]
        name_column = columns["name"][0]
        stt_column = columns["stt"][0] if columns["stt"] else 0
        members: list[RosterRow] = []
        section: Role | None = None
        blank_run = 0
        after_gap = False
        for index in range(header.last_row + 1, len(self.cells)):
            texts = self.own(index)
            if not any(texts):
                blank_run += 1
                if members and blank_run >= layout.blank_rows:
                    after_gap = True
                continue
            blank_run = 0
            distinct = self.distinct(index)
            stt = self._value(texts, "stt")
            name = self._value(texts, "name")
            title = self._value(texts, "title") or self._value(texts, "unit")
            role_text = self._value(texts, "role")
            numbered = _ORDINAL.fullmatch(stt) is not None
            heading = " ".join(text for column, text in distinct if column not in role_columns)
            found_section = None if numbered else layout.section_role(heading)
            if after_gap and not ((name and (numbered or title)) or found_section):
                break  # what follows a run of blank rows is no longer the table
            after_gap = False
            if not numbered and self._is_signer_row(texts, name):
                break
            if self._is_header_again(index):
                continue
            if not numbered and layout.is_not_member(layout_key(heading)):
                continue  # "Tổng số: 20 đồng chí", "(Ấn định danh sách có … người)"
            if found_section is not None:
                section = found_section
                continue
            if len(distinct) == 1 and len(texts) > 1 and self._spans_row(index, distinct[0][0]):
                # one cell merged across the table that is no section: a remark
                if not role_columns and _ENUMERATOR.match(heading):
                    raise self._unknown_heading(heading, index, distinct[0][0])
                continue
            enumerated = not numbered and _ENUMERATOR.match(stt) is not None
            if name and members and self.grid.copied_from_above(index, name_column):
                members[-1] = self._continue(members[-1], index)  # the name merged down
                continue
            if not name:
                if role_text or numbered:
                    what = "chức danh" if role_text else "số thứ tự"
                    raise self.error(f"dòng có {what} nhưng thiếu họ tên.", index, name_column)
                if enumerated:
                    if not role_columns:
                        raise self._unknown_heading(heading, index, stt_column)
                elif title or self._value(texts, "duties") or self._value(texts, "note"):
                    if not members:
                        raise self.error("dòng có chức vụ nhưng thiếu họ tên.", index, name_column)
                    members[-1] = self._continue(members[-1], index)
                continue  # otherwise a remark outside the member columns
            if enumerated and not title and not role_text:
                if not role_columns:
                    raise self._unknown_heading(heading, index, stt_column)
                continue  # a heading we do not need: the role column says it all
            members.append(self._member(index, section))
        if not members:
            row = self.grid.row_number(header.last_row)
            where = f" (dòng {row})" if row is not None else ""
            raise self.error(f"bảng dưới dòng tiêu đề{where} không có thành viên nào.")
        return members

    def _spans_row(self, index: int, column: int) -> bool:
        """Whether the cell at `column` is merged across the cells to its right."""
        texts = self.texts(index)
        return column + 1 < len(texts) and self.grid.copied_from_left(index, column + 1)

    def _member(self, index: int, section: Role | None) -> RosterRow:
        texts = self.own(index)
        name = self._name(index)
        parts = self._title_parts(index, "title")
        units = self._title_parts(index, "unit")
        role_text = self._value(texts, "role")
        role, source = self._role(index, role_text, section, name, (parts, units))
        return RosterRow(
            row=self.grid.row_number(index) or index + 1,
            name=name,
            title=_post_of_unit(
                _joined([text for _, text in parts if text]),
                _joined([text for _, text in units if text]),
            ),
            role=role,
            duties=self._value(texts, "duties"),
            note=self._value(texts, "note"),
            phone=self._value(texts, "phone"),
            role_source=source,
            title_columns=tuple(column_letter(column) for column, _ in parts + units),
        )

    def _title_parts(self, index: int, meaning: str) -> list[tuple[int, str]]:
        """The cells of the title's post (`meaning` "title") or unit columns: (column, text)."""
        texts = self.own(index)
        return [
            (column, texts[column])
            for column in self.columns[meaning]
            if column < len(texts) and texts[column]
        ]

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
                    index,
                    column,
                )
            try:
                parts.append(validation.person_name(value))
            except InvalidInput as error:
                raise self.error(error.message, index, column) from error
        return " ".join(parts)

    def _value(self, texts: Sequence[str], meaning: str) -> str:
        """The text of one column meaning; two columns with the same meaning are joined."""
        return " ".join(texts[i] for i in self.columns[meaning] if i < len(texts) and texts[i])

    def _continue(self, member: RosterRow, index: int) -> RosterRow:
        """A row with no STT, name or role (or whose name is merged down from the member's
        row) continues the member above: a cell split in two. A value merged down from
        the member's row is not added twice."""
        texts = self.own(index)
        more: dict[str, str] = {}
        letters = list(member.title_columns)
        for meaning in _CONTINUED:
            parts = [
                (column, texts[column])
                for column in self.columns[meaning]
                if column < len(texts)
                and texts[column]
                and not self.grid.copied_from_above(index, column)
            ]
            if parts:
                field = "title" if meaning == "unit" else meaning
                added = " ".join(text for _, text in parts)
                more[field] = f"{more.get(field, getattr(member, field))} {added}".strip()
                if field == "title":
                    letters += [
                        column_letter(c) for c, _ in parts if column_letter(c) not in letters
                    ]
        return replace(member, **more, title_columns=tuple(letters)) if more else member

    def _is_signer_row(self, texts: Sequence[str], name: str) -> bool:
        if name and not self.layout.is_signer(layout_key(name)):
            return False
        return any(text and self.layout.is_signer(layout_key(text)) for text in texts)

    def _unknown_heading(self, heading: str, index: int, column: int) -> RosterError:
        return self.error(
            f"đề mục «{heading}» không nhận ra; hãy dùng một trong: "
            f"{self.layout.section_examples}.",
            index,
            column,
        )

    def _role(
        self,
        index: int,
        role_text: str,
        section: Role | None,
        name: str,
        groups: tuple[list[tuple[int, str]], ...],
    ) -> tuple[Role, RoleSource]:
        """The member's role and where it was read; a role read from a title cell is taken
        out of that cell's text in `groups` (the post's and the unit's cells)."""
        layout = self.layout
        role_columns = self.columns["role"]
        if role_text:
            role = layout.roles.get(layout_key(role_text))
            if role is None:
                labels = ", ".join(role.label for role in Role)
                raise self.error(
                    f"chức danh «{role_text}» không phải chức danh trong Ban Chỉ đạo; "
                    f"hãy ghi một trong: {labels}.",
                    index,
                    role_columns[0],
                )
            return role, RoleSource.COLUMN
        for parts in groups:
            for place, (column, text) in enumerate(parts):
                found = self._role_in_title(text)
                if found is not None:
                    role, rest = found
                    parts[place] = (column, rest)
                    return role, RoleSource.TITLE
        if section is None:
            if role_columns:
                raise self.error(
                    f"thiếu chức danh trong Ban Chỉ đạo của «{name}», và dòng này không nằm "
                    "dưới đề mục nào.",
                    index,
                    role_columns[0],
                )
            raise self.error(
                f"không biết chức danh của «{name}»: bảng không có cột Chức danh trong Ban "
                f"Chỉ đạo, ô chức vụ không ghi chức danh (như «Chủ tịch UBND huyện - Trưởng "
                f"ban») và dòng này nằm trước mọi đề mục ({layout.section_examples}).",
                index,
            )
        if section is Role.VICE_CHAIR:
            said = f" {layout_key(' '.join(text for parts in groups for _, text in parts))} "
            said += f"{layout_key(self._value(self.own(index), 'note'))} "
            for phrase, promoted in layout.promotions:
                if f" {phrase} " in said:
                    return promoted, RoleSource.PROMOTED
        return section, RoleSource.SECTION

    def _role_in_title(self, text: str) -> tuple[Role, str] | None:
        """The role a title cell starts or ends with, set off by a separator ("Trưởng ban:
        Chủ tịch UBND xã", "Chủ tịch UBND huyện - Trưởng ban"), and the rest of the cell."""
        separators = list(self.layout.role_separators.finditer(text))
        if not separators:
            return None
        first, last = separators[0], separators[-1]
        role = self.layout.roles.get(layout_key(text[: first.start()]))
        if role is not None:
            return role, text[first.end() :].strip(" )")
        tail = text[last.end() :]
        if last.group().strip().startswith("("):
            tail = tail.rstrip(" )")
        role = self.layout.roles.get(layout_key(tail))
        if role is not None:
            return role, text[: last.start()].strip()
        return None


_CLAUSE = re.compile(r"\s*[,;(]")


def _post_of_unit(post: str, unit: str) -> str:
    """A post and its unit from two columns as one title, the unit after the post's first
    clause: "Phó Trưởng, phụ trách Cảnh sát" + "Công an huyện" → "Phó Trưởng Công an
    huyện, phụ trách Cảnh sát"."""
    if not post or not unit:
        return post or unit
    clause = _CLAUSE.search(post)
    if clause is None or clause.start() == 0:
        return _joined([post, unit])
    return _joined([post[: clause.start()], unit]) + post[clause.start() :]


def _joined(parts: list[str]) -> str:
    """The title from its cells, a word that ends one and starts the next written once:
    "Trưởng phòng" + "Phòng Y tế" → "Trưởng phòng Y tế". Words are compared with their
    diacritics ("trưởng" is not "trường")."""
    words: list[str] = []
    for part in parts:
        more = part.split()
        for size in range(min(len(words), len(more)), 0, -1):
            if [_word(w) for w in words[-size:]] == [_word(w) for w in more[:size]]:
                more = more[size:]
                break
        words += more
    return " ".join(words)


def _word(text: str) -> str:
    return text.strip(".,;:()-–").casefold()


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
