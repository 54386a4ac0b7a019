"""From text to assignments: ties segmentation, deadlines and responsible together."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from protocols.deadlines import Reference, find_inline_deadline, parse_deadline_with
from protocols.header import parse_header, plan_year
from protocols.labels import Label, LabelKind, split_labels
from protocols.model import (
    NO_DEADLINE,
    Deadline,
    ParsedAssignment,
    ParsedProtocol,
    ProtocolHeader,
)
from protocols.morph import is_infinitive
from protocols.responsible import (
    find_addressee,
    split_label_value,
    split_organisers,
    trailing_doers,
)
from protocols.structure import Item, ItemMarker, PlanRow, segment
from protocols.text import clean_document_text, collapse

#: Decisions that are accomplished by being taken ("Утвердить ...", "Принять к сведению").
_DONE_AT_ONCE = re.compile(
    r"^(?:\S+\s+){0,12}?(?:принять|взять)\s.{0,250}?\bк\s+сведению|"
    r"^(?:утвердить|учредить|одобрить|избрать|назначить|считать|признать|отметить|поддержать|"
    r"согласиться|создать|образовать|ввести\s+в\s+состав|включить\s+в\s+состав|"
    r"вывести\s+из\s+состава|исключить\s+из\s+состава|принять\s+(?:решение|отчет|отчёт|"
    r"к\s+сведению|информацию|доклад|в\s+члены|участников)|"
    r"контроль\b|снять\s+с\s+контроля|продлить\s+полномочия|"
    r"приветствовать|констатировать|согласовать\s+кандидатур\w*)(?![а-яё])",
    re.IGNORECASE,
)
_CONTROL = re.compile(r"^(?:контроль|общий\s+контроль)\b", re.IGNORECASE)
_SENTENCE_SPLIT = re.compile(
    r"(?<![А-ЯЁ]\.)(?<!\bг\.)(?<!\bгг\.)(?<!\bул\.)(?<!\bим\.)(?<!\bт\.)(?<!\bд\.)"
    r"(?<=[.!?])\s+(?=[А-ЯЁ«])"
)
_LEAD = frozenset({"поручить", "рекомендовать", "предложить", "просить", "обязать"})


def sentences(text: str) -> list[str]:
    """Split text into sentences without breaking after initials or "г."."""
    return [s for s in _SENTENCE_SPLIT.split(text) if s.strip()]


def _first_word(text: str) -> str:
    m = re.match(r"[«\"(]*([А-ЯЁа-яё]+)", text)
    return m.group(1).lower() if m else ""


def looks_like_action(line: str) -> bool:
    """Whether an unnumbered paragraph reads as a decision (verb first or addressee + verb)."""
    word = _first_word(line)
    if not word:
        return False
    if word in _LEAD or is_infinitive(word):
        return True
    if _DONE_AT_ONCE.match(line):
        return True
    head = (sentences(line) or [line])[0]
    addressee = find_addressee(head)
    return addressee.action_start > 0 and bool(addressee.responsible)


@dataclass(frozen=True, slots=True)
class _Context:
    responsible: tuple[str, ...]
    recommendation: bool
    deadline: Deadline
    active: bool  # the parent asks someone to act, so its sub-items are assignments


def _labels(item: Item) -> tuple[str, list[Label]]:
    text, inline = split_labels(item.text)
    return text, inline + item.labels


def _deadline_from(labels: list[Label], text: str, ref: Reference) -> Deadline | None:
    for label in labels:
        if label.kind is LabelKind.DEADLINE and label.value:
            return parse_deadline_with(label.value, ref)
    inline = find_inline_deadline(text, ref)
    return inline.deadline if inline else None


def _responsible_from(labels: list[Label]) -> tuple[str, ...]:
    found: list[str] = []
    for label in labels:
        if label.kind is LabelKind.RESPONSIBLE:
            found.extend(split_label_value(label.value))
    return tuple(dict.fromkeys(found))


def _action_sentence(text: str) -> tuple[bool, str]:
    """Whether the item asks for an action, and the sentence that names the doers."""
    parts = sentences(text) or [text]
    first = parts[0]
    if _CONTROL.match(first):
        return False, first
    if _DONE_AT_ONCE.match(first):
        for later in parts[1:]:
            word = _first_word(later)
            if word in _LEAD or (is_infinitive(word) and not _DONE_AT_ONCE.match(later)):
                return True, later
            addressee = find_addressee(later)
            if addressee.responsible and addressee.action_start > 0:
                return True, later
        return False, first
    return True, first


def _context_of(item: Item, ref: Reference, cache: dict[int, _Context]) -> _Context:
    key = id(item)
    if key in cache:
        return cache[key]
    parent = _context_of(item.parent, ref, cache) if item.parent is not None else None
    text, labels = _labels(item)
    wanted, sentence = _action_sentence(text)
    addressee = find_addressee(sentence)
    labelled = _responsible_from(labels)
    responsible = labelled or addressee.responsible
    if not responsible and parent is not None:
        responsible = parent.responsible
    if not labelled:
        # Persons printed after the task ("... (Иванов И.И., Петров П.П.)."): the doers, or
        # the officials of the bodies addressed.
        responsible = tuple(dict.fromkeys(responsible + trailing_doers(text)))
    recommendation = addressee.recommendation or (parent.recommendation if parent else False)
    deadline = _deadline_from(labels, text, ref)
    if deadline is None:
        deadline = parent.deadline if parent is not None else NO_DEADLINE
    if parent is not None and not parent.active:
        wanted = False
    has_action = (
        addressee.action_start >= 0
        or addressee.lead_verb is not None
        or (bool(addressee.responsible) and text.rstrip().endswith(":"))
    )
    if wanted and not has_action:
        wanted = (parent is not None and parent.active) or bool(labels)
    context = _Context(responsible, recommendation, deadline, wanted)
    cache[key] = context
    return context


def _assignment_text(item: Item) -> str:
    text, _ = split_labels(item.text)
    return collapse(text).rstrip(" ;,")


def _items_to_assignments(items: list[Item], ref: Reference) -> list[tuple[int, ParsedAssignment]]:
    cache: dict[int, _Context] = {}
    prefix_sections = _sections_restart(items)
    out: list[tuple[int, ParsedAssignment]] = []
    for item in items:
        if item.children:
            continue
        context = _context_of(item, ref, cache)
        if not context.active:
            continue
        text = _assignment_text(item)
        if not text:
            continue
        number = item.number
        if number is not None and item.section and prefix_sections:
            number = f"{item.section}.{number}"
        out.append(
            (
                item.position,
                ParsedAssignment(
                    number=number,
                    text=text,
                    deadline=context.deadline,
                    responsible=context.responsible,
                    recommendation=context.recommendation,
                ),
            )
        )
    return out


def _sections_restart(items: list[Item]) -> bool:
    """Whether numbering restarts in each roman section (so "II.2" is needed to tell items)."""
    seen: dict[str, str] = {}
    for item in items:
        if item.section is None or item.marker is not ItemMarker.NUMBER or item.number is None:
            continue
        top = item.number.split(".")[0]
        if top in seen and seen[top] != item.section:
            return True
        seen.setdefault(top, item.section)
    return False


def _rows_to_assignments(
    rows: list[PlanRow], ref: Reference
) -> list[tuple[int, ParsedAssignment]]:
    out: list[tuple[int, ParsedAssignment]] = []
    for row in rows:
        activity, labels = split_labels(row.activity)
        if not activity or _DONE_AT_ONCE.match(activity) or _CONTROL.match(activity):
            continue
        deadline = (
            parse_deadline_with(row.date, ref)
            if row.date
            else _deadline_from(labels, activity, ref)
        )
        responsible = tuple(split_organisers(row.organisers)) or _responsible_from(labels)
        addressee = find_addressee(sentences(activity)[0] if activity else "")
        if not responsible:
            responsible = addressee.responsible
        out.append(
            (
                row.position,
                ParsedAssignment(
                    number=row.number,
                    text=collapse(activity),
                    deadline=deadline or NO_DEADLINE,
                    responsible=responsible,
                    recommendation=addressee.recommendation,
                ),
            )
        )
    return out


def _reference(header: ProtocolHeader, fallback: datetime.date | None) -> Reference:
    if header.date is not None:
        return Reference(header.date)
    year = plan_year(header.title)
    if year is not None:
        return Reference(datetime.date(year, 1, 1), year_only=True)
    return Reference(fallback)


def parse_text(text: str, reference: datetime.date | None = None) -> ParsedProtocol:
    """Parse a whole protocol or work plan given as text.

    ``reference`` (for example today's date) is used for missing years and relative terms only
    when the document itself has no date and no plan year.
    """
    cleaned = clean_document_text(text)
    parts = segment(cleaned, looks_like_action)
    header = parse_header(parts.header_lines, cleaned)
    ref = _reference(header, reference)
    found = _items_to_assignments(parts.items, ref) + _rows_to_assignments(parts.rows, ref)
    found.sort(key=lambda pair: pair[0])
    return ParsedProtocol(header=header, assignments=tuple(a for _, a in found))
