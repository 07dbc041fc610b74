"""Exported workbooks open in LibreOffice: an annex and a district workbook are converted to
PDF with `soffice --headless --convert-to pdf`, and the PDF's text holds the members' names
with their diacritics. .ci/run installs LibreOffice and poppler-utils (pdftotext)."""

from __future__ import annotations

import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest

from committee.rosters.roster_reader import read_roster
from committee.store.database import Database
from committee.usecases.exports import write_district_workbook, write_roster_annex

from .test_exports import COMMUNE_EXAMPLE, DISTRICT_EXAMPLE, import_examples

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")

pytestmark = pytest.mark.skipif(
    SOFFICE is None,
    reason="LibreOffice (soffice) is not installed; .ci/run installs libreoffice-calc",
)


def _pdf_text(workbook: Path, folder: Path) -> str:
    """Convert with LibreOffice, in a profile of its own, and extract the text (NFC)."""
    pdftotext = shutil.which("pdftotext")
    if pdftotext is None:
        pytest.fail("pdftotext (Debian package poppler-utils) is needed to read the PDF")
    profile = folder / "libreoffice-profile"
    converted = subprocess.run(
        [
            str(SOFFICE),
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            str(workbook),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    pdf = folder / f"{workbook.stem}.pdf"
    assert pdf.exists(), f"soffice made no PDF: {converted.stdout} {converted.stderr}"
    extracted = subprocess.run(
        [pdftotext, "-enc", "UTF-8", str(pdf), "-"],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return unicodedata.normalize("NFC", extracted.stdout)


@pytest.fixture
def examples(database: Database) -> Database:
    return import_examples(database)


def _names(example: Path) -> list[str]:
    return [row.name for row in read_roster(example).rows]


def test_the_annex_converts_to_pdf_with_its_names(examples: Database, tmp_path: Path) -> None:
    with examples.session() as session:
        annex = write_roster_annex(session, "294", output=tmp_path / "phu-luc-294.xlsx")
    text = _pdf_text(annex, tmp_path)
    assert "Hồ Văn Minh" in text
    for name in _names(DISTRICT_EXAMPLE):
        assert name in text, name
    for words in ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "DANH SÁCH"):
        assert words in text, words
    assert "2105/QĐ-UBND" in text


def test_the_district_workbook_converts_to_pdf_with_every_sheet(
    examples: Database, tmp_path: Path
) -> None:
    with examples.session() as session:
        workbook = write_district_workbook(session, "294", output=tmp_path / "huyen-294.xlsx")
    text = _pdf_text(workbook, tmp_path)
    for name in (*_names(DISTRICT_EXAMPLE), *_names(COMMUNE_EXAMPLE)):
        assert name in text, name
    for words in ("TỔNG HỢP KẾT QUẢ KIỆN TOÀN", "Xã Hồng Lạc", "Chưa kiện toàn", "BCD404"):
        assert words in text, words
