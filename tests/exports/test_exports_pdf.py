"""Every export converts to PDF through `--pdf` (LibreOffice, `soffice --headless
--convert-to pdf`): the Quyết định (.docx), the annex, the district and the province
workbooks. The PDF's text (pdftotext) holds what the document says, with its diacritics,
and its pages are counted (pdfinfo). .ci/run installs LibreOffice and poppler-utils."""

from __future__ import annotations

import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest

from committee.rosters.roster_reader import read_roster
from committee.store.database import Database
from committee.usecases import exports

from .test_exports import (
    COMMUNE_EXAMPLE,
    COMMUNE_PRINTED,
    DISTRICT_EXAMPLE,
    DISTRICT_PRINTED,
    import_examples,
)

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")

pytestmark = pytest.mark.skipif(
    SOFFICE is None,
    reason="LibreOffice (soffice) is not installed; .ci/run installs libreoffice-calc",
)


def _poppler(program: str) -> str:
    found = shutil.which(program)
    if found is None:
        pytest.fail(f"{program} (Debian package poppler-utils) is needed to read the PDF")
    return found


def _pdf_text(pdf: Path) -> list[str]:
    """The PDF's words, NFC, in reading order."""
    extracted = subprocess.run(
        [_poppler("pdftotext"), "-enc", "UTF-8", str(pdf), "-"],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return unicodedata.normalize("NFC", extracted.stdout).split()


def _pages(pdf: Path) -> int:
    info = subprocess.run(
        [_poppler("pdfinfo"), str(pdf)], capture_output=True, text=True, timeout=60, check=True
    )
    (line,) = [line for line in info.stdout.splitlines() if line.startswith("Pages:")]
    return int(line.split()[1])


@pytest.fixture
def examples(database: Database) -> Database:
    return import_examples(database)


def _names(example: Path) -> list[str]:
    return [row.name for row in read_roster(example).rows]


def _appears(words: list[str], phrase: str) -> bool:
    """Whether the phrase's words come in order, each within a few words of the one before:
    a text wrapped in a table cell reads interleaved with the lines of the cells beside it."""
    wanted = phrase.split()
    for start, word in enumerate(words):
        if word != wanted[0]:
            continue
        place = start
        for following in wanted[1:]:
            window = words[place + 1 : place + 1 + _GAP]
            if following not in window:
                break
            place += 1 + window.index(following)
        else:
            return True
    return False


_GAP = 12  # words of the cells beside a wrapped cell, between two of its lines


def _words_in(words: list[str], *wanted: str) -> None:
    for phrase in wanted:
        assert _appears(words, phrase), phrase


def test_the_decision_converts_to_pdf(examples: Database, tmp_path: Path) -> None:
    with examples.session() as session:
        written = exports.export_decision(
            session, "294", output=tmp_path / "quyet-dinh.docx", pdf=True
        )
    assert written.pdf == tmp_path / "quyet-dinh.pdf"
    text = _pdf_text(written.pdf)
    _words_in(
        text,
        "ỦY BAN NHÂN DÂN",
        "HUYỆN THANH HÀ",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Số: 2105/QĐ-UBND",
        "Thanh Hà, ngày 12 tháng 6 năm 2023",
        "CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN THANH HÀ",
        "Điều 1.",
        "Điều 2.",
        "Điều 3.",
        "Nơi nhận:",
        "- Lưu: VT, CA.",
        "TM. ỦY BAN NHÂN DÂN",
        "DANH SÁCH",
    )
    # every heading of the Danh sách's table on whole words (a narrow column breaks
    # "Ghi chú" into "Gh i ch ú")
    _words_in(text, "STT", "Họ và tên", "Ghi chú")
    _words_in(text, *_names(DISTRICT_EXAMPLE), *DISTRICT_PRINTED)
    # two pages of decision (page 2 numbered), then the Danh sách on a page of its own
    assert _pages(written.pdf) == 3


def test_the_annex_converts_to_pdf(examples: Database, tmp_path: Path) -> None:
    with examples.session() as session:
        written = exports.export_roster(session, "10813", output=tmp_path / "ds.xlsx", pdf=True)
    assert written.pdf is not None
    text = _pdf_text(written.pdf)
    _words_in(
        text,
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "DANH SÁCH",
        "(Kèm theo Quyết định số 45/QĐ-UBND ngày 22 tháng 6 năm 2023 của UBND thị trấn Thanh Hà)",
        "TM. ỦY BAN NHÂN DÂN",
    )
    _words_in(text, *_names(COMMUNE_EXAMPLE), *COMMUNE_PRINTED)
    assert _pages(written.pdf) == 1


def test_the_district_workbook_converts_to_pdf_with_every_sheet(
    examples: Database, tmp_path: Path
) -> None:
    with examples.session() as session:
        written = exports.export_district(session, "294", output=tmp_path / "h.xlsx", pdf=True)
    assert written.pdf is not None
    text = _pdf_text(written.pdf)
    _words_in(text, *_names(DISTRICT_EXAMPLE), *_names(COMMUNE_EXAMPLE))
    _words_in(
        text,
        "TỔNG HỢP KẾT QUẢ KIỆN TOÀN",
        "Xã Hồng Lạc",
        "Chưa kiện toàn",
        "BCD404",
        "CÁC QUY TẮC KIỂM TRA VÀ CĂN CỨ",
        "NGƯỜI LẬP BIỂU",
        "Kết quả kiện toàn: Huyện Thanh Hà",
    )
    # summary (2 pages: the table, then counts and chart), findings, rules (3), two annexes
    assert 7 <= _pages(written.pdf) <= 10


def test_the_province_workbook_converts_to_pdf(examples: Database, tmp_path: Path) -> None:
    with examples.session() as session:
        written = exports.export_province(session, output=tmp_path / "t.xlsx", pdf=True)
    assert written.pdf is not None
    text = _pdf_text(written.pdf)
    _words_in(
        text,
        "TỔNG HỢP KẾT QUẢ KIỆN TOÀN BAN CHỈ ĐẠO 138 CẤP HUYỆN, CẤP XÃ",  # shrunk to fit: spaced
        "Huyện Thanh Hà",
        "Thị trấn Thanh Hà",
        "Hải Dương, ngày",
        "NGƯỜI LẬP BIỂU",
    )
    assert 15 <= _pages(written.pdf) <= 25


def test_an_existing_pdf_is_replaced_only_with_force(examples: Database, tmp_path: Path) -> None:
    (tmp_path / "ds.pdf").write_bytes(b"the clerk's own PDF")
    with examples.session() as session:
        with pytest.raises(exports.UserError, match="ds.pdf.*đã có"):
            exports.export_roster(session, "294", output=tmp_path / "ds.xlsx", pdf=True)
        assert not (tmp_path / "ds.xlsx").exists()  # refused before any work
        written = exports.export_roster(
            session, "294", output=tmp_path / "ds.xlsx", pdf=True, force=True
        )
    assert written.pdf is not None and written.pdf.read_bytes().startswith(b"%PDF")
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("ds")) == [
        "ds.pdf",
        "ds.xlsx",
    ]
