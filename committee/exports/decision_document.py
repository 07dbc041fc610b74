"""The Quyết định kiện toàn as a Word document, with its Danh sách, laid out after Nghị định
30/2020/NĐ-CP, Phụ lục I (python-docx).

Page one: the heading block in two columns (the issuing body in capitals, the national
heading and the motto, each with its short rule; "Số: …" and the place and date under
them), "QUYẾT ĐỊNH" and the trích yếu with a rule below, the issuer, the legal bases,
Điều 1–3, and "Nơi nhận:" beside the signature block. After a page break, the Danh sách:
its title, the line tying it to the decision, and the members' table with their official
titles. A4 portrait, the decree's margins, Times New Roman; the page number in the top
margin from page 2 on.

The words come from a DecisionDocument (committee/exports/records.py): the template's
texts and the decision's annex. The parts python-docx has no API for are in
committee/exports/docx_parts.py.
"""

from __future__ import annotations

from collections.abc import Sequence

from docx import Document
from docx.document import Document as WordDocument
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.shared import Cm, Mm, Pt
from docx.table import Table
from docx.text.paragraph import Paragraph

from committee.exports.document_text import (
    AGENCY,
    ANNEX_HEADERS,
    MOTTO,
    NATION,
    REFERENCE_BREAKS,
    issuing_body,
    place_and_date,
)
from committee.exports.docx_parts import add_page_number, draw_rule, repeat_first_row
from committee.exports.records import Annex, DecisionDocument, Signature
from committee.exports.safe_text import xml_text
from committee.exports.xlsx_style import (
    FONT_NAME,
    MARGIN_BOTTOM_MM,
    MARGIN_LEFT_MM,
    MARGIN_RIGHT_MM,
    MARGIN_TOP_MM,
    break_in_two,
    text_points,
)

PAGE_WIDTH_MM, PAGE_HEIGHT_MM = 210, 297
HEADER_DISTANCE_MM = 10
TEXT_WIDTH_PT = (PAGE_WIDTH_MM - MARGIN_LEFT_MM - MARGIN_RIGHT_MM) / 25.4 * 72
LEFT_COLUMN_MM = 58  # the heading block's left column; the right one takes the rest
RIGHT_COLUMN_MM = PAGE_WIDTH_MM - MARGIN_LEFT_MM - MARGIN_RIGHT_MM - LEFT_COLUMN_MM

HEADING_SIZE = 12  # the issuing body and "CỘNG HÒA …": 12–13 pt bold capitals
MOTTO_SIZE = 14  # "Độc lập - Tự do - Hạnh phúc": 13–14 pt bold
BODY_SIZE = 14  # the text: 13–14 pt
NUMBER_SIZE = 13  # "Số: …" 13 pt; the place and date 13–14 pt italic
RECIPIENTS_HEADING_SIZE = 12  # "Nơi nhận:" 12 pt bold italic
RECIPIENTS_SIZE = 11  # the recipients: 11 pt
TABLE_SIZE = 13
FIRST_LINE_INDENT = Cm(1)
SIGNATURE_GAP = 4  # empty lines for the signature and the seal
AGENCY_RULE_SHARE = 0.4  # of the issuing body's line (NĐ 30: 1/3 to 1/2)
SUMMARY_RULE_PT = 110.0  # under the trích yếu and the annex's title

DECISION_KIND = "QUYẾT ĐỊNH"
DECIDES = "QUYẾT ĐỊNH:"
RECIPIENTS_HEADING = "Nơi nhận:"
ANNEX_KIND = "DANH SÁCH"
ARTICLE = "Điều {number}."
# The Danh sách columns, summing to the text width (165 mm); "Ghi chú" fits on one line.
ANNEX_WIDTHS_MM = (13, 33, 43, 28, 32, 16)


def _text(paragraph: Paragraph, value: str, size: float, *, bold: bool = False,
          italic: bool = False) -> Paragraph:  # fmt: skip
    run = paragraph.add_run(xml_text(value))
    run.font.name = FONT_NAME
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.italic = italic
    return paragraph


def _paragraph(
    container: WordDocument | object,
    value: str = "",
    size: float = BODY_SIZE,
    *,
    bold: bool = False,
    italic: bool = False,
    align: WD_ALIGN_PARAGRAPH = WD_ALIGN_PARAGRAPH.CENTER,
    before: float = 0,
    after: float = 0,
) -> Paragraph:
    paragraph = container.add_paragraph()  # type: ignore[attr-defined]
    paragraph.alignment = align
    paragraph.paragraph_format.space_before = Pt(before)
    paragraph.paragraph_format.space_after = Pt(after)
    if value:
        _text(paragraph, value, size, bold=bold, italic=italic)
    return paragraph


def _cell_paragraph(cell: object, first: bool) -> Paragraph:
    """The cell's first (empty) paragraph the first time, a new one after."""
    return cell.paragraphs[0] if first else cell.add_paragraph()  # type: ignore[attr-defined]


def _rule(container: object, length: float, room: float) -> None:
    draw_rule(_paragraph(container, size=4), length, room)


def _set_up(document: WordDocument) -> None:
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(PAGE_WIDTH_MM), Mm(PAGE_HEIGHT_MM)
    section.top_margin, section.bottom_margin = Mm(MARGIN_TOP_MM), Mm(MARGIN_BOTTOM_MM)
    section.left_margin, section.right_margin = Mm(MARGIN_LEFT_MM), Mm(MARGIN_RIGHT_MM)
    section.header_distance = Mm(HEADER_DISTANCE_MM)
    normal = document.styles["Normal"]
    normal.font.name = FONT_NAME
    normal.font.size = Pt(BODY_SIZE)
    normal.paragraph_format.space_after = Pt(0)
    # the page number at the top centre, from page 2 on (page 1 has a header of its own)
    section.different_first_page_header_footer = True
    number = section.header.paragraphs[0]
    number.alignment = WD_ALIGN_PARAGRAPH.CENTER
    add_page_number(number)
    for run in number.runs:
        run.font.size = Pt(BODY_SIZE)


def _borderless(document: WordDocument, rows: int, widths_mm: Sequence[float]) -> Table:
    table = document.add_table(rows=rows, cols=len(widths_mm))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _widths(table, widths_mm)
    return table


def _widths(table: Table, widths_mm: Sequence[float]) -> None:
    """Fixed column widths: the table's grid (which LibreOffice follows) and every cell
    (which Word follows)."""
    table.autofit = False
    for column, width in zip(table.columns, widths_mm, strict=True):
        column.width = Mm(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths_mm, strict=True):
            cell.width = Mm(width)


def _heading_block(document: WordDocument, annex: Annex) -> None:
    table = _borderless(document, 2, (LEFT_COLUMN_MM, RIGHT_COLUMN_MM))
    left, right = table.rows[0].cells
    body = issuing_body(annex.unit)
    _text(
        _cell_paragraph(left, True), AGENCY, HEADING_SIZE, bold=True
    ).alignment = WD_ALIGN_PARAGRAPH.CENTER
    _paragraph(left, body, HEADING_SIZE, bold=True)
    left_room = LEFT_COLUMN_MM / 25.4 * 72
    _rule(left, text_points(body, HEADING_SIZE, bold=True) * AGENCY_RULE_SHARE, left_room)
    _text(
        _cell_paragraph(right, True), NATION, HEADING_SIZE, bold=True
    ).alignment = WD_ALIGN_PARAGRAPH.CENTER
    _paragraph(right, MOTTO, MOTTO_SIZE, bold=True)
    right_room = RIGHT_COLUMN_MM / 25.4 * 72
    _rule(right, text_points(MOTTO, MOTTO_SIZE, bold=True), right_room)
    number, place = table.rows[1].cells
    _text(
        _cell_paragraph(number, True), f"Số: {annex.number}", NUMBER_SIZE
    ).alignment = WD_ALIGN_PARAGRAPH.CENTER
    number.paragraphs[0].paragraph_format.space_before = Pt(6)
    dated = _text(
        _cell_paragraph(place, True),
        place_and_date(annex.unit, annex.signed_on),
        BODY_SIZE,
        italic=True,
    )
    dated.alignment = WD_ALIGN_PARAGRAPH.CENTER
    dated.paragraph_format.space_before = Pt(6)


def _body(document: WordDocument, decision: DecisionDocument) -> None:
    texts = decision.texts
    _paragraph(document, DECISION_KIND, BODY_SIZE, bold=True, before=18)
    _paragraph(document, texts.summary, BODY_SIZE, bold=True)
    _rule(document, SUMMARY_RULE_PT, TEXT_WIDTH_PT)
    _paragraph(document, texts.issuer_heading, BODY_SIZE, bold=True, before=12, after=12)
    for basis in texts.legal_bases:
        paragraph = _paragraph(
            document, basis, BODY_SIZE, italic=True, align=WD_ALIGN_PARAGRAPH.JUSTIFY, after=6
        )
        paragraph.paragraph_format.first_line_indent = FIRST_LINE_INDENT
    _paragraph(document, DECIDES, BODY_SIZE, bold=True, before=6, after=6)
    for number, article in enumerate(texts.articles, start=1):
        for index, text in enumerate(article):
            paragraph = _paragraph(document, align=WD_ALIGN_PARAGRAPH.JUSTIFY, after=6)
            paragraph.paragraph_format.first_line_indent = FIRST_LINE_INDENT
            if index == 0:
                _text(paragraph, f"{ARTICLE.format(number=number)} ", BODY_SIZE, bold=True)
            _text(paragraph, text, BODY_SIZE)


def _signature_block(document: WordDocument, decision: DecisionDocument) -> None:
    table = _borderless(document, 1, (75, 90))
    recipients, signer = table.rows[0].cells
    first = _cell_paragraph(recipients, True)
    first.paragraph_format.space_before = Pt(12)
    _text(first, RECIPIENTS_HEADING, RECIPIENTS_HEADING_SIZE, bold=True, italic=True)
    for recipient in decision.texts.recipients:
        _paragraph(recipients, f"- {recipient}", RECIPIENTS_SIZE, align=WD_ALIGN_PARAGRAPH.LEFT)
    signature = decision.annex.signature or Signature("", "", "")
    authority = _text(_cell_paragraph(signer, True), signature.authority, BODY_SIZE, bold=True)
    authority.alignment = WD_ALIGN_PARAGRAPH.CENTER
    authority.paragraph_format.space_before = Pt(12)
    _paragraph(signer, signature.post, BODY_SIZE, bold=True)
    for _ in range(SIGNATURE_GAP):
        _paragraph(signer)
    _paragraph(signer, signature.name, BODY_SIZE, bold=True)


def _annex(document: WordDocument, annex: Annex) -> None:
    breaker = document.add_paragraph()
    breaker.add_run().add_break(WD_BREAK.PAGE)
    _paragraph(document, ANNEX_KIND, BODY_SIZE, bold=True)
    _paragraph(document, annex.committee_line, BODY_SIZE, bold=True)
    reference = break_in_two(annex.decision_line, TEXT_WIDTH_PT, BODY_SIZE, before=REFERENCE_BREAKS)
    line = _paragraph(document, align=WD_ALIGN_PARAGRAPH.CENTER)
    for index, part in enumerate(reference.split("\n")):
        if index:
            line.add_run().add_break(WD_BREAK.LINE)
        _text(line, part, BODY_SIZE, italic=True)
    _rule(document, SUMMARY_RULE_PT, TEXT_WIDTH_PT)
    _paragraph(document, size=6)
    table = document.add_table(rows=1 + len(annex.lines), cols=len(ANNEX_HEADERS))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _widths(table, ANNEX_WIDTHS_MM)
    values = [ANNEX_HEADERS] + [
        (str(number), line.name, line.printed_title, line.role.label, line.duties, line.note)
        for number, line in enumerate(annex.lines, start=1)
    ]
    for number, (row, row_values) in enumerate(zip(table.rows, values, strict=True)):
        header = number == 0
        for index, (cell, value) in enumerate(zip(row.cells, row_values, strict=True)):
            cell.vertical_alignment = (
                WD_CELL_VERTICAL_ALIGNMENT.CENTER if header else WD_CELL_VERTICAL_ALIGNMENT.TOP
            )
            paragraph = _text(cell.paragraphs[0], value, TABLE_SIZE, bold=header)
            centred = header or index == 0
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER if centred else WD_ALIGN_PARAGRAPH.LEFT
    repeat_first_row(table)


def decision_document(decision: DecisionDocument) -> WordDocument:
    """The Quyết định and its Danh sách, as a python-docx Document ready to save."""
    document = Document()
    _set_up(document)
    annex = decision.annex
    _heading_block(document, annex)
    _body(document, decision)
    _signature_block(document, decision)
    _annex(document, annex)
    properties = document.core_properties
    properties.title = xml_text(f"Quyết định số {annex.number}: {decision.texts.summary}")[:255]
    properties.subject = xml_text(decision.texts.summary)[:255]
    properties.author = "bcd138"
    return document
