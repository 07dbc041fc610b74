"""Times New Roman 12 as the document font of an exported workbook.

The document font is font 0 of the file's styles part, the font of its "Normal" style:
unstyled cells use it, and Excel and LibreOffice measure column widths in its digit
width, which the widths of committee/exports/xlsx_style.py are computed in. openpyxl 3.1
has no public way to set it: a Workbook starts with Calibri 11
(openpyxl.styles.fonts.DEFAULT_FONT), the Normal style cannot be replaced
(`add_named_style` refuses a name that exists) nor reached (`Workbook.named_styles` lists
names only), and a template opened with `load_workbook` is never a write-only workbook,
which the province export is (tests/exports/test_export_safety.py shows each of these).

So `save_in_document_font` lets openpyxl write the whole file through its public
`save`, then replaces font 0 in the written package's `xl/styles.xml` (an Office Open
XML part, read and written with lxml, which python-docx and openpyxl already bring): the
font element is openpyxl's own serialisation of the document font (`Font.to_tree`). A
package without the part or the font it expects is an error that says so, rather than a
file quietly in Calibri.
"""

from __future__ import annotations

import io
import zipfile
from typing import Any, BinaryIO

from lxml import etree
from openpyxl import Workbook
from openpyxl.xml.functions import tostring

from committee.exports.xlsx_style import DEFAULT_SIZE, font

STYLES_PART = "xl/styles.xml"
MAIN_NAMESPACE = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


class UnexpectedWorkbookPackage(RuntimeError):
    """The package openpyxl wrote has no styles part or no font 0 to replace."""


def _document_font_children() -> list[Any]:
    """The children of the document font's <font> element, in the main namespace."""
    written = etree.fromstring(tostring(font(DEFAULT_SIZE).to_tree()))
    children = []
    for child in written:
        name = etree.QName(child).localname
        children.append(etree.Element(f"{{{MAIN_NAMESPACE}}}{name}", dict(child.attrib)))
    return children


def with_document_font(styles_xml: bytes) -> bytes:
    """The styles part with font 0 (the Normal style's font) set to the document font."""
    root = etree.fromstring(styles_xml)
    first = root.find(f"{{{MAIN_NAMESPACE}}}fonts/{{{MAIN_NAMESPACE}}}font")
    if first is None:
        raise UnexpectedWorkbookPackage(f"{STYLES_PART} has no font to set")
    for child in list(first):
        first.remove(child)
    first.extend(_document_font_children())
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def save_in_document_font(workbook: Workbook, stream: BinaryIO) -> None:
    """Write `workbook` to `stream` as openpyxl saves it, in the document font."""
    written = io.BytesIO()
    workbook.save(written)
    written.seek(0)
    with zipfile.ZipFile(written) as source, zipfile.ZipFile(stream, "w") as target:
        if STYLES_PART not in source.namelist():
            raise UnexpectedWorkbookPackage(f"the workbook has no {STYLES_PART}")
        for item in source.infolist():
            content = source.read(item)
            if item.filename == STYLES_PART:
                content = with_document_font(content)
            target.writestr(item, content, compress_type=item.compress_type)
