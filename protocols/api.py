"""Public entry points of the parser."""

from __future__ import annotations

import datetime
import re

from protocols.deadlines import Reference, find_any_deadline, parse_deadline_with
from protocols.labels import LabelKind, split_labels
from protocols.model import NO_DEADLINE, Deadline, ParsedAssignment, ParsedProtocol
from protocols.names import find_persons
from protocols.parser import parse_text as _parse_text
from protocols.parser import sentences
from protocols.readers import read_document
from protocols.responsible import (
    MENTION,
    cut_trailing_doers,
    find_addressee,
    split_label_value,
)
from protocols.text import clean_document_text, collapse, strip_final_stop, strip_message_frame

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
    """Separate a label's value from task text typed after it (or on the next line)."""
    value = value.strip()
    if "\n" in value:
        value, after = value.split("\n", 1)
        value, leftover = _cut_value(value, kind)
        return value, f"{leftover} {after}"
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
    «Поручить Д.С. Хнычевой подготовить ...» or a dative addressee names the doers, or they
    come at the end («..., отв. Петрова», «... — Никитина», «... @nikitina»); a Telegram
    @username is a doer as typed. The returned text excludes the label parts.

    One message is one assignment here; a message holding several («Иванову И.И. подготовить
    ... Петровой А.А. провести ...», one per line or sentence) is read by :func:`parse_text`,
    which returns each of them.
    """
    ref = Reference(reference)
    # Lines are kept apart until the labels are read: "Срок: до 15.12, отв.: Петрова" on a line
    # of its own ends there.
    lines = (collapse(line) for line in strip_message_frame(clean_document_text(text)).split("\n"))
    cleaned = "\n".join(line for line in lines if line)
    number = None
    m = _LEADING_NUMBER.match(cleaned)
    if m:
        number, cleaned = m.group("num"), cleaned[m.end() :]
    body, labels = _split_any_labels(cleaned)
    if not labels:
        body, found_labels = split_labels(cleaned)
        labels = [(label.kind, label.value) for label in found_labels]
    body = collapse(body)
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
    if not responsible:
        body, responsible = cut_trailing_doers(body)
        if responsible and inline_deadline and deadline is not None:
            # "Подготовить отчёт до 10.12 — Никитина": the deadline is at the end now.
            body = _cut_trailing_deadline(body, ref)
    if not responsible:
        # "Прошу @nikitina подготовить отчёт": in a chat a mention names the doer.
        responsible = MENTION.findall(body)
    body = strip_final_stop(collapse(body).strip(" ,;:–—-"))
    return ParsedAssignment(
        number=number,
        text=body,
        deadline=deadline or NO_DEADLINE,
        responsible=tuple(dict.fromkeys(responsible)),
        recommendation=addressee.recommendation,
    )
