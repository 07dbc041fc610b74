"""The error of a roster file that cannot be read, located as precisely as the file allows."""

from __future__ import annotations

from pathlib import Path


class RosterError(ValueError):
    """A roster that cannot be read, located as precisely as possible.

    str(error) reads e.g. "Trang tính «Danh sach», dòng 12, cột B: dòng có chức danh
    nhưng thiếu họ tên." or, in a Word document, "Bảng 2, dòng 5, cột C: …"; errors about
    the file itself name the file in `message`.
    """

    def __init__(
        self,
        message: str,
        *,
        sheet: str | None = None,
        row: int | None = None,
        column: str | None = None,
        path: Path | None = None,
        table: int | None = None,
    ) -> None:
        self.message = message
        self.sheet = sheet
        self.row = row
        self.column = column
        self.path = path
        self.table = table  # the 1-based table of a Word document
        super().__init__(str(self))

    def __str__(self) -> str:
        place = []
        if self.sheet is not None:
            place.append(f"Trang tính «{self.sheet}»")
        if self.table is not None:
            place.append(f"Bảng {self.table}")
        if self.row is not None:
            place.append(f"dòng {self.row}")
        if self.column is not None:
            place.append(f"cột {self.column}")
        return f"{', '.join(place)}: {self.message}" if place else self.message
