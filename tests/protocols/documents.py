"""Builders of small test documents (.docx, .pdf, .odt, .rtf) made in memory."""

from __future__ import annotations

import io
import zlib
from collections.abc import Sequence
from typing import Any

_CMAP_HEAD = (
    "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
    "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
    "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
    "1 begincodespacerange\n<00> <FF>\nendcodespacerange\n"
)
_CMAP_TAIL = "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n"


def _pdf_string(codes: bytes) -> bytes:
    out = bytearray(b"(")
    for byte in codes:
        if byte in b"()\\":
            out += b"\\" + bytes([byte])
        elif byte < 32 or byte > 126:
            out += f"\\{byte:03o}".encode()
        else:
            out.append(byte)
    return bytes(out + b")")


def make_pdf(pages: Sequence[Sequence[str]], *, text: bool = True) -> bytes:
    """A PDF whose pages show the given lines, with a ToUnicode map so text can be extracted.

    ``text=False`` draws only boxes: a page without a text layer, like a scan.
    """
    chars = {ch for page in pages for line in page for ch in line}
    code = _font_codes(chars)
    contents = []
    for page in pages:
        ops = [b"0.5 w 40 40 515 760 re S"]
        if text:
            ops.append(b"BT /F1 10 Tf 12 TL 50 790 Td")
            for line in page:
                ops.append(_pdf_string(bytes(code[ch] for ch in line)) + b" Tj T*")
            ops.append(b"ET")
        contents.append(b"\n".join(ops))
    return _pdf_file(contents, code)


#: What a drawn page holds: text at (x, y) of its baseline, or a line from (x0, y0) to
#: (x1, y1); y counts from the bottom of an A4 page (842 points high).
PdfItem = tuple[float, float, str] | tuple[float, float, float, float]


def make_pdf_drawn(pages: Sequence[Sequence[PdfItem]]) -> bytes:
    """A PDF whose pages place text and draw lines where they say, as a word processor lays
    out a page: columns side by side, tables ruled with lines, page numbers at the foot."""
    chars = {ch for page in pages for item in page if len(item) == 3 for ch in str(item[2])}
    code = _font_codes(chars)
    contents = []
    for page in pages:
        ops = [b"0.5 w"]
        for item in page:
            if len(item) == 3:
                x, y, line = item
                ops.append(
                    f"BT /F1 10 Tf 1 0 0 1 {x} {y} Tm ".encode("ascii")
                    + _pdf_string(bytes(code[ch] for ch in str(line)))
                    + b" Tj ET"
                )
            else:
                x0, y0, x1, y1 = item
                ops.append(f"{x0} {y0} m {x1} {y1} l S".encode("ascii"))
        contents.append(b"\n".join(ops))
    return _pdf_file(contents, code)


def pdf_table(
    rows: Sequence[Sequence[str]], top: float, columns: Sequence[float] = (40, 80, 300, 420, 555)
) -> list[PdfItem]:
    """A table ruled with lines whose top edge is at ``top``: one text line per cell."""
    items: list[PdfItem] = []
    y = top
    for row in rows:
        for x, value in zip(columns, row, strict=False):
            items.append((x + 3, y - 14, value))
        items.append((columns[0], y, columns[-1], y))
        y -= 20
    items.append((columns[0], y, columns[-1], y))
    items.extend((x, top, x, y) for x in columns)
    return items


def _font_codes(chars: set[str]) -> dict[str, int]:
    if len(chars) > 250:
        raise ValueError("too many distinct characters for a one-byte font")
    return {ch: index + 1 for index, ch in enumerate(sorted(chars))}


def _pdf_file(contents: Sequence[bytes], code: dict[str, int]) -> bytes:
    """A PDF of pages with the given content streams, drawn in a one-byte font of ``code``."""
    chars = sorted(code, key=code.__getitem__)
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    def stream(data: bytes) -> bytes:
        packed = zlib.compress(data)
        return (
            b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(packed)
            + packed
            + (b"\nendstream")
        )

    entries = [f"<{code[ch]:02X}> <{ord(ch):04X}>" for ch in chars]
    blocks = []
    for start in range(0, len(entries), 100):
        chunk = entries[start : start + 100]
        blocks.append(f"{len(chunk)} beginbfchar\n" + "\n".join(chunk) + "\nendbfchar\n")
    cmap_id = add(stream((_CMAP_HEAD + "".join(blocks) + _CMAP_TAIL).encode("ascii")))
    widths = " ".join("500" for _ in chars) or "500"
    font_id = add(
        (
            f"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /FirstChar 1 "
            f"/LastChar {max(len(chars), 1)} /Widths [{widths}] /ToUnicode {cmap_id} 0 R >>"
        ).encode("ascii")
    )
    page_ids: list[int] = []
    pages_id_placeholder = len(objects) + 1
    add(b"")  # the page tree, filled in below
    for content in contents:
        content_id = add(stream(content))
        page_ids.append(
            add(
                (
                    f"<< /Type /Page /Parent {pages_id_placeholder} 0 R /MediaBox [0 0 595 842] "
                    f"/Resources << /Font << /F1 {font_id} 0 R >> >> /Contents {content_id} 0 R >>"
                ).encode("ascii")
            )
        )
    kids = " ".join(f"{pid} 0 R" for pid in page_ids)
    objects[pages_id_placeholder - 1] = (
        f"<< /Type /Pages /Kids [{kids}] /Count {len(page_ids)} >>".encode("ascii")
    )
    catalog_id = add(f"<< /Type /Catalog /Pages {pages_id_placeholder} 0 R >>".encode("ascii"))
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n".encode("ascii") + body + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode("ascii"))
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode("ascii"))
    out.write(
        f"trailer\n<< /Size {len(objects) + 1} /Root {catalog_id} 0 R >>\n"
        f"startxref\n{xref}\n%%EOF\n".encode("ascii")
    )
    return out.getvalue()


_LINKED_LIST = (
    '<w:abstractNum xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'w:abstractNumId="90"><w:multiLevelType w:val="multilevel"/>'
    '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
    '<w:pStyle w:val="ListNumber"/><w:lvlText w:val="%1."/></w:lvl>'
    '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
    '<w:pStyle w:val="ListNumber2"/><w:lvlText w:val="%1.%2."/></w:lvl>'
    "</w:abstractNum>"
)


def make_docx_linked_list(
    paragraphs_before: Sequence[str], items: Sequence[tuple[int, str]]
) -> bytes:
    """A .docx whose "List Number" and "List Number 2" styles are the two levels of one
    multilevel list, as Word links them (the styles name the list, the list's levels name
    the styles); ``items`` are (level, text) with level 1 or 2."""
    import docx
    from docx.oxml import parse_xml

    document = docx.Document()
    numbering = document.part.numbering_part.element
    numbering.insert(0, parse_xml(_LINKED_LIST))
    num = numbering.add_num(90)
    for name in ("List Number", "List Number 2"):
        p_pr = document.styles[name].element.get_or_add_pPr()
        p_pr.get_or_add_numPr().get_or_add_numId().val = num.numId
    for text in paragraphs_before:
        document.add_paragraph(text)
    for level, text in items:
        document.add_paragraph(text, style="List Number" if level == 1 else "List Number 2")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def make_docx(
    paragraphs_before: Sequence[str],
    table: Sequence[Sequence[str]] | None = None,
    paragraphs_after: Sequence[str] = (),
    numbered: Sequence[str] = (),
) -> bytes:
    """A .docx with paragraphs, an optional real table and an auto-numbered list. In a table
    cell "\n" starts a paragraph and "\v" is a line break (Shift+Enter)."""
    import docx

    document = docx.Document()
    for text in paragraphs_before:
        document.add_paragraph(text)
    for text in numbered:
        document.add_paragraph(text, style="List Number")
    if table is not None:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, value in enumerate(row):
                cell = grid.cell(r, c)
                for index, line in enumerate(value.split("\n")):
                    paragraph = cell.paragraphs[0] if index == 0 else cell.add_paragraph()
                    for piece_index, piece in enumerate(line.split("\v")):
                        run = paragraph.add_run(piece)
                        if piece_index < line.count("\v"):
                            run.add_break()
    for text in paragraphs_after:
        document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def make_odt(
    paragraphs: Sequence[str], table: Sequence[Sequence[str | None]] | None = None
) -> bytes:
    """An OpenDocument text with paragraphs and an optional table. A cell of None is covered by
    the cell before it, which spans its column too (a heading merged across the row)."""
    from odf.opendocument import OpenDocumentText
    from odf.table import CoveredTableCell, Table, TableCell, TableColumn, TableRow
    from odf.text import P

    document = OpenDocumentText()
    for text in paragraphs:
        document.text.addElement(P(text=text))
    if table is not None:
        grid = Table(name="T1")
        grid.addElement(TableColumn(numbercolumnsrepeated=len(table[0])))
        for row in table:
            table_row = TableRow()
            for index, value in enumerate(row):
                if value is None:
                    table_row.addElement(CoveredTableCell())
                    continue
                spanned = 1
                while index + spanned < len(row) and row[index + spanned] is None:
                    spanned += 1
                cell = TableCell(numbercolumnsspanned=spanned) if spanned > 1 else TableCell()
                cell.addElement(P(text=value))
                table_row.addElement(cell)
            grid.addElement(table_row)
        document.text.addElement(grid)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def make_rtf(paragraphs: Sequence[str]) -> bytes:
    """An RTF document in code page 1251."""
    body = []
    for text in paragraphs:
        escaped = "".join(
            ch if ord(ch) < 128 and ch not in "\\{}" else f"\\'{ch.encode('cp1251')[0]:02x}"
            for ch in text
        )
        body.append(escaped + "\\par\n")
    return (
        "{\\rtf1\\ansi\\ansicpg1251\\deff0 {\\fonttbl {\\f0 Times New Roman;}}\n"
        + "".join(body)
        + "}"
    ).encode("ascii")


def _odt_list_style(document: object, levels: Sequence[tuple[str, str, str, int]]) -> None:
    """List style "L1": per level (num-format, prefix, suffix, display-levels); a format of
    "•" makes a bullet level."""
    from odf.style import ListLevelProperties
    from odf.text import ListLevelStyleBullet, ListLevelStyleNumber, ListStyle

    style = ListStyle(name="L1")
    for level, (fmt, prefix, suffix, display) in enumerate(levels, start=1):
        if fmt == "•":
            node = ListLevelStyleBullet(level=level, bulletchar="•")
        else:
            node = ListLevelStyleNumber(
                level=level, numformat=fmt, numprefix=prefix, numsuffix=suffix
            )
            if display > 1:
                node.setAttribute("displaylevels", display)
        node.addElement(ListLevelProperties())
        style.addElement(node)
    document.automaticstyles.addElement(style)  # type: ignore[attr-defined]


def make_odt_list(
    blocks: Sequence[str | Sequence[object]],
    levels: Sequence[tuple[str, str, str, int]] = (("1", "", ".", 1), ("1", "", ".", 2)),
) -> bytes:
    """An OpenDocument text whose lists number themselves, as LibreOffice saves them.

    A block is a paragraph (a string) or a list: a sequence whose items are a string, a
    sequence of strings and sub-lists (an item of several paragraphs, or one that opens with
    a sub-list), or ("start", n, ...) for an item restarted at n. A list that starts with the
    marker "continue" continues the numbering of the one before."""
    from odf.opendocument import OpenDocumentText
    from odf.text import List, ListItem, P

    document = OpenDocumentText()
    _odt_list_style(document, levels)

    def build(items: Sequence[object], top: bool) -> object:
        node = List(stylename="L1") if top else List()
        for entry in items:
            if entry == "continue":
                node.setAttribute("continuenumbering", "true")
                continue
            item = ListItem()
            parts: Sequence[object]
            if isinstance(entry, str):
                parts = [entry]
            else:
                parts = list(entry)  # type: ignore[call-overload]
                if parts and parts[0] == "start":
                    item.setAttribute("startvalue", str(parts[1]))
                    parts = parts[2:]
            for part in parts:
                item.addElement(P(text=part) if isinstance(part, str) else build(part, False))
            node.addElement(item)
        return node

    for block in blocks:
        if isinstance(block, str):
            document.text.addElement(P(text=block))
        else:
            document.text.addElement(build(block, True))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def odt_with_automatic_numbers(text: str) -> tuple[bytes, int]:
    """A plain-text protocol as LibreOffice would save it had its numbered lines ("2.", "2.1.",
    "3.2 ") been typed as an automatic list: the numbers leave the text for a list style of
    "1." and "1.1."; a run that goes on after other text continues the numbering, a "1."
    starts a list anew, a number out of sequence restarts its item there. Lines with a tab
    (table rows) and numbers that do not fit the structure stay as typed. Returns the
    document and how many lines became list items."""
    import re

    from odf.opendocument import OpenDocumentText
    from odf.text import List, ListItem, P

    numbered = re.compile(r"^(\d{1,2})(?:\.(\d{1,2}))?\.? +(?=\S)(.*)$")
    document = OpenDocumentText()
    _odt_list_style(document, (("1", "", ".", 1), ("1", "", ".", 2)))
    top: Any = None  # the open list, None after a paragraph
    nested: Any = None  # its open sub-list
    major = minor = 0  # the counters of levels 1 and 2 so far
    converted = 0
    for line in text.splitlines():
        found = numbered.match(line) if "\t" not in line else None
        if found is not None:
            first, second, rest = int(found[1]), found[2], found[3]
            if second is None:
                if top is None or first == 1:
                    top = List(stylename="L1")
                    if first != 1 and major:
                        top.setAttribute("continuenumbering", "true")
                    document.text.addElement(top)
                item = ListItem()
                if first != major + 1:
                    item.setAttribute("startvalue", str(first))
                item.addElement(P(text=rest))
                top.addElement(item)
                major, minor, nested = first, 0, None
                converted += 1
                continue
            if first == major and int(second) >= 1:
                if top is None:
                    top = List(stylename="L1", continuenumbering="true")
                    document.text.addElement(top)
                if nested is None:
                    wrapper = ListItem()
                    nested = List()
                    wrapper.addElement(nested)
                    top.addElement(wrapper)
                item = ListItem()
                if int(second) != minor + 1:
                    item.setAttribute("startvalue", second)
                item.addElement(P(text=rest))
                nested.addElement(item)
                minor = int(second)
                converted += 1
                continue
        top = nested = None
        document.text.addElement(P(text=line))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue(), converted
