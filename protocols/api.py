"""Public entry points of the parser."""

from __future__ import annotations

import datetime
import re

from protocols.deadlines import Reference, find_any_deadline, parse_deadline_with
from protocols.labels import LabelKind, split_labels
from protocols.model import NO_DEADLINE, Deadline, ParsedAssignment, ParsedProtocol
from protocols.names import find_persons, format_person, nominative_surname
from protocols.parser import parse_text as _parse_text
from protocols.parser import sentences
from protocols.readers import read_document
from protocols.responsible import find_addressee, split_label_value
from protocols.text import clean_document_text, collapse, strip_final_stop

_LEADING_NUMBER = re.compile(r"^\s*(?P<num>\d{1,3}(?:\.\d{1,3})*)[.)]?\s+(?=\S)")
_ANY_LABEL = re.compile(
    r"(?<![А-ЯЁа-яё])(?P<label>срок(?:\s+(?:исполнения|выполнения))?|дата|"
    r"ответственн(?:ый|ые|ая)|отв\.|исполнител[ьи])\s*(?::|[-–—]\s|(?=\s+до\s))\s*",
    re.IGNORECASE,
)


def parse_text(text: str, reference: datetime.date | None = None) -> ParsedProtocol:
    """Parse a whole protocol or work plan given as text.

    Finds the header (title, number, date, place) and every assignment of the decision part
    («РЕШИЛИ:», «ПОСТАНОВИЛИ:», «РЕШЕНИЕ:» ...) and of task tables (work plans). ``reference``
    is used for missing years and relative terms only when the document has no date or year.
    """
    return _parse_text(text, reference)


def parse_document(data: bytes, filename: str) -> ParsedProtocol:
    """Read a document (see :func:`read_document`) and parse it; raises ``DocumentError``."""
    return _parse_text(read_document(data, filename))


def _split_any_labels(text: str) -> tuple[str, list[tuple[LabelKind, str]]]:
    spans = list(_ANY_LABEL.finditer(text))
    # A lower-case "срок" inside a sentence ("в срок до ...") is not a label.
    spans = [
        m
        for m in spans
        if m.group(0).rstrip().endswith((":", "-", "–", "—"))
        or m.start() == 0
        or text[max(0, m.start() - 2) : m.start()].strip() in (".", ";", "")
    ]
    spans = [
        m for m in spans if not re.search(r"\bв\s+$", text[max(0, m.start() - 3) : m.start()])
    ]
    if not spans:
        return text, []
    labels: list[tuple[LabelKind, str]] = []
    rest: list[str] = [text[: spans[0].start()]]
    for index, m in enumerate(spans):
        stop = spans[index + 1].start() if index + 1 < len(spans) else len(text)
        value = text[m.end() : stop]
        kind = (
            LabelKind.DEADLINE
            if m.group("label").lower().startswith(("срок", "дата"))
            else LabelKind.RESPONSIBLE
        )
        value, leftover = _cut_value(value, kind)
        labels.append((kind, value))
        rest.append(leftover)
    return collapse(" ".join(rest)), labels


def _cut_value(value: str, kind: LabelKind) -> tuple[str, str]:
    """Separate a label's value from task text typed after it."""
    value = value.strip()
    if kind is LabelKind.RESPONSIBLE:
        persons = find_persons(value)
        if persons:
            tail = value[persons[-1].end :]
            m = re.match(r"^[\s.,;]*(?=[А-ЯЁ][а-яё]+\s+[а-яё])", tail)
            if m:
                return value[: persons[-1].end + m.end()], tail[m.end() :]
            return value, ""
    parts = sentences(value)
    if len(parts) > 1 and len(parts[0]) < len(value):
        return parts[0], value[len(parts[0]) :]
    return value, ""


_TRAILING_LABEL_WORD = re.compile(
    r"[\s,;]*(?:отв\.?|ответственн\w*|исполнител\w*)\s*[:–—-]?\s*$", re.IGNORECASE
)


_TRAILING_DOER = re.compile(
    r"[\s,;]+(?:(?i:ответственн\w*|исполнител\w*)\s*[:–—-]?\s*(?=[А-ЯЁ])"
    r"|(?i:отв|исп)(?:\.|(?![а-яё]))\s*[:–—-]?\s*)"
    r"(?P<who>[А-ЯЁа-яё][^,;:]*?)\s*[.]?\s*$"
)


def _cut_trailing_deadline(body: str, ref: Reference) -> str:
    """The body without a deadline that ends it ("Подготовить отчёт до 1 декабря")."""
    inline = find_any_deadline(body, ref)
    if inline is not None and not body[inline.end :].strip(" .,;"):
        # "срок 3.12.26": the label word goes with its date.
        return re.sub(r"[\s,;]*(?i:срок\w*)\s*[:–—-]?\s*$", "", body[: inline.start])
    return body


def parse_single_assignment(text: str, reference: datetime.date) -> ParsedAssignment:
    """Parse one assignment typed by a secretary (the bot's /new message).

    Labels may come in any order and case: «Срок:», «Срок исполнения:», «Дата:»,
    «Ответственный:», «Ответственные:», «Отв.:», «Исполнитель:», «Исполнители:»; without labels
    «Поручить Д.С. Хнычевой подготовить ...» or a dative addressee names the doers. The returned
    text excludes the label parts.
    """
    ref = Reference(reference)
    cleaned = collapse(clean_document_text(text))
    number = None
    m = _LEADING_NUMBER.match(cleaned)
    if m:
        number, cleaned = m.group("num"), cleaned[m.end() :]
    body, labels = _split_any_labels(cleaned)
    if not labels:
        body, found_labels = split_labels(cleaned)
        labels = [(label.kind, label.value) for label in found_labels]
    deadline: Deadline | None = None
    responsible: list[str] = []
    for kind, value in labels:
        if kind is LabelKind.DEADLINE and deadline is None and value:
            deadline = parse_deadline_with(value, ref)
        elif kind is LabelKind.RESPONSIBLE:
            responsible.extend(split_label_value(value))
    inline_deadline = deadline is None
    if inline_deadline:
        inline = find_any_deadline(body, ref)
        if inline is not None:
            deadline = inline.deadline
            body = _cut_trailing_deadline(body, ref)
    head = sentences(body)[0] if body else ""
    addressee = find_addressee(head)
    if not responsible:
        responsible = list(addressee.responsible)
    if not responsible and (tail := _TRAILING_DOER.search(body)) is not None:
        # "сдать табели отв. Петрова", "... отв завхоз": a label without a colon at the end.
        responsible = split_label_value(tail.group("who"))
        body = body[: tail.start()]
        if inline_deadline and deadline is not None:
            body = _cut_trailing_deadline(body, ref)
    if not responsible:
        persons = find_persons(body)
        if persons and not body[persons[-1].end :].strip(" .,;"):
            last = persons[-1]
            responsible = [format_person(nominative_surname(last.surname, None), last.initials)]
            # "..., отв. Гусева Е.П.": the label word goes with the name, and a deadline
            # before them is at the end now.
            body = _TRAILING_LABEL_WORD.sub("", body[: last.start])
            if inline_deadline and deadline is not None:
                body = _cut_trailing_deadline(body, ref)
    body = strip_final_stop(collapse(body).strip(" ,;:–—-"))
    return ParsedAssignment(
        number=number,
        text=body,
        deadline=deadline or NO_DEADLINE,
        responsible=tuple(dict.fromkeys(responsible)),
        recommendation=addressee.recommendation,
    )
