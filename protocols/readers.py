"""Turning document bytes into text: .txt, .docx, .pdf, .odt, .rtf, .xlsx, .html."""

from __future__ import annotations

import datetime
import io
import itertools
import re
import zipfile
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import PurePath
from typing import Any

from protocols.errors import MAX_DOCUMENT_BYTES, DocumentError, DocumentProblem
from protocols.text import join_cell_parts

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_TEXT_EXTENSIONS = frozenset({".txt", ".text", ".md", ".markdown", ".csv", ".tsv", ""})
_HTML_EXTENSIONS = frozenset({".html", ".htm", ".xhtml"})
_CYRILLIC = re.compile(r"[А-Яа-яЁё]")


def _score_cyrillic(text: str) -> float:
    letters = sum(ch.isalpha() for ch in text[:20000]) or 1
    return len(_CYRILLIC.findall(text[:20000])) / letters


def decode_text(data: bytes) -> str:
    """Decode plain text: BOMs, UTF-8, UTF-16, then the Cyrillic single-byte code pages."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    if data.count(b"\x00") > len(data) // 4:
        for encoding in ("utf-16-le", "utf-16-be"):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                continue
            if _score_cyrillic(text) > 0.3 or text.isascii():
                return text
        raise DocumentError(DocumentProblem.ENCODING)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if (damaged := _damaged_utf8(data)) is not None:
        return damaged
    candidates = []
    for encoding in ("cp1251", "koi8-r", "cp866", "mac_cyrillic"):
        text = data.decode(encoding, errors="replace")
        lowercase = sum(1 for ch in text[:20000] if "а" <= ch <= "я")
        candidates.append((lowercase, -text.count("\ufffd"), text))
    best = max(candidates, key=lambda c: (c[0], c[1]))
    if best[0] == 0 and _score_cyrillic(best[2]) == 0:
        return data.decode("utf-8", errors="replace")
    return best[2]


def _damaged_utf8(data: bytes) -> str | None:
    """UTF-8 text with a few bad bytes (a file cut mid-letter, a line pasted from a cp1251
    file) keeps its UTF-8 reading, the bad bytes replaced; read as a single-byte code page it
    would turn to mojibake ("п÷п═п·п╒п·п⌡" for "ПРОТОКОЛ"). Text in a Cyrillic code page
    hardly ever holds a Cyrillic letter valid as UTF-8, so letters well outnumbering bad bytes
    mean UTF-8."""
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    return text if len(_CYRILLIC.findall(text)) >= 3 * bad else None


# --- .docx ---------------------------------------------------------------------------------


def _roman(value: int) -> str:
    numerals = (
        (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
        (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
    )  # fmt: skip
    out = []
    for number, letters in numerals:
        while value >= number:
            out.append(letters)
            value -= number
    return "".join(out)


def _format_counter(value: int, fmt: str) -> str:
    if fmt in ("upperRoman",):
        return _roman(value)
    if fmt == "lowerRoman":
        return _roman(value).lower()
    if fmt in ("lowerLetter", "upperLetter"):
        letter = chr(ord("a") + (value - 1) % 26)
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt in ("russianLower", "russianUpper"):
        alphabet = "абвгдежзиклмнопрстуфхцчшщэюя"
        letter = alphabet[(value - 1) % len(alphabet)]
        return letter.upper() if fmt == "russianUpper" else letter
    if fmt == "none":
        return ""
    return str(value)


class _Numbering:
    """Renders Word's automatic list numbers ("1.", "2.1.", "а)") that python-docx omits.

    As in Word, the running counts belong to the abstract list definition: lists (`w:num`)
    sharing one continue each other's numbering, and a list with a start override
    (`w:lvlOverride/w:startOverride`, Word's "Restart at 1") restarts it where it is first
    used. A definition that only links to a numbering style (`w:numStyleLink`) numbers as
    the definition of that style's list."""

    def __init__(self, document: Any) -> None:
        self.levels: dict[str, dict[int, tuple[str, str, int]]] = {}
        self.counters: dict[str, list[int]] = {}
        #: Per list, its abstract definition (whose counters it uses).
        self.abstract_of: dict[str, str] = {}
        #: Per list, the levels it restarts where it is first used.
        self.restarts: dict[str, list[int]] = {}
        #: Per list, the level each linked paragraph style numbers at ("List Number 2" → 1).
        self.style_levels: dict[str, dict[str, int]] = {}
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        abstract: dict[str, dict[int, tuple[str, str, int]]] = {}
        linked: dict[str, dict[str, int]] = {}
        style_links: dict[str, str] = {}
        for node in root.iter(f"{_W}abstractNum"):
            levels: dict[int, tuple[str, str, int]] = {}
            styles: dict[str, int] = {}
            for lvl in node.iter(f"{_W}lvl"):
                ilvl = int(lvl.get(f"{_W}ilvl", "0"))
                fmt = self._val(lvl, "numFmt") or "decimal"
                text = self._val(lvl, "lvlText") or ""
                start = int(self._val(lvl, "start") or "1")
                levels[ilvl] = (fmt, text, start)
                if (style_id := self._val(lvl, "pStyle")) is not None:
                    styles.setdefault(style_id, ilvl)
            abstract_id = node.get(f"{_W}abstractNumId", "")
            abstract[abstract_id] = levels
            linked[abstract_id] = styles
            if (link := self._val(node, "numStyleLink")) is not None:
                style_links[abstract_id] = link
        lists: dict[str, str] = {}
        for num in root.iter(f"{_W}num"):
            ref = num.find(f"{_W}abstractNumId")
            if ref is not None:
                lists[num.get(f"{_W}numId", "")] = ref.get(f"{_W}val", "")
        counted_as: dict[str, str] = {}
        for abstract_id, style_id in style_links.items():
            target = lists.get(_numbering_style_list(document, style_id) or "")
            if target is not None and target != abstract_id and abstract.get(target):
                abstract[abstract_id] = abstract[target]
                linked[abstract_id] = linked.get(target, {})
                counted_as[abstract_id] = target
        for num in root.iter(f"{_W}num"):
            num_id = num.get(f"{_W}numId", "")
            if num_id not in lists:
                continue
            abstract_id = lists[num_id]
            self.abstract_of[num_id] = counted_as.get(abstract_id, abstract_id)
            self.style_levels[num_id] = linked.get(abstract_id, {})
            levels = dict(abstract.get(abstract_id, {}))
            restarts: list[int] = []
            for override in num.iter(f"{_W}lvlOverride"):
                start_override = override.find(f"{_W}startOverride")
                ilvl = int(override.get(f"{_W}ilvl", "0"))
                if start_override is not None and ilvl in levels:
                    fmt, text, _ = levels[ilvl]
                    levels[ilvl] = (fmt, text, int(start_override.get(f"{_W}val", "1")))
                    restarts.append(ilvl)
            self.levels[num_id] = levels
            self.restarts[num_id] = restarts

    @staticmethod
    def _val(node: Any, name: str) -> str | None:
        child = node.find(f"{_W}{name}")
        return None if child is None else child.get(f"{_W}val")

    def label(self, paragraph: Any) -> str:
        num_pr = self._num_pr(paragraph)
        if num_pr is None:
            return ""
        num_id, ilvl = num_pr
        levels = self.levels.get(num_id)
        if not levels or ilvl not in levels:
            return ""
        counters = self.counters.setdefault(self.abstract_of.get(num_id, num_id), [0] * 9)
        for restarted in self.restarts.pop(num_id, ()):
            counters[restarted] = 0
        fmt, text, start = levels[ilvl]
        counters[ilvl] = counters[ilvl] + 1 if counters[ilvl] else start
        for deeper in range(ilvl + 1, 9):
            counters[deeper] = 0
        if fmt == "bullet":
            return "- "

        def render(m: re.Match[str]) -> str:
            level = int(m.group(1)) - 1
            level_fmt, _, level_start = levels.get(level, ("decimal", "", 1))
            value = counters[level] or level_start
            return _format_counter(
                value,
                "decimal"
                if level != ilvl and level_fmt in ("lowerLetter", "russianLower")
                else level_fmt,
            )

        rendered = re.sub(r"%(\d)", render, text).strip()
        return f"{rendered} " if rendered else ""

    def _num_pr(self, paragraph: Any) -> tuple[str, int] | None:
        """The list and level of a paragraph. The paragraph's own numbering properties win
        over its style's, each part on its own (a paragraph may set only the level); a list
        taken from a style numbers at the level linked to that style ("List Number 2" at the
        second level of a multilevel list), which then restarts under each upper item."""
        candidates: list[tuple[Any, str | None]] = [(paragraph._p.pPr, None)]
        style = getattr(paragraph, "style", None)
        while style is not None:
            candidates.append((style.element.pPr, style.style_id))
            style = style.base_style
        num_id: str | None = None
        ilvl: int | None = None
        from_style: str | None = None
        own_level = False
        for p_pr, style_id in candidates:
            if p_pr is None or p_pr.numPr is None:
                continue
            num_pr = p_pr.numPr
            if num_id is None and num_pr.numId is not None:
                num_id, from_style = str(num_pr.numId.val), style_id
            if ilvl is None and num_pr.ilvl is not None:
                ilvl, own_level = int(num_pr.ilvl.val or 0), style_id is None
        if num_id is None or num_id == "0":
            return None
        if from_style is not None and not own_level:
            linked = self.style_levels.get(num_id, {})
            for _, style_id in candidates[1:]:
                if style_id is not None and style_id in linked:
                    return num_id, linked[style_id]
        return num_id, ilvl or 0


def _numbering_style_list(document: Any, style_id: str) -> str | None:
    """The list (`w:numId`) a numbering style applies, as a style-linked definition uses it."""
    try:
        styles = document.styles.element
    except (KeyError, NotImplementedError, AttributeError):
        return None
    for style in styles.iter(f"{_W}style"):
        if style.get(f"{_W}styleId") == style_id:
            num_id = style.find(f"{_W}pPr/{_W}numPr/{_W}numId")
            return None if num_id is None else num_id.get(f"{_W}val")
    return None


#: The start of a new entry after a line break inside a cell: a person, an abbreviation, a body.
_NEW_ENTRY = re.compile(
    r"[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?\s+[А-ЯЁ]\.\s?[А-ЯЁ]\.|[А-ЯЁ]\.\s?[А-ЯЁ]\.\s?[А-ЯЁ]|"
    r"[А-ЯЁA-Z]{2,}\b|(?:Министерств|Департамент|Управлени|Отдел|Комитет|Администраци|Центр|"
    r"Институт|Колледж|Школ|Университет|Руководител|Директор|Заместител|Начальник)"
)


def _cell_lines(text: str) -> list[str]:
    """A cell paragraph with line breaks (Shift+Enter) in it: the lines that start a new entry
    stay apart, the others continue the line before ("II квартал⏎2024 г.",
    "Министерство образования⏎Республики Мордовия", "Ермакова Н.В.,⏎Сушкова Т.П.")."""
    lines: list[str] = []
    for line in (part.strip() for part in text.split("\n")):
        if not line:
            continue
        if lines and (
            lines[-1].endswith((",", "-", "–", "—", "«"))
            or (not _NEW_ENTRY.match(line) and not lines[-1].endswith((".", ";", ":")))
        ):
            lines[-1] += " " + line
        else:
            lines.append(line)
    return lines


def _docx_cell_text(cell: Any, numbering: _Numbering) -> str:
    parts = []
    for paragraph in cell.paragraphs:
        parts.extend(_cell_lines(numbering.label(paragraph) + _paragraph_text(paragraph)))
    for table in cell.tables:
        for row in _docx_rows(table, numbering):
            parts.append(" ".join(row))
    joined = ""
    for part in parts:
        joined = join_cell_parts(joined, part)
    return joined.replace("\t", " ")


#: Run content that stands for a character: a tab ("1.<tab>Иванову ..."), a line break
#: (Shift+Enter), a non-breaking hyphen ("ИКТ‑компаний", Ctrl+Shift+Minus) and an optional
#: hyphen, which the text clean-up drops.
_RUN_CHARACTERS = {
    f"{_W}tab": "\t",
    f"{_W}ptab": "\t",
    f"{_W}br": "\n",
    f"{_W}cr": "\n",
    f"{_W}noBreakHyphen": "-",
    f"{_W}softHyphen": "\u00ad",
}
#: Parts of a paragraph that are not its visible text: properties (their `w:tab` elements are
#: tab stops, not tabs), deleted and moved-away text, field codes, and the fallback copy of a
#: drawing (its text box repeats the one in `mc:Choice`).
_NOT_TEXT = frozenset(
    {
        f"{_W}pPr",
        f"{_W}rPr",
        f"{_W}del",
        f"{_W}moveFrom",
        f"{_W}delText",
        f"{_W}instrText",
        f"{_W}delInstrText",
        "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback",
    }
)
_OFF = frozenset({"0", "false", "off"})


def _hidden(run: Any) -> bool:
    """Whether a run is hidden text (`w:vanish`), which Word neither shows nor prints."""
    vanish = run.find(f"{_W}rPr/{_W}vanish")
    return vanish is not None and vanish.get(f"{_W}val", "true") not in _OFF


def _collect_text(node: Any, out: list[str], boxes: list[Any]) -> None:
    for child in node:
        tag = child.tag
        if tag == f"{_W}t":
            out.append(child.text or "")
        elif tag in _RUN_CHARACTERS:
            out.append(_RUN_CHARACTERS[tag])
        elif tag == f"{_W}txbxContent":
            boxes.append(child)
        elif tag in _NOT_TEXT or (tag == f"{_W}r" and _hidden(child)):
            continue
        elif len(child):
            _collect_text(child, out, boxes)


def _paragraph_parts(element: Any) -> tuple[str, list[Any]]:
    """A paragraph's text as it reads with its changes accepted, and the text boxes anchored
    in it (`w:txbxContent`, whose paragraphs are blocks of their own: an «УТВЕРЖДАЮ» block
    placed beside the title). Runs inside tracked insertions (`w:ins`), content controls
    (`w:sdt`, a date picker holding the protocol's date), hyperlinks and fields count; deleted
    or moved-away text and hidden runs do not."""
    out: list[str] = []
    boxes: list[Any] = []
    _collect_text(element, out, boxes)
    return "".join(out), boxes


def _paragraph_text(paragraph: Any) -> str:
    """A paragraph's text with the text of its text boxes after it, on lines of their own."""
    text, boxes = _paragraph_parts(paragraph._p)
    for box in boxes:
        lines = [_paragraph_parts(p)[0] for p in box.iter(f"{_W}p")]
        text = "\n".join([text, *lines]) if text else "\n".join(lines)
    return text


def _docx_rows(table: Any, numbering: _Numbering) -> Iterator[list[str]]:
    for row in table.rows:
        cells: list[str] = []
        seen: set[int] = set()
        for cell in row.cells:
            if id(cell._tc) in seen:
                # A cell merged across columns: its other columns stay, empty, so the row keeps
                # the table's width (a section heading spanning the row is a row of one cell).
                cells.append("")
                continue
            seen.add(id(cell._tc))
            cells.append(_docx_cell_text(cell, numbering))
        yield cells


def _docx_blocks(document: Any) -> Iterator[str]:
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    numbering = _Numbering(document)

    def walk(parent: Any, container: Any) -> Iterator[str]:
        for child in parent.iterchildren():
            tag = child.tag
            if tag == f"{_W}p":
                paragraph = Paragraph(child, container)
                text, boxes = _paragraph_parts(child)
                for box in boxes:
                    # A floating box comes first: it sits at the top of the page it is
                    # anchored on («УТВЕРЖДАЮ ...» beside or above the title).
                    yield from walk(box, container)
                yield numbering.label(paragraph) + text
            elif tag == f"{_W}tbl":
                rows = [
                    "\t".join(cells) for cells in _docx_rows(Table(child, container), numbering)
                ]
                yield "\n".join(rows)
            elif tag == f"{_W}sdt":
                content = child.find(f"{_W}sdtContent")
                if content is not None:
                    yield from walk(content, container)

    yield from walk(document.element.body, document)


def read_docx(data: bytes) -> str:
    """Paragraphs and tables of a .docx in document order; tables become tab-separated rows."""
    import docx

    document = docx.Document(io.BytesIO(data))
    return "\n\n".join(block for block in _docx_blocks(document))


# --- .pdf ----------------------------------------------------------------------------------


def read_pdf(data: bytes) -> str:
    """The text layer of a PDF; tables found by pdfplumber become tab-separated rows."""
    import pdfplumber

    pages_text: list[str] = []
    columns: _Columns | None = None
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            text, columns = _pdf_page_text(page, columns)
            pages_text.append(text)
    text = "\n".join(_without_running_lines(pages_text))
    if len(re.sub(r"\s", "", text)) < 3:
        raise DocumentError(DocumentProblem.NO_TEXT_LAYER)
    return text


def _running_key(line: str) -> str:
    return re.sub(r"\d+", "#", " ".join(line.split())).lower()


def _without_running_lines(pages: list[str]) -> list[str]:
    """Pages without their running header and footer: lines among the first two or the last
    two of a page that stand there on two pages or more ("Протокол № 7 заседания КДНиЗП от
    14.03.2024", "- 2 -", "Страница 2 из 3"); inside the text they would land in the middle of
    an item that runs across the page break."""
    if len(pages) < 2:
        return pages
    split = [[line for line in page.split("\n") if line.strip()] for page in pages]
    heads = Counter(key for lines in split for key in {_running_key(line) for line in lines[:2]})
    feet = Counter(key for lines in split for key in {_running_key(line) for line in lines[-2:]})
    out = []
    for lines in split:
        while lines and heads[_running_key(lines[0])] >= 2:
            lines = lines[1:]
        while lines and feet[_running_key(lines[-1])] >= 2:
            lines = lines[:-1]
        out.append("\n".join(lines))
    return out


def _pdf_page_text(page: Any, carried: _Columns | None) -> tuple[str, _Columns | None]:
    """A page's text with its tables as tab-separated rows, and the columns of a table
    without rules that runs on to the next page."""
    try:
        tables = [t for t in page.find_tables() if len(t.rows) >= 2 and len(t.rows[0].cells) >= 2]
    except Exception:
        tables = []
    if not tables:
        borderless = _borderless_table_text(page, carried)
        if borderless is not None:
            return borderless
        return str(page.extract_text() or ""), None
    return _ruled_page_text(page, tables), None


def _ruled_page_text(page: Any, tables: list[Any]) -> str:
    out: list[str] = []
    top = 0.0
    for table in sorted(tables, key=lambda t: t.bbox[1]):
        _, t_top, _, t_bottom = table.bbox
        if t_top > top:
            band = page.crop((0, top, page.width, t_top))
            out.append(str(band.extract_text() or ""))
        for row in table.extract():
            cells = [" ".join((cell or "").split()) for cell in row]
            out.append("\t".join(cells))
        top = max(top, t_bottom)
    if top < page.height:
        out.append(str(page.crop((0, top, page.width, page.height)).extract_text() or ""))
    return "\n".join(part for part in out if part)


#: A word of a PDF page: (left, right, top, text).
_Word = tuple[float, float, float, str]


def _page_lines(page: Any) -> list[list[_Word]]:
    """The words of a page grouped into lines, top to bottom, each left to right."""
    try:
        words = page.extract_words()
    except Exception:
        return []
    lines: list[list[_Word]] = []
    for word in sorted(words, key=lambda w: (round(float(w["top"])), float(w["x0"]))):
        item = (float(word["x0"]), float(word["x1"]), float(word["top"]), str(word["text"]))
        if lines and abs(lines[-1][0][2] - item[2]) <= 3:
            lines[-1].append(item)
        else:
            lines.append([item])
    return [sorted(line) for line in lines]


def _chunks(line: list[_Word]) -> list[tuple[float, float, str]]:
    """A line's words gathered into the runs that a wide gap sets apart: its cells when the
    line is a row of a table without rules."""
    widths = [(right - left) / len(text) for left, right, _, text in line if text]
    gap = max(7.0, 2.0 * (sum(widths) / len(widths) if widths else 0.0))
    chunks: list[tuple[float, float, str]] = []
    for left, right, _, text in line:
        if chunks and left - chunks[-1][1] <= gap:
            start, _, joined = chunks[-1]
            chunks[-1] = (start, max(right, chunks[-1][1]), f"{joined} {text}")
        else:
            chunks.append((left, right, text))
    return chunks


#: The columns of a table without rules: the bounds between them, and its left and right.
_Columns = tuple[list[float], float, float]


def _borderless_table_text(
    page: Any, carried: _Columns | None
) -> tuple[str, _Columns | None] | None:
    """A page whose table has no rules: from its header line (three or more cells set
    apart, naming the activity, term or doers: "№ | Мероприятие | Срок | Ответственный"),
    or from the top of the page when the table runs on from the page before, each line's
    words go to the column whose heading they stand under, as tab-separated rows, until a
    line runs across the columns (a paragraph) or the lines draw far apart. Also the
    columns, when the table reaches the page's foot. None when the page has no such table."""
    from protocols.structure import task_table_header

    lines = _page_lines(page)
    header = next(
        (
            index
            for index, line in enumerate(lines)
            if len(chunks := _chunks(line)) >= 3
            and task_table_header([text for _, _, text in chunks])
        ),
        None,
    )
    cells_of_header: list[str] = []
    if header is not None:
        heads = _chunks(lines[header])
        bounds = [(heads[k][1] + heads[k + 1][0]) / 2 for k in range(len(heads) - 1)]
        left, right = heads[0][0], heads[-1][1]
        cells_of_header = [text for _, _, text in heads]
        end = header + 1
    elif carried is not None and lines:
        bounds, left, right = carried
        header, end = -1, 0
    else:
        return None
    rows: list[str] = []
    # The height of a line of text: rows lie a line or two apart, what follows the table
    # farther.
    spacing = [b[0][2] - a[0][2] for a, b in itertools.pairwise(lines[max(header, 0) :])]
    usual = min((gap for gap in spacing if gap > 3), default=0.0)
    while end < len(lines):
        line = lines[end]
        chunks = _chunks(line)
        if end > 0 and usual and line[0][2] - lines[end - 1][0][2] > 3 * usual:
            break  # far below the table
        if chunks[0][0] < left - 20 or (
            len(chunks) == 1 and chunks[0][1] - chunks[0][0] > 0.7 * (right - left)
        ):
            break  # a paragraph across the columns
        cells = [""] * (len(bounds) + 1)
        for start, _, text in chunks:
            column = sum(start >= bound for bound in bounds)
            cells[column] = f"{cells[column]} {text}".strip()
        if (
            cells_of_header
            and not rows
            and all(not c or c[:1].islower() for c in cells)
            and not any(ch.isdigit() for c in cells for ch in c)
        ):
            # The header's second line: "Наименование | Срок" over "мероприятия | исполнения".
            cells_of_header = [
                f"{a} {b}".strip() for a, b in zip(cells_of_header, cells, strict=True)
            ]
            end += 1
            continue
        rows.append("\t".join(cells))
        end += 1
    before = [" ".join(w[3] for w in line) for line in lines[: max(header, 0)]]
    after = [" ".join(w[3] for w in line) for line in lines[end:]]
    head = ["\t".join(cells_of_header)] if cells_of_header else []
    # The table runs on to the next page unless a paragraph or more than a footer follows.
    runs_on = len(lines) - end <= 2
    text = "\n".join([*before, *head, *rows, *after])
    return text, ((bounds, left, right) if runs_on else None)


# --- .odt, .rtf, .xlsx ---------------------------------------------------------------------


#: ODF's `style:num-format` values, as the Word formats `_format_counter` knows.
_ODF_FORMATS = {
    "1": "decimal",
    "a": "lowerLetter",
    "A": "upperLetter",
    "i": "lowerRoman",
    "I": "upperRoman",
    "а": "russianLower",
    "А": "russianUpper",
    "": "none",
}


class _OdfLevel:
    """One level of an ODF list style that numbers (a bullet level has none)."""

    def __init__(self, node: Any, style_ns: str, text_ns: str) -> None:
        attrs = node.attributes
        fmt = attrs.get((style_ns, "num-format"), "")
        self.format = _ODF_FORMATS.get(fmt[:1], "decimal")
        self.prefix = attrs.get((style_ns, "num-prefix"), "")
        self.suffix = attrs.get((style_ns, "num-suffix"), "")
        self.display = _odf_int(attrs.get((text_ns, "display-levels")), 1)
        self.start = _odf_int(attrs.get((text_ns, "start-value")), 1)


def _odf_int(value: str | None, default: int) -> int:
    try:
        return max(int(value), 1) if value is not None else default
    except ValueError:
        return default


class _OdfNumbering:
    """Renders the automatic numbers of OpenDocument lists and outline headings ("1.", "2.1.",
    "а)"), which the document keeps as a style rather than as text.

    Counters run per list style: a list restarts them unless it says it continues
    (`text:continue-numbering`, or `text:continue-list` naming an earlier list)."""

    OUTLINE = "\0outline"

    def __init__(self, document: Any) -> None:
        from odf.namespaces import STYLENS, TEXTNS

        self.styles: dict[str, dict[int, _OdfLevel | None]] = {}
        self.counters: dict[str, list[int | None]] = {}
        for container in (document.styles, document.automaticstyles):
            for style in container.childNodes:
                kind = getattr(style, "qname", None)
                if kind == (TEXTNS, "list-style"):
                    name = style.attributes.get((STYLENS, "name"), "")
                elif kind == (TEXTNS, "outline-style"):
                    name = self.OUTLINE
                else:
                    continue
                levels: dict[int, _OdfLevel | None] = {}
                for level in style.childNodes:
                    level_kind = getattr(level, "qname", (None, None))[1]
                    number = _odf_int(level.attributes.get((TEXTNS, "level")), 1)
                    if level_kind in ("list-level-style-number", "outline-level-style"):
                        levels[number] = _OdfLevel(level, STYLENS, TEXTNS)
                    elif level_kind is not None:
                        levels[number] = None
                self.styles[name] = levels

    def start_list(self, style: str, continues: bool) -> None:
        if not continues:
            self.counters.pop(style, None)

    def label(self, style: str, level: int, start: int | None) -> str | None:
        """The label of the next item at `level` of a list in `style`; None for a level that
        does not number (a bullet, an unknown style)."""
        levels = self.styles.get(style, {})
        counters = self.counters.setdefault(style, [None] * 11)
        level = min(level, 10)
        spec = levels.get(level)
        current = counters[level]
        if start is not None:
            counters[level] = start
        elif current is None:
            counters[level] = spec.start if spec is not None else 1
        else:
            counters[level] = current + 1
        for deeper in range(level + 1, 11):
            counters[deeper] = None
        if spec is None:
            return None
        parts = []
        for upper in range(max(level - spec.display + 1, 1), level + 1):
            upper_spec = levels.get(upper)
            value = counters[upper] or (upper_spec.start if upper_spec is not None else 1)
            parts.append(
                _format_counter(value, upper_spec.format if upper_spec is not None else "decimal")
            )
        number = ".".join(part for part in parts if part)
        label = f"{spec.prefix}{number}{spec.suffix}".strip()
        return label + " " if label else ""


def read_odt(data: bytes) -> str:
    """Paragraphs, headings, list items (with their automatic numbers) and tables of an
    OpenDocument text."""
    from odf import teletype
    from odf.namespaces import TABLENS, TEXTNS
    from odf.opendocument import load

    document = load(io.BytesIO(data))
    numbering = _OdfNumbering(document)
    blocks: list[str] = []

    def heading_label(node: Any) -> str:
        if node.attributes.get((TEXTNS, "is-list-header")) == "true":
            return ""
        level = node.attributes.get((TEXTNS, "outline-level"))
        if level is None or numbering.OUTLINE not in numbering.styles:
            return ""
        return numbering.label(numbering.OUTLINE, _odf_int(level, 1), None) or ""

    def walk(node: Any) -> None:
        for child in node.childNodes:
            qname = getattr(child, "qname", None)
            if qname == (TEXTNS, "p"):
                blocks.append(teletype.extractText(child))
            elif qname == (TEXTNS, "h"):
                blocks.append(heading_label(child) + teletype.extractText(child))
            elif qname == (TEXTNS, "list"):
                walk_list(child, "", 1)
            elif qname == (TABLENS, "table"):
                blocks.extend(_odf_table_rows(child))
            elif qname is not None and child.childNodes:
                walk(child)

    def walk_list(node: Any, style: str, level: int) -> None:
        attrs = node.attributes
        style = attrs.get((TEXTNS, "style-name")) or style
        if level == 1:
            continues = (
                attrs.get((TEXTNS, "continue-numbering")) == "true"
                or (TEXTNS, "continue-list") in attrs
            )
            numbering.start_list(style, continues)
        for item in node.childNodes:
            kind = getattr(item, "qname", None)
            if kind not in ((TEXTNS, "list-item"), (TEXTNS, "list-header")):
                continue
            start = item.attributes.get((TEXTNS, "start-value"))
            # An item is numbered at its first paragraph; one that opens with a sub-list, and a
            # list header, are not.
            pending = kind == (TEXTNS, "list-item")
            for part in item.childNodes:
                part_kind = getattr(part, "qname", None)
                if part_kind in ((TEXTNS, "p"), (TEXTNS, "h")):
                    label = ""
                    if pending:
                        numbered = numbering.label(
                            style, level, _odf_int(start, 1) if start is not None else None
                        )
                        label = "- " if numbered is None else numbered
                    blocks.append(label + teletype.extractText(part))
                    pending = False
                elif part_kind == (TEXTNS, "list"):
                    walk_list(part, style, level + 1)
                    pending = False
                elif part_kind is not None:
                    walk(part)

    walk(document.text)
    return "\n".join(blocks)


def _odf_table_rows(table: Any) -> list[str]:
    """A table's rows as tab-separated lines. Covered cells keep the row's width: under a
    cell spanning columns they stay empty (a section row), under one spanning rows they
    repeat its text (a doer of several activities), as Word's tables read; a cell's
    paragraphs are joined as in a .docx."""
    from odf import teletype
    from odf.namespaces import TABLENS

    kinds = ((TABLENS, "table-cell"), (TABLENS, "covered-table-cell"))
    spanned: dict[int, tuple[int, str]] = {}  # column: (rows left, text)
    lines: list[str] = []
    for row in table.getElementsByType(_odf_row()):
        cells: list[str] = []
        for cell in row.childNodes:
            if getattr(cell, "qname", None) not in kinds:
                continue
            column = len(cells)
            repeat = _odf_int(cell.attributes.get((TABLENS, "number-columns-repeated")), 1)
            if cell.qname == (TABLENS, "covered-table-cell"):
                for offset in range(min(repeat, 64)):
                    left, text = spanned.get(column + offset, (0, ""))
                    cells.append(text if left > 0 else "")
                continue
            text = ""
            for paragraph in cell.childNodes:
                part = " ".join(teletype.extractText(paragraph).split())
                text = join_cell_parts(text, part)
            down = _odf_int(cell.attributes.get((TABLENS, "number-rows-spanned")), 1)
            if down > 1:
                spanned[column] = (down, text)
            cells.extend([text] * min(repeat, 64))
        for column, (left, text) in list(spanned.items()):
            if left <= 1:
                del spanned[column]
            else:
                spanned[column] = (left - 1, text)
        lines.append("\t".join(c.replace("\t", " ") for c in cells))
    return lines


def _odf_row() -> Any:
    from odf.table import TableRow

    return TableRow


def read_rtf(data: bytes) -> str:
    """Plain text of an RTF document (code page taken from ``\\ansicpg``)."""
    from striprtf.striprtf import rtf_to_text

    raw = data.decode("latin-1")
    m = re.search(r"\\ansicpg(\d+)", raw[:2000])
    encoding = f"cp{m.group(1)}" if m else "cp1251"
    try:
        "".encode(encoding)
    except LookupError:
        encoding = "cp1251"
    text: str = rtf_to_text(raw, encoding=encoding, errors="replace")  # type: ignore[no-untyped-call]
    return text.replace("|", "\t") if "\\cell" in raw else text


def read_xlsx(data: bytes) -> str:
    """Every sheet of a workbook as tab-separated rows (work plans are often spreadsheets).

    Dates read as printed ("20.03.2027"), a value merged down over several rows (a doer of
    several activities) stands in each of them, and a row of one cell inside a table (a
    section heading merged across it) stays a row of that table.

    The workbook is streamed (openpyxl's read-only mode), never loaded whole: the full model
    builds every cell of the used range, and one stray cell far off (or a formatted row
    thousands below) made a 5 KB file take seconds and gigabytes. Merged ranges, which the
    stream does not give, are read from each sheet's XML; rows and columns beyond what a
    plan can have are left out."""
    import openpyxl

    workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    lines: list[str] = []
    try:
        for sheet in workbook.worksheets:
            merged = _merged_down(workbook, sheet)
            values: list[list[object]] = []
            for row in sheet.iter_rows(
                min_row=1, max_row=_XLSX_MAX_ROWS, max_col=_XLSX_MAX_COLUMNS, values_only=True
            ):
                values.append(list(row))
            for top, bottom, column in merged:
                if top >= len(values) or column >= len(values[top]):
                    continue
                value = values[top][column]
                for below in range(top + 1, min(bottom + 1, len(values))):
                    if column < len(values[below]):
                        values[below][column] = value
            lines.extend(_sheet_lines([[_xlsx_value(v) for v in row] for row in values]))
    finally:
        workbook.close()
    return "\n".join(lines)


#: A work plan has a few columns and at most a few thousand rows; a sheet beyond these is
#: read up to them.
_XLSX_MAX_ROWS = 20_000
_XLSX_MAX_COLUMNS = 40
_MERGE_CELL = re.compile(rb'<(?:\w+:)?mergeCell\s+ref="([A-Z]{1,3})(\d+):([A-Z]{1,3})(\d+)"')


def _column_index(letters: bytes) -> int:
    index = 0
    for letter in letters:
        index = index * 26 + letter - 64
    return index - 1


def _merged_down(workbook: Any, sheet: Any) -> list[tuple[int, int, int]]:
    """(first row, last row, column), 0-based, of each range merged over several rows, from
    the sheet's XML (where ``<mergeCells>`` follows the cells)."""
    path = getattr(sheet, "_worksheet_path", None)
    archive = getattr(workbook, "_archive", None)
    if path is None or archive is None:
        return []
    found: list[tuple[int, int, int]] = []
    try:
        with archive.open(path) as xml:
            tail = b""
            while chunk := xml.read(1 << 20):
                text = tail + chunk
                for m in _MERGE_CELL.finditer(text):
                    top, bottom = int(m.group(2)) - 1, int(m.group(4)) - 1
                    column = _column_index(m.group(1))
                    if bottom > top and column < _XLSX_MAX_COLUMNS and top < _XLSX_MAX_ROWS:
                        found.append((top, bottom, column))
                # A tag cut by the chunk's end is read whole with the next chunk.
                cut = text.rfind(b"<")
                tail = text[cut:] if cut >= 0 and len(text) - cut < 200 else b""
    except (KeyError, OSError, zipfile.BadZipFile):
        return []
    return list(dict.fromkeys(found))


def _xlsx_value(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        shown = value.strftime("%d.%m.%Y")
        return shown if value.time() == datetime.time() else f"{shown} {value:%H:%M}"
    if isinstance(value, datetime.date):
        return value.strftime("%d.%m.%Y")
    if isinstance(value, datetime.time):
        return value.strftime("%H:%M")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return " ".join(str(value).split())


def _sheet_lines(rows: list[list[str]]) -> list[str]:
    """Rows of a sheet as tab-separated lines: a row of several cells as wide as the widest
    (a row is not cut short where its last cells are empty, as a copied table's rows are
    not), a row of one cell as it is, unless it lies between rows of several (a section
    heading merged across the table), which keeps a tab so the table goes on across it."""
    trimmed = []
    for cells in rows:
        while cells and not cells[-1]:
            cells.pop()
        trimmed.append(cells)
    wide = [len(cells) >= 2 for cells in trimmed]
    width = max((len(cells) for cells in trimmed), default=0)
    lines = []
    for index, cells in enumerate(trimmed):
        if len(cells) >= 2:
            cells = cells + [""] * (width - len(cells))
        line = "\t".join(cells)
        if len(cells) == 1:
            before = next((wide[i] for i in range(index - 1, -1, -1) if trimmed[i]), False)
            after = next((wide[i] for i in range(index + 1, len(trimmed)) if trimmed[i]), False)
            if before and after:
                line += "\t"
        lines.append(line)
    return lines


# --- dispatch ------------------------------------------------------------------------------


def _zip_kind(data: bytes) -> str | None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            if "word/document.xml" in names:
                return ".docx"
            if "xl/workbook.xml" in names:
                return ".xlsx"
            if "mimetype" in names:
                mimetype = archive.read("mimetype").decode("ascii", errors="replace")
                if "opendocument.text" in mimetype:
                    return ".odt"
    except (zipfile.BadZipFile, OSError, KeyError, ValueError):
        return None
    return None


#: The stream a password-protected .docx/.xlsx keeps its content in, inside an OLE file.
_ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")
_HTML_START = re.compile(rb"^\s*(?:<!doctype\s+html|<html|<\?xml[^>]*>\s*<html)", re.IGNORECASE)


def _sniff(data: bytes, extension: str) -> str:
    """What the file is by its content, whatever its name says («.encrypted»: an Office file
    protected by a password); the extension when the content does not tell."""
    head = data[:8]
    if head.startswith(b"%PDF"):
        return ".pdf"
    if head.startswith(b"PK\x03\x04"):
        return _zip_kind(data) or extension
    if head.startswith(b"{\\rtf"):
        return ".rtf"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return ".encrypted" if _ENCRYPTED_PACKAGE in data else ".doc"
    if _HTML_START.match(data[:512].lstrip(b"\xef\xbb\xbf")):
        return ".html"  # Word and Excel save web pages as .doc / .xls too
    return extension


_READERS: dict[str, Callable[[bytes], str]] = {
    ".docx": read_docx,
    ".docm": read_docx,
    ".pdf": read_pdf,
    ".odt": read_odt,
    ".rtf": read_rtf,
    ".xlsx": read_xlsx,
    ".xlsm": read_xlsx,
}


def read_document(data: bytes, filename: str) -> str:
    """Extract the text of a document.

    Supports .txt (UTF-8/UTF-16/cp1251/KOI8-R detection), .docx (paragraphs and tables in
    document order, with Word's automatic numbering), .pdf (text layer), .odt, .rtf, .xlsx and
    .html. Raises :class:`DocumentError` for files that are too large, empty, of an
    unsupported or legacy format, broken, encrypted, or scanned without a text layer.
    """
    if len(data) > MAX_DOCUMENT_BYTES:
        raise DocumentError(DocumentProblem.TOO_LARGE, size=len(data), limit=MAX_DOCUMENT_BYTES)
    if not data or not data.strip():
        raise DocumentError(DocumentProblem.EMPTY)
    extension = PurePath(filename or "").suffix.lower()
    kind = _sniff(data, extension)
    if kind == ".encrypted":
        raise DocumentError(DocumentProblem.ENCRYPTED, extension=extension or ".docx")
    if kind in (".doc", ".xls", ".ppt"):  # an old binary format (a renamed .docx is read)
        raise DocumentError(DocumentProblem.LEGACY_DOC, extension=extension or ".doc")
    reader = _READERS.get(kind)
    if reader is not None:
        try:
            text = reader(data)
        except DocumentError:
            raise
        except Exception as error:
            if "password" in repr(error).lower() or "encrypt" in repr(error).lower():
                raise DocumentError(DocumentProblem.ENCRYPTED, extension=kind) from error
            raise DocumentError(DocumentProblem.BROKEN_FILE, extension=kind) from error
    elif kind in _TEXT_EXTENSIONS or kind in _HTML_EXTENSIONS:
        binary = b"\x00" in data[:1024] and not data.startswith((b"\xff\xfe", b"\xfe\xff"))
        if (data[:4] == b"PK\x03\x04" or binary) and data.count(b"\x00") <= len(data) // 4:
            raise DocumentError(DocumentProblem.UNSUPPORTED_FORMAT, extension=extension)
        text = decode_text(data)
    else:
        raise DocumentError(DocumentProblem.UNSUPPORTED_FORMAT, extension=extension)
    if not text.strip():
        raise DocumentError(DocumentProblem.EMPTY)
    return text
