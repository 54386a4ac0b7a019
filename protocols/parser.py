"""From text to assignments: ties segmentation, deadlines and responsible together."""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from protocols.deadlines import (
    Reference,
    find_event_date,
    find_inline_deadline,
    parse_deadline_with,
)
from protocols.header import is_plan_title, parse_header, plan_period, plan_year
from protocols.labels import Label, LabelKind, split_labels
from protocols.model import (
    NO_DEADLINE,
    Deadline,
    DeadlineKind,
    ParsedAssignment,
    ParsedProtocol,
    ProtocolHeader,
)
from protocols.morph import is_infinitive, parses
from protocols.responsible import (
    MENTION,
    cut_trailing_doers,
    find_addressee,
    persons_named,
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
    r"приветствовать|констатировать|согласовать\s+кандидатур\w*|"
    # Decisions on pupils and staff that the decision itself makes: "Зачислить в 10 класс
    # ... согласно списку", "Наградить похвальными листами", "Допустить к ГИА", "Перевести
    # обучающихся 1–8 классов в следующий класс".
    r"зачислить|отчислить|наградить|поощрить|объявить\s+благодарност\w*|присвоить|"
    r"допустить\s+к|перевести\s+(?:[^\s.;]+\s+){0,8}?(?:в\s+следующ\w+\s+класс|"
    r"на\s+следующ\w+\s+курс|условно))(?![а-яё])",
    re.IGNORECASE,
)
#: The same with the object first: "Работу методического объединения признать
#: удовлетворительной", "План работы на 2026 год утвердить", "Отчёт принять за основу".
_DONE_LATE = re.compile(
    r"^(?P<object>(?:[^\s.;:]+\s+){1,10}?)(?:утвердить|учредить|одобрить|признать|считать|"
    r"отметить|поддержать|избрать|назначить|продлить\s+полномочия|снять\s+с\s+контроля|"
    r"зачислить|отчислить|наградить|"
    r"принять\s+(?:к\s+сведению|за\s+основу|в\s+целом))(?![а-яё])",
    re.IGNORECASE,
)
#: "Информацию принять к сведению": nothing is to be done, whatever a table row adds.
_NOTED = re.compile(r"^(?:\S+\s+){0,12}?(?:принять|взять)\s.{0,250}?\bк\s+сведению", re.I)
_CONTROL = re.compile(r"^(?:контроль|общий\s+контроль)\b", re.IGNORECASE)
#: The control clause closing a table of decisions ("Контроль за исполнением решения возложить
#: на ..."); in a plan, "Контроль ведения журналов" is an inspection to carry out.
_CONTROL_CLAUSE = re.compile(
    r"^(?:общий\s+)?контроль\b(?:.{0,80}?(?:возложить|оставляю|оста[её]тся|оставить)|"
    r"\s+(?:за\s+)?(?:исполнени|выполнени)\w*\s+(?:настоящ|данн|протокол|решени|приказ|"
    r"поручени|распоряжени|постановлени))",
    re.IGNORECASE,
)
_SENTENCE_SPLIT = re.compile(
    r"(?<![А-ЯЁ]\.)(?<!\bг\.)(?<!\bгг\.)(?<!\bул\.)(?<!\bим\.)(?<!\bт\.)(?<!\bд\.)"
    r"(?<=[.!?])\s+(?=[А-ЯЁ«])"
)
_CLAUSE_SPLIT = re.compile(r";\s+")
_LEAD = frozenset({"поручить", "рекомендовать", "предложить", "просить", "обязать"})


def sentences(text: str) -> list[str]:
    """Split text into sentences without breaking after initials or "г."."""
    return [s for s in _SENTENCE_SPLIT.split(text) if s.strip()]


def _first_word(text: str) -> str:
    m = re.match(r"[«\"(]*([А-ЯЁа-яё]+)", text)
    return m.group(1).lower() if m else ""


_PHRASE_WORD = re.compile(r"[А-ЯЁа-яё]+(?:-[А-ЯЁа-яё]+)*")


def _decided_at_once(sentence: str) -> bool:
    """Whether a sentence is a decision accomplished by being taken, verb or object first."""
    if _DONE_AT_ONCE.match(sentence):
        return True
    late = _DONE_LATE.match(sentence)
    if late is None or _first_word(sentence) in _LEAD:
        return False
    # "Проект плана доработать и утвердить": a task comes first.
    if any(is_infinitive(word) for word in _PHRASE_WORD.findall(late.group("object"))):
        return False
    # "Иванову И.И. утвердить план": someone is to approve it, which is a task.
    return not find_addressee(sentence).responsible


#: Nouns whose infinitive is their complement, not the decision's verb ("о необходимости
#: провести", "предложение создать").
_INFINITIVE_COMPLEMENT = frozenset(
    {
        "необходимость", "возможность", "предложение", "решение", "право", "задача", "цель",
        "намерение", "обязанность", "поручение", "рекомендация", "просьба", "указание",
        "требование", "готовность", "способность", "стремление", "желание", "попытка",
        "целесообразность", "нужно", "необходимо", "надо", "можно", "нельзя", "следует",
    }
)  # fmt: skip


def _object_first(sentence: str) -> bool:
    """An impersonal decision with its object first: "Родительские собрания провести до
    20.12.2025", "Информацию разместить на сайте" (the infinitive after a noun phrase in the
    accusative, with no other verb before it)."""
    words = _PHRASE_WORD.findall(sentence[:200])[:10]
    if len(words) < 2 or not words[0][:1].isupper():
        return False
    if not any(
        p.tag.POS in ("NOUN", "ADJF", "PRTF") and p.tag.case == "accs" for p in parses(words[0])
    ):
        return False
    previous = ""
    for word in words[1:]:
        if is_infinitive(word):
            return previous not in _INFINITIVE_COMPLEMENT
        found = parses(word)
        if not found:
            continue
        best = found[0]
        if best.tag.POS in ("VERB", "INFN", "PRED", "GRND"):
            return False
        if best.tag.POS != "ADVB":
            previous = best.normal_form
    return False


def looks_like_action(line: str) -> bool:
    """Whether an unnumbered paragraph reads as a decision (verb first, addressee + verb, or
    an impersonal one with its object first)."""
    word = _first_word(line)
    if not word and not MENTION.match(line):  # "@nikitina подготовить ..."
        return False
    if word in _LEAD or is_infinitive(word):
        return True
    if _DONE_AT_ONCE.match(line):
        return True
    head = (sentences(line) or [line])[0]
    addressee = find_addressee(head)
    if addressee.action_start > 0 and bool(addressee.responsible):
        return True
    return _object_first(head)


@dataclass(frozen=True, slots=True)
class _Context:
    responsible: tuple[str, ...]
    recommendation: bool
    deadline: Deadline
    active: bool  # the parent asks someone to act, so its sub-items are assignments
    text: str = ""  # the item's text without its labels
    labels: tuple[Label, ...] = ()
    listing: bool = False  # under a decision that lists its content ("Утвердить состав:")
    decided: bool = False  # a decision taken at once or a control clause, not a task


def _lists_content(parent: _Context | None) -> bool:
    """Whether items under ``parent`` are the content of a decision ("Утвердить состав
    группы:"), not tasks. A clause with no verb at all ("По итогам проверки:", "В целях
    устранения нарушений:") only introduces them, and they are judged on their own."""
    return parent is not None and (
        parent.listing
        or (not parent.active and parent.decided and parent.text.rstrip().endswith(":"))
    )


def _labels(item: Item) -> tuple[str, list[Label]]:
    text, inline = split_labels(item.text)
    return text, inline + item.labels


def _deadline_from(labels: list[Label], text: str, ref: Reference) -> Deadline | None:
    for label in labels:
        if label.kind is LabelKind.DEADLINE and label.value:
            return parse_deadline_with(label.value, ref)
    # A term ("до ...") first; else the one day an event is set for ("Провести ... 15 марта").
    inline = find_inline_deadline(text, ref) or find_event_date(text, ref)
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
    if _decided_at_once(first):
        # "информацию принять к сведению; Петровой А.А. подготовить ...": a clause after a
        # semicolon is read as a sentence of its own.
        clauses = [c for part in parts for c in _CLAUSE_SPLIT.split(part) if c.strip()]
        for later in clauses[1:]:
            word = _first_word(later)
            if word in _LEAD or (is_infinitive(word) and not _decided_at_once(later)):
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
    context = _context_for(text, labels, parent, ref)
    listing = _lists_content(parent)
    context = replace(context, text=text, labels=tuple(labels), listing=listing)
    cache[key] = context
    return context


def _context_for(
    text: str, labels: list[Label], parent: _Context | None, ref: Reference
) -> _Context:
    """Doers, deadline and whether an action is asked, for an item's text and labels.

    Under a decision taken at once the sub-items are judged on their own: "1. Информацию
    принять к сведению." then "1.1. Руководителям ... обеспечить ..." is a task, with nothing
    passed on from "1."; under one that lists its content ("Утвердить состав группы:") they
    are that content.
    """
    listed = _lists_content(parent)
    if parent is not None and not parent.active and not listed:
        parent = None
    wanted, sentence = _action_sentence(text)
    decided = not wanted
    addressee = find_addressee(sentence)
    labelled = _responsible_from(labels)
    responsible = labelled or addressee.responsible
    if not responsible:
        # Doers typed after the task as in a chat: "... — Никитина", "..., отв. Смирнов",
        # "... @ivanov".
        responsible = tuple(dict.fromkeys(cut_trailing_doers(text, bare_persons=False)[1]))
    if not responsible and parent is not None:
        responsible = parent.responsible
    own_deadline = _deadline_from(labels, text, ref)
    if not labelled:
        # Persons printed after the task ("... (Иванов И.И., Петров П.П.)."), maybe before its
        # term ("... (Сидоров Б.Б.) – до 10.11.2026"): the doers, or the officials of the
        # bodies addressed.
        doers = trailing_doers(_without_term(text, own_deadline))
        responsible = tuple(dict.fromkeys(responsible + doers))
    recommendation = addressee.recommendation or (parent.recommendation if parent else False)
    deadline = own_deadline
    if deadline is None:
        deadline = parent.deadline if parent is not None else NO_DEADLINE
    if not wanted and not listed and _follow_up(sentence) and _deadline_from(labels, text, ref):
        # "Назначить Пак О.Е. ответственной за ... и обеспечить ... до 03.12.2026": a task
        # with its term follows the decision, and the person appointed does it.
        wanted = True
        if not responsible:
            responsible = tuple(persons_named(sentence, "accs"))
    if listed:
        wanted = False
    has_action = (
        addressee.action_start >= 0
        or addressee.lead_verb is not None
        or (bool(addressee.responsible) and text.rstrip().endswith(":"))
    )
    if wanted and not has_action:
        wanted = (parent is not None and parent.active) or bool(labels)
    return _Context(responsible, recommendation, deadline, wanted, decided=decided)


def _without_term(text: str, deadline: Deadline | None) -> str:
    """The text without the term printed at its end: "... (Сидоров Б.Б.) – до 10.11.2026."."""
    raw = deadline.raw if deadline is not None else ""
    at = text.rfind(raw) if raw else -1
    if at <= 0 or text[at + len(raw) :].strip(" .;,"):
        return text.rstrip(" ,;")  # "... (Гусева Е.В.), срок – ..." with the label cut off
    return re.sub(r"[\s,;]*(?:(?i:срок)\s*)?[–—:-]?\s*$", "", text[:at])


#: "... и обеспечить ...": a second verb joined to the first by "и".
_JOINED_VERB = re.compile(r"\sи\s+(?P<verb>[а-яё]+)\s", re.IGNORECASE)


def _follow_up(sentence: str) -> bool:
    """Whether a decision taken at once goes on with a task joined by "и" ("Назначить ...
    ответственной за ... и обеспечить ..."); taking note of something is never one."""
    if _NOTED.match(sentence) or _CONTROL.match(sentence) or not _decided_at_once(sentence):
        return False
    for found in _JOINED_VERB.finditer(sentence):
        rest = sentence[found.start("verb") :]
        if is_infinitive(found.group("verb")) and not _decided_at_once(rest):
            return True
    return False


def _names_own_doers(sentence: str) -> bool:
    """Whether a sentence gives a task to doers of its own ("Петровой А.А. провести ...")."""
    if _decided_at_once(sentence):
        return False
    addressee = find_addressee(sentence)
    return bool(addressee.responsible) and addressee.action_start > 0


def _pieces(text: str) -> list[str]:
    """An item's text cut before each sentence that names doers of its own: "Иванову И.И.
    подготовить отчёт до 10.12. Петровой А.А. провести собрание до 15.12." holds two
    assignments. A sentence without doers stays with the one before it."""
    parts = sentences(text)
    if len(parts) < 2 or not _names_own_doers(parts[0]):
        return [text]
    pieces = [parts[0]]
    for part in parts[1:]:
        if _names_own_doers(part):
            pieces.append(part)
        else:
            pieces[-1] = f"{pieces[-1]} {part}"
    return pieces


#: Where a sentence may end inside a text (a cheap test before :func:`sentences`).
_MAY_HAVE_SENTENCES = re.compile(r"[.!?]\s+[А-ЯЁ«]")


def _item_pieces(
    item: Item, context: _Context, ref: Reference, cache: dict[int, _Context]
) -> list[tuple[str, _Context]]:
    """The assignments of a leaf item: its text, or one piece per sentence naming doers."""
    text, labels = collapse(context.text).rstrip(" ;,"), list(context.labels)
    if not _MAY_HAVE_SENTENCES.search(text) or any(
        label.kind is LabelKind.RESPONSIBLE for label in labels
    ):
        return [(text, context)]  # one sentence, or the label names the doers of the whole
    pieces = _pieces(text)
    if len(pieces) == 1:
        return [(text, context)]
    parent = _context_of(item.parent, ref, cache) if item.parent is not None else None
    out: list[tuple[str, _Context]] = []
    for piece in pieces:
        # A deadline of the piece's own wins over a "Срок:" the pieces share.
        own = find_inline_deadline(piece, ref) is not None
        kept = [label for label in labels if not (own and label.kind is LabelKind.DEADLINE)]
        out.append((piece, _context_for(piece, kept, parent, ref)))
    return out


#: Activities a plan lists by name: "Проведение ...", "Участие ...", "Мониторинг ...".
_ACTIVITY_NOUN = re.compile(r"(?:ние|тие|ция|сия|ка|инг|аж|из|за)$")
_ACTIVITY_NOUNS = frozenset(
    {
        "контроль", "работа", "смотр", "конкурс", "семинар", "день", "неделя", "олимпиада",
        "встреча", "сбор", "отчёт", "отчет", "вебинар", "фестиваль", "чемпионат", "праздник",
        "турнир", "форум", "месячник", "рейд", "лекторий", "марафон", "квест", "акция",
    }
)  # fmt: skip
_DASH_TAIL = re.compile(r"\s[–—-]\s+(?P<tail>[^–—]+?)\s*\.?$")


def _plan_activity(item: Item, text: str) -> bool:
    """Whether a numbered item of a plan typed as a list names an activity ("1. Проведение
    заседаний МО – ежемесячно"), not a heading ("Организационная работа:") or a clause of
    the plan's preamble ("Настоящий план разработан ...")."""
    if item.marker is ItemMarker.PLAIN or text.rstrip().endswith(":"):
        return False
    if _CONTROL_CLAUSE.match(text) or _NOTED.match(text):
        return False
    words = _PHRASE_WORD.findall(text[:80])
    if not words:
        return False
    for found in parses(words[0])[:2]:
        if found.tag.POS == "NOUN" and found.tag.case == "nomn" and found.tag.number == "sing":
            normal = found.normal_form
            return normal in _ACTIVITY_NOUNS or bool(_ACTIVITY_NOUN.search(normal))
    return False


def _plan_item_doers(text: str, deadline: Deadline) -> tuple[str, ...]:
    """The doers printed after a dash at the end of a plan's item, beside its term:
    "Проведение заседаний МО – ежемесячно, руководитель МО Петрова А.А."."""
    tail = _DASH_TAIL.search(text)
    if tail is None:
        return ()
    rest = tail.group("tail")
    if deadline.raw:
        rest = rest.replace(deadline.raw, " ")
    rest = rest.strip(" ,;.")
    if not rest or not (persons_named(rest, "nomn") or rest[:1].isupper()):
        return ()
    return tuple(split_organisers(rest))


def _items_to_assignments(
    items: list[Item], ref: Reference, plan: bool = False
) -> list[tuple[int, ParsedAssignment]]:
    """Assignments of the decision items; in a plan typed as a list (``plan``), also the
    items that name an activity."""
    cache: dict[int, _Context] = {}
    prefix_sections = _restarts(items, lambda item: item.section)
    prefix_questions = not prefix_sections and _restarts(items, lambda item: item.question)
    out: list[tuple[int, ParsedAssignment]] = []
    for item in items:
        if item.children and not _whole_with_bullets(item, ref, cache):
            continue
        context = _context_of(item, ref, cache)
        if not context.active and plan and _plan_activity(item, context.text):
            deadline = context.deadline
            tail = _DASH_TAIL.search(context.text)
            if deadline.kind is DeadlineKind.NONE and tail is not None:
                # "Участие в конкурсе – март, Сидорова В.В.": the term after the dash.
                found = parse_deadline_with(tail.group("tail").split(",")[0], ref)
                deadline = found if found.kind is not DeadlineKind.NONE else deadline
            doers = context.responsible or _plan_item_doers(context.text, deadline)
            context = replace(context, active=True, responsible=doers, deadline=deadline)
            cache[id(item)] = context
        if not context.active:
            continue
        number = item.number
        if number is not None and item.section and prefix_sections:
            number = f"{item.section}.{number}"
        elif number is not None and item.question and prefix_questions:
            number = f"{item.question}.{number}"
        for text, piece in _item_pieces(item, context, ref, cache):
            if not text or not piece.active:
                continue
            out.append(
                (
                    item.position,
                    ParsedAssignment(
                        number=number,
                        text=text,
                        deadline=piece.deadline,
                        responsible=piece.responsible,
                        recommendation=piece.recommendation,
                    ),
                )
            )
    return out


def _whole_with_bullets(item: Item, ref: Reference, cache: dict[int, _Context]) -> bool:
    """Whether an item with bullets under it is an assignment of its own as well: a whole
    sentence, not a clause introducing them with a colon, that carries its own term ("3.
    Преподавателям организовать ... Срок: до 15.03.2027. Ответственный: ...;" then "-
    Смирнову К.Л. провести ...")."""
    if any(child.marker is not ItemMarker.BULLET for child in item.children):
        return False
    context = _context_of(item, ref, cache)
    if not context.active or context.text.rstrip().endswith(":"):
        return False
    return any(label.kind is LabelKind.DEADLINE and label.value for label in context.labels)


def _restarts(items: list[Item], part: Callable[[Item], str | None]) -> bool:
    """Whether numbering restarts in each part of the document, so that the part's mark is
    needed to tell items apart: roman sections ("II.2"), or the decision part of each agenda
    question ("1. СЛУШАЛИ ... РЕШИЛИ: 1. ... 2. ...", "2. СЛУШАЛИ ... РЕШИЛИ: 1. ..."), whose
    number then prefixes its items ("2.1")."""
    seen: dict[str, str] = {}
    for item in items:
        mark = part(item)
        if mark is None or item.marker is not ItemMarker.NUMBER or item.number is None:
            continue
        top = item.number.split(".")[0]
        if top in seen and seen[top] != mark:
            return True
        seen.setdefault(top, mark)
    return False


def _rows_to_assignments(
    rows: list[PlanRow], ref: Reference
) -> list[tuple[int, ParsedAssignment]]:
    out: list[tuple[int, ParsedAssignment]] = []
    for row in rows:
        activity, labels = split_labels(row.activity)
        if not activity or _CONTROL_CLAUSE.match(activity) or _NOTED.match(activity):
            continue
        deadline = (
            parse_deadline_with(row.date, ref)
            if row.date
            else _deadline_from(labels, activity, ref)
        )
        responsible = tuple(split_organisers(row.organisers)) or _responsible_from(labels)
        if _DONE_AT_ONCE.match(activity) and not (
            responsible and deadline is not None and deadline.kind is not DeadlineKind.NONE
        ):
            # "Утвердить график ... | до 05.12.2026 | Морозова Е.Г.": a row with its term and
            # doer is a task even so.
            continue
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
    """What the terms are resolved against: the document's date; for a plan, the period its
    title names when the document is dated before it (a plan for 2027 approved in December
    2026) or not at all."""
    period = plan_period(header.title)
    if header.date is not None and (period is None or header.date >= period[0]):
        return Reference(header.date)
    if period is not None:
        return Reference(period[0], year_only=True, school_year=period[1])
    year = plan_year(header.title)
    if header.date is None and year is not None:
        return Reference(datetime.date(year, 1, 1), year_only=True)
    return Reference(header.date or fallback)


def parse_text(text: str, reference: datetime.date | None = None) -> ParsedProtocol:
    """Parse a whole protocol or work plan given as text.

    ``reference`` (for example today's date) is used for missing years and relative terms only
    when the document itself has no date and no plan year.
    """
    cleaned = clean_document_text(text)
    parts = segment(cleaned, looks_like_action)
    header = parse_header(parts.header_lines, cleaned)
    ref = _reference(header, reference)
    plan = not parts.has_decisions and is_plan_title(header.title)
    found = _items_to_assignments(parts.items, ref, plan) + _rows_to_assignments(parts.rows, ref)
    found.sort(key=lambda pair: pair[0])
    return ParsedProtocol(header=header, assignments=tuple(a for _, a in found))
