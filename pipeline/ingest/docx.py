"""Text out of .docx files with python-docx: paragraphs and table rows, in order.

The "original" of a docx document is this extracted text (paragraphs joined by
newlines, table cells by tabs); offsets refer to it.
"""

from __future__ import annotations

import zipfile
from io import BytesIO

from ..errors import Errors

BAD_DOCX = (zipfile.BadZipFile, KeyError, ValueError, OSError)


def read_docx(raw: bytes, label: str, max_total: int) -> tuple[str, str | None] | str:
    """``(text, title)`` of a docx, or an error message."""
    try:
        with zipfile.ZipFile(BytesIO(raw)) as zf:
            expanded = sum(info.file_size for info in zf.infolist())
    except BAD_DOCX as err:
        return Errors.E114.format(path=label, kind="docx", reason=f"not a docx package ({err})")
    if expanded > max_total:
        return Errors.E108.format(path=label, reason=f"{expanded} bytes expanded")
    try:
        import docx
        from docx.table import Table
        from docx.text.paragraph import Paragraph

        document = docx.Document(BytesIO(raw))
    except BAD_DOCX as err:
        return Errors.E114.format(path=label, kind="docx", reason=err)
    lines: list[str] = []
    for child in document.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append(Paragraph(child, document).text)
        elif tag == "tbl":
            lines.extend(_table_rows(Table(child, document)))
    title = document.core_properties.title or None
    return "\n".join(lines), title


def _table_rows(table) -> list[str]:
    rows = []
    for row in table.rows:
        cells: list[str] = []
        for cell in row.cells:
            text = cell.text.replace("\n", " ").strip()
            if not cells or cells[-1] != text:  # merged cells repeat their text
                cells.append(text)
        rows.append("\t".join(cells))
    return rows
