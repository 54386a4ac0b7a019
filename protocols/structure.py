"""Segmentation of a protocol into header, decision items and plan tables."""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum

from protocols.deadlines import Reference, parse_deadline_with
from protocols.labels import Label, LabelKind, line_labels
from protocols.text import collapse, continues_text, join_cell_parts

_NUMBER = re.compile(r"^(?P<num>\d{1,3}(?:\.(?!0\d)\d{1,3}){0,4})(?P<end>[.)]?)(?=\s|$)")
_LETTER = re.compile(r"^(?P<letter>[а-яa-z])\)\s*(?=\S)")
_BULLET = re.compile(r"^[-–—•·▪●○◦➢➤►✓✔∙]\s*(?=\S)")
_ROMAN = re.compile(r"^(?P<roman>[IVXLC]{1,6})\.\s+(?P<rest>\S.*)$")
_ROMAN_START = frozenset("IVXLC")
_DECISION = re.compile(
    r"^(?:по\s+(?:итогам|результатам)\s+(?:заседания|совещания|обсуждения)[^:]*?\s+)?"
    r"(?P<word>решили|постановили|решение|решения|решено|приняты\s+решения|принято\s+решение|"
    r"протокольные\s+решения|поручения|протокольные\s+поручения|поручено|"
    r"совет\s+решил|комиссия\s+решила|рабочая\s+группа\s+решила|решил[аи]?|"
    r"приказываю|постановляю|обязываю|постановил[аи]?|постановляет|"
    # "Решение принято: директору ... провести ..." under each question of an absentee vote.
    r"решение\s+принято)"
    # "РЕШИЛИ (единогласно):", "ПОСТАНОВИЛИ (большинством голосов):": how it was voted.
    r"(?:\s*\((?:единогласно|большинством[^()]{0,40}|[^()]{0,40}голос[^()]{0,30})\))?"
    r"\s*(?P<colon>[:.]|$)\s*(?P<rest>.*)$",
    re.IGNORECASE,
)
#: "По итогам совещания:" on its own introduces the decisions as well.
_AFTER_MEETING = re.compile(
    r"^по\s+(?:итогам|результатам)\s+(?:заседания|совещания|обсуждения|рассмотрения|встречи)"
    r"[^:]{0,120}:\s*(?P<rest>.*)$",
    re.IGNORECASE,
)
_DISCUSSION = re.compile(
    r"^(?:слушали|выступили|выступил[аи]?|докладчик\w*|повестка|присутствовал\w*|"
    r"председательствовал\w*|приглашенн\w*|приглашённ\w*|отсутствовал\w*|на\s+заседании\s+присутств\w*)"
    r"(?![а-яё])",
    re.IGNORECASE,
)
#: The vote after a decision closes it: "Голосовали: «за» – 32", "Решение принято единогласно"
#: (otherwise it runs on as the decision's text).
_VOTE = re.compile(
    r"^(?:голосовали|проголосовали|голосование|итоги\s+голосования|результаты\s+голосования|"
    r"решение\s+принято|решения\s+приняты|принято\s+единогласно)(?![а-яё])",
    re.IGNORECASE,
)
#: What "Решение принято:" may go on with when it only gives the vote.
_VOTE_TALLY = re.compile(r"^(?:единогласно|большинством|«?\s*за\b|\d)", re.IGNORECASE)
#: What follows a protocol's decisions and belongs to none: an appendix, the distribution
#: list, the acknowledgment sheet, who kept the protocol, the certified copy, the executor's
#: phone, the stamp of an electronic signature.
_TAIL = re.compile(
    r"^(?:список\s+рассылки|рассылка\s*:|разослать\s*:|"
    r"лист\s+(?:ознакомления|рассылки|согласования)|"
    r"с\s+(?:протоколом|решением|постановлением)\s+ознакомлен\w*|ознакомлен\w*\s*:|"
    r"протокол\s+вел\w*|вел\w*\s+протокол|(?:выписка|копия)\s+верна|верно\s*[:.]|"
    r"документ\s+подписан|подписан\w*\s+(?:усиленной\s+)?(?:квалифицированной\s+)?электронн|"
    r"сведения\s+о\s+сертификате|сертификат\b|владелец\b|действителен\s+с\b|qr|"
    r"(?:исп\.|исполнитель\b)(?=.*(?:тел|\d{2}-\d{2})))",
    re.IGNORECASE,
)
#: An appendix's heading ("Приложение 1", "Приложение № 2 к протоколу ...", "Приложение:"):
#: a tail once the protocol has been signed.
_APPENDIX = re.compile(r"^приложени[ея](?:\s+№?\s*\d+)?(?:\s*[.:]|\s+к\s|\s*$)", re.IGNORECASE)
_QUESTION = re.compile(
    r"^(?:\d{1,2}[.)]?\s*)?(?:вопрос\s*(?:№|n)?\s*\d+|по\s+[а-яё]+\s+вопросу|по\s+вопросу\s+№?\s*\d+)",
    re.IGNORECASE,
)
_SIGNATURE = re.compile(
    r"^(?:председател\w*|секретар\w*|директор|заместитель|руководитель|министр|начальник|"
    r"глава|губернатор|ректор|подпись|протокол\s+вел\w*|вел\w*\s+протокол)(?![а-яё])",
    re.IGNORECASE,
)
_NAME_ONLY = re.compile(
    r"^(?:[А-ЯЁ]\.\s?[А-ЯЁ]\.\s?[А-ЯЁ][а-яё]+|[А-ЯЁ][а-яё]+\s[А-ЯЁ]\.\s?[А-ЯЁ]\.)$"
)
_PAGE_NUMBER = re.compile(
    r"[-–—]?\s*\d{1,3}\s*[-–—]?|(?:стр\.?|страница)\s*\d{1,3}(?:\s*из\s*\d{1,3})?",
    re.IGNORECASE,
)
_SPACED_WORD = re.compile(r"^(?:[А-ЯЁа-яё]\s){3,}[А-ЯЁа-яё]\s*:?$")


class ItemMarker(StrEnum):
    """How an item was introduced."""

    NUMBER = "number"
    BULLET = "bullet"
    LETTER = "letter"
    PLAIN = "plain"


@dataclass(slots=True)
class Item:
    """A decision item as found in the text, before interpretation."""

    marker: ItemMarker
    number: str | None
    parts: list[str]
    group: int
    section: str | None
    position: int
    labels: list[Label] = field(default_factory=list)
    #: The agenda question whose decision part holds the item ("2" for "2. СЛУШАЛИ: ...",
    #: "По второму вопросу ...", or the count of decision parts when none is printed).
    question: str | None = None
    children: list[Item] = field(default_factory=list)
    parent: Item | None = None
    #: Printed "1)" rather than "1.": a "2)" after it is its sibling, not its sub-item.
    bracketed: bool = False

    @property
    def text(self) -> str:
        return collapse(" ".join(self.parts))


@dataclass(slots=True)
class PlanRow:
    """A row of a task table (plan or decision table)."""

    number: str | None
    activity: str
    date: str
    organisers: str
    position: int


@dataclass(slots=True)
class Segments:
    """What the segmenter found."""

    items: list[Item]
    rows: list[PlanRow]
    header_lines: list[str]
    #: Whether the text has a decision part ("РЕШИЛИ:", "ПОСТАНОВИЛИ:", "ПРИКАЗЫВАЮ:").
    has_decisions: bool = False


_MARKER_NUMBER = re.compile(r"^(?:\d{1,2}|[IVX]{1,4})[.)]\s*")


def _decision_marker(line: str) -> re.Match[str] | None:
    line = _MARKER_NUMBER.sub("", line)
    candidate = line
    if _SPACED_WORD.match(line):
        candidate = line.replace(" ", "")
    m = _DECISION.match(candidate)
    if m is None:
        return _AFTER_MEETING.match(candidate)
    word = m.group("word").lower()
    if m.group("colon") in ("", ".") and m.group("rest"):
        return None
    own_verb = word.startswith(("решил", "постановил", "постановляет"))
    if own_verb and word not in ("решили", "постановили") and m.group("colon") != ":":
        return None
    if word.startswith("решение") and word != "решение":
        # "Решение принято: <the decision>", but not "Решение принято единогласно" nor
        # "Решение принято: «за» – 5", which only give the vote.
        rest = m.group("rest")
        if m.group("colon") != ":" or not rest or _VOTE_TALLY.match(rest):
            return None
    if word in ("решение", "решения", "поручения") and m.group("colon") == "" and len(line) > 14:
        return None
    return m


def _cells(line: str) -> list[str]:
    return [collapse(cell) for cell in line.split("\t")]


_DATE_LIKE = re.compile(
    r"\d{1,2}[./]\d{1,2}|квартал|кв\.|полугоди|течени|постоянно|ежемесячно|ежеквартально|"
    r"ежегодно|ежене|год|январ|феврал|март|апрел|ма[йя]|июн|июл|август|сентябр|октябр|ноябр|"
    r"декабр|до\s+\d|срок",
    re.IGNORECASE,
)
_ROLE_PATTERNS = {
    "num": re.compile(r"^(?:№|n|no|номер|п/п|№\s*п/п|№п/п)\b|№", re.IGNORECASE),
    "activity": re.compile(
        r"мероприяти|наименовани|содержани|поручени|задач|направлени|вопрос|действи|работ|"
        r"решени|описани|названи|тематик|(?<![а-яё])тем[аы]?(?![а-яё])",
        re.IGNORECASE,
    ),
    "date": re.compile(r"срок|дата|период|когда|время", re.IGNORECASE),
    "resp": re.compile(r"ответствен|исполнител|организатор|участник|кто\b", re.IGNORECASE),
}


#: Among several columns of a role, the one meant: the activity rather than its heading
#: ("Направление работы | Мероприятие"), the end of the term rather than its start ("Дата
#: начала | Дата окончания").
_PREFERRED = {
    "activity": re.compile(r"мероприяти|содержани|поручени|наименовани|решени", re.IGNORECASE),
    "date": re.compile(r"исполнени|выполнени|^сроки?$", re.IGNORECASE),
}
_TERM_END = re.compile(r"оконча|заверш|конечн", re.IGNORECASE)
_TERM_START = re.compile(r"начал|фактич", re.IGNORECASE)


def _rank(role: str, cell: str) -> int:
    """How surely a heading names its role's column: the end of a term over its start."""
    if role == "date" and (_TERM_END.search(cell) or _TERM_START.search(cell)):
        return 2 if _TERM_END.search(cell) else -1
    if role == "resp" and re.fullmatch(r"участник\w*|кто\s+участвует", cell, re.IGNORECASE):
        return -1  # the participants, when the doers have a column of their own
    preferred = _PREFERRED.get(role)
    return 1 if preferred is not None and preferred.search(cell) else 0


def _header_roles(cells: list[str]) -> dict[str, int] | None:
    roles: dict[str, int] = {}
    for index, cell in enumerate(cells):
        if not cell or len(cell) > 80:
            continue
        for role in ("num", "resp", "date", "activity"):
            if not _ROLE_PATTERNS[role].search(cell):
                continue
            if role not in roles or _rank(role, cell) > _rank(role, cells[roles[role]]):
                roles[role] = index
                break
    if len(roles) >= 2 and ("activity" in roles or "date" in roles or "resp" in roles):
        return roles
    return None


def task_table_header(cells: list[str]) -> bool:
    """Whether cells head a table of tasks beyond doubt: they name the activity ("Мероприятие",
    "Содержание работы", "Поручение") and its term or doers, not only a question and its
    time as an agenda does."""
    cells = [collapse(cell) for cell in cells]
    roles = _header_roles(cells)
    return (
        roles is not None
        and "activity" in roles
        and bool(_PREFERRED["activity"].search(cells[roles["activity"]]))
        and ("date" in roles or "resp" in roles)
    )


def _plain_number(cell: str) -> str | None:
    m = re.match(r"^(\d{1,3}(?:\.\d{1,3})*)\.?$", cell.strip())
    return m.group(1) if m else None


def _column_numbers(filled: list[str]) -> bool:
    """Whether a table row only numbers the columns ("1", "2", "3", "4"), as a row under the
    header of forms does."""
    return len(filled) >= 3 and filled == [str(n) for n in range(1, len(filled) + 1)]


#: The head of a column of a road map's term: a quarter, a half-year, a month or a year
#: ("I кв.", "II квартал 2027 г.", "1 полугодие", "сентябрь", "2027").
_PERIOD_HEAD = re.compile(
    r"^(?:(?:[IV]{1,3}|[1-4])\s*-?\s*(?:й\s*)?(?:кв\.?|квартал|полугодие|пол\.)|"
    r"(?:январь|февраль|март|апрель|май|июнь|июль|август|сентябрь|октябрь|ноябрь|декабрь)|"
    r"20\d\d)(?:\s*(?:20\d\d)?\s*(?:г\.?|года?)?)?$",
    re.IGNORECASE,
)
#: What marks a period a road map's row falls in: "+", "х", "V", "✓", "●".
_PERIOD_MARK = re.compile(r"^[+xхXХvV✓✔√●•*■]{1,3}$")


def _period_columns(rows: list[list[str]]) -> dict[int, str]:
    """The columns of a header (of one or two rows) that name periods, when there are two
    or more: "Срок реализации" over "I кв. | II кв. | III кв. | IV кв."."""
    found: dict[int, str] = {}
    for level, cells in enumerate(rows):
        for index, cell in enumerate(cells):
            if not _PERIOD_HEAD.match(cell):
                continue
            above = rows[level - 1][: index + 1] if level else []
            spanning = next((value for value in reversed(above) if value), "")
            year = re.match(r"^(20\d\d)\s*(?:г\.?|год)?$", spanning)
            # "2026 год" over "I полугодие | II полугодие": the year of each.
            found[index] = f"{cell} {year.group(1)} г." if year and year.group(0) != cell else cell
    return found if len(found) >= 2 else {}


def _continues_header(header: list[str], cells: list[str]) -> bool:
    """Whether a row under a table's header is the header's second row: the periods under
    "Срок реализации", or, with cells merged down, the header's first cell again."""
    if sum(bool(_PERIOD_HEAD.match(cell)) for cell in cells) >= 2:
        return True
    return bool(cells and header and cells[0] and cells[0].lower() == header[0])


def _combined_header(headers: list[list[str]]) -> list[str]:
    """Each column's heading over a header of several rows: a cell spanning columns heads
    each of them ("Срок исполнения" over "начало" and "окончание")."""
    width = max(len(row) for row in headers)
    combined = [""] * width
    for level, row in enumerate(headers):
        spanning = ""
        for index in range(width):
            value = row[index] if index < len(row) else ""
            below = any(index < len(other) and other[index] for other in headers[level + 1 :])
            if value:
                spanning = value
            elif below:
                value = spanning  # under a cell merged across
            if value and value not in combined[index]:
                combined[index] = f"{combined[index]} {value}".strip()
    return combined


def _period_marks(cells: list[str], periods: dict[int, str]) -> str:
    """The periods a road map's row is marked in ("I кв., II кв."); a cell that holds a term
    of its own ("до 15.03") gives it instead of the column's name."""
    marked = []
    for index, label in sorted(periods.items()):
        value = cells[index] if index < len(cells) else ""
        if _PERIOD_MARK.match(value):
            marked.append(label)
        elif _DATE_LIKE.search(value):
            marked.append(value)  # a figure (a sum, a count) is no term
    return ", ".join(marked)


def _table_rows(lines: list[str], start: int, end: int) -> list[PlanRow] | None:
    """Interpret lines[start:end] (tab rows) as a task table, or ``None`` if it is not one."""
    roles: dict[str, int] | None = None
    first_row = start
    header: list[str] = []
    headers: list[list[str]] = []
    for index in range(start, min(end, start + 4)):
        if "\t" not in lines[index]:
            continue
        roles = _header_roles(_cells(lines[index]))
        if roles is not None:
            first_row = index + 1
            header = [cell.lower() for cell in _cells(lines[index])]
            headers = [header]
            while first_row < end and _continues_header(header, _cells(lines[first_row])):
                headers.append([cell.lower() for cell in _cells(lines[first_row])])
                first_row += 1
            if len(headers) > 1:
                roles = _header_roles(_combined_header(headers)) or roles
            break
    periods = _period_columns([_cells(lines[i]) for i in range(start, first_row)])
    rows_cells = _rebuilt_rows(
        lines, first_row, end, len(header), roles is not None and "num" in roles
    )
    if roles is None:
        head = _cells(lines[start])
        if _ROLE_PATTERNS["num"].match(head[0]) and not any(_plain_number(c) for c in head):
            # "№ | ФИО | Специальность | Средний балл": a header whose columns name no task,
            # its term or doer heads a list of people or the like.
            return None
        numbered = [c for _, c in rows_cells if len(c) >= 3 and _plain_number(c[0])]
        if len(numbered) < 2 or len(numbered) < len(rows_cells) // 2:
            return None
        dated = [c for c in numbered if _DATE_LIKE.search(c[2])]
        if len(dated) * 2 < len(numbered):
            return None  # numbered lists of people and the like are not task tables
        roles = {"num": 0, "activity": 1}
        width = max(len(c) for c in numbered)
        if width >= 3:
            roles["date"] = 2
        if width >= 4:
            roles["resp"] = 3
    rows: list[PlanRow] = []
    width = max(roles.values()) + 1

    def cell(cells: list[str], role: str) -> str:
        index = roles.get(role) if roles else None
        value = cells[index] if index is not None and index < len(cells) else ""
        if role == "date" and periods and (not value or index in periods):
            return _period_marks(cells, periods)  # quarters as columns
        return value

    previous_position = first_row - 1
    sub_rows: dict[int, PlanRow] = {}  # a row under a numbered one: that row
    headings: set[int] = set()  # numbered rows that only head the rows under them
    for position, cells in rows_cells:
        filled = [c for c in cells if c]
        set_apart = any(not lines[i].strip() for i in range(previous_position + 1, position))
        previous_position = position
        if not filled or _column_numbers(filled) or [c.lower() for c in cells] in headers:
            continue  # "1 | 2 | 3 | 4" under the header; the header repeated on a new page
        if (
            set_apart
            and len(filled) <= 2
            and _NAME_ONLY.match(filled[-1])
            and not _plain_number(cells[0])
        ):
            continue  # a signature under the table: "Заведующий библиотекой<tab>О.О. Орлова"
        number_cell = cell(cells, "num") if "num" in roles else ""
        activity = cell(cells, "activity")
        if len(filled) == 1 and width >= 3 and (number_cell or not rows):
            continue  # a section heading spanning the row
        if len(filled) == 1 and width >= 3 and cells and cells[0] == filled[0]:
            continue
        number = _plain_number(number_cell) if number_cell else None
        if (
            number is None
            and number_cell
            and len(filled) <= 2
            and (_SIGNATURE.match(number_cell) or any(_NAME_ONLY.match(c) for c in filled))
        ):
            continue  # a signature under the table: "Секретарь<tab>М.А. Юдина"
        if number is None and not number_cell and rows and "num" in roles:
            if len(filled) == 1 and (_SECTION_LINE.match(activity) or _mostly_upper(activity)):
                continue  # a section heading set in the activity's column
            previous = rows[-1]
            own = _BULLET.sub("", activity)
            parent = sub_rows.get(id(previous), previous)
            if own and _own_activity(
                parent, previous, activity, cell(cells, "date"), cell(cells, "resp")
            ):
                # "1. | Проведение классных часов:" then "| - «Мы против наркотиков» | март |
                # Кураторы": an activity of its own under the numbered one, whose number it
                # takes; a numbered row with neither term nor doer only heads them.
                if not parent.date and not parent.organisers:
                    headings.add(id(parent))
                rows.append(
                    PlanRow(parent.number, own, cell(cells, "date"), cell(cells, "resp"), position)
                )
                sub_rows[id(rows[-1])] = parent
                continue
            previous.activity = collapse(f"{previous.activity} {activity}")
            previous.date = collapse(f"{previous.date} {cell(cells, 'date')}")
            previous.organisers = collapse(f"{previous.organisers} {cell(cells, 'resp')}")
            continue
        if not activity:
            continue
        rows.append(PlanRow(number, activity, cell(cells, "date"), cell(cells, "resp"), position))
    return [row for row in rows if id(row) not in headings]


def _own_activity(parent: PlanRow, previous: PlanRow, activity: str, date: str, resp: str) -> bool:
    """Whether an unnumbered row under a numbered one is an activity of its own rather than
    the rest of the row before it, broken by a page ("1 | Организация участия студентов во |
    март – | Петрова А.А.," then "| Всероссийской олимпиаде ... | апрель | Сидорова В.В.").

    It is when it starts with a bullet or its numbered row ends with a colon; never when the
    text before it breaks off (at a preposition, a conjunction, a comma) or it goes on in a
    case other than the nominative; otherwise when it has a term or doers of its own.
    """
    if _BULLET.match(activity) or parent.activity.rstrip().endswith(":"):
        return True
    # A title in quotes names an activity of its own: what follows the quote is read.
    if _starts_lower(activity) or continues_text(previous.activity, activity.lstrip('«"„“')):
        return False
    return bool(date or resp)


#: How far below the first tab line of a block its header may stand.
_MAX_LINES_ABOVE_HEADER = 16
#: Up to this many lines without a tab may break a row of a table copied from Word.
_MAX_BROKEN_LINES = 3


def _has_header(lines: list[str], start: int, end: int) -> bool:
    return any(
        "\t" in lines[index] and _header_roles(_cells(lines[index])) is not None
        for index in range(start, min(end, start + 4))
    )


def _breaks_a_row(line: str) -> bool:
    """Whether a line without a tab, between rows of a table, may be part of the table as
    Word copies it: a cell's next paragraph or a section row; never a decision marker, a
    report, a question, a vote or a signature."""
    line = collapse(line)
    bare = _MARKER_NUMBER.sub("", line)
    return (
        0 < len(line) <= 200
        and _decision_marker(line) is None
        and not _DISCUSSION.match(bare)
        and not _HEARD.search(line)
        and not _VOTE.match(bare)
        and not _BETWEEN_TABLES.match(bare)
        and not (_SIGNATURE.match(line) and len(line) < 70)
        and not _PAGE_NUMBER.fullmatch(line)
    )


#: A line set between two tables, or between the parts of one: never a row's.
_BETWEEN_TABLES = re.compile(
    r"^(?:продолжение|окончание)\s+(?:таблицы|приложения)|^приложение(?:\s+№?\s*\d+)?\s*$|"
    r"^(?:заслушав|рассмотрев|обсудив)(?![а-яё])",
    re.IGNORECASE,
)


def _broken_run_end(lines: list[str], start: int, table_start: int) -> int | None:
    """Where a table goes on after the lines without a tab from ``start``: the next row, if
    the table has a header, the lines may break a row, and the next row is not the header
    of another table."""
    end = start
    while end < len(lines) and "\t" not in lines[end]:
        if end - start >= _MAX_BROKEN_LINES or not _breaks_a_row(lines[end]):
            return None
        end += 1
    if end >= len(lines) or _header_roles(_cells(lines[end])) is not None:
        return None
    filled = [cell for cell in _cells(lines[end]) if cell]
    if len(filled) <= 2 and (
        (filled and _SIGNATURE.match(filled[0])) or any(_NAME_ONLY.match(c) for c in filled)
    ):
        return None  # the signature under the table: the lines before it are not the table's
    return end if _has_header(lines, table_start, start) else None


#: A line of a table copied from Word that is a section row, not a cell's next paragraph:
#: "I. Подготовительный этап", "Раздел 2. ...", "2. Работа с родителями".
_SECTION_LINE = re.compile(
    r"^(?:(?:раздел|модуль|блок|этап|направление)\s+\S+|[IVXLC]{1,6}\.?\s+\S|\d{1,2}\.\s+[А-ЯЁ])",
    re.IGNORECASE,
)


def _mostly_upper(text: str, least: int = 4) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return len(letters) >= least and sum(ch.isupper() for ch in letters) > len(letters) * 0.7


def _section_line(text: str) -> bool:
    """Whether a line without a tab inside a table copied from Word is a section row: a
    numbered or capitalised heading, or an agenda question ("По второму вопросу")."""
    return bool(_SECTION_LINE.match(text) or _QUESTION.match(text)) or _mostly_upper(text, 12)


def _section_before_row(
    text: str, last: list[str], lines: list[str], start: int, end: int
) -> bool:
    """Whether a line without a tab after a whole row is a section row because a numbered row
    follows it: "Работа с родителями" then "3<tab>Родительские собрания<tab>...". A line
    naming a person or a position ("Педагог-психолог", "Орлова Н.Н."), one in lower case,
    or one after a cell that breaks off ("Петрова А.А.,") goes on with the row before."""
    from protocols.responsible import names_position

    filled = [value for value in last if value]
    if len(filled) < 2 or filled[-1].endswith((",", ";", "-", "–", "—", ":")):
        return False
    if not text[:1].isupper() or _INITIALS.search(text) or names_position(text):
        return False
    following = next((lines[at] for at in range(start, end) if lines[at].strip()), "")
    return "\t" in following and _plain_number(_cells(following)[0]) is not None


def _rebuilt_rows(
    lines: list[str], start: int, end: int, width: int, numbered: bool
) -> list[tuple[int, list[str]]]:
    """The rows of lines[start:end], with rows that Word's copy broke at a cell's paragraph
    joined again: a row with fewer cells than the header goes on with the next line, whose
    first cell ends its last one; a line without a tab is a section row or, after a whole
    row, its last cell's next paragraph."""
    rows: list[tuple[int, list[str]]] = []
    #: The first paragraphs of the next row's first cell ("Проверка" then "библиотечного
    #: фонда<tab>октябрь<tab>...") and where they start.
    opening: tuple[int, str] | None = None
    for index in range(start, end):
        line = lines[index]
        if not line.strip():
            continue
        cells = _cells(line)
        last = rows[-1][1] if rows else None
        if opening is not None:
            if "\t" not in line:
                opening = (opening[0], join_cell_parts(opening[1], cells[0]))
                continue
            rows.append((opening[0], [join_cell_parts(opening[1], cells[0]), *cells[1:]]))
            opening = None
            continue
        if "\t" not in line:
            text = cells[0]
            following = lines[index + 1].lstrip() if index + 1 < end else ""
            if last is not None and _section_before_row(text, last, lines, index + 1, end):
                rows.append((index, [text]))
            elif last is not None and len(last) < width and len(last) > 1:
                last[-1] = join_cell_parts(last[-1], text)
            elif following[:1].islower() and not _section_line(text):
                opening = (index, text)
            elif last is not None and len(last) > 1 and not _section_line(text):
                filled = max(i for i, value in enumerate(last) if value) if any(last) else 0
                last[filled] = join_cell_parts(last[filled], text)
            else:
                rows.append((index, [text]))
            continue
        if (
            last is not None
            and 1 < len(last) < width
            and len(last) + len(cells) - 1 == width
            and cells[0]
            and not (numbered and _plain_number(cells[0]))
            and not _SECTION_LINE.match(cells[0])
        ):
            last[-1] = join_cell_parts(last[-1], cells[0])
            last.extend(cells[1:])
            continue
        rows.append((index, cells))
    return rows


def _find_tables(lines: list[str]) -> tuple[list[PlanRow], set[int]]:
    rows: list[PlanRow] = []
    consumed: set[int] = set()
    index = 0
    while index < len(lines):
        if lines[index].count("\t") < 1 or not lines[index].strip():
            index += 1
            continue
        end = index
        last_tab = index
        while end < len(lines):
            if "\t" in lines[end]:
                last_tab = end
            elif lines[end].strip() and end == last_tab + 1:
                # A table copied from Word: a cell's paragraphs and section rows are lines of
                # their own.
                resume = _broken_run_end(lines, end, index)
                if resume is None:
                    break
                end = resume
                continue
            elif lines[end].strip() or end - last_tab > 2:
                break
            end += 1
        end = last_tab + 1
        if not _has_header(lines, index, end):
            # Tab lines above the header (an approval block set in a sheet's right columns,
            # the title in a row of its own) are no rows: the table starts at its header.
            index = next(
                (
                    at
                    for at in range(index + 4, min(end, index + _MAX_LINES_ABOVE_HEADER))
                    if "\t" in lines[at] and _header_roles(_cells(lines[at])) is not None
                ),
                index,
            )
        if end - index >= 2:
            table = _table_rows(lines, index, end)
            if table is not None:
                rows.extend(table)
                consumed.update(range(index, end))
        index = end
    return rows, consumed


#: Most lines a cell copied from Excel may run over.
_MAX_QUOTED_LINES = 12


#: A cell that is only a row's number: "1.", "12".
_BARE_NUMBER = re.compile(r"^\s*(?P<n>\d{1,3})\.?\s*$")
#: How a term cell starts: "до 15.01.2027", "январь 2027 г.", "в течение года", "I квартал".
_TERM_CELL = re.compile(
    r"^(?:(?:до|к|не\s+позднее|в|во|с|по|постоянно)(?![а-яё])|еже|\d|[IV]{1,3}\s|"
    r"январ|феврал|март|апрел|ма[йя]|июн|июл|август|сентябр|октябр|ноябр|декабр|"
    r"перв|втор|трет|четв)",
    re.IGNORECASE,
)
#: Only tells a term cell from a task's line ("сентябрь" needs a year to be read); the date
#: it gives is not used.
_ANY_REFERENCE = Reference(datetime.date(2000, 1, 1))
#: A task's line that breaks off mid-sentence ("... о работе за" then "2026 год до 15.01.2027."):
#: the line after it goes on with the task.
_BROKEN_OFF = re.compile(
    r"(?:^|\s)(?:за|до|в|во|на|по|с|со|о|об|к|от|и|или|а|для|при|из|не|срок|сроком)\s*$|[,–—-]$",
    re.IGNORECASE,
)
#: Most lines a copied row's task or doers may run over.
_MAX_CELL_LINES = 8


def _term_cell(line: str) -> bool:
    """Whether a line is a whole term cell, not a sentence's end that holds a date."""
    if len(line) > 60 or not _TERM_CELL.match(line) or ":" in line:
        return False
    if line.endswith((",", ";")) or (line.endswith(".") and not re.search(r"г\.$", line)):
        return False
    return parse_deadline_with(line, _ANY_REFERENCE).kind.value != "none"


def _cell_row(lines: list[str], start: int) -> tuple[list[str], int] | None:
    """The row whose number cell is lines[start] in a table copied one cell per line: the
    task's lines, a term, the doers' lines up to the next number, a blank line or what
    cannot be a cell (a signature, a section marker); its cells and where it ends."""
    end = start + 1
    while end < len(lines) and end - start <= 2 * _MAX_CELL_LINES:
        line = collapse(lines[end])
        if (
            not line
            or "\t" in lines[end]
            or _BARE_NUMBER.match(line)
            or _NUMBER.match(line)
            or _decision_marker(line) is not None
            or _TAIL.match(line)
            or line.endswith(":")
        ):
            break
        following = collapse(lines[end + 1]) if end + 1 < len(lines) else ""
        if _SIGNATURE.match(line) and not _BARE_NUMBER.match(following):
            break  # the signature under the table ("Директор" before "2." is a doer)
        end += 1
    cells = [collapse(line) for line in lines[start + 1 : end]]
    if any(line_labels(cell) for cell in cells):
        return None  # "Срок: ...", "Ответственный: ...": a protocol's item, not a row
    term = next((at for at in range(1, len(cells)) if _term_cell(cells[at])), None)
    if term is None or term > _MAX_CELL_LINES or len(cells) - term - 1 > 3:
        return None
    task, doers = cells[:term], cells[term + 1 :]
    if (
        not task[0][:1].isupper()
        or _BROKEN_OFF.search(task[-1])
        or any(len(doer) > 80 for doer in doers)
    ):
        return None
    joined_task, joined_doers = "", ""
    for part in task:
        joined_task = join_cell_parts(joined_task, part)
    for part in doers:
        joined_doers = f"{joined_doers} {part}".strip()
    return [joined_task, cells[term], joined_doers], end


def _cell_header(lines: list[str], first_row: int) -> int | None:
    """Where the header of a table copied one cell per line starts: the short lines right
    above its first row that name a term and the task or the doers ("№", "п/п",
    "Мероприятие", "Срок", "Ответственный"), the term before the doers."""
    start = first_row
    while start > 0 and first_row - start < 8:
        line = collapse(lines[start - 1])
        if not line or len(line) > 40 or "\t" in lines[start - 1] or re.search(r"\d", line):
            break
        start -= 1
    for at in range(start, first_row):
        cells = [collapse(line) for line in lines[at:first_row]]
        roles = _header_roles(cells)
        if roles is not None and "date" in roles and len(roles) >= 3:
            if "resp" in roles and roles["resp"] < roles["date"]:
                return None  # the doers before the term: the rows cannot be told apart
            return at
    return None


def _join_cell_lines(lines: list[str]) -> list[str]:
    """Rows of a table copied from a PDF viewer one cell per line ("1.", the task, "до
    15.01.2027", "Иванов И.И.", "2.", ...) as tab-separated rows under a header, when at
    least two numbered rows in a row follow the pattern; the printed header, if any, goes."""
    if sum(1 for line in lines if _BARE_NUMBER.match(line)) < 2:
        return lines
    out: list[str] = []
    index = 0
    while index < len(lines):
        first = _BARE_NUMBER.match(lines[index])
        rows: list[str] = []
        at = index
        expected = int(first.group("n")) if first else 0
        while first is not None and at < len(lines):
            number = _BARE_NUMBER.match(lines[at])
            if number is None or int(number.group("n")) != expected:
                break
            row = _cell_row(lines, at)
            if row is None:
                break
            cells, at = row
            rows.append("\t".join([f"{expected}.", *cells]))
            expected += 1
        if len(rows) < 2:
            out.append(lines[index])
            index += 1
            continue
        header = _cell_header(lines, index)
        if header is not None:
            del out[len(out) - (index - header) :]
        out.extend(["№\tМероприятие\tСрок\tОтветственный", *rows])
        index = at
    return out


def _join_quoted_cells(lines: list[str]) -> list[str]:
    """Rows of a table copied from Excel, whose cells of several lines come in quotes
    ("\"Формирование списков⏎выпускников\"", a quote inside doubled), each on one line again."""
    if not any("\t" in line and '"' in line for line in lines):
        return lines
    out: list[str] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        if "\t" in line and '"' in line:
            row = _quoted_row(lines, index)
            if row is not None:
                out.append(row[0])
                index += row[1]
                continue
        out.append(line)
        index += 1
    return out


def _quoted_row(lines: list[str], start: int) -> tuple[str, int] | None:
    """The row of cells from lines[start], with its quoted cells read, and how many lines it
    took; None when no cell is quoted the way Excel quotes."""
    text = lines[start]
    used = 1
    cells: list[str] = []
    position = 0
    quoted = False
    while True:
        if text.startswith('"', position):
            close = position + 1
            while True:
                close = text.find('"', close)
                if close < 0:
                    if used >= _MAX_QUOTED_LINES or start + used >= len(lines):
                        return None
                    text += "\n" + lines[start + used]
                    used += 1
                    close = position + 1
                    continue
                if text.startswith('""', close):
                    close += 2
                    continue
                break
            if close + 1 == len(text) or text[close + 1] == "\t":
                value = text[position + 1 : close].replace('""', '"')
                parts = [part.strip() for part in value.split("\n")]
                joined = ""
                for part in parts:
                    joined = join_cell_parts(joined, part)
                cells.append(joined)
                quoted = True
                position = close + 2
                if close + 1 == len(text):
                    break
                continue
            if used > 1:
                return None  # a quote typed in the text, not a cell Excel quoted
        tab = text.find("\t", position)
        if tab < 0:
            cells.append(text[position:])
            break
        cells.append(text[position:tab])
        position = tab + 1
    return ("\t".join(cells), used) if quoted else None


#: A number printed alone on its line: "1.", "2)", "2.1.", "2.1", "II.", "а)".
_NUMBER_LINE = re.compile(
    r"^\s*(?:\d{1,3}(?:\.(?!0\d)\d{1,3}){0,4}[.)]|\d{1,3}(?:\.(?!0\d)\d{1,3}){1,4}|"
    r"[IVX]{1,4}\.|[а-яa-z]\))\s*$"
)
#: A line that breaks off before a reference's number: "... согласно пункту" then "3." and
#: "настоящего Положения".
_BEFORE_REFERENCE = re.compile(
    r"(?:№|(?<![а-яё])(?:пп?|ст|гл|разд|прил)\.|"
    r"(?<![а-яё])(?:пункт|подпункт|раздел|стать|глав|част|приложени)[а-яё]*)\s*$"
)


def _join_number_lines(lines: list[str]) -> list[str]:
    """A number printed on a line of its own, as text copied from Word or a PDF viewer gives
    it ("1." then the decision wrapped over several lines), joined with the next line that is
    not blank, so that it opens its item and never runs on as the text or a label of the item
    before it. Not with another number, a label, a table row, a signature or a tail."""
    if not any(len(line) < 24 and _NUMBER_LINE.match(line) for line in lines):
        return lines
    out: list[str] = []
    previous = ""  # the last line kept that is not blank
    index = 0
    while index < len(lines):
        line = lines[index]
        if _NUMBER_LINE.match(line) and not _BEFORE_REFERENCE.search(previous):
            at = index + 1
            while at < len(lines) and not lines[at].strip():
                at += 1
            following = collapse(lines[at]) if at < len(lines) else ""
            if (
                following
                and "\t" not in lines[at]
                and not _NUMBER_LINE.match(following)
                and not _NUMBER.match(following)
                and not line_labels(following)
                and not _SIGNATURE.match(following)
                and not _NAME_ONLY.match(following)
                and not _TAIL.match(following)
            ):
                out.append(f"{line.strip()} {following}")
                previous = following
                index = at + 1
                continue
        out.append(line)
        if line.strip():
            previous = line.rstrip()
        index += 1
    return out


def _starts_lower(line: str) -> bool:
    first = line.lstrip("«\"'(„“ ")[:1]
    return bool(first) and (first.islower() or first.isdigit() or not first.isalpha())


@dataclass(slots=True)
class _State:
    items: list[Item]
    current: Item | None = None
    label_open: bool = False
    group: int = 0
    section: str | None = None
    in_decision: bool = False
    #: Roman section headings whose section has a decision part of its own.
    deciding_sections: frozenset[int] = frozenset()
    question: str | None = None  # of the current decision part
    printed_question: str | None = None  # printed since the last decision marker
    decision_parts: int = 0
    #: After the decisions, in their appendices and sign-off (see ``_TAIL``).
    in_tail: bool = False
    #: A signature has been printed since the last decision marker.
    signed: bool = False


def segment(text: str, looks_like_action: Callable[[str], bool]) -> Segments:
    """Split cleaned text into decision items and task-table rows.

    ``looks_like_action`` is a predicate telling whether an unnumbered paragraph reads as a
    decision («Принять к сведению ...», «Направить ...»); it is passed in so this module stays
    free of morphology.
    """
    lines = _split_inline_markers(
        _join_number_lines(
            _drop_running_lines(
                _join_cell_lines(_join_quoted_cells(_spaced_tables(text.split("\n"))))
            )
        )
    )
    rows, consumed = _find_tables(lines)
    has_markers = any(
        _decision_marker(line.strip()) is not None
        for i, line in enumerate(lines)
        if i not in consumed
    )
    state = _State(
        items=[],
        in_decision=not has_markers,
        deciding_sections=_deciding_sections(lines, consumed) if has_markers else frozenset(),
    )
    header_lines: list[str] = []
    tail_rows: set[int] = set()
    blank_before = True
    seen_body = False
    for position, raw_line in enumerate(lines):
        if position in consumed:
            state.current, state.label_open = None, False
            seen_body = True
            if state.in_tail:
                tail_rows.add(position)
            elif (state.decision_parts or state.items) and _SIGNATURE.match(collapse(raw_line)):
                state.signed = True  # "Председатель<tab>И.И. Иванов"
            continue
        line = collapse(raw_line)
        if not line:
            blank_before = True
            continue
        if not seen_body:
            header_lines.append(line)
        _feed(state, line, position, blank_before, has_markers, looks_like_action)
        if (state.in_decision and has_markers) or _DISCUSSION.match(line):
            seen_body = True
        blank_before = False
    _link(state.items)
    _share_closing_labels(state.items)
    rows = [row for row in rows if row.position not in tail_rows]
    return Segments(state.items, rows, header_lines, has_markers)


#: Cells of a table typed with spaces: two or more between them.
_SPACED_CELL = re.compile(r"\S+(?: \S+)*")


def _spaced_cells(line: str) -> list[tuple[int, str]]:
    return [(m.start(), m.group(0)) for m in _SPACED_CELL.finditer(line.expandtabs())]


def _spaced_tables(lines: list[str]) -> list[str]:
    """A task table typed with spaces between the cells ("№   Решение   Ответственный   Срок"
    then the rows aligned under it) as tab-separated rows. It starts at a header that names the
    task and its term or doers and runs while its lines split into cells (a cell's wrapped line
    under its column continues the row above); a blank line and a line set apart end it."""
    out = list(lines)
    index = 0
    while index < len(out):
        line = out[index]
        head = _spaced_cells(line) if "\t" not in line else []
        if len(head) < 3 or not task_table_header([cell for _, cell in head]):
            index += 1
            continue
        starts = [start for start, _ in head]
        out[index] = "\t".join(cell for _, cell in head)
        index += 1
        while index < len(out) and out[index].strip() and "\t" not in out[index]:
            cells = _spaced_cells(out[index])
            if len(cells) < 2 and (not cells or cells[0][0] < starts[1] - 2):
                break  # a line of text, not a cell under its column
            row = [""] * len(starts)
            if len(cells) == len(starts):
                row = [cell for _, cell in cells]
            else:
                for start, cell in cells:
                    column = min(range(len(starts)), key=lambda c: abs(starts[c] - start))
                    row[column] = f"{row[column]} {cell}".strip()
            out[index] = "\t".join(row)
            index += 1
    return out


#: "... о приёмной кампании. Решили: Петровой А.А. подготовить ...": a decision marker after
#: the report in the same paragraph (the capital and the colon tell it from the verb).
_INLINE_DECISION = re.compile(
    r"(?<=[.!?»)])\s+(?=(?:РЕШИЛИ|Решили|ПОСТАНОВИЛИ|Постановили|РЕШЕНИЕ|Решение|"
    r"РЕШИЛИ\s*\([^()]{1,40}\)|Решили\s*\([^()]{1,40}\))\s*:)"
)
#: "... до 01.12.2026. Голосовали: «за» – 12": the vote after a decision in its paragraph.
_INLINE_VOTE = re.compile(r"(?<=[.!?»)])\s+(?=(?:ГОЛОСОВАЛИ|Голосовали)\s*:)")


_MARKER_WORD = re.compile(r"решил|постановил|решение|голосовал", re.IGNORECASE)


def _split_inline_markers(lines: list[str]) -> list[str]:
    """Put a decision marker (or the vote) printed inside a paragraph on a line of its own, so
    that the report before it stays out of the decisions and the decision after it is read as
    one (a vote, as the end of the decision before it).

    A decision marker is looked for only in the report part (before the first decision
    part, or from a "СЛУШАЛИ"/"ВЫСТУПИЛИ" line or a question's heading on): inside a decision
    item "Решение: бухгалтерии произвести перерасчёт" is the item's own text.
    """
    if not any(_MARKER_WORD.search(line) for line in lines):
        return lines
    out: list[str] = []
    reporting = True
    for line in lines:
        if "\t" in line:
            out.append(line)
            continue
        key = collapse(line)
        bare = _MARKER_NUMBER.sub("", key)
        if _DISCUSSION.match(bare) or _HEARD.search(key) or _QUESTION.match(key):
            reporting = True
        elif _decision_marker(key) is not None:
            reporting = False
        pieces = _INLINE_DECISION.split(line) if reporting else [line]
        if len(pieces) > 1:
            reporting = False
        for piece in pieces:
            out.extend(_INLINE_VOTE.split(piece))
    return out


#: The page's number at the end of a running header or footer: "2", "- 2 -", "стр. 2",
#: "Страница 1 из 2", "лист 3/5" (a whole word: "семестр 2", "реестр 2" are no page).
_PAGE_TAIL = (
    r"(?:(?<![а-яё])(?:стр\.?|страница|лист)\s*\d{1,3}(?:\s*(?:из|/)\s*\d{1,3})?|"
    r"[-–—]?\s*\d{1,3}\s*[-–—]?)\s*$"
)
#: A page's running header or footer read from a PDF: the page number set apart at the end
#: of a line ("ОГАПОУ «...»            2", "Протокол № 5 от 25.11.2026    Страница 1 из 2").
_RUNNING_LINE = re.compile(rf"^\s*\S.*?\S {{3,}}{_PAGE_TAIL}", re.IGNORECASE)
#: The same after a single space at the end of a clear header, or as "page N of M":
#: "Протокол № 5 от 25.11.2026 Страница 1 из 2", "Приказ № 45-ОД стр. 2".
_HEADER_WITH_PAGE = re.compile(
    r"^\s*(?:(?:протокол|приказ|решение|выписка|план|постановление)(?![а-яё]).*?\S\s+"
    r"(?:стр\.?|страница|лист)\s*\d{1,3}(?:\s*(?:из|/)\s*\d{1,3})?|"
    r"\S.*?\S\s+(?<![а-яё])(?:стр\.?|страница|лист)\s*\d{1,3}\s*(?:из|/)\s*\d{1,3})\s*$",
    re.IGNORECASE,
)


def _running_line(line: str, previous: str) -> bool:
    """Whether a line is a page's running header or footer: the page number set apart by
    spaces (a footer may break into a sentence, but a line going on in lower case is the
    sentence's), or the page word ending a header printed after the end of a sentence.
    Numbered items, labels, table rows and lines ending with a colon are never one."""
    stripped = line.strip()
    if (
        "\t" in line
        or _NUMBER.match(stripped)
        or line_labels(stripped)
        or line.rstrip().endswith(":")
    ):
        return False
    if _RUNNING_LINE.match(line):
        return not stripped.lstrip("«\"'(„“")[:1].islower()
    ends_sentence = not previous or _LINE_SENTENCE_END.search(previous.rstrip()) is not None
    return ends_sentence and _HEADER_WITH_PAGE.match(line) is not None


def _page_mark(line: str) -> bool:
    """A page number on its own ("- 2 -") or a running line with the page's number."""
    key = collapse(line)
    return bool(key) and bool(_PAGE_NUMBER.fullmatch(key) or _RUNNING_LINE.match(line))


#: How many lines from a page number a running header repeated from the head may stand.
_PAGE_MARK_REACH = 2


def _drop_running_lines(lines: list[str]) -> list[str]:
    """Drop the running headers and footers of PDF pages, which otherwise break into the
    item printed across the page break: a line with the page number set apart, or a line
    repeated from the top of the first page beside a page number. A person's line, or the
    value of a label printed alone ("Ответственный:" then the attendee line "Петрова А.А. –
    заместитель директора"), is never a running header."""
    repeated = _repeated_heads(lines)
    seen: set[str] = set()
    out: list[str] = []
    previous = ""  # the last line kept that is not blank
    for index, line in enumerate(lines):
        key = collapse(line)
        if (
            key in repeated
            and key in seen
            and not previous.rstrip().endswith(":")
            and any(
                _page_mark(lines[at])
                for at in range(
                    max(0, index - _PAGE_MARK_REACH),
                    min(len(lines), index + _PAGE_MARK_REACH + 1),
                )
                if at != index
            )
        ):
            continue
        seen.add(key)
        if _running_line(line, previous):
            continue
        out.append(line)
        if key:
            previous = line
    return out


def _repeated_heads(lines: list[str]) -> set[str]:
    """Lines of the first page's head that come back later: running headers of a text
    copied from a PDF ("Протокол № 9 заседания Совета колледжа от 14.11.2026"). The head is
    what precedes the first item, label or decision marker, so a value repeated under the
    items ("Ответственный:" then "Отдел профориентации" under each) is never taken for one;
    nor is a sentence, an item or a label."""
    head: set[str] = set()
    for line in lines:
        key = collapse(line)
        if not key:
            continue
        if (
            len(head) >= 10
            or _NUMBER.match(key)
            or line_labels(key)
            or _decision_marker(key) is not None
        ):
            break
        if len(key) >= 15 and "\t" not in line:
            head.add(key)
    counts: dict[str, int] = {}
    for line in lines:
        key = collapse(line)
        if key in head:
            counts[key] = counts.get(key, 0) + 1
    return {
        key
        for key, count in counts.items()
        if count >= 2
        and not key.endswith((".", ";", ":", ","))
        and not _BULLET.match(key)
        and not _VOTE.match(key)
        and not _SIGNATURE.match(key)
        and not _INITIALS.search(key)
    }


def _deciding_sections(lines: list[str], consumed: set[int]) -> frozenset[int]:
    """Roman section headings followed by a decision marker before the next heading.

    Such a section opens with its report ("I. О ... СЛУШАЛИ: ... РЕШИЛИ: ..."), so its heading
    ends the decision part before it; headings printed after a single «ПОСТАНОВИЛИ:» group
    its decisions ("ПОСТАНОВИЛИ: I. О ходе ... 1. ... II. О закупке ... 1. ...").
    """
    headings = [
        position
        for position, line in enumerate(lines)
        if line.lstrip()[:1] in _ROMAN_START
        and position not in consumed
        and _ROMAN.match(collapse(line))
    ]
    found: set[int] = set()
    for index, heading in enumerate(headings):
        stop = headings[index + 1] if index + 1 < len(headings) else len(lines)
        if any(
            position not in consumed and _decision_marker(collapse(lines[position])) is not None
            for position in range(heading + 1, stop)
        ):
            found.add(heading)
    return frozenset(found)


#: "СЛУШАЛИ" printed on the line of a question's heading.
_HEARD = re.compile(r"(?<![а-яё])(?:слушали|выступили)(?![а-яё])", re.IGNORECASE)
_ORDINAL_QUESTION = {
    "перв": "1", "втор": "2", "трет": "3", "четв": "4", "пят": "5", "шест": "6", "седьм": "7",
    "восьм": "8", "девят": "9", "десят": "10",
}  # fmt: skip


def _question_number(heading: str) -> str | None:
    """The number of an agenda question's heading: "Вопрос № 2" → "2", "По третьему
    вопросу" → "3"."""
    digits: list[str] = re.findall(r"\d{1,2}", heading)
    if digits:
        return digits[-1]
    word = re.search(r"по\s+([а-яё]+)\s+вопросу", heading, re.IGNORECASE)
    if word is not None:
        stem = word.group(1).lower()
        return next((n for key, n in _ORDINAL_QUESTION.items() if stem.startswith(key)), None)
    return None


def _label_runs_on(state: _State, line: str, blank_before: bool) -> bool:
    """Whether ``line`` is the value of the open label, or goes on with it: the label was
    printed alone ("Срок исполнения:") or its value breaks off at a comma. A new item and a
    signature after a blank line are neither."""
    current = state.current
    if current is None or not state.label_open or not current.labels:
        return False
    value = current.labels[-1].value
    bullet = _BULLET.match(line)
    if bullet is not None and _lists_doers(current.labels[-1], line[bullet.end() :]):
        return True
    if value and (blank_before or not value.endswith(",")):
        return False
    if blank_before and _SIGNATURE.match(line):
        return False
    return not (_NUMBER.match(line) or _BULLET.match(line) or _LETTER.match(line))


_INITIALS = re.compile(r"[А-ЯЁ]\.\s?[А-ЯЁ]\.")


#: A person in a list of doers: "Кузьмина Е.В.", "Е.В. Кузьмина".
_PERSON = re.compile(
    r"[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?\s+[А-ЯЁ]\.\s?(?:[А-ЯЁ]\.)?|"
    r"[А-ЯЁ]\.\s?(?:[А-ЯЁ]\.\s?)?[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?"
)
#: What tells a task from a doer: a term ("Срок: ...", a date, "до ...").
_TERM_IN_TEXT = re.compile(
    r"\d{1,2}[./]\d{1,2}|(?<![а-яё])(?:срок|до\s+\d|в\s+течение)(?![а-яё])", re.IGNORECASE
)
_WORD = re.compile(r"[А-ЯЁа-яё]+")


def _lists_doers(label: Label, body: str) -> bool:
    """Whether a bullet goes on with a responsible label as its list of doers: "Ответственные:"
    printed alone, then "- Кузьмина Е.В., начальник отдела;", "- Романова Т.Т., методист.".
    A bullet with a task's verb or a term ("- Сидоровой В.В. подготовить площадку. Срок:
    ...") is a task of its own; after a value ("Ответственный: Петрова А.А.;") only a person,
    with a position before or after the name, goes on with it."""
    if label.kind is not LabelKind.RESPONSIBLE:
        return False
    if _reads_as_task(body):
        return False
    if not label.value:
        return True
    return label.value.endswith((";", ",")) and _names_a_doer(body)


def _reads_as_task(body: str) -> bool:
    from protocols.morph import is_infinitive

    return bool(_TERM_IN_TEXT.search(body)) or any(
        is_infinitive(word) for word in _WORD.findall(body)
    )


def _names_a_doer(body: str) -> bool:
    """Whether a bullet only names a person, maybe with a position: "Орлов П.П., инженер по
    охране труда", "методист Белова О.О.", "Романова Т.Т. (методист)"."""
    body = body.strip().rstrip(";,.").strip()
    person = _PERSON.search(body)
    if person is None:
        return False
    before, after = body[: person.start()], body[person.end() :].strip()
    if before and not re.fullmatch(r"[а-яёА-ЯЁ\s-]+", before):
        return False
    return not after or after.startswith((",", "(", "–", "—", "-"))


def _feed(
    state: _State,
    line: str,
    position: int,
    blank_before: bool,
    has_markers: bool,
    predicate: Callable[[str], bool],
) -> None:
    if _PAGE_NUMBER.fullmatch(line):
        return
    marker = _decision_marker(line)
    if (
        marker is None
        and (state.decision_parts or state.items)
        and (_TAIL.match(line) or (state.signed and _APPENDIX.match(line)))
        and not _starts_lower(line)
    ):
        # The decisions are over: what follows is no item, until another decision part.
        state.in_decision, state.in_tail = False, True
        state.current, state.label_open = None, False
        return
    if marker is not None:
        state.in_decision, state.in_tail, state.signed = True, False, False
        state.current, state.label_open = None, False
        state.group += 1
        state.decision_parts += 1
        state.question = state.printed_question or str(state.decision_parts)
        state.printed_question = None
        rest = marker.group("rest").strip()
        for piece in _numbered_run(rest):
            _feed(state, piece, position, True, has_markers, predicate)
        return
    roman = _ROMAN.match(line)
    if roman is not None and not _NUMBER.match(line):
        state.section = roman.group("roman")
        state.group += 1
        state.current, state.label_open = None, False
        if position in state.deciding_sections:
            state.in_decision = False
        return
    bare = _MARKER_NUMBER.sub("", line)
    if _VOTE.match(bare):
        # Decisions may go on after it (a vote printed under each item).
        state.current, state.label_open = None, False
        return
    if _DISCUSSION.match(bare) or re.match(r"^(?:заслушав|рассмотрев|обсудив)\b", bare, re.I):
        numbered = _MARKER_NUMBER.match(line)
        if numbered is not None and re.match(r"^слушали", bare, re.IGNORECASE):
            state.printed_question = numbered.group(0).strip(" .)")  # "2. СЛУШАЛИ: ..."
        if has_markers:
            state.in_decision = False
        state.current, state.label_open = None, False
        return
    question = _QUESTION.match(line)
    if question is not None:
        state.current, state.label_open = None, False
        state.group += 1
        state.printed_question = _question_number(question.group(0))
        if has_markers and (
            re.match(r"^(?:\d{1,2}[.)]?\s*)?вопрос", line, re.IGNORECASE)
            or _HEARD.search(line, question.end())
        ):
            # "Вопрос № 2. ...", "По второму вопросу СЛУШАЛИ: ...": a report follows.
            state.in_decision = False
        return
    if not state.in_decision:
        return
    labels = line_labels(line)
    if labels:
        target = state.current or (state.items[-1] if state.items else None)
        if target is not None:
            target.labels.extend(labels)
            state.current = target
            state.label_open = True
        return
    if _label_runs_on(state, line, blank_before):
        # "Ответственный исполнитель:" then "Морозова Е.Г., ..." on the next line, or
        # "Ответственные: заведующие отделениями," then "председатели ПЦК".
        target = state.current
        assert target is not None
        last = target.labels[-1]
        line = _BULLET.sub("", line)
        target.labels[-1] = Label(last.kind, collapse(f"{last.value} {line}"))
        return
    number = _NUMBER.match(line)
    if number is not None and (number.group("end") or "." in number.group("num")):
        body = line[number.end() :].strip()
        if body and number.group("end") == ")" and _introduces_sub_items(state):
            # "1. Учителям 4-х классов:" then "1) провести ...", "2) ...": sub-items, as а), б).
            _open(state, ItemMarker.LETTER, number.group("num"), body, position)
            return
        if body:
            pieces = _sub_items_on_line(number.group("num"), body, predicate)
            _open(state, ItemMarker.NUMBER, number.group("num"), pieces[0], position)
            state.items[-1].bracketed = number.group("end") == ")"
            for piece in pieces[1:]:
                _feed(state, piece, position, False, has_markers, predicate)
            return
    bullet = _BULLET.match(line)
    if bullet is not None:
        _open(state, ItemMarker.BULLET, None, line[bullet.end() :].strip(), position)
        return
    letter = _LETTER.match(line)
    if letter is not None:
        _open(state, ItemMarker.LETTER, letter.group("letter"), line[letter.end() :], position)
        return
    signature = bool((_SIGNATURE.match(line) and len(line) < 70) or _NAME_ONLY.match(line))
    current = state.current
    if current is not None and not signature:
        label_tail = not blank_before or line.startswith("(")
        if state.label_open and current.labels and _starts_lower(line) and label_tail:
            last = current.labels[-1]
            current.labels[-1] = Label(last.kind, collapse(f"{last.value} {line}"))
            return
        if (not blank_before and not state.label_open) or _starts_lower(line):
            if _may_start_decision(current, line, has_markers) and predicate(line):
                # "Информацию принять к сведению." then "Рекомендовать ..." on the next line:
                # unnumbered decisions typed one per line, without blank lines between them.
                _open(state, ItemMarker.PLAIN, None, line, position)
                return
            current.parts.append(line)
            state.label_open = False
            return
    if signature:
        state.current, state.label_open = None, False
        state.signed = True
        return
    if predicate(line):
        _open(state, ItemMarker.PLAIN, None, line, position)
        return
    state.current, state.label_open = None, False


#: The end of a sentence at the end of a line ("... к сведению.", "... до 10.12.2025 г.;");
#: after an abbreviation ("г.", "С.С.") a wrapped sentence may go on, but not with a line
#: that reads as a decision of its own, which the caller checks as well.
_LINE_SENTENCE_END = re.compile(r"[.;!?]$")
#: A line that breaks off mid-phrase: the next line goes on with it.
_LINE_RUNS_ON = re.compile(r"[,:(«–—-]$")


#: The number of an item typed on the line of the one before it: "...; 2) ...", "... . 2. ...".
_RUN_ON_NUMBER = re.compile(r"(?<=[.;])\s+(?P<num>\d{1,2})(?P<end>[.)])\s+(?=\S)")


def _numbered_run(text: str) -> list[str]:
    """The items of a text after a decision marker that numbers them on its own line:
    "1) Информацию принять к сведению; 2) Петровой А.А. подготовить ..." gives "1) ...",
    "2) ...". Only a number that goes on with the count, in the first one's style, after the
    end of a clause, starts an item."""
    first = _NUMBER.match(text)
    if first is None or not first.group("end") or "." in first.group("num"):
        return [text] if text else []
    expected, end = int(first.group("num")) + 1, first.group("end")
    pieces: list[str] = []
    start = 0
    for found in _RUN_ON_NUMBER.finditer(text):
        if found.group("end") != end or int(found.group("num")) != expected:
            continue
        pieces.append(text[start : found.start()].strip())
        start = found.start("num")
        expected += 1
    pieces.append(text[start:].strip())
    return pieces


#: Letters of sub-items in their order: "а)", "б)", ...
_LETTERS = "абвгдежзиклмнопрстуфхцчшщэюя"


def _sub_items_on_line(
    number: str, body: str, looks_like_action: Callable[[str], bool]
) -> list[str]:
    """A numbered clause ending with a colon and its sub-items typed on the same line: "По
    итогам проверки: 2.1. Иванову И.И. ... 2.2. Петровой П.П. ..." under "2." gives "По
    итогам проверки:", "2.1. ...", "2.2. ...". The first sub-item ("2.1.", "1)" or "а)")
    follows the colon; each next one continues the count after the end of a clause. After
    a clause that reads as a task "1)" and "а)" list its objects ("Иванову И.И. подготовить:
    1) отчёт; 2) справку"), so the line stays whole."""

    def nested(k: int) -> str:
        return rf"{re.escape(number)}\.{k}\.?"

    def bracketed(k: int) -> str:
        return rf"{k}\)"

    def lettered(k: int) -> str:
        return rf"{_LETTERS[k - 1]}\)" if k <= len(_LETTERS) else r"(?!)"

    styles: tuple[Callable[[int], str], ...] = (nested, bracketed, lettered)
    for style in styles:
        first = re.search(rf":\s+(?={style(1)}\s+\S)", body)
        if first is None:
            continue
        if style is not nested and looks_like_action(body[: first.start()]):
            return [body]
        pieces = [body[: first.start() + 1].strip()]
        start, count = first.end(), 2
        while True:
            found = re.compile(rf"(?<=[.;])\s+(?={style(count)}\s+\S)").search(body, start)
            if found is None:
                break
            pieces.append(body[start : found.start()].strip())
            start, count = found.end(), count + 1
        pieces.append(body[start:].strip())
        return pieces if count > 2 else [body]
    return [body]


def _may_start_decision(current: Item, line: str, has_markers: bool) -> bool:
    """Whether ``line``, typed right under an unnumbered item, may open a decision of its own.

    It must start with a capital after a line that ends a sentence; in a text without a
    decision part (a chat message) each line is the writer's own, so a line that does not run
    on ("Иванову И.И. подготовить отчёт до 10.12") is enough.
    """
    if current.marker is not ItemMarker.PLAIN:
        return False
    if _starts_lower(line) and not line.startswith("@"):  # "@nikitina подготовить ..."
        return False
    last = current.parts[-1].rstrip()
    if _LINE_SENTENCE_END.search(last):
        return True
    return not has_markers and not _LINE_RUNS_ON.search(last)


def _introduces_sub_items(state: _State) -> bool:
    """Whether the last item of the group is a "1." clause ending with a colon, whose "1)"
    lines are its sub-items (or one of those sub-items already)."""
    for item in reversed(state.items):
        if item.group != state.group:
            return False
        if item.marker is ItemMarker.LETTER:
            continue
        return (
            item.marker is ItemMarker.NUMBER
            and not item.bracketed
            and item.text.rstrip().endswith(":")
        )
    return False


def _open(state: _State, marker: ItemMarker, number: str | None, body: str, position: int) -> None:
    item = Item(marker, number, [body], state.group, state.section, position)
    item.question = state.question
    state.items.append(item)
    state.current, state.label_open = item, False


def _components(number: str) -> tuple[str, ...]:
    return tuple(number.split("."))


def _link(items: list[Item]) -> None:
    """Attach bullets and deeper numbers to their parent items."""
    last_numbered: Item | None = None
    last_plain_parent: Item | None = None
    stack: list[Item] = []
    group = -1
    for item in items:
        if item.group != group:
            group, last_numbered, last_plain_parent, stack = item.group, None, None, []
        if item.marker is ItemMarker.NUMBER and item.number is not None:
            parts = _components(item.number)
            while stack and not _is_prefix(_components(stack[-1].number or ""), parts):
                stack.pop()
            if stack:
                item.parent = stack[-1]
                stack[-1].children.append(item)
            stack.append(item)
            last_numbered = item
        elif item.marker is ItemMarker.PLAIN:
            last_plain_parent = item if item.parts[-1].rstrip().endswith(":") else None
        else:
            parent = last_numbered or last_plain_parent
            if parent is not None:
                item.parent = parent
                parent.children.append(item)
                item.number = parent.number


def _share_closing_labels(items: list[Item]) -> None:
    """ "Срок: ..." or "Ответственный: ..." lines after the last of several bullets, none of
    which has its own, belong to the clause that introduced them, so to every bullet."""
    for parent in items:
        bullets = [c for c in parent.children if c.marker is not ItemMarker.NUMBER]
        if not bullets and parent.text.rstrip().endswith(":"):
            # "3. Отделу ...:" then "3.1. подготовить ...", "3.2. провести ..." and one
            # "Ответственный исполнитель:" line: the clause's sub-items share it as well.
            bullets = [c for c in parent.children if not c.children]
        if len(bullets) < 2 or not bullets[-1].labels or parent.labels:
            continue
        # A kind of label no other bullet has: "Срок" under each, "Ответственный" once.
        others = {label.kind for c in bullets[:-1] for label in c.labels}
        shared = [label for label in bullets[-1].labels if label.kind not in others]
        if shared:
            parent.labels = shared
            bullets[-1].labels = [label for label in bullets[-1].labels if label not in shared]
    _share_after_enumeration([item for item in items if item.parent is None])


def _share_after_enumeration(items: list[Item]) -> None:
    """A label line after one sentence enumerated in items ("просим: 1) актуализировать ...;
    2) провести ...." then "Ответственные — директора колледжей.") belongs to each of them:
    the items start in lower case and all but the last end with a semicolon."""
    if len(items) < 2 or not items[-1].labels:
        return
    texts = [item.text for item in items]
    if not all(text[:1].islower() for text in texts) or not all(
        text.endswith(";") for text in texts[:-1]
    ):
        return
    others = {label.kind for item in items[:-1] for label in item.labels}
    shared = [label for label in items[-1].labels if label.kind not in others]
    for item in items[:-1]:
        item.labels = [*item.labels, *shared]


def _is_prefix(head: tuple[str, ...], parts: tuple[str, ...]) -> bool:
    return len(head) < len(parts) and parts[: len(head)] == head
