"""Text clean-up shared by the parser: markup removal, whitespace, dashes, hyphenation."""

from __future__ import annotations

import html
import re

_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad\ufe0e\ufe0f"), None)
_SPACES = dict.fromkeys(
    map(ord, "\u00a0\u2007\u202f\u2002\u2003\u2009\u200a\u2005\u2006\u3000"), " "
)
_LINE_BREAKS = {ord("\u2028"): "\n", ord("\u2029"): "\n", ord("\x0b"): "\n", ord("\x0c"): "\n"}
#: Unicode hyphens (U+2010, the non-breaking U+2011 that Word exports) are the ASCII one:
#: "ИКТ‑компаний" is "ИКТ-компаний".
_HYPHENS = {ord("\u2010"): "-", ord("\u2011"): "-"}

_ODD_CHARS = re.compile(
    "[\u200b\u200c\u200d\u2060\ufeff\u00ad\ufe0e\ufe0f\u00a0\u2007\u202f\u2002\u2003\u2009\u200a"
    "\u2005\u2006\u3000\u2028\u2029\x0b\x0c\u2010\u2011]"
)
#: A soft hyphen where a PDF line broke a word: "прове\u00ad⏎сти" is "провести".
_SOFT_HYPHEN_BREAK = re.compile("\u00ad[ \t]*\n[ \t]*(?=[А-ЯЁа-яёA-Za-z])")


def _replace_odd(match: re.Match[str]) -> str:
    return (
        match.group(0)
        .translate(_ZERO_WIDTH)
        .translate(_SPACES)
        .translate(_LINE_BREAKS)
        .translate(_HYPHENS)
    )


#: Latin letters that look like Cyrillic ones, as they turn up inside Russian words typed on a
#: Latin layout or recognised from a scan: "Oтветственный" (Latin O), "Cрок" (Latin C).
_LOOKALIKES = str.maketrans("AaBCcEeHKMOoPpTXxy", "АаВСсЕеНКМОоРрТХху")
#: A Latin look-alike letter touching a Cyrillic one (it leads the pattern, so a search skips
#: quickly over text without one).
_MIXED_SCRIPT = re.compile(r"[AaBCcEeHKMOoPpTXxy](?:(?<=[А-яЁё].)|(?=[А-яЁё]))")
#: A word of letters of both alphabets.
_MIXED_WORD = re.compile(r"[A-Za-zА-яЁё]*[А-яЁё][A-Za-zА-яЁё]*")
#: Latin letters without a Cyrillic look-alike ("G" of "ЯндексGPT").
_PLAIN_LATIN = re.compile(r"[DF-GI-JLNQ-SU-WYZbdf-nq-wz]")


def _cyrillic_word(match: re.Match[str]) -> str:
    word = match.group(0)
    if word.isascii() or _PLAIN_LATIN.search(word) or not re.search(r"[A-Za-z]", word):
        return word
    return word.translate(_LOOKALIKES)


def _fix_lookalikes(text: str) -> str:
    """Cyrillic words with Latin look-alike letters in them spelled in Cyrillic throughout;
    words with other Latin letters ("ЯндексGPT") and Latin words stay as they are."""
    if _MIXED_SCRIPT.search(text) is None:
        return text
    return _MIXED_WORD.sub(_cyrillic_word, text)


_HTML_BREAK = re.compile(r"<\s*(?:br|/p|p|/div|div|/li|/tr|/h\d)\b[^>]*>", re.IGNORECASE)
_HTML_CELL = re.compile(r"<\s*/t[dh]\s*>", re.IGNORECASE)
_HTML_LI = re.compile(r"<\s*li\b[^>]*>", re.IGNORECASE)
_HTML_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>")
_MD_EMPHASIS = re.compile(r"\*{2,3}|(?<!\w)__+|__+(?!\w)|(?<![\w*])\*(?=\S)|(?<=\S)\*(?![\w*])")
_MD_HEADING = re.compile(r"^[ \t]*#{1,6}[ \t]*", re.MULTILINE)
_MD_QUOTE = re.compile(r"^[ \t]*>[ \t]?", re.MULTILINE)
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|<>\"'])")
_PIPE_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$")
_HYPHEN_BREAK = re.compile(r"(?<=[А-ЯЁа-яё])-[ \t]*\n[ \t]*(?=[а-яё])")
_WORD_START = re.compile(r"[а-яё]+")
_WHITESPACE = re.compile(r"\s+")


def _pipe_row(line: str) -> str:
    stripped = line.strip()
    if stripped.count("|") >= 2 and stripped.startswith("|") and stripped.endswith("|"):
        if _PIPE_SEPARATOR.match(stripped):
            return ""
        cells = [cell.strip() for cell in stripped[1:-1].split("|")]
        return "\t".join(cells)
    return line


#: A cell border inside a row typed without outer borders: "1 | Утвердить ... | до 10.12".
_INNER_PIPE = re.compile(r"\s\|\s")


def _pipe_rows(lines: list[str]) -> list[str]:
    """Pipe tables as tab-separated rows: rows with outer borders each on its own; rows
    without them ("№ | Решение | Срок") when at least two lines in a row have two or more
    borders (blank lines between them aside), so that a single "|" in a sentence stays."""
    out = [_pipe_row(line) for line in lines]
    filled = [index for index, line in enumerate(out) if line.strip()]
    inner = {
        i for i in filled if len(_INNER_PIPE.findall(f" {out[i]} ")) >= 2 and "\t" not in out[i]
    }
    for before, index, after in zip([-1, *filled[:-1]], filled, [*filled[1:], -1], strict=True):
        if index in inner and (before in inner or after in inner):  # blank lines between rows
            out[index] = "\t".join(
                cell.strip() for cell in out[index].strip().strip("|").split("|")
            )
    return out


def _dehyphenate(text: str) -> str:
    """Join words hyphenated across a line break; real compounds keep their hyphen."""
    if "-" not in text:
        return text
    out: list[str] = []
    last = 0
    for m in _HYPHEN_BREAK.finditer(text):
        start = m.start()
        while start > last and text[start - 1].isalpha():
            start -= 1
        tail = _WORD_START.match(text, m.end())
        if tail is None or start == m.start():
            continue
        head = text[start : m.start()]
        joined = head + tail.group(0)
        out.append(text[last:start])
        out.append(joined if _is_word(joined) else f"{head}-{tail.group(0)}")
        last = tail.end()
    out.append(text[last:])
    return "".join(out)


def _is_word(word: str) -> bool:
    from protocols.morph import parses

    return any(p.is_known for p in parses(word))


#: Messenger list marks: a keycap digit ("1️⃣", "🔟") numbers an item; an emoji or a symbol
#: that opens a line ("✅", "▪️", "🔹", "👉", "📌", "➡️") is a bullet.
_KEYCAP = re.compile(r"^([ \t]*)(\d)\ufe0f?\u20e3[ \t]*", re.MULTILINE)
_TEN_KEYCAP = re.compile(r"^([ \t]*)\U0001f51f[ \t]*", re.MULTILINE)
_PICTOGRAPH = (
    "\u2190-\u21ff\u2300-\u23ff\u25a0-\u25ff\u2600-\u27bf\u2b00-\u2bff\U0001f000-\U0001faff"
)
_EMOJI_BULLET = re.compile(
    rf"^([ \t]*)[{_PICTOGRAPH}](?:[\ufe0e\ufe0f\u200d\U0001f3fb-\U0001f3ff]|[{_PICTOGRAPH}])*"
    r"[ \t]*(?=[^\s\d])",
    re.MULTILINE,
)


def _messenger_marks(text: str) -> str:
    text = _KEYCAP.sub(r"\1\2. ", text)
    text = _TEN_KEYCAP.sub(r"\g<1>10. ", text)
    return _EMOJI_BULLET.sub(r"\1- ", text)


def clean_document_text(text: str) -> str:
    """Remove conversion markup and odd characters while keeping lines and tabs.

    Markdown emphasis and headings, HTML tags and entities, zero-width characters, soft hyphens
    and exotic spaces go; Unicode hyphens become "-" and Latin look-alike letters inside
    Cyrillic words become Cyrillic; pipe tables become tab-separated rows; words hyphenated
    across a line break are joined.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.isascii():
        text = _messenger_marks(text)
        if "\u00ad" in text:
            text = _SOFT_HYPHEN_BREAK.sub("", text)
        text = _ODD_CHARS.sub(_replace_odd, text)
        text = _fix_lookalikes(text)
    if "<" in text:
        text = _HTML_CELL.sub("\t", text)
        text = _HTML_LI.sub("\n- ", text)
        text = _HTML_BREAK.sub("\n", text)
        text = _HTML_TAG.sub("", text)
    if "&" in text:
        text = html.unescape(text).translate(_SPACES)
    if "|" in text:
        text = "\n".join(_pipe_rows(text.split("\n")))
    text = _MD_EMPHASIS.sub("", text)
    text = _MD_HEADING.sub("", text)
    text = _MD_QUOTE.sub("", text)
    text = _MD_ESCAPE.sub(r"\1", text)
    text = _dehyphenate(text)
    text = _GLUED_INITIALS.sub(r"\1 ", text)
    return "\n".join(line.rstrip(" ") for line in text.split("\n"))


#: "И.И.Иванов": initials typed against the surname get their space.
_GLUED_INITIALS = re.compile(r"(?<![А-ЯЁа-яё.])([А-ЯЁ]\.\s?[А-ЯЁ]\.)(?=[А-ЯЁ][а-яё]{2,})")


#: The frame a message pasted from a messenger or an e-mail comes in: forward headers
#: ("Пересланное сообщение", "Forwarded from ...", "От: ...", "Тема: ..."), a greeting on a line
#: of its own ("Добрый день!", "Коллеги,").
_FRAME_LINE = re.compile(
    r"^\s*(?:-*\s*(?:пересланное\s+сообщение|forwarded\s+(?:from|message)|"
    r"начало\s+пересылаемого\s+сообщения|исходное\s+сообщение|original\s+message)\b.*"
    r"|(?:от|from|кому|to|копия|cc|тема|subject|отправлено|sent)\s*:.*"
    r"|(?:(?:добрый\s+(?:день|вечер)|доброе\s+утро|здравствуйте|(?:уважаемые\s+)?коллеги|"
    r"привет)[\s!,.]*)+)$",
    re.IGNORECASE,
)
#: Where a signature starts: "С уважением, ...", "--", "Best regards".
_SIGNATURE = re.compile(
    r"^\s*(?:--\s*|—\s*|с\s+уважением\b.*|всего\s+доброго\b.*|best\s+regards\b.*|"
    r"отправлено\s+(?:с|из)\s.*)$",
    re.IGNORECASE | re.MULTILINE,
)


def strip_message_frame(text: str) -> str:
    """A message without its forward headers and greeting (the lines before the task: a
    «Тема: …» line inside the task stays) and its signature (from "С уважением" or a "--"
    line on)."""
    if (signature := _SIGNATURE.search(text)) is not None and text[: signature.start()].strip():
        text = text[: signature.start()]
    lines = text.split("\n")
    start = 0
    while start < len(lines) and (not lines[start].strip() or _FRAME_LINE.match(lines[start])):
        start += 1
    return "\n".join(lines[start:])


def collapse(text: str) -> str:
    """Collapse whitespace runs to one space and strip the ends."""
    return _WHITESPACE.sub(" ", text).strip()


def fold(text: str) -> str:
    """Case- and ё-insensitive key of a string with collapsed whitespace."""
    return collapse(text).lower().replace("ё", "е")


_ABBREVIATION_END = re.compile(r"(?:^|[\s(])[А-Яа-яЁёA-Za-z]{1,3}\.$")


def strip_final_stop(text: str) -> str:
    """Drop a sentence-final full stop or semicolon but keep the dot of an abbreviation ("г.")."""
    text = text.strip().rstrip(";,").rstrip()
    while text.endswith(".") and not text.endswith("..") and not _ABBREVIATION_END.search(text):
        text = text[:-1].rstrip()
    return text


#: A person named last in a text ("... Сидорова В.В."): what follows is another entry.
_ENDS_WITH_INITIALS = re.compile(r"[А-ЯЁ][а-яё]+\s+[А-ЯЁ]\.\s?[А-ЯЁ]\.$")
#: Words that tie a cell's next paragraph to the one before it ("... рабочих программ" and
#: "по дисциплинам ...", "... и" and "воспитателей").
_LINKING_WORD = re.compile(
    r"^(?:по|в|во|на|с|со|для|о|об|обо|к|ко|за|из|от|при|до|среди|между|через|без|под|над|"
    r"перед|после|и|или|а|но|также|либо|как|что|чтобы|не)$",
    re.IGNORECASE,
)
_FIRST_WORD = re.compile(r"[А-ЯЁа-яё]+")
#: A year printed alone, the end of a term broken over two lines.
_YEAR_PART = re.compile(r"^(?:19|20)\d\d\s*(?:г\.?|года?)?\.?$")
_LAST_WORD = re.compile(r"([А-ЯЁа-яё]+)\W*$")
#: A capital initial with its dot at the end of a text ("... Петрова А.А.").
_ENDS_WITH_INITIAL = re.compile(r"(?<![А-ЯЁа-яё])[А-ЯЁ]\.\s*$")


def continues_text(joined: str, part: str) -> bool:
    """Whether a cell's paragraph that starts in lower case goes on with the text before it
    ("Корректировка рабочих программ" and "по дисциплинам ...", "Мониторинг трудоустройства"
    and "выпускников"), rather than naming another entry in the nominative ("заведующие
    отделениями" and "председатели ПЦК")."""
    if part.startswith(("(", "«", '"')) or joined.endswith((",", "-", "–", "—", "«", "(")):
        return True
    # An initial ends a person's name ("Петрова А.А."): it is no conjunction "а", "о", "и".
    last = None if _ENDS_WITH_INITIAL.search(joined) else _LAST_WORD.search(joined)
    first = _FIRST_WORD.match(part)
    if first is None or (last is not None and _LINKING_WORD.match(last.group(1))):
        return True
    if _LINKING_WORD.match(first.group(0)):
        return True
    from protocols.morph import parses

    return not any(p.tag.case == "nomn" for p in parses(first.group(0)))


def join_cell_parts(joined: str, part: str) -> str:
    """A table cell's text with its next paragraph: one that goes on in lower case (not with
    another entry in the nominative) or with a bracket continues the text ("Корректировка
    рабочих программ" and "по дисциплинам ...", "ежемесячно" and "(последний четверг)");
    after a sentence it follows with a space; otherwise, or after a person's initials, the
    paragraphs are entries apart ("Методист Сидорова В.В.; Преподаватели")."""
    if not joined:
        return part
    if not part:
        return joined
    if (part[:1].islower() or part.startswith(("(", "«"))) and continues_text(joined, part):
        return f"{joined} {part}"
    if _YEAR_PART.match(part):
        return f"{joined} {part}"  # "I квартал" and "2027 г."
    if not joined.endswith((".", ";", ",", ":")) or _ENDS_WITH_INITIALS.search(joined):
        return f"{joined}; {part}"
    return f"{joined} {part}"
