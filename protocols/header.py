"""The protocol's own data: title, number, date and place."""

from __future__ import annotations

import datetime
import re

from protocols.deadlines import Reference, parse_deadline_with
from protocols.model import DeadlineKind, ProtocolHeader
from protocols.text import collapse

_PROTOCOL = re.compile(
    r"^(?:выписка\s+из\s+)?протокол[а]?(?![а-яё])\s*(?P<rest>.*)$", re.IGNORECASE
)
#: "ПОСТАНОВЛЕНИЕ № 12" over the name of the body ("комиссии по делам несовершеннолетних ..."):
#: titled as a protocol is (in capitals, alone or with its number: "Постановление Правительства
#: ..." in a text cites another act).
_RESOLUTION = re.compile(r"^ПОСТАНОВЛЕНИЕ(?![А-ЯЁа-яё])\s*(?P<rest>(?:№.*)?)$")
_NUMBER = re.compile(r"№\s*(?P<n>[A-Za-zА-ЯЁа-яё0-9][\w\-/.]*)")
#: "МБОУ СОШ № 17", "детский сад № 5", "школа № 3": a number that belongs to an institution's
#: name, not to the protocol.
_INSTITUTION_BEFORE = re.compile(
    r"(?<![А-ЯЁа-яё])(?:[А-ЯЁ]*(?:СОШ|ООШ|НОШ|ОУ|ГБУ|МБУ|МАУ|ЦРБ)"
    r"|(?i:школ[аы]|гимнази[яи]|лице[йя]|сад[а]?|ясл[иьей]+|училищ[ае]|филиал[а]?|больниц[аы]"
    r"|поликлиник[аи]|участ(?:ок|ка)|кабинет[а]?|корпус[а]?|дом[а]?))\s*$"
)
#: A letter-spaced word: "П Р О Т О К О Л".
_SPACED_WORD = re.compile(r"(?<!\S)(?:[А-ЯЁ] ){3,}[А-ЯЁ](?!\S)")
_FULL_DATE = re.compile(
    r"(?:«\s*)?\d{1,2}(?:\s*»)?\s*(?:январ|феврал|март|апрел|ма[яй]|июн|июл|август|сентябр|"
    r"октябр|ноябр|декабр)[а-яё]*\s+\d{4}|(?<![\d.])\d{1,2}\.\d{1,2}\.\d{4}(?!\d)|"
    r"(?<![\d.])\d{1,2}\.\d{1,2}\.\d{2}(?![\d.])",
    re.IGNORECASE,
)
_PLACE = re.compile(r"^(?:место\s+проведения|место)\s*[:–—-]\s*(?P<place>.+)$", re.IGNORECASE)
_CITY = re.compile(
    r"^(?:г\.|город|пос\.|с\.)\s*(?P<city>[А-ЯЁ][а-яё\-]+(?:\s[А-ЯЁ][а-яё\-]+)?),?$"
)
_CITY_AT_END = re.compile(r"(?:^|\s)г\.\s?(?P<city>[А-ЯЁ][а-яё\-]+(?:-[А-ЯЁ][а-яё]+)?),?$")
_SINGLE_WORD = re.compile(r"^[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?,?$")
_TITLE_STOP = re.compile(
    r"^(?:дата|время|место|№|г\.|город|присутств|председат|повестка|отсутств|приглаш|секретар"
    # A section marker ("РЕШИЛИ:") or a numbered item ends the title.
    r"|(?:решили|постановили|слушали|выступили|решение)(?![а-яё])\s*(?::|$)|\d{1,2}[.)]\s"
    r"|документ\s+подписан|сертификат|владелец|действителен)",
    re.I,
)
#: The stamp of an electronic signature ("Документ подписан электронной подписью", "Сертификат
#: ...", "Владелец ...", "Действителен с 01.02.2026 по 01.05.2027"): its dates are the
#: certificate's, not the meeting's.
_STAMP = re.compile(
    r"^(?:документ\s+подписан|подписан\w*\s+(?:усиленной\s+)?(?:квалифицированной\s+)?"
    r"электронн|сведения\s+о\s+сертификате|сертификат|владелец|действителен)",
    re.I,
)
_TITLE_CUT = re.compile(
    r"\s(?:на\s+основе|в\s+рамках|в\s+целях|в\s+соответствии\s+с|реализующих|по\s+вопросам?)\s",
    re.IGNORECASE,
)
_TITLE_WORD = re.compile(
    r"^(?:план|протокол|решение|выписка|перечень|поручения|итоги|резолюция|дорожная\s+карта|"
    r"график|комплекс\s+мер)(?![а-яё])",
    re.I,
)
#: The head of an approval block set above or beside the title: "УТВЕРЖДАЮ", "СОГЛАСОВАНО",
#: "УТВЕРЖДЕНО приказом ...", "ПРИНЯТО на заседании ..."; its date is not the meeting's.
_APPROVAL = re.compile(
    r"(?<![А-ЯЁа-яё])(?:утверждаю|согласовано|утвержден[оаы]?|одобрено|принято)(?![А-ЯЁа-яё])",
    re.IGNORECASE,
)
_PLAN_YEAR = re.compile(r"(?:на|в)\s+(?P<y>20\d\d)\s*(?:г\.|год|году|гг?\b)", re.IGNORECASE)
#: "на 2026-2027 учебный год", "на 2026/2027 уч. год": a school year, named by its first year.
_SCHOOL_PLAN_YEAR = re.compile(
    r"(?:на|в)\s+(?P<y>20\d\d)\s*[/–—-]\s*(?:20)?\d\d\s*(?:гг?\.\s*)?"
    r"(?:учебн\w*|уч\.)\s*(?:год\w*|г\.|гг?\b)",
    re.IGNORECASE,
)
#: The words a plan's title starts with: "(Календарный) план", "Дорожная карта", "График",
#: "Комплекс мер"; a "Перечень" is added where it counts.
_PLAN_WORDS = (
    r"^(?:(?:календарный|перспективный|комплексный|сводный)\s+)?"
    r"(?:план|дорожная\s+карта|график|комплекс\s+мер"
)
#: The word a plan's own title starts with ("ПЛАН", "ПЛАН-ГРАФИК", "ДОРОЖНАЯ КАРТА", "ПЕРЕЧЕНЬ
#: ПОРУЧЕНИЙ"), not the issuing body's name printed above it.
_PLAN_HEAD = re.compile(_PLAN_WORDS + r"|перечень)(?![а-яё])", re.IGNORECASE)
_MONTHS = re.compile(
    r"^(?:январ|феврал|март|апрел|ма[йя]|июн|июл|август|сентябр|октябр|ноябр|декабр)", re.I
)


#: "№ Мероприятие Срок ...": the head of a table's number column, not a document's number (a
#: number has a digit, or is short: "б/н").
_WORD_NUMBER = re.compile(r"^[А-ЯЁа-яёA-Za-z]{4,}$")


def _own_number(text: str) -> re.Match[str] | None:
    """The first "№ ..." in ``text`` that is not part of an institution's name."""
    for m in _NUMBER.finditer(text):
        if not _INSTITUTION_BEFORE.search(text[max(0, m.start() - 30) : m.start()]):
            return m
    return None


def _unspace(line: str) -> str:
    """Join letter-spaced words ("П Р О Т О К О Л" is "ПРОТОКОЛ")."""
    if "  " not in line and line.count(" ") < 3:
        return line
    return _SPACED_WORD.sub(lambda m: m.group(0).replace(" ", ""), line)


def _header_date(line: str) -> datetime.date | None:
    for m in _FULL_DATE.finditer(line):
        prefix = line[max(0, m.start() - 12) : m.start()].lower()
        # "от 21.03.2024" dates the document on a line of its own ("(протокол ... от ...)");
        # elsewhere "от" dates something it refers to.
        if re.search(r"(?:\bот|\bдо|\bк|\bпо|позднее|срок\w*)\s*$", prefix) and not re.match(
            r"^\(?\s*(?:протокол|дата|от\b|перечень|выписка|решение|поручения|"
            r"по\s+(?:итогам|результатам))",
            line,
            re.IGNORECASE,
        ):
            continue
        deadline = parse_deadline_with(m.group(0), Reference(None))
        if deadline.kind is DeadlineKind.DATE and deadline.date is not None:
            return deadline.date
    return None


def _is_date_line(line: str) -> bool:
    return bool(_FULL_DATE.search(line)) and len(line) < 60


#: "Перечень поручений по итогам совещания ... от 20 января 2027 г.": the meeting's date, which
#: the title does not keep.
_AFTER = re.compile(r"^по\s+(?:итогам|результатам)\s", re.IGNORECASE)
_TITLE_DATE = re.compile(
    r"\s+от\s+(?:«?\s*\d{1,2}\s*»?\s*[а-яё]+\s+\d{4}|\d{1,2}\.\d{1,2}\.\d{2,4})"
    r"\s*(?:г\.?|года)?\s*$",
    re.IGNORECASE,
)


def _shorten(title: str) -> str:
    title = _TITLE_DATE.sub("", collapse(title)).strip(" .,:;")
    if len(title.split()) > 16:
        m = _TITLE_CUT.search(title)
        if m and len(title[: m.start()].split()) >= 4:
            title = title[: m.start()].rstrip(" ,")
    return title


def parse_header(lines: list[str], raw_text: str) -> ProtocolHeader:
    """Read title, number, date and place from the first lines of a document."""
    head = lines[:60]
    title: str | None = None
    number: str | None = None
    date: datetime.date | None = None
    place: str | None = None
    paragraphs = _paragraphs(raw_text, 80)
    title, number = _protocol_title(paragraphs)
    if title is None and number is None:
        title, number = _protocol_title(paragraphs, _RESOLUTION)
    if title is None:
        title = _order_title(paragraphs)
    opening = _opening_paragraph(paragraphs)
    if title is None and opening:
        first = " ".join(opening)
        letters = [ch for ch in first if ch.isalpha()]
        upper_share = sum(ch.isupper() for ch in letters) / (len(letters) or 1)
        if len(first.split()) <= 40 and (upper_share > 0.5 or _TITLE_WORD.match(first)):
            title = _shorten(first)
    approval = _approval_lines(head)
    for index, line in enumerate(head):
        if (
            number is None
            and index not in approval
            and (
                line.startswith("№")
                or re.match(r"^(?:протокол|от\s)", line, re.I)
                or len(line) <= 40
            )
        ):
            num = _own_number(line)
            if num and not _WORD_NUMBER.match(num.group("n")):
                number = num.group("n").rstrip(".,")
        if date is None and index not in approval and not _STAMP.match(line):
            date = _line_date(line)
        if place is None:
            pm = _PLACE.match(line)
            if pm:
                place = pm.group("place").strip(" .,")
            else:
                cm = _CITY.match(line) or _CITY_AT_END.search(line)
                if cm:
                    place = cm.group("city")
                elif (
                    _SINGLE_WORD.match(line)
                    and not _MONTHS.match(line)
                    and not _PROTOCOL.match(line)
                    and line.strip(",").lower()
                    not in {"присутствовали", "председатель", "слушали"}
                ):
                    place = line.strip(",")
    for index in sorted(approval) if date is None else ():
        # A document dated only by its approval ("УТВЕРЖДАЮ ... «10» января 2024 г.").
        if (date := _line_date(head[index])) is not None:
            break
    if number is not None and number.lower() in {"п/п", "п"}:
        number = None
    return ProtocolHeader(title=title or None, number=number, date=date, place=place)


def _line_date(line: str) -> datetime.date | None:
    """The date a header line gives the document, if it gives one."""
    if len(line) > 60 and not re.search(r"дата|протокол", line, re.I) and not _AFTER.match(line):
        return None
    # A numbered or bulleted line is an item, whose dates are its own ("- Провести День
    # открытых дверей 15 марта 2027 г.").
    if re.match(r"^(?:\d+\.\s|[-–—•▪]\s|присутств)", line, re.I):
        return None
    return _header_date(line)


def _approval_lines(head: list[str]) -> set[int]:
    """The lines of approval blocks before the "ПРОТОКОЛ" line: each approval word and the
    few lines after it (position, name, signature, date), set above the title or, read from
    a PDF, beside each other on the same lines ("СОГЛАСОВАНО УТВЕРЖДАЮ")."""
    lines: set[int] = set()
    for index, line in enumerate(head):
        if _PROTOCOL.match(line):
            break
        if _APPROVAL.search(line) and len(line) <= 80:
            for following in range(index, min(index + 6, len(head))):
                if _PROTOCOL.match(head[following]) or (
                    following > index and _PLAN_HEAD.match(head[following])
                ):
                    break  # the document's own title
                lines.add(following)
    return lines


def _opening_paragraph(paragraphs: list[list[str]]) -> list[str]:
    """The lines that may title a document without a "ПРОТОКОЛ" title of its own: those of
    the first paragraph that is not an approval block, up to the date or the first section
    ("РЕШИЛИ:"), which a PDF's text, having no blank lines, runs on into. A plan's title
    ("ПЛАН", "ДОРОЖНАЯ КАРТА") wins over the name of the body and the approval block above
    it."""
    first_plan = next(
        (
            (index, position)
            for index, para in enumerate(paragraphs[:16])
            for position, line in enumerate(para[:30])
            if _PLAN_HEAD.match(line)
            and not _APPROVAL.search(line)
            and len(line.split()) <= 12
            and not line.endswith((".", ":"))
        ),
        None,
    )
    for index, para in enumerate(paragraphs):
        if first_plan is not None and index == first_plan[0]:
            # A text without blank lines (an .odt, a PDF) has the plan's title inside its
            # first paragraph.
            para = para[first_plan[1] :]
        elif (first_plan is not None and index < first_plan[0]) or _APPROVAL.match(para[0]):
            continue
        lines: list[str] = []
        for line in para:
            if lines and (_TITLE_STOP.match(line) or _is_date_line(line)):
                return lines
            lines.append(line)
        for following in paragraphs[index + 1 :]:
            # A .docx heading typed as paragraphs of one line each: "ПЛАН РАБОТЫ",
            # "ОБРАЗОВАТЕЛЬНОГО КЛАСТЕРА", "на 2023 год".
            if len(following) > 1 or not _continues_heading(" ".join(lines), following[0]):
                break
            lines.append(following[0])
        return lines
    return []


def _continues_heading(heading: str, line: str) -> bool:
    """Whether a one-line paragraph goes on with a capitalised heading before it."""
    if _TITLE_STOP.match(line) or _is_date_line(line) or len(heading.split()) > 30:
        return False
    if _APPROVAL.match(line):
        return False  # «УТВЕРЖДАЮ» under the body's name starts a block of its own
    if heading.endswith((".", ":", ";")) or not _mostly_upper(heading):
        return False
    return _mostly_upper(line) or line[:1].islower()


def _mostly_upper(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return bool(letters) and sum(ch.isupper() for ch in letters) > len(letters) / 2


def _protocol_title(
    paragraphs: list[list[str]], word: re.Pattern[str] = _PROTOCOL
) -> tuple[str | None, str | None]:
    """Title and number from the "ПРОТОКОЛ [№ N] [title]" line (or another ``word``'s) and the
    lines after it."""
    for p_index, para in enumerate(paragraphs):
        for l_index, line in enumerate(para):
            m = word.match(line)
            if m is None:
                continue
            rest = m.group("rest")
            num = _own_number(rest)
            number = num.group("n").rstrip(".,") if num else None
            if num is not None:
                rest = rest[: num.start()] + rest[num.end() :]
            rest_title = re.sub(r"\bот\s+.*$", "", rest).strip(" ,.")
            parts = [rest_title] if rest_title else []
            for following in para[l_index + 1 :]:
                if _TITLE_STOP.match(following) or _is_date_line(following):
                    break
                if _PROTOCOL.match(following):
                    break  # the title line proper, after a running header
                if _SINGLE_WORD.match(following) or _CITY.match(following):
                    break
                parts.append(following)
            if not parts and l_index == len(para) - 1 and p_index + 1 < len(paragraphs):
                nxt = paragraphs[p_index + 1]
                for following in nxt:
                    if _TITLE_STOP.match(following) or _is_date_line(following):
                        break
                    parts.append(following)
            title = _shorten(" ".join(parts)) if parts else None
            return title or None, number
    return None, None


_ORDER = re.compile(r"^(?:приказ|распоряжение|постановление)$", re.IGNORECASE)
_SUBJECT = re.compile(r"^(?:о|об|обо)\s+\S", re.IGNORECASE)


def _order_title(paragraphs: list[list[str]]) -> str | None:
    """The subject of an order ("ПРИКАЗ", date and number, then "О подготовке к ..."): the
    first paragraph after the word that starts with "О"/"Об", up to its end."""
    lines = [line for para in paragraphs for line in ([*para, ""])]
    for index, line in enumerate(lines):
        if not _ORDER.match(line):
            continue
        for following_index in range(index + 1, min(index + 12, len(lines))):
            following = lines[following_index]
            if not _SUBJECT.match(following):
                continue
            parts = [following]
            for more in lines[following_index + 1 :]:
                if not more or more.endswith(":"):
                    break
                parts.append(more)
            return _shorten(" ".join(parts))
        return None
    return None


def _paragraphs(text: str, limit: int) -> list[list[str]]:
    paragraphs: list[list[str]] = []
    current: list[str] = []
    for raw in text.split("\n")[:limit]:
        line = collapse(_unspace(raw))
        if not line:
            if current:
                paragraphs.append(current)
                current = []
            continue
        if "\t" in raw:
            if paragraphs or current:
                break
            cells = [cell for cell in raw.split("\t") if cell.strip()]
            if len(cells) == 1 and raw.startswith(cells[0]) and not _APPROVAL.search(cells[0]):
                # A table that opens with its title in a row merged across it.
                paragraphs.append([collapse(cells[0])])
                break
            continue  # a table above the title: the approval blocks side by side
        current.append(line)
    if current:
        paragraphs.append(current)
    return paragraphs


def plan_year(title: str | None) -> int | None:
    """The year a work plan is for ("План работы ... на 2023 год"); for a school year ("на
    2026-2027 учебный год") its first year."""
    if not title:
        return None
    m = _PLAN_YEAR.search(title) or _SCHOOL_PLAN_YEAR.search(title)
    return int(m.group("y")) if m else None


#: A title of a plan of activities (a list of documents or persons is not one).
_ACTIVITY_PLAN = re.compile(
    _PLAN_WORDS + r"|перечень\s+(?:основных\s+)?(?:мероприятий|поручений))(?![а-яё])",
    re.IGNORECASE,
)


def is_plan_title(title: str | None) -> bool:
    """Whether a title is a plan's of activities ("ПЛАН работы ...", "ДОРОЖНАЯ КАРТА ...",
    "Перечень мероприятий ...")."""
    return bool(title and _ACTIVITY_PLAN.match(title))


def plan_period(title: str | None) -> tuple[datetime.date, bool] | None:
    """The first day of the period a plan's title names and whether it is a school year:
    (1 January 2027, False) for "План работы на 2027 год", (1 September 2026, True) for
    "План ... на 2026-2027 учебный год". None for a title that is not a plan's."""
    if not is_plan_title(title) or re.match(r"^перечень\s+поручений", title or "", re.I):
        return None  # a list of assignments runs from the meeting that gave them
    assert title is not None
    school = _SCHOOL_PLAN_YEAR.search(title)
    if school is not None:
        return datetime.date(int(school.group("y")), 9, 1), True
    year = _PLAN_YEAR.search(title)
    if year is not None:
        return datetime.date(int(year.group("y")), 1, 1), False
    return None
