"""The few parts of a Word document python-docx has no API for, made with its public
helpers for that purpose (`docx.oxml.OxmlElement`, `docx.oxml.ns.qn`): the one module of
bcd138 that builds WordprocessingML elements itself. A paragraph's element is reached
through the public `ParagraphFormat.element`, and a table row's from its first paragraph
with lxml's `getparent()`.

- a short rule: a paragraph's bottom border, the paragraph indented so that the line has
  the length asked for, centred under the text above (Nghị định 30 draws the rules under
  the heading block and the trích yếu as lines, not as underlined text);
- the page number (a PAGE field) for the header;
- a table row repeated at the top of each page (the annex's header row).
"""

from __future__ import annotations

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt
from docx.table import Table
from docx.text.paragraph import Paragraph

RULE_WEIGHT_EIGHTHS = 6  # the rule's thickness in eighths of a point: 0.75 pt
# What follows w:pBdr in a paragraph's properties (ECMA-376, CT_PPrBase): the border goes
# before the first of these that is there, as Word requires.
_AFTER_BORDERS = (
    "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap",
    "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi",
    "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing",
    "w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment",
    "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr",
    "w:pPrChange",
)  # fmt: skip


def draw_rule(paragraph: Paragraph, length: float, room: float) -> None:
    """Make an empty `paragraph` a horizontal line `length` points long, centred in a
    space `room` points wide."""
    side = max((room - length) / 2, 0)
    paragraph.paragraph_format.left_indent = Pt(side)
    paragraph.paragraph_format.right_indent = Pt(side)
    paragraph.paragraph_format.space_before = Pt(0)
    paragraph.paragraph_format.space_after = Pt(0)
    properties = paragraph.paragraph_format.element.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    bottom.set(qn("w:val"), "single")
    bottom.set(qn("w:sz"), str(RULE_WEIGHT_EIGHTHS))
    bottom.set(qn("w:space"), "1")
    bottom.set(qn("w:color"), "000000")
    borders.append(bottom)
    properties.insert_element_before(borders, *_AFTER_BORDERS)


def add_page_number(paragraph: Paragraph) -> None:
    """Append the current page's number (a PAGE field) to `paragraph`."""
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "2"  # shown until the field is updated; Word and LibreOffice update it
    run.append(text)
    field.append(run)
    paragraph.paragraph_format.element.append(field)


def repeat_first_row(table: Table) -> None:
    """Repeat the table's first row at the top of every page the table runs onto."""
    first = table.rows[0].cells[0].paragraphs[0].paragraph_format.element
    row = first.getparent().getparent()  # w:p in w:tc in w:tr
    properties = row.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)
