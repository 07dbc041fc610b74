"""The Quyết định as a Word document (committee/exports/decision_document.py), written for
real and read back with python-docx: page and margins, fonts and sizes, the heading block
with its drawn rules, Điều 1–3, the signature block, and the Danh sách with every member
and their official titles. The texts come from data/templates/quyet-dinh-kien-toan.toml."""

from __future__ import annotations

import tomllib
import zipfile
from datetime import date
from pathlib import Path

import pytest
from docx import Document
from docx.document import Document as WordDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm
from docx.text.paragraph import Paragraph

from committee import paths
from committee.domain.errors import UserError
from committee.exports.annex import HEADERS
from committee.exports.decision_template import TEMPLATE_FILE, read_decision_template
from committee.store.database import Database
from committee.usecases.decisions import current_decision
from committee.usecases.exports import export_decision, load_decision_document

from .test_exports import (
    COMMUNE_PRINTED,
    DISTRICT_EXAMPLE,
    DISTRICT_PRINTED,
    _import,
    import_examples,
)


@pytest.fixture
def examples(database: Database) -> Database:
    return import_examples(database)


def _export(examples: Database, tmp_path: Path, unit: str = "294", **options: object) -> Path:
    with examples.session() as session:
        return export_decision(
            session,
            unit,
            output=tmp_path / f"qd-{unit}.docx",
            **options,  # type: ignore[arg-type]
        ).path


def _read(path: Path) -> WordDocument:
    return Document(str(path))


def _text(paragraph: Paragraph) -> str:
    return paragraph.text


def _paragraphs(document: WordDocument) -> list[str]:
    return [paragraph.text for paragraph in document.paragraphs]


def _has_rule(paragraph: Paragraph) -> bool:
    properties = paragraph.paragraph_format.element.pPr
    return (
        properties is not None and properties.find(f"{qn('w:pBdr')}/{qn('w:bottom')}") is not None
    )


def test_page_is_a4_portrait_with_the_decrees_margins(examples: Database, tmp_path: Path) -> None:
    section = _read(_export(examples, tmp_path)).sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert section.page_width < section.page_height
    assert 20 <= round(section.top_margin.mm) <= 25
    assert 20 <= round(section.bottom_margin.mm) <= 25
    assert 30 <= round(section.left_margin.mm) <= 35
    assert 15 <= round(section.right_margin.mm) <= 20


def test_every_run_is_times_new_roman_at_the_decrees_sizes(
    examples: Database, tmp_path: Path
) -> None:
    document = _read(_export(examples, tmp_path))
    assert document.styles["Normal"].font.name == "Times New Roman"
    runs = [run for paragraph in document.paragraphs for run in paragraph.runs]
    runs += [
        run
        for table in document.tables
        for row in table.rows
        for cell in row.cells
        for paragraph in cell.paragraphs
        for run in paragraph.runs
    ]
    assert runs
    for run in runs:
        if run.text.strip():
            assert run.font.name == "Times New Roman", run.text
            assert 11 <= run.font.size.pt <= 14, run.text


def test_the_heading_block_in_two_columns_with_drawn_rules(
    examples: Database, tmp_path: Path
) -> None:
    document = _read(_export(examples, tmp_path))
    heading = document.tables[0]
    left, right = heading.rows[0].cells
    assert [p.text for p in left.paragraphs if p.text] == ["ỦY BAN NHÂN DÂN", "HUYỆN THANH HÀ"]
    assert [p.text for p in right.paragraphs if p.text] == [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
    ]
    nation, motto = (p for p in right.paragraphs if p.text)
    assert nation.runs[0].font.bold and 12 <= nation.runs[0].font.size.pt <= 13
    assert motto.runs[0].font.bold and 13 <= motto.runs[0].font.size.pt <= 14
    for cell in (left, right):
        body = [p for p in cell.paragraphs if p.text][-1]
        assert not any(run.font.underline for run in body.runs)  # a rule, not an underline
        rule = cell.paragraphs[-1]
        assert rule.text == "" and _has_rule(rule)
    # the agency's rule is 1/3 to 1/2 of its line, the motto's about as long as the motto
    column = Mm(58).pt
    agency_rule = left.paragraphs[-1].paragraph_format
    agency_length = column - agency_rule.left_indent.pt - agency_rule.right_indent.pt
    assert 20 <= agency_length <= 60
    assert agency_rule.left_indent == agency_rule.right_indent  # centred
    number, place = heading.rows[1].cells
    assert number.text == "Số: 2105/QĐ-UBND"
    assert place.text == "Thanh Hà, ngày 12 tháng 6 năm 2023"
    assert all(run.font.italic for run in place.paragraphs[0].runs)
    assert not any(run.font.italic for run in number.paragraphs[0].runs)


def test_title_legal_bases_and_articles(examples: Database, tmp_path: Path) -> None:
    document = _read(_export(examples, tmp_path))
    paragraphs = document.paragraphs
    texts = [p.text for p in paragraphs]
    title = texts.index("QUYẾT ĐỊNH")
    assert texts[title + 1] == (
        "Về việc kiện toàn Ban Chỉ đạo phòng, chống tội phạm, tệ nạn xã hội và xây dựng "
        "phong trào toàn dân bảo vệ an ninh Tổ quốc huyện Thanh Hà"
    )
    assert all(run.font.bold for run in paragraphs[title + 1].runs)
    assert paragraphs[title].alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert _has_rule(paragraphs[title + 2])  # the rule under the trích yếu
    assert texts[title + 3] == "CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN THANH HÀ"
    bases = [text for text in texts if text.startswith(("Căn cứ", "Theo đề nghị"))]
    assert bases[0].startswith("Căn cứ Luật Tổ chức chính quyền địa phương")
    assert "Chỉ thị số 40-CT/TU" in bases[1]
    assert bases[-1] == "Theo đề nghị của Trưởng Công an huyện Thanh Hà."
    for paragraph in paragraphs:
        if paragraph.text.startswith("Căn cứ"):
            assert all(run.font.italic for run in paragraph.runs)
    assert "QUYẾT ĐỊNH:" in texts
    articles = [p for p in paragraphs if p.text.startswith("Điều ")]
    assert [p.text.split(".")[0] for p in articles] == ["Điều 1", "Điều 2", "Điều 3"]
    for paragraph in articles:
        assert paragraph.runs[0].font.bold and paragraph.runs[0].text.startswith("Điều")
        assert not paragraph.runs[1].font.bold
    assert "Danh sách kèm theo Quyết định này" in articles[0].text
    article_2 = texts[texts.index(articles[1].text) : texts.index(articles[2].text)]
    assert any("Quy chế hoạt động" in text for text in article_2)
    assert any("phân công nhiệm vụ" in text for text in article_2)
    assert article_2[-1] == "Quyết định này có hiệu lực kể từ ngày ký."  # replaces nothing
    assert "chịu trách nhiệm thi hành Quyết định này" in articles[2].text


def test_a_decision_that_replaces_another_says_so(examples: Database, tmp_path: Path) -> None:
    _import(examples, DISTRICT_EXAMPLE, "294", number="2290/QĐ-UBND", signed_on=date(2024, 3, 1))
    texts = _paragraphs(_read(_export(examples, tmp_path)))
    assert (
        "Quyết định này có hiệu lực kể từ ngày ký và thay thế Quyết định số 2105/QĐ-UBND ngày "
        "12 tháng 6 năm 2023 của Chủ tịch Ủy ban nhân dân huyện Thanh Hà về việc kiện toàn "
        "Ban Chỉ đạo 138 huyện Thanh Hà."
    ) in texts


def test_recipients_and_the_signature_block(examples: Database, tmp_path: Path) -> None:
    document = _read(_export(examples, tmp_path))
    recipients, signer = document.tables[1].rows[0].cells
    lines = [p for p in recipients.paragraphs if p.text]
    assert lines[0].text == "Nơi nhận:"
    assert lines[0].runs[0].font.bold and lines[0].runs[0].font.italic
    assert lines[0].runs[0].font.size.pt == 12
    assert lines[1].text == "- Như Điều 3;"
    assert lines[-1].text == "- Lưu: VT, CA."
    assert all(line.runs[0].font.size.pt == 11 for line in lines[1:])
    signature = [p for p in signer.paragraphs if p.text]
    assert [p.text for p in signature] == ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Hồ Văn Minh"]
    assert all(p.runs[0].font.bold for p in signature)
    assert len(signer.paragraphs) >= len(signature) + 3  # room for the signature and seal


def test_a_vice_chair_signs_on_the_chairs_behalf(examples: Database, tmp_path: Path) -> None:
    with examples.transaction() as session:
        decision = current_decision(session, "294")
        assert decision is not None
        decision.signer = "Khúc Thị Dung"  # the Phó Chủ tịch UBND on the roster
        session.add(decision)
    signer = _read(_export(examples, tmp_path)).tables[1].rows[0].cells[1]
    assert [p.text for p in signer.paragraphs if p.text] == [
        "KT. CHỦ TỊCH",
        "PHÓ CHỦ TỊCH",
        "Khúc Thị Dung",
    ]


@pytest.mark.parametrize(
    ("unit", "printed"), [("294", DISTRICT_PRINTED), ("10813", COMMUNE_PRINTED)]
)
def test_the_danh_sach_follows_a_page_break_with_every_member(
    examples: Database, tmp_path: Path, unit: str, printed: list[str]
) -> None:
    path = _export(examples, tmp_path, unit)
    document = _read(path)
    texts = _paragraphs(document)
    start = texts.index("DANH SÁCH")
    with zipfile.ZipFile(path) as archive:
        body = archive.read("word/document.xml").decode("utf-8")
    assert body.count('w:type="page"') == 1
    assert body.index('w:type="page"') < body.index(">DANH SÁCH<")
    assert texts[start + 1].startswith("Thành viên Ban Chỉ đạo phòng, chống tội phạm")
    assert texts[start + 2].startswith("(Kèm theo Quyết định số ")
    table = document.tables[-1]
    header = [cell.text for cell in table.rows[0].cells]
    assert header == list(HEADERS)  # the same columns as the Excel annex
    assert all(cell.paragraphs[0].runs[0].font.bold for cell in table.rows[0].cells)
    rows = [[cell.text for cell in row.cells] for row in table.rows[1:]]
    assert [row[0] for row in rows] == [str(n) for n in range(1, len(printed) + 1)]
    assert [row[2] for row in rows] == printed
    with examples.session() as session:
        annex = load_decision_document(session, unit).annex
    assert [row[1] for row in rows] == [line.name for line in annex.lines]
    assert [row[4] for row in rows] == [line.duties for line in annex.lines]
    assert table.style.name == "Table Grid"


def test_page_numbers_in_the_top_margin_from_page_two(examples: Database, tmp_path: Path) -> None:
    path = _export(examples, tmp_path)
    section = _read(path).sections[0]
    assert section.different_first_page_header_footer
    assert section.first_page_header.paragraphs[0].text == ""
    header = section.header.paragraphs[0]
    assert header.alignment == WD_ALIGN_PARAGRAPH.CENTER
    with zipfile.ZipFile(path) as archive:
        headers = [archive.read(n).decode() for n in archive.namelist() if "header" in n]
    assert any('w:instr="PAGE"' in text for text in headers)


def test_default_name_force_and_a_draft_without_a_date(
    examples: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(paths, "EXPORTS_DIR", tmp_path / "exports")
    with examples.session() as session:
        path = export_decision(session, "10813").path
        assert path == tmp_path / "exports" / "quyet-dinh-10813-45-QD-UBND.docx"
        with pytest.raises(UserError, match="đã có; thêm --force"):
            export_decision(session, "10813")
        assert export_decision(session, "10813", force=True).path == path
        with pytest.raises(UserError, match=r"đuôi \.docx"):
            export_decision(session, "10813", output=tmp_path / "qd.xlsx")
        with pytest.raises(UserError, match="cấp tỉnh"):
            export_decision(session, "30")


def test_a_broken_template_is_refused_naming_the_key() -> None:
    with TEMPLATE_FILE.open("rb") as handle:
        raw = tomllib.load(handle)
    raw["summary"] = "Về việc {unknown}"
    with pytest.raises(UserError, match=r"mục «summary».*\{unknown\}"):
        read_decision_template(raw, "mau.toml")
    raw["summary"], raw["legal_bases"] = "Về việc", "Căn cứ"
    with pytest.raises(UserError, match="mục «legal_bases»: phải là một danh sách"):
        read_decision_template(raw, "mau.toml")
    with pytest.raises(UserError, match="mục «levels»"):
        read_decision_template({}, "mau.toml")
