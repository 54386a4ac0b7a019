"""«Срок:» and «Ответственный:» labels inside item text."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from protocols.text import collapse


class LabelKind(StrEnum):
    """What a label introduces."""

    DEADLINE = "deadline"
    RESPONSIBLE = "responsible"


_LABEL_BODY = (
    r"(?P<label>(?:срок[иа]?|сроки)(?:\s+(?:исполнения|выполнения|исп\.|представления))?"
    r"(?:\s+поручения)?|дата(?:\s+(?:исполнения|выполнения))?|"
    r"ответственн(?:ый|ые|ая|ое|ых)(?:\s+(?:исполнител[ьи]|лиц[оа]|за\s+(?:исполнение|выполнение)|"
    # "Ответственный за площадку – Сидорова В.В.": what the doer answers for, then the doer.
    r"за\s+[^\s:–—()]+(?:\s+[^\s:–—()]+){0,5}?(?=\s*:|\s+[–—-]\s)))?|"
    r"(?:отв|исп)\.(?:\s*(?:исполнител[ьи]|лиц[оа]))?|исполнител[ьи]|соисполнител[ьи])"
)
_SEPARATOR = r"\s*(?::|[-–—](?=\s)|(?=\s+(?:до|не\s+позднее|в\s+течение)\s))\s*"
_LINE_LABEL = re.compile(rf"^\s*{_LABEL_BODY}{_SEPARATOR}", re.IGNORECASE)
_INLINE_LABEL = re.compile(
    rf"(?:(?<=[.;)!?])|(?<=[.;)!?]\s)|(?<=\.\s\s))(?=[СОИДсо])(?-i:(?=[А-ЯЁ])){_LABEL_BODY}{_SEPARATOR}",
    re.IGNORECASE,
)
_LOWER_INLINE = re.compile(rf"(?<=[.;)!?])\s*{_LABEL_BODY}\s*:\s*", re.IGNORECASE)
#: A label after a comma or a dash: "..., ответственный: Иванов И.И.", "... — срок: до 01.10.2026".
_COMMA_LABEL = re.compile(
    rf"(?:(?<=,)|(?<=\s[–—]))\s*{_LABEL_BODY}\s*(?::|[-–—]\s)\s*", re.IGNORECASE
)


@dataclass(frozen=True, slots=True)
class Label:
    """One label and its value."""

    kind: LabelKind
    value: str


def _kind(label: str) -> LabelKind:
    lowered = label.lower()
    return LabelKind.DEADLINE if lowered.startswith(("срок", "дата")) else LabelKind.RESPONSIBLE


def line_label(line: str) -> Label | None:
    """A line that starts with a label («Срок – до 24 ноября 2023 г.»)."""
    m = _LINE_LABEL.match(line)
    if m is None:
        return None
    return Label(_kind(m.group("label")), line[m.end() :].strip())


#: A word that may open a label (a cheap test before :func:`split_labels`).
_LABEL_WORD = re.compile(r"срок|дата|отв|исп|соисп", re.IGNORECASE)


def line_labels(line: str) -> list[Label]:
    """The labels of a line that starts with one, the next ones typed on the same line
    included: «Срок: март 2027 г. Ответственный: Ковалёв Д.И.» gives both."""
    first = line_label(line)
    if first is None:
        return []
    if not _LABEL_WORD.search(first.value):
        return [first]
    value, more = split_labels(first.value)
    if not more or not value:
        return [first]
    return [Label(first.kind, value), *more]


def split_labels(text: str) -> tuple[str, list[Label]]:
    """Cut labels out of a text: the remaining text and the labels in order.

    A label's value runs until the next label. "Представить ... Срок: 28.05.2021.
    Ответственный: Матвеев Д.М." → ("Представить ...", [deadline, responsible]).
    """
    text, bracketed = _bracketed_labels(text)
    spans: list[tuple[int, int, str]] = []
    m = _LINE_LABEL.match(text)
    if m:
        spans.append((m.start(), m.end(), m.group("label")))
    for pattern in (_INLINE_LABEL, _LOWER_INLINE, _COMMA_LABEL):
        for found in pattern.finditer(text):
            if any(s < found.end() and found.start() < e for s, e, _ in spans):
                continue
            spans.append((found.start(), found.end(), found.group("label")))
    if not spans:
        return collapse(text) if bracketed else text, bracketed
    spans.sort()
    labels: list[Label] = []
    head = collapse(text[: spans[0][0]]).rstrip(" –—")  # "... — срок: ..."
    for index, (_, end, label) in enumerate(spans):
        stop = spans[index + 1][0] if index + 1 < len(spans) else len(text)
        value = collapse(text[end:stop])
        if not index and not head and _kind(label) is LabelKind.RESPONSIBLE:
            # "Исполнитель: ГАУ ДПО «ИРО». Обеспечить ...": an item that opens with its doer;
            # the task is the sentence after it.
            value, head = _doer_then_task(value)
        labels.append(Label(_kind(label), value.rstrip(" ,;")))
    return head, labels + bracketed


#: The end of a sentence that is not an initial ("И.").
_SENTENCE_END = re.compile(r"(?<![А-ЯЁA-Z])(?<!\b[а-яё])\.\s+(?=[А-ЯЁ][а-яё])")


#: "Ответственный – Петров П.П., заместитель директора – подготовить отчёт ...": the doer set
#: off by dashes, then the task's infinitive.
_DASH_THEN_VERB = re.compile(r"\s[–—]\s+(?=[а-яё]+(?:ть|ти|чь)(?:ся)?\s)")


def _doer_then_task(value: str) -> tuple[str, str]:
    found = _SENTENCE_END.search(value) or _DASH_THEN_VERB.search(value)
    if found is None:
        return value, ""
    return value[: found.start()], value[found.end() :]


_BRACKET = re.compile(r"\s*\((?P<body>[^()]*)\)")
_BRACKET_PART = re.compile(rf"^\s*{_LABEL_BODY}\s*(?::|[-–—]\s*|\s+)", re.IGNORECASE)


def _bracketed_labels(text: str) -> tuple[str, list[Label]]:
    """Labels printed in brackets: "Подготовить отчёт (отв. Иванов И.И., срок – 01.02.2024)"."""
    if "(" not in text:
        return text, []
    labels: list[Label] = []
    kept: list[str] = []
    last = 0
    for m in _BRACKET.finditer(text):
        parts = re.split(r"[,;]\s*(?=[А-Яа-яЁё]+\.?\s*[:–—-]?)", m.group("body"))
        found: list[Label] = []
        for part in parts:
            head = _BRACKET_PART.match(part)
            if head is None:
                if found:
                    last_label = found[-1]
                    found[-1] = Label(last_label.kind, f"{last_label.value}, {part.strip()}")
                    continue
                break
            found.append(Label(_kind(head.group("label")), part[head.end() :].strip()))
        if found:
            labels.extend(found)
            kept.append(text[last : m.start()])
            last = m.end()
    kept.append(text[last:])
    return "".join(kept), labels
