"""Recognition of deadline phrases in Russian protocols.

Two entry points: :func:`parse_deadline` reads a text that *is* a deadline (a "Срок:" label,
a table cell, a secretary's input) and accepts bare forms such as "1 кв. 2023 года";
:func:`find_inline_deadline` looks for an anchored deadline inside an item's sentence
("... в срок до 30 ноября 2017 г.") and ignores dates and years that are merely mentioned.
"""

from __future__ import annotations

import calendar
import datetime
import itertools
import re
from dataclasses import dataclass
from functools import lru_cache

from protocols.model import NO_DEADLINE, Deadline, DeadlineKind
from protocols.text import collapse, strip_final_stop
from tracking.calendar import is_working_day

MOSCOW = "Europe/Moscow"

_MONTH = (
    r"(?:январ[ьяе]|феврал[ьяе]|март[ае]?|апрел[ьяе]|ма[йяе]|июн[ьяе]|июл[ьяе]|август[ае]?"
    r"|сентябр[ьяе]|октябр[ьяе]|ноябр[ьяе]|декабр[ьяе]"
    r"|(?:янв|фев|февр|мар|апр|авг|сен|сент|окт|ноя|нояб|дек)\.)"
)
#: A day's month may also be cut short without its dot, as in chat messages ("до 20 дек");
#: only next to a day number, where such a short word cannot be anything else.
_DAY_MONTH = rf"(?:{_MONTH}|(?:янв|фев|февр|мар|апр|авг|сен|сент|окт|ноя|нояб|дек)(?![а-яё.]))"
_MONTH_PREFIX = {
    "янв": 1, "фев": 2, "мар": 3, "апр": 4, "май": 5, "мая": 5, "мае": 5, "июн": 6, "июл": 7,
    "авг": 8, "сен": 9, "окт": 10, "ноя": 11, "дек": 12,
}  # fmt: skip
_YEAR_WORD = r"(?:\s*(?:г\.?г?\.?|года?|году)(?![а-яё]))?"
_B = r"(?<![\w.])"  # left boundary of a number
_E = r"(?![\w])"

_NUMERIC_DATE = re.compile(
    rf"{_B}(?P<d>\d{{1,2}})[./](?P<m>\d{{1,2}})[./](?P<y>\d{{4}}|\d{{2}})(?![\d])(?:\.(?!\d))?"
    rf"{_YEAR_WORD}"
)
#: "15.12", and as typed in a chat "15/12" (the slash only before two digits and nothing more:
#: "3/12/2026" is a full date, "1/2" a fraction).
_SHORT_DATE = re.compile(
    rf"{_B}(?<!/)(?P<d>\d{{1,2}})(?:\.(?P<m>\d{{2}})(?![\d]|\.\d)|/(?P<m2>\d{{2}})(?![\d/]))"
)
_TIME_LIKE = re.compile(r"^(?:0?[7-9]|1\d|2[0-3])\.(?:00|30)$")
_ISO_DATE = re.compile(rf"{_B}(?P<y>\d{{4}})-(?P<m>\d{{2}})-(?P<d>\d{{2}}){_E}")
_TEXT_DATE = re.compile(
    rf"(?:«\s*)?{_B}(?P<d>\d{{1,2}})(?:\s*»)?\s*(?:-?го\s+)?(?P<mon>{_DAY_MONTH})(?![а-яё])"
    rf"(?:\s*(?P<y>\d{{4}}){_YEAR_WORD})?",
    re.IGNORECASE,
)
_DAY_SPAN = re.compile(
    rf"(?:с\s+)?{_B}(?P<d1>\d{{1,2}})(?:\s+(?P<mon1>{_DAY_MONTH}))?\s*(?:по|-|–|—)\s*"
    rf"(?P<d2>\d{{1,2}})\s+(?P<mon2>{_DAY_MONTH})(?![а-яё])(?:\s*(?P<y>\d{{4}}){_YEAR_WORD})?",
    re.IGNORECASE,
)
_NUMERIC_SPAN = re.compile(
    rf"(?:с\s+)?(?P<first>{_B}\d{{1,2}}\.\d{{1,2}}\.(?:\d{{4}}|\d{{2}}))(?:\s*г\.?)?\s*(?:по|-|–|—)\s*"
    rf"(?P<second>\d{{1,2}}\.\d{{1,2}}\.(?:\d{{4}}|\d{{2}}))",
    re.IGNORECASE,
)
#: "12:00", "15.00 20.12.2023", "15 ч. 30 мин.", "до 15 ч.": a dotted time needs a sign that it
#: is not a date ("ч", a time zone, a date or a day word after it); a bare hour needs "ч"/"час".
_TIME = re.compile(
    r"(?<![\d.:])(?P<h>[01]?\d|2[0-3])(?::(?P<m>[0-5]\d)|\.(?P<m2>[0-5]\d)"
    r"(?=\s*(?:ч|час|мск|МСК|\(мск)|\s+\d{1,2}(?:[./]\d{1,2}[./]\d{2,4}|\s+[а-яё]{3})"
    r"|\s+(?:сегодня|завтра|послезавтра)(?![а-яё]))"
    r"|\s*(?:ч\.?|час\.|час\w*)\s*(?P<m3>[0-5]\d)\s*мин(?:\.|ут\w*|(?![а-яё]))"
    r"|(?=\s*(?:ч\.|ч(?![а-яё])|час\.|час(?:а|ов)?(?![а-яё]))))"
    r"(?!\d)(?:\s*(?:ч\.|час\w*))?"
    r"(?P<tz>\s*\(?\s*(?:по\s+)?(?:мск|МСК|Мск|московскому\s+времени|московского\s+времени)\s*\)?)?",
)
#: "20.12.2023 до 15.00": after a date and "до"/"в" a dotted time needs no other sign.
_DOTTED_TIME = re.compile(r"(?<![\d.:])(?P<h>[01]?\d|2[0-3])\.(?P<m2>[0-5]\d)(?![\d.]|\.\d)")
_MSK = re.compile(r"\(?\s*(?:по\s+)?(?:мск|московскому\s+времени)\s*\)?", re.IGNORECASE)
_ORDINAL = r"(?:[1-4]|IV|I{1,3}|перв\w*|втор\w*|трет\w*|четв[её]рт\w*)"
_QUARTER = re.compile(
    rf"(?<![\w])(?P<q>{_ORDINAL})\s*(?:-?\s*(?:й|го|м|ом|ый|ой))?\s*"
    rf"(?:кв\.|кв(?![а-яё])|квартал\w*)(?:\s*(?P<y>\d{{4}}){_YEAR_WORD})?",
    re.IGNORECASE,
)
_HALF = re.compile(
    rf"(?<![\w])(?P<q>[12]|I{{1,2}}|перв\w*|втор\w*)\s*(?:-?\s*(?:е|м|ом|го|ое))?\s*"
    rf"(?:полугоди\w*|пол\.)(?:\s*(?P<y>\d{{4}}){_YEAR_WORD})?",
    re.IGNORECASE,
)
#: "учебного года" and its abbreviations: "уч. года", "уч. г.", "учебн. года".
_SCHOOL_YEAR_WORDS = r"(?:учебного\s+года|уч(?:ебн)?\.\s*(?:года|г\.?)(?![а-яё]))"
#: "I полугодие 2026/2027 учебного года", "во втором полугодии текущего учебного года": the
#: school year's halves end on 31 December and, as the school year does, on 30 June.
_SCHOOL_HALF = re.compile(
    r"(?<![\w])(?P<q>[12]|I{1,2}|перв\w*|втор\w*)\s*(?:-?\s*(?:е|м|ом|го|ое))?\s*"
    r"(?:полугоди\w*|пол\.)\s+(?:(?P<y1>20\d\d)\s*[/–—-]\s*(?:20)?\d\d\s+|"
    r"текущего\s+|этого\s+|нового\s+|следующего\s+)?" + _SCHOOL_YEAR_WORDS,
    re.IGNORECASE,
)
#: "I четверть", "во второй четверти 2026/2027 учебного года": a school quarter, ended by its
#: holidays: the first on 31 October, the second on 31 December, the third on 31 March, the
#: fourth on 31 May (the end of lessons; exams and the school year run on to June).
_SCHOOL_QUARTER = re.compile(
    r"(?<![\w])(?P<q>[1-4]|IV|I{1,3}|перв\w*|втор\w*|трет\w*|четв[её]рт\w*)\s*"
    r"(?:-?\s*(?:я|й|ой|ю|ую))?\s*четверт[ьиею](?![а-яё])"
    r"(?:\s+(?P<y1>20\d\d)\s*[/–—-]\s*(?:20)?\d\d(?!\d)"
    r"(?:\s*(?:гг?\.\s*)?(?:учебного\s+года|уч\.\s*(?:года|г\.?)))?)?",
    re.IGNORECASE,
)
_SCHOOL_QUARTER_WORD = re.compile(r"четверт", re.IGNORECASE)
#: The school quarter's last day: (years after the school year's start, month, day).
_SCHOOL_QUARTER_END = {1: (0, 10, 31), 2: (0, 12, 31), 3: (1, 3, 31), 4: (1, 5, 31)}
#: "до 20-го", "до 5 числа", "к 15-му числу текущего месяца", "не позднее 3-го числа": a day of
#: the reference's month, or of the next one when that day is past ("до 5 числа месяца" and
#: "до 20-го декабря" are other forms; "до 10-го класса" is no day).
_DAY_OF_MONTH = re.compile(
    r"(?:(?<=до\s)|(?<=к\s)|(?<=позднее\s)|(?<=позже\s))(?P<d>\d{1,2})"
    r"(?:(?P<word>(?:\s*-?\s*(?:го|му))?\s+числ[ау])|\s*-?\s*(?:го|му))(?![а-яё])"
    r"(?:\s+(?:(?P<this>текущего|этого|данного)|(?P<next>следующего|будущего))\s+месяца"
    r"(?![а-яё]))?"
    # After "числа" any words but a period's; after a bare "20-го" none ("до 10-го класса").
    r"(?(word)(?!\s+(?:каждого\s+)?(?:месяц|квартал))"
    r"|(?!\s*(?!(?:и|или|включительно)(?![а-яё]))[а-яё-]))",
    re.IGNORECASE,
)
_DAY_OF_MONTH_WORD = re.compile(r"\d\s*-?\s*(?:го|му)(?![а-яё])|числ[ау]", re.IGNORECASE)
#: Between the months of a span: "ноябрь–декабрь 2026", "с октября по декабрь".
_MONTH_GAP = re.compile(r"\s*[–—-]\s*|\s+по\s+", re.IGNORECASE)
_SPAN_FROM = re.compile(r"(?<![А-ЯЁа-яё])с\s+$", re.IGNORECASE)
_SCHOOL_WORD = re.compile(r"учебн|уч\.", re.IGNORECASE)
#: "в I декаде апреля 2024 г.": the decade's last day (10th, 20th, the month's end).
_DECADE = re.compile(
    rf"(?<![\w])(?P<q>[1-3]|I{{1,3}}|перв\w*|втор\w*|трет\w*)\s*(?:-?\s*(?:й|я|ей|ой))?\s*"
    rf"декад\w*\s+(?P<mon>{_MONTH})(?![а-яё])(?:\s*(?P<y>\d{{4}}){_YEAR_WORD})?",
    re.IGNORECASE,
)
#: "2 неделя февраля 2027 г.", "в течение первой недели марта": the week's last day (the 7th,
#: 14th, 21st, 28th; the last week ends with the month).
_WEEK_OF_MONTH = re.compile(
    rf"(?<![\w])(?P<q>[1-4]|перв\w*|втор\w*|трет\w*|четв[её]рт\w*|последн\w*)"
    rf"\s*(?:-?\s*(?:я|й|ой|ую))?\s*недел[яиюе]\s+(?P<mon>{_MONTH})(?![а-яё])"
    rf"(?:\s*(?P<y>\d{{4}}){_YEAR_WORD})?",
    re.IGNORECASE,
)
_WEEK_WORD = re.compile(r"недел", re.IGNORECASE)
#: "на второй неделе марта", "на 2-й неделе февраля 2027 г.": after "на" a week of a month is a
#: time only in the prepositional ("неделе"); "план на вторую неделю марта", like "план на
#: март", names what the plan covers.
_ON_WEEK_LEAD = re.compile(r"(?<![а-яё])на\s+$", re.IGNORECASE)
_WEEK_IN_PREPOSITIONAL = re.compile(r"[^.;]*?недел[еи](?![а-яё])", re.IGNORECASE)
#: "до начала 2027/2028 учебного года", "к началу нового учебного года": 31 August, the day
#: before lessons start (the words after "до"/"к", which anchor it as a deadline).
_SCHOOL_YEAR_START = re.compile(
    r"(?:(?<=до\s)|(?<=к\s))начал[ау]\s+(?:(?P<y1>20\d\d)\s*[/–—-]\s*(?:20)?\d\d\s+|"
    r"текущего\s+|нового\s+|следующего\s+|очередного\s+)?" + _SCHOOL_YEAR_WORDS,
    re.IGNORECASE,
)
_MONTH_ONLY = re.compile(
    rf"(?<![\w\d])(?<!\d\s)(?P<mon>{_MONTH})(?![а-яё])(?:\s*(?P<y>\d{{4}}){_YEAR_WORD})?",
    re.IGNORECASE,
)
_WHOLE_YEAR = re.compile(
    r"(?:до\s+конца|к\s+концу|в\s+течени[еи]|на\s+протяжении|в\s+конце|"
    r"до\s+(?:окончания|завершения)|к\s+(?:окончанию|завершению))\s+(?:(?P<y>\d{4})\s*)?"
    r"(?:календарного\s+|текущего\s+|этого\s+)?(?:года|г\.)(?![а-яё])",
    re.IGNORECASE,
)
_BARE_YEAR = re.compile(
    rf"(?:(?:в|на|до\s+конца)\s+)?{_B}(?P<y>20\d\d)\s*(?:г\.|год[ау]?|г(?![а-яё]))(?!\s*[-–]\s*\d)",
    re.IGNORECASE,
)
#: "в течение 2024/2025 учебного года", "до конца учебного года": its last day is taken as
#: 30 June (lessons and exams are over; 31 August is the formal end).
_SCHOOL_YEAR = re.compile(
    r"(?:до\s+конца|к\s+концу|в\s+течени[еи]|на\s+протяжении|в\s+конце|в\s+ходе|"
    r"до\s+(?:окончания|завершения)|к\s+(?:окончанию|завершению))\s+"
    r"(?:(?P<y1>20\d\d)\s*[/–—-]\s*(?P<y2>(?:20)?\d\d)\s+|текущего\s+|этого\s+|нового\s+)?"
    + _SCHOOL_YEAR_WORDS,
    re.IGNORECASE,
)
#: "2024–2025 гг.": the last year's end.
_YEAR_SPAN = re.compile(
    r"(?<![\w.])(?P<y1>20\d\d)\s*[–—-]\s*(?P<y2>20\d\d)\s*(?:гг?\.?|годы|годов|годах)(?![а-яё])",
    re.IGNORECASE,
)
#: "до конца месяца", "к концу следующей недели", and as typed in a chat "на этой неделе",
#: "на следующей неделе": the end of the reference's (or the next) week, month, quarter.
_END_OF = re.compile(
    r"(?:(?:до\s+конца|к\s+концу|в\s+течени[ея]|в\s+конце)\s+"
    r"(?:(?:текущ|эт|данн)(?:его|ой)\s+|(?P<next>(?:следующ|будущ)(?:его|ей)\s+))?"
    r"(?P<unit>месяца|квартала|полугодия|недели)"
    r"|на\s+(?:(?:эт|текущ|данн)ой\s+|(?P<next_week>(?:следующ|будущ)ей\s+))(?P<week>неделе))"
    r"(?![а-яё])",
    re.IGNORECASE,
)
_NUMBER_WORDS = {
    "одн": 1, "два": 2, "две": 2, "дву": 2, "двух": 2, "двенадцат": 12, "тр": 3, "трех": 3,
    "трёх": 3, "четыр": 4, "четырех": 4,
    "пят": 5, "пяти": 5, "шест": 6, "шести": 6, "сем": 7, "семи": 7, "восьми": 8, "десят": 10,
    "десяти": 10, "пятнадцати": 15, "двадцати": 20, "тридцати": 30,
}  # fmt: skip
_WITHIN = re.compile(
    r"(?:в\s+течени[еи]|в\s+теч\.|не\s+позднее|не\s+позже|в\s+срок\s+не\s+более)\s*"
    r"(?<=\s|\.)(?P<n>\d{1,3}|[а-яё]+)?\s*(?:-?\s*(?:х|ти|и))?\s*(?:\(\s*[а-яё]+\s*\)\s*)?"
    r"(?P<work>рабоч\w+\s+|раб\.\s*|календарн\w+\s+)?(?P<unit>дн\w*|день|сут\w*|недел\w*|месяц\w*)"
    # "... со дня подписания протокола", up to the task's verb when the term comes first.
    r"(?:\s+(?P<since>(?:со\s+дня|с\s+даты|с\s+момента|после|до)"
    r"(?:\s+(?![а-яё]*(?:ть|чь|ести|йти|зти)(?:ся|сь)?(?![а-яё]))[^\s.;,]+){0,6}))?",
    re.IGNORECASE,
)
#: "не позднее 10 дней до 20.02.2027", "за 5 рабочих дней до 01.03.2027", "за 3 дня до начала
#: сессии (15.01.2027)", "за 2 недели до 01.03.2027": days or weeks counted back from the
#: printed date that follows (not months: "отчёт за 3 месяца до 01.04.2027" is a report
#: covering three months, due by 1 April).
_DAYS_BEFORE = re.compile(
    r"(?<![а-яё])(?:не\s+(?:позднее|позже)\s+(?:чем\s+)?(?:за\s+)?|за\s+)"
    r"(?:(?P<n>\d{1,3}(?!\d)|[а-яё]+)\s*(?:-?\s*(?:х|ти|и))?\s*(?:\(\s*[а-яё]+\s*\)\s*)?)?"
    r"(?P<work>рабоч[а-яё]*\s+|раб\.\s*|календарн[а-яё]*\s+)?"
    r"(?P<unit>дн[а-яё]*|день|сут[а-яё]*|недел[а-яё]*)\s+до\s+(?:[^\s\d.;,()]+\s+){0,6}?(?P<paren>\(\s*)?(?=\d)",
    re.IGNORECASE,
)
#: The bracket closing "(15.01.2027)" after "за 3 дня до начала сессии".
_CLOSING_PAREN = re.compile(r"\s*\)")
#: What a term may be counted from when the protocol date stands for it: the meeting or its
#: protocol ("со дня подписания протокола", "с даты проведения заседания", "после совещания").
_MEETING_EVENT = re.compile(
    r"протокол|заседани|совещани|собрани|настоящ\w+\s+решени|принятия\s+решени",
    re.IGNORECASE,
)
_DURATION = (
    r"(?P<n>\d{1,3}(?!\d)|[а-яё]+)?\s*(?:\(\s*[а-яё]+\s*\)\s*)?"
    r"(?P<work>рабоч\w+\s+|раб\.\s*|календарн\w+\s+)?"
    r"(?P<unit>дн[а-яё]*|день|сут[а-яё]*|недел[а-яё]*|месяц[а-яё]*)(?![а-яё])"
)
#: "срок — 2 недели", "Срок: 1 неделя" in a message: a duration counted from the reference
#: ("на срок 1 месяц" is how long something lasts, not when it is due).
_TERM_DURATION = re.compile(
    r"(?<![а-яё])(?<!на\s)срок(?:\s+(?:исполнения|выполнения))?\s*(?:[:–—-]\s*|\s+)" + _DURATION,
    re.IGNORECASE,
)
#: A deadline cell or label value that is only a duration: "1 неделя", "3 дня", "месяц".
_BARE_DURATION = re.compile(
    r"(?:срок(?:\s+(?:исполнения|выполнения))?\s*(?:[:–—-]\s*|\s+))?" + _DURATION,
    re.IGNORECASE,
)
_N_DAY_TERM = re.compile(
    r"в\s+(?P<n>\d{1,3}\s*-?\s*|[а-яё]+)(?P<unit>дневный|недельный|месячный)\s+срок",
    re.IGNORECASE,
)
_PLAIN_TERM = re.compile(r"в\s+(?P<unit>недельный|месячный|двухнедельный)\s+срок", re.IGNORECASE)
#: "ежемесячно", "1 раз в четверть", "2 раза в год", "каждую четверть", "по пятницам".
_RECURRING = re.compile(
    r"(?<![а-яё])(?:ежедневно|еженедельно|ежемесячно|ежеквартально|ежегодно|ежечетвертно|"
    r"(?:(?:не\s+реже|не\s+менее)\s+)?(?:(?:\d{1,2}|одного|двух|тр[её]х)\s+)?раза?\s+в\s+(?:день|неделю|месяц|четверть|квартал|полугодие|полгода|год|семестр)|"
    r"каждый\s+(?:день|месяц|квартал|год)|каждую\s+(?:неделю|четверть)|каждого\s+месяца|по\s+(?:понедельникам|вторникам|средам|четвергам|"
    r"пятницам)|"
    # "до 5 числа месяца, следующего за отчётным": a report due after every month.
    r"(?<=числа\s)месяца,?\s+следующего\s+за\s+отч[её]тн[а-яё]*(?:\s+(?:месяцем|кварталом|периодом))?)"
    r"(?![а-яё])",
    re.IGNORECASE,
)
_RECURRING_DAY = re.compile(
    r"[\s,–—-]*(?:не\s+позднее|до)\s+(?P<d>\d{1,2})\s*(?:-?го\s+)?числа"
    # "..., до 10 числа месяца, следующего за отчётным кварталом": the whole term.
    r"(?:\s+(?:каждого\s+)?месяца(?:,?\s+следующего\s+за\s+отч[её]тн[а-яё]*"
    r"(?:\s+(?:месяцем|кварталом|периодом|годом))?)?)?",
    re.IGNORECASE,
)
#: "не позднее 25 числа каждого месяца": the day comes before the recurring words.
_DAY_BEFORE_RECURRING = re.compile(
    r"(?<![а-яё])(?:(?:не\s+позднее|до|к)\s+)?(?<![\d.])(?P<d>\d{1,2})\s*(?:-?(?:го|му)\s+)?числ[ау]\s+$",
    re.IGNORECASE,
)
_PERMANENT = re.compile(
    r"(?<![а-яё])(?:постоянно|на\s+постоянной\s+основе|бессрочно|систематически|регулярно"
    r"|по\s+мере\s+необходимости|по\s+необходимости|по\s+(?:запросу|запросам)(?:\s+[а-яё]+)?)"
    r"(?![а-яё])",
    re.IGNORECASE,
)
#: "незамедлительно", "в кратчайшие сроки": due at once, with no calendar day to name.
_URGENT = re.compile(
    r"(?<![а-яё])(?:незамедлительно|немедленно|безотлагательно|"
    r"в\s+(?:максимально\s+)?(?:кратчайши[ей]|короткие|сжатые)\s+срок(?:и|а)?|"
    r"в\s+кратчайшее\s+время)(?![а-яё])",
    re.IGNORECASE,
)
_ESTABLISHED = re.compile(
    r"в\s+(?:установленн\w+|указанн\w+|определенн\w+|определённ\w+)\s+срок\w*|"
    r"в\s+сроки,\s+установленн\w+[^.;]*|по\s+согласованию",
    re.IGNORECASE,
)
_EVENT = re.compile(
    r"(?:на|к)\s+(?:очередно\w+|следующ\w+|ближайш\w+|последующ\w+|итогов\w+)\s+"
    r"(?:заседани\w+|совещани\w+|собрани\w+|встреч\w+)[^.;]*|"
    r"по\s+(?:мере|итогам|результатам|завершении|окончании)\s+[^.;]*|"
    r"после\s+(?:получения|завершения|окончания|утверждения|проведения|поступления)\s+[^.;]*",
    re.IGNORECASE,
)
_ANCHOR = re.compile(
    r"(?:(?:в\s+)?срок(?:ом)?\s+(?:исполнения\s+)?(?:[-–—:]\s*)?(?:до|не\s+позднее|не\s+позже|по)"
    r"|(?<![а-яё])(?:до|не\s+позднее|не\s+позже|к))\s+$",
    re.IGNORECASE,
)
_WEAK_PREFIX = re.compile(r"(?:от|№|N)\s*$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Reference:
    """What a deadline is resolved against: the protocol date (or only its year)."""

    date: datetime.date | None
    year_only: bool = False
    #: A plan for a school year ("на 2026-2027 учебный год"), ``date`` its 1 September: a month
    #: without a year falls in it (August to December in the first year, the rest in the
    #: second), and "в течение года" is the school year.
    school_year: bool = False

    @property
    def year(self) -> int | None:
        return self.date.year if self.date else None


@dataclass(frozen=True, slots=True)
class _Hit:
    start: int
    end: int
    kind: DeadlineKind
    date: datetime.date | None
    time: datetime.time | None = None
    timezone: str | None = None


def _month_number(word: str) -> int:
    word = word.lower()
    return _MONTH_PREFIX.get(word[:3], 0)


def _year(raw: str | None) -> int | None:
    if not raw:
        return None
    value = int(raw)
    if len(raw) == 2:
        value += 2000
    return value if 1990 <= value <= 2100 else None


def _safe_date(year: int, month: int, day: int) -> datetime.date | None:
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


def _month_end(year: int, month: int) -> datetime.date:
    return datetime.date(year, month, calendar.monthrange(year, month)[1])


def _with_missing_year(year: int | None, make: _DateMaker, ref: Reference) -> datetime.date | None:
    """Build a date; a missing year comes from the reference, rolled forward if far behind."""
    if year is not None:
        return make(year)
    if ref.date is None:
        return None
    value = make(ref.date.year)
    if value is not None and ref.school_year and value.month < 8:
        return make(ref.date.year + 1)
    if value is not None and not ref.year_only and value < ref.date - datetime.timedelta(days=45):
        value = make(ref.date.year + 1)
    return value


class _DateMaker:
    def __init__(self, month: int, day: int | None = None) -> None:
        self.month, self.day = month, day

    def __call__(self, year: int) -> datetime.date | None:
        if self.day is None:
            return _month_end(year, self.month)
        return _safe_date(year, self.month, self.day)


def _school_year_start(printed: str | None, ref: Reference) -> int | None:
    """The calendar year a school year starts in: printed ("2026/2027"), or the reference's
    (September to June; from July on the next one is meant)."""
    if printed:
        return int(printed)
    if ref.date is not None and ref.school_year:
        return ref.date.year
    if ref.date is None or ref.year_only:
        return None
    return ref.date.year if ref.date.month >= 7 else ref.date.year - 1


def _day_of_month(
    day: int, this: str | None, following: str | None, ref: Reference
) -> datetime.date | None:
    """The ``day`` of the reference's month ("до 20-го"), of the next month when it is printed
    or when the day is already past (unless "текущего месяца" is printed); the month's last day
    when it is shorter."""
    if ref.date is None or ref.year_only or not 1 <= day <= 31:
        return None
    month = ref.date.replace(day=1)
    if following or (day < ref.date.day and not this):
        month = _add_months(month, 1)
    return month.replace(day=min(day, calendar.monthrange(month.year, month.month)[1]))


def _school_quarter_end(m: re.Match[str], ref: Reference) -> datetime.date | None:
    """The last day of a school quarter ("II четверть"), in the printed school year or the
    reference's (in a plan for a calendar year, that year's); a quarter long past in the
    reference's school year is the next year's."""
    q = _ordinal(m.group("q"))
    if not 1 <= q <= 4:
        return None
    offset, month, day = _SCHOOL_QUARTER_END[q]
    if not m.group("y1") and ref.year_only and ref.date is not None:
        return datetime.date(ref.date.year, month, day)  # a plan for a calendar year
    first_year = _school_year_start(m.group("y1"), ref)
    if first_year is None:
        return None
    end = datetime.date(first_year + offset, month, day)
    if (
        not m.group("y1")
        and not ref.school_year
        and ref.date is not None
        and end < ref.date - datetime.timedelta(days=45)
    ):
        end = end.replace(year=end.year + 1)
    return end


def _ordinal(word: str) -> int:
    word = word.lower()
    romans = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
    if word in romans:
        return romans[word]
    if word.isdigit():
        return int(word)
    for prefix, value in (("перв", 1), ("втор", 2), ("трет", 3), ("четв", 4)):
        if word.startswith(prefix):
            return value
    return 0


def _count(word: str | None) -> int:
    if not word:
        return 1
    word = word.strip(" -").lower()
    if word.isdigit():
        return int(word)
    for prefix in sorted(_NUMBER_WORDS, key=len, reverse=True):
        if word.startswith(prefix):
            return _NUMBER_WORDS[prefix]
    return 0


def _add_work_days(start: datetime.date, days: int) -> datetime.date:
    """`days` working days after `start` (before it when negative), on the Russian production
    calendar (holidays and the government's transfers), the one reminders keep."""
    current, left = start, abs(days)
    step = datetime.timedelta(days=1 if days > 0 else -1)
    while left > 0:
        current += step
        if is_working_day(current):
            left -= 1
    return current


def _add_months(start: datetime.date, months: int) -> datetime.date:
    month0 = start.month - 1 + months
    year, month = start.year + month0 // 12, month0 % 12 + 1
    return datetime.date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def _relative_date(n: int, unit: str, work: bool, ref: Reference) -> datetime.date | None:
    if ref.date is None or ref.year_only or n <= 0 or n > 999:
        return None
    unit = unit.lower()
    if unit.startswith(("дн", "ден", "сут")):
        if work:
            return _add_work_days(ref.date, n)
        return ref.date + datetime.timedelta(days=n)
    if unit.startswith("недел"):
        return ref.date + datetime.timedelta(weeks=n)
    if unit.startswith("месяц"):
        return _add_months(ref.date, n)
    return None


def _overlaps(hits: list[_Hit], start: int, end: int) -> bool:
    return any(h.start < end and start < h.end for h in hits)


def _dated_hits(text: str, ref: Reference, lenient: bool) -> list[_Hit]:
    """Every calendar expression in ``text``, longest forms first, without overlaps."""
    hits: list[_Hit] = []

    def add(hit: _Hit) -> None:
        if hit.date is not None and not _overlaps(hits, hit.start, hit.end):
            hits.append(hit)

    for m in _NUMERIC_SPAN.finditer(text):
        second = _NUMERIC_DATE.match(m.group("second"))
        if second:
            y = _year(second.group("y"))
            day = _safe_date(y, int(second.group("m")), int(second.group("d"))) if y else None
            add(_Hit(m.start(), m.end(), DeadlineKind.PERIOD, day))
    for m in _DAY_SPAN.finditer(text):
        month = _month_number(m.group("mon2"))
        if not month or (int(m.group("d1")) >= int(m.group("d2")) and not m.group("mon1")):
            continue
        day = _with_missing_year(_year(m.group("y")), _DateMaker(month, int(m.group("d2"))), ref)
        add(_Hit(m.start(), m.end(), DeadlineKind.PERIOD, day))
    for m in _NUMERIC_DATE.finditer(text):
        y = _year(m.group("y"))
        day = _safe_date(y, int(m.group("m")), int(m.group("d"))) if y else None
        add(_Hit(m.start(), m.end(), DeadlineKind.DATE, day))
    for m in _SHORT_DATE.finditer(text):
        month, day_number = int(m.group("m") or m.group("m2")), int(m.group("d"))
        if not 1 <= month <= 12 or not 1 <= day_number <= 31 or _TIME_LIKE.match(m.group(0)):
            continue
        day = _with_missing_year(None, _DateMaker(month, day_number), ref)
        add(_Hit(m.start(), m.end(), DeadlineKind.DATE, day))
    for m in _ISO_DATE.finditer(text):
        y = _year(m.group("y"))
        day = _safe_date(y, int(m.group("m")), int(m.group("d"))) if y else None
        add(_Hit(m.start(), m.end(), DeadlineKind.DATE, day))
    for m in _TEXT_DATE.finditer(text):
        month = _month_number(m.group("mon"))
        if not month:
            continue
        day = _with_missing_year(_year(m.group("y")), _DateMaker(month, int(m.group("d"))), ref)
        add(_Hit(m.start(), m.end(), DeadlineKind.DATE, day))
    if _DAY_OF_MONTH_WORD.search(text) and not _RECURRING.search(text):
        for m in _DAY_OF_MONTH.finditer(text):
            day = _day_of_month(int(m.group("d")), m.group("this"), m.group("next"), ref)
            add(_Hit(m.start(), m.end(), DeadlineKind.DATE, day))
    for m in _SCHOOL_QUARTER.finditer(text) if _SCHOOL_QUARTER_WORD.search(text) else ():
        add(_Hit(m.start(), m.end(), DeadlineKind.QUARTER, _school_quarter_end(m, ref)))
    for m in _QUARTER.finditer(text):
        q = _ordinal(m.group("q"))
        if not 1 <= q <= 4:
            continue
        day = _with_missing_year(_year(m.group("y")), _DateMaker(q * 3), ref)
        add(_Hit(m.start(), m.end(), DeadlineKind.QUARTER, day))
    for m in _SCHOOL_HALF.finditer(text) if _SCHOOL_WORD.search(text) else ():
        q = _ordinal(m.group("q"))
        first_year = _school_year_start(m.group("y1"), ref)
        if 1 <= q <= 2 and first_year is not None:
            day = _safe_date(first_year, 12, 31) if q == 1 else _safe_date(first_year + 1, 6, 30)
            add(_Hit(m.start(), m.end(), DeadlineKind.HALF_YEAR, day))
    for m in _HALF.finditer(text):
        q = _ordinal(m.group("q"))
        if not 1 <= q <= 2:
            continue
        year = _year(m.group("y"))
        if year is None and ref.school_year and ref.date is not None:
            # A half of a school-year plan is the school year's.
            day = (
                _safe_date(ref.date.year, 12, 31)
                if q == 1
                else _safe_date(ref.date.year + 1, 6, 30)
            )
            add(_Hit(m.start(), m.end(), DeadlineKind.HALF_YEAR, day))
            continue
        autumn = ref.date is not None and ref.date.month >= 7 and not ref.year_only
        if year is None and q == 1 and autumn and ref.date is not None:
            # "до конца первого полугодия" in the autumn: the calendar one is over, so it is
            # the school year's first half, which ends with the calendar year.
            add(_Hit(m.start(), m.end(), DeadlineKind.HALF_YEAR, _month_end(ref.date.year, 12)))
            continue
        day = _with_missing_year(year, _DateMaker(q * 6), ref)
        add(_Hit(m.start(), m.end(), DeadlineKind.HALF_YEAR, day))
    for m in _DECADE.finditer(text):
        q, month = _ordinal(m.group("q")), _month_number(m.group("mon"))
        if not 1 <= q <= 3 or not month:
            continue
        maker = _DateMaker(month, q * 10 if q < 3 else None)
        add(
            _Hit(
                m.start(),
                m.end(),
                DeadlineKind.MONTH,
                _with_missing_year(_year(m.group("y")), maker, ref),
            )
        )
    for m in _WEEK_OF_MONTH.finditer(text) if _WEEK_WORD.search(text) else ():
        which, month = m.group("q").lower(), _month_number(m.group("mon"))
        week = 5 if which.startswith("последн") else _ordinal(which)
        if not 1 <= week <= 5 or not month:
            continue
        maker = _DateMaker(month, 7 * week if week < 5 else None)
        day = _with_missing_year(_year(m.group("y")), maker, ref)
        add(_Hit(m.start(), m.end(), DeadlineKind.MONTH, day))
    for m in _SCHOOL_YEAR_START.finditer(text) if _SCHOOL_WORD.search(text) else ():
        if m.group("y1"):
            start_year: int | None = int(m.group("y1"))
        elif ref.date is None:
            start_year = None
        else:
            start_year = ref.date.year + (1 if ref.date.month >= 9 and not ref.year_only else 0)
        if start_year is not None:
            add(_Hit(m.start(), m.end(), DeadlineKind.DATE, datetime.date(start_year, 8, 31)))
    for m in _SCHOOL_YEAR.finditer(text):
        if m.group("y2"):
            end_year = int(m.group("y2")) + (2000 if len(m.group("y2")) == 2 else 0)
        elif ref.date is not None and (ref.school_year or not ref.year_only):
            end_year = ref.date.year + (1 if ref.date.month >= 7 else 0)
        else:
            continue
        add(_Hit(m.start(), m.end(), DeadlineKind.YEAR, _safe_date(end_year, 6, 30)))
    for m in _YEAR_SPAN.finditer(text):
        if int(m.group("y1")) <= int(m.group("y2")):
            add(
                _Hit(
                    m.start(),
                    m.end(),
                    DeadlineKind.YEAR,
                    datetime.date(int(m.group("y2")), 12, 31),
                )
            )
    for m in _WHOLE_YEAR.finditer(text):
        if not m.group("y") and ref.school_year and ref.year is not None:
            add(_Hit(m.start(), m.end(), DeadlineKind.YEAR, datetime.date(ref.year + 1, 6, 30)))
            continue
        y = _year(m.group("y")) or ref.year
        add(_Hit(m.start(), m.end(), DeadlineKind.YEAR, datetime.date(y, 12, 31) if y else None))
    for m in _END_OF.finditer(text):
        if ref.date is None or ref.year_only:
            continue
        unit, base = (m.group("unit") or m.group("week")).lower(), ref.date
        following = m.group("next") is not None or m.group("next_week") is not None
        plain = m.group(0).lower().startswith("в течени") and len(m.group(0).split()) == 3
        if plain and unit.startswith(("месяц", "недел")):
            continue  # "в течение месяца" is a relative term, counted from the reference
        if unit.startswith("месяц"):
            start_day = _add_months(base.replace(day=1), 1 if following else 0)
            end_day, kind = _month_end(start_day.year, start_day.month), DeadlineKind.MONTH
        elif unit.startswith("квартал"):
            start_day = _add_months(base.replace(day=1), 3 if following else 0)
            end_day = _month_end(start_day.year, (start_day.month - 1) // 3 * 3 + 3)
            kind = DeadlineKind.QUARTER
        elif unit.startswith("полугоди"):
            start_day = _add_months(base.replace(day=1), 6 if following else 0)
            end_day = _month_end(start_day.year, 6 if start_day.month <= 6 else 12)
            kind = DeadlineKind.HALF_YEAR
        else:
            end_day = base + datetime.timedelta(days=6 - base.weekday() + (7 if following else 0))
            kind = DeadlineKind.RELATIVE
        add(_Hit(m.start(), m.end(), kind, end_day))
    months = list(_MONTH_ONLY.finditer(text))
    for first, last in itertools.pairwise(months):
        # "ноябрь–декабрь 2026", "в течение ноября–декабря", "с октября по декабрь": a span of
        # months ends with the last one.
        first_month, last_month = _month_number(first.group("mon")), _month_number(last["mon"])
        if first_month == last_month or not _MONTH_GAP.fullmatch(text, first.end(), last.start()):
            continue
        start = first.start()
        if (lead := _SPAN_FROM.search(text, max(0, start - 4), start)) is not None:
            start = lead.start()
        day = _with_missing_year(_year(last.group("y")), _DateMaker(last_month), ref)
        add(_Hit(start, last.end(), DeadlineKind.MONTH, day))
    for m in months:
        if not lenient and not re.search(
            r"(?:\bв|\bво|до\s+конца|к\s+концу|в\s+течение|не\s+позднее\s+конца)\s+$",
            text[max(0, m.start() - 25) : m.start()],
            re.IGNORECASE,
        ):
            continue
        month = _month_number(m.group("mon"))
        if not month:
            continue
        day = _with_missing_year(_year(m.group("y")), _DateMaker(month), ref)
        add(_Hit(m.start(), m.end(), DeadlineKind.MONTH, day))
    if lenient:
        for m in _BARE_YEAR.finditer(text):
            y = _year(m.group("y"))
            add(
                _Hit(
                    m.start(), m.end(), DeadlineKind.YEAR, datetime.date(y, 12, 31) if y else None
                )
            )
    for m in _DAYS_BEFORE.finditer(text):
        # "за 3 дня до 15.01.2027": the date hit that follows is moved back by the term.
        n = _count(m.group("n"))
        target = next(
            (h for h in hits if h.start == m.end() and h.kind is DeadlineKind.DATE), None
        )
        if not n or n > 999 or target is None or target.date is None:
            continue
        others = [h for h in hits if h is not target]
        if _overlaps(others, m.start(), m.end()):
            continue
        end = target.end
        if m.group("paren") and (closing := _CLOSING_PAREN.match(text, end)) is not None:
            end = closing.end()
        if m.group("unit").lower().startswith("недел"):
            day = target.date - datetime.timedelta(weeks=n)
        elif m.group("work"):
            day = _add_work_days(target.date, -n)
        else:
            day = target.date - datetime.timedelta(days=n)
        hits = [*others, _Hit(m.start(), end, DeadlineKind.DATE, day)]
    return sorted(hits, key=lambda h: h.start)


_WEEKDAYS = {
    "понедельник": 0, "вторник": 1, "сред": 2, "четверг": 3, "пятниц": 4, "суббот": 5,
    "воскресень": 6, "пн": 0, "вт": 1, "ср": 2, "чт": 3, "пт": 4, "сб": 5, "вс": 6,
}  # fmt: skip
#: "до пятницы", "к понедельнику", "в среду", "завтра": days counted from the reference (the
#: meeting, or today for a message typed in the chat). After "в" only the accusative is a day
#: ("в среду", not "в среде"), and "среду" not before a verbal noun: "в среду обитания", "в
#: среду общения" name an environment ("в пятницу совещания" keeps its day), nor before the
#: environment's name: "в среду Moodle", "в среду «Сферум»", "в среду ЭИОС", "в среду
#: дистанционного обучения" ("в среду следующей недели" is a day).
_DAY_WORD = re.compile(
    r"(?<![а-яё])(?:(?:до|к|ко|не\s+позднее)\s+"
    # "до 18:00 пятницы": the hour before the day.
    r"(?:(?P<clock>(?:[01]?\d|2[0-3])[:.][0-5]\d)\s+)?(?:следующ\w+\s+)?"
    r"(?P<weekday>понедельник|вторник|сред|четверг|пятниц|суббот|воскресень)[а-яё]*"
    r"|(?:в|во)\s+(?:следующ\w+\s+)?"
    r"(?P<accusative>понедельник|вторник|среду|четверг|пятницу|субботу|воскресенье)"
    r"(?!(?<=среду)\s+(?:[а-яё]*(?:ни|ти|ств|ци)[яи](?![а-яё])|[A-Za-z«\"]|(?-i:[А-ЯЁ]{2,}(?![а-яё]))"
    r"|(?!(?:этого|того|каждого|следующего|текущего|будущего)\b)[а-яё]+[ое]го(?![а-яё])))"
    r"|(?:до|к|ко|в|во|не\s+позднее)\s+(?:следующ\w+\s+)?(?P<short>пн|вт|ср|чт|пт|сб|вс)\.?"
    r"|(?:(?:до|к)\s+)?(?P<near>послезавтра|завтра|сегодня)"
    # "к завтрашнему дню", "до конца дня", "до конца рабочего дня".
    r"|(?:до|к)\s+(?P<near_day>завтрашн[а-яё]+)\s+(?:дн[а-яё]*|утр[а-яё]*)"
    r"|(?:до\s+конца|к\s+концу)\s+(?P<today>(?:(?:рабочего|этого|сегодняшнего)\s+)?дня)"
    r"|через\s+(?P<n>\d{1,2}\s+|одн[уи]\s+|две\s+|два\s+|три\s+)?(?P<unit>дн\w*|день|недел\w*|месяц\w*))"
    r"(?![а-яё])",
    re.IGNORECASE,
)


def _day_word_date(m: re.Match[str], ref: Reference) -> datetime.date | None:
    if ref.date is None or ref.year_only:
        return None
    near = (m.group("near") or m.group("near_day") or m.group("today") or "").lower()
    if near.startswith("завтрашн"):
        near = "завтра"
    elif m.group("today"):
        near = "сегодня"
    if near:
        return ref.date + datetime.timedelta(days={"сегодня": 0, "завтра": 1}.get(near, 2))
    if m.group("unit"):
        return _relative_date(_count(m.group("n")), m.group("unit"), False, ref)
    word = (m.group("weekday") or m.group("accusative") or m.group("short")).lower()
    weekday = next(number for stem, number in _WEEKDAYS.items() if word.startswith(stem))
    ahead = (weekday - ref.date.weekday()) % 7 or 7
    if "следующ" in m.group(0).lower():
        ahead += 7 if ahead < 7 else 0
    return ref.date + datetime.timedelta(days=ahead)


#: A deadline cell or label value that is only a day of the week: "пт", "пятница", "след. среда".
_BARE_WEEKDAY = re.compile(
    r"(?P<next>(?:следующ[а-яё]*|след\.)\s*)?(?P<day>понедельник|вторник|среда|четверг|пятница|"
    r"суббота|воскресенье|пн|вт|ср|чт|пт|сб|вс)\.?",
    re.IGNORECASE,
)
_TIME_ANCHOR = re.compile(r"(?<![а-яё])(?:до|к|в|не\s+позднее)\s+$", re.IGNORECASE)


def _with_time_anchor(text: str, hit: _Hit) -> _Hit:
    """Widen a hit whose clock time comes first over the time's "до": "до 15.00 сегодня"."""
    anchor = _TIME_ANCHOR.search(text, max(0, hit.start - 15), hit.start)
    if hit.time is None or anchor is None:
        return hit
    return _Hit(anchor.start(), hit.end, hit.kind, hit.date, hit.time, hit.timezone)


#: Without a day, a dotted number is a time only when it looks like one: a working hour on
#: a quarter and no unit after it ("до 10.00", not "до 2.50 руб." or "до 0.25 ставки").
_PLAIN_CLOCK = re.compile(
    r"(?<![\d.:])(?P<h>0?[7-9]|1\d|2[0-3])\.(?P<m2>00|15|30|45)(?![\d.]|\.\d)"
    r"(?!\s*(?:%|руб|р\.|коп|тыс|млн|млрд|ед|шт|балл|кг|км|м(?![а-яё])|чел|ставк|процент))",
    re.IGNORECASE,
)
#: "до 15.00", "Срок: до 15 ч. 00 мин.": a clock time alone.
_TIME_ONLY_LEAD = re.compile(
    r"(?:срок(?:\s+(?:исполнения|выполнения))?\s*(?:[:–—-]\s*|\s+))?(?:до|к|не\s+позднее)\s+",
    re.IGNORECASE,
)
_TIME_ONLY_IN_TEXT = re.compile(r"(?<![а-яё])(?:до|к|не\s+позднее)\s+(?=\d)", re.IGNORECASE)


def _time_only(text: str, start: int, ref: Reference) -> _Hit | None:
    """A clock time with no day ("до 15.00"): that time of the reference day (the message's)."""
    if ref.date is None or ref.year_only:
        return None
    found = _TIME.match(text, start) or _PLAIN_CLOCK.match(text, start)
    if found is None:
        return None
    groups = found.groupdict()
    minutes = groups.get("m") or groups.get("m2") or groups.get("m3")
    if minutes is None and not re.search(r"ч\.|час\.", found.group(0)):
        return None  # "до 10 часов в неделю" is an amount of hours
    clock = datetime.time(int(found.group("h")), int(minutes or "0"))
    tz = MOSCOW if groups.get("tz") else None
    return _Hit(start, found.end(), DeadlineKind.RELATIVE, ref.date, clock, tz)


def _counted_from_other_event(since: str | None) -> bool:
    """Whether a term is counted from an event with no date in the protocol: "не позднее 10
    рабочих дней со дня получения сведений", "за 10 дней до начала экзаменов" (not "со дня
    подписания протокола", which the protocol date stands for)."""
    if not since:
        return False
    if since.lower().startswith("до") and not re.match(
        r"до\s+(?:начала|окончания|дня|даты|проведения|завершения)(?![а-яё])", since, re.I
    ):
        return False
    return _MEETING_EVENT.search(since) is None


def _relative_hits(text: str, ref: Reference) -> list[_Hit]:
    hits: list[_Hit] = []
    for m in _DAY_WORD.finditer(text):
        day = _day_word_date(m, ref)
        if day is not None:
            hit = _Hit(m.start(), m.end(), DeadlineKind.RELATIVE, day)
            if m.group("clock"):
                hour, minute = re.split(r"[:.]", m.group("clock"))
                clock = datetime.time(int(hour), int(minute))
                hits.append(_Hit(m.start(), m.end(), DeadlineKind.RELATIVE, day, clock))
                continue
            # "сегодня до 17:00", "в пятницу в 10.00": a day, not a term, may have its hour.
            hits.append(
                hit if m.group("unit") else _with_time_anchor(text, _attach_time(text, hit))
            )
    for m in _WITHIN.finditer(text):
        n = _count(m.group("n"))
        if n:
            day = _relative_date(n, m.group("unit"), bool(m.group("work")), ref)
            if _counted_from_other_event(m.group("since")):
                day = None
            hits.append(_Hit(m.start(), m.end(), DeadlineKind.RELATIVE, day))
    for m in _N_DAY_TERM.finditer(text):
        n = _count(m.group("n"))
        unit = {"дневный": "дней", "недельный": "недель", "месячный": "месяцев"}[
            m.group("unit").lower()
        ]
        if n:
            hits.append(
                _Hit(
                    m.start(), m.end(), DeadlineKind.RELATIVE, _relative_date(n, unit, False, ref)
                )
            )
    for m in _TERM_DURATION.finditer(text):
        n = _count(m.group("n"))
        if n and not _overlaps(hits, m.start(), m.end()):
            day = _relative_date(n, m.group("unit"), bool(m.group("work")), ref)
            hits.append(_Hit(m.start(), m.end(), DeadlineKind.RELATIVE, day))
    for m in _PLAIN_TERM.finditer(text):
        if _overlaps(hits, m.start(), m.end()):
            continue
        unit = m.group("unit").lower()
        n, word = (2, "недель") if unit.startswith("двух") else (1, unit)
        word = {"недельный": "недель", "месячный": "месяцев"}.get(word, word)
        hits.append(
            _Hit(m.start(), m.end(), DeadlineKind.RELATIVE, _relative_date(n, word, False, ref))
        )
    return hits


def _attach_time(text: str, hit: _Hit) -> _Hit:
    """Find a clock time printed right before or after a dated hit."""
    window_start = max(0, hit.start - 30)
    before = text[window_start : hit.start]
    after = text[hit.end : hit.end + 30]
    found: re.Match[str] | None = None
    extended = text[window_start : hit.end]
    for m in _TIME.finditer(extended):
        if m.end() > len(before):
            break
        if not before[m.end() :].strip(" ,()мскМСК") or re.fullmatch(
            r"[\s,]*(?:\(?\s*(?:по\s+)?(?:мск|МСК)\s*\)?)?[\s,]*(?:час\w*\s*)?", before[m.end() :]
        ):
            found = m
    start, end = hit.start, hit.end
    if found is not None:
        start = window_start + found.start()
    else:
        m2 = re.match(r"[\s,]*(?P<prep>до|в|не\s+позднее)?\s*", after)
        offset = m2.end() if m2 else 0
        found = _TIME.match(after, offset)
        if found is None and m2 is not None and m2.group("prep"):
            found = _DOTTED_TIME.match(after, offset)
        if found is not None:
            end = hit.end + found.end()
    if found is None:
        return hit
    groups = found.groupdict()
    minutes = groups.get("m") or groups.get("m2") or groups.get("m3") or "0"
    clock = datetime.time(int(found.group("h")), int(minutes))
    context = text[max(0, start - 5) : end + 30]
    tz = MOSCOW if (groups.get("tz") or _MSK.search(context)) else None
    kind = DeadlineKind.DATETIME if hit.kind is DeadlineKind.DATE else hit.kind
    return _Hit(start, end, kind, hit.date, clock, tz)


def _first_recurring_date(day: int | None, text: str, ref: Reference) -> datetime.date | None:
    """The first ``day`` of the month (or of a quarter's first month) after the reference."""
    if day is None or ref.date is None or ref.year_only:
        return None
    if not 1 <= day <= 28:
        return None
    quarterly = "квартал" in text.lower()
    base = ref.date
    if quarterly:
        month0 = ((base.month - 1) // 3 + 1) * 3
        return datetime.date(base.year + month0 // 12, month0 % 12 + 1, day)
    candidate = base.replace(day=day)
    return candidate if candidate > base else _add_months(candidate, 1)


def _best(hits: list[_Hit]) -> _Hit:
    return max(hits, key=lambda h: (h.date or datetime.date.min, h.start))


@lru_cache(maxsize=4096)
def parse_deadline_with(text: str, ref: Reference) -> Deadline:
    """:func:`parse_deadline` against a :class:`Reference` (which may know only the year)."""
    raw = strip_final_stop(collapse(text))
    if not raw:
        return NO_DEADLINE
    if len(raw) > 400:
        raw = raw[:400]
    hits = _dated_hits(raw, ref, lenient=True)
    recurring = _RECURRING.search(raw)
    if recurring:
        if hits:
            first = _best(hits).date
        else:
            day_match = _RECURRING_DAY.search(raw)
            first = _first_recurring_date(
                int(day_match.group("d")) if day_match else None, raw, ref
            )
        return Deadline(first, None, DeadlineKind.RECURRING, raw)
    if hits:
        best = _attach_time(raw, _best(hits))
        return Deadline(best.date, best.time, best.kind, raw, best.timezone)
    relative = _relative_hits(raw, ref)
    if relative:
        near = relative[0]
        return Deadline(near.date, near.time, DeadlineKind.RELATIVE, raw, near.timezone)
    lead = _TIME_ONLY_LEAD.match(raw)
    clock = _time_only(raw, lead.end(), ref) if lead else None
    if clock is not None and clock.end == len(raw):
        return Deadline(clock.date, clock.time, DeadlineKind.RELATIVE, raw, clock.timezone)
    bare = _BARE_DURATION.fullmatch(raw)
    count = _count(bare.group("n")) if bare is not None else 0
    if bare is not None and count:
        day = _relative_date(count, bare.group("unit"), bool(bare.group("work")), ref)
        return Deadline(day, None, DeadlineKind.RELATIVE, raw)
    weekday = _BARE_WEEKDAY.fullmatch(raw)
    if weekday is not None and ref.date is not None and not ref.year_only:
        # "Срок: пт", "Срок: пятница": the next such day after the reference.
        number = next(
            n for stem, n in _WEEKDAYS.items() if weekday["day"].lower().startswith(stem)
        )
        ahead = (number - ref.date.weekday()) % 7 or 7
        if weekday["next"] and ahead < 7:
            ahead += 7
        day = ref.date + datetime.timedelta(days=ahead)
        return Deadline(day, None, DeadlineKind.RELATIVE, raw)
    if _PERMANENT.search(raw):
        return Deadline(None, None, DeadlineKind.PERMANENT, raw)
    if _URGENT.search(raw):
        return Deadline(None, None, DeadlineKind.RELATIVE, raw)
    if _ESTABLISHED.search(raw):
        return Deadline(None, None, DeadlineKind.NONE, raw)
    if _EVENT.search(raw):
        return Deadline(None, None, DeadlineKind.RELATIVE, raw)
    return Deadline(None, None, DeadlineKind.NONE, raw)


def parse_deadline(text: str, reference: datetime.date | None) -> Deadline:
    """Read a text that states a deadline and normalise it to the last allowed day.

    Understands dates ("до 27.01.2023", "27.01.23", "27 января 2023 г."), a clock time with its
    time zone ("до 12:00 (мск) 13 ноября 2023 г."), spans ("с 19 по 20 декабря 2023 г."),
    quarters, half-years, months, whole years ("в течение года"), relative terms ("в течение
    10 дней", "в двухнедельный срок", counted from ``reference``), recurring and permanent
    deadlines. ``reference`` (the protocol date or today) supplies a missing year. Returns kind
    ``NONE`` when nothing is recognised; ``raw`` keeps the words without a final full stop.
    """
    try:
        return parse_deadline_with(text, Reference(reference))
    except (ValueError, OverflowError):
        return Deadline(None, None, DeadlineKind.NONE, strip_final_stop(collapse(text)))


@dataclass(frozen=True, slots=True)
class InlineDeadline:
    """A deadline found inside a sentence, with the span of its words."""

    deadline: Deadline
    start: int
    end: int


def _sentence_end(text: str, start: int) -> int:
    m = re.search(r"[.;](?:\s|$)|$", text[start:])
    return start + (m.start() if m else len(text) - start)


def _next_year(day: datetime.date) -> datetime.date:
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)


@lru_cache(maxsize=4096)
def find_inline_deadline(text: str, ref: Reference) -> InlineDeadline | None:
    """Find an anchored deadline inside free text (an item's sentence).

    Only expressions introduced as deadlines count: "до <date>", "в срок до ...", "не позднее
    ...", "к <date>", spans "с ... по ...", "в 1 квартале 2023 года", "в декабре", "до конца
    года", "в течение 10 дней", event-bound terms ("на очередном заседании ..."), recurring and
    permanent words, "в установленные сроки". Dates of documents ("протокол от ...") and years
    that merely describe something are ignored.
    """
    try:
        return _find_inline(text, ref)
    except (ValueError, OverflowError):
        return None


def _find_inline(text: str, ref: Reference) -> InlineDeadline | None:
    candidates: list[tuple[_Hit, int]] = []
    for hit in _dated_hits(text, ref, lenient=False):
        prefix = text[max(0, hit.start - 40) : hit.start]
        if hit.kind in (DeadlineKind.DATE, DeadlineKind.PERIOD) and hit.kind is DeadlineKind.DATE:
            timed = _attach_time(text, hit)
            prefix = text[max(0, timed.start - 40) : timed.start]
            if _DAYS_BEFORE.match(text, hit.start) is not None:
                # "за 3 дня до 15.01.2027" carries its own anchor.
                candidates.append((timed, timed.start))
                continue
            anchor = _ANCHOR.search(prefix)
            if anchor is None or _WEAK_PREFIX.search(prefix):
                continue
            start = max(0, timed.start - 40) + anchor.start()
            candidates.append((timed, start))
            continue
        if hit.kind is DeadlineKind.PERIOD:
            span_text = text[hit.start : hit.end].lower()
            if not span_text.startswith("с") and not _ANCHOR.search(prefix):
                continue
            candidates.append((hit, hit.start))
            continue
        lead = re.search(
            r"(?:\bв\s+|\bво\s+|до\s+конца\s+|к\s+концу\s+|в\s+течение\s+|не\s+позднее\s+(?:конца\s+)?"
            r"|\bдо\s+|\bпо\s+)$",
            prefix,
            re.IGNORECASE,
        )
        own = re.match(
            r"(?:до\s+конца|к\s+концу|в\s+течени|в\s+конце|на\s+протяжении|в\s+ходе|с\s|"
            r"на\s+[а-яё]+\s+неделе|"
            r"до\s+(?:окончания|завершения)|к\s+(?:окончанию|завершению))",
            text[hit.start :],
            re.I,
        )
        if lead is None and _WEEK_IN_PREPOSITIONAL.match(text, hit.start, hit.end) is not None:
            lead = _ON_WEEK_LEAD.search(prefix)  # "на второй неделе марта"
        if hit.kind in (DeadlineKind.QUARTER, DeadlineKind.HALF_YEAR, DeadlineKind.MONTH):
            if own is not None:  # "до конца месяца" carries its own preposition
                candidates.append((hit, hit.start))
            elif lead is not None:
                candidates.append((hit, max(0, hit.start - 40) + lead.start()))
        elif own is not None:
            candidates.append((hit, hit.start))
    if candidates:
        hit, start = max(candidates, key=lambda c: (c[0].date or datetime.date.min, c[1]))
        kind = hit.kind
        # "ежегодно до 1 февраля": the date is the first of a recurring term.
        window = max(0, start - 30)
        recurring = [
            m
            for m in _RECURRING.finditer(text, window, start)
            if not text[m.end() : start].strip(" ,")
        ]
        date = hit.date
        if recurring and hit.kind is DeadlineKind.DATE:
            start, kind = recurring[-1].start(), DeadlineKind.RECURRING
            if date is not None and ref.date is not None and date < ref.date:
                # The first time it comes after the protocol: next year's 1 February.
                date = _next_year(date)
        raw = strip_final_stop(collapse(text[start : hit.end]))
        return InlineDeadline(Deadline(date, hit.time, kind, raw, hit.timezone), start, hit.end)
    for m in _RECURRING.finditer(text):
        start, end = m.start(), m.end()
        day_match = _RECURRING_DAY.match(text, end)
        if day_match:
            end = day_match.end()
        before = _DAY_BEFORE_RECURRING.search(text[max(0, start - 40) : start])
        first_day = int(day_match.group("d")) if day_match else None
        if before is not None:
            start, first_day = max(0, start - 40) + before.start(), int(before.group("d"))
        raw = strip_final_stop(collapse(text[start:end]))
        first = _first_recurring_date(first_day, raw, ref)
        return InlineDeadline(Deadline(first, None, DeadlineKind.RECURRING, raw), start, end)
    relative = _relative_hits(text, ref)
    if relative:
        hit = relative[0]
        raw = strip_final_stop(collapse(text[hit.start : hit.end]))
        deadline = Deadline(hit.date, hit.time, DeadlineKind.RELATIVE, raw, hit.timezone)
        return InlineDeadline(deadline, hit.start, hit.end)
    for pattern, kind in (
        (_PERMANENT, DeadlineKind.PERMANENT),
        (_URGENT, DeadlineKind.RELATIVE),
        (_ESTABLISHED, DeadlineKind.NONE),
    ):
        found = pattern.search(text)
        if found is not None:
            raw = strip_final_stop(collapse(found.group(0)))
            return InlineDeadline(Deadline(None, None, kind, raw), found.start(), found.end())
    event = _EVENT.search(text)
    if event is not None and re.match(r"(?:на|к)\s", event.group(0), re.IGNORECASE):
        end = _sentence_end(text, event.start())
        raw = strip_final_stop(collapse(text[event.start() : end]))
        return InlineDeadline(Deadline(None, None, DeadlineKind.RELATIVE, raw), event.start(), end)
    return None


#: Words before a date that make it something other than the day a task is due: a document's
#: date ("от", "№"), a start ("с", "после", "начиная с"), the day a report covers ("за", "по
#: состоянию на").
_NOT_DUE_PREFIX = re.compile(
    r"(?<![а-яё])(?:от|№|N|с|со|после|начиная\s+с|за|состоянию\s+на|на\s+дату)\s*$",
    re.IGNORECASE,
)


@lru_cache(maxsize=4096)
def find_event_date(text: str, ref: Reference) -> InlineDeadline | None:
    """The day of an event a decision sets without "до" ("Провести День открытых дверей 15
    марта 2027 г.", "Провести собрание 17.12 в 18:00"): that day is its deadline.

    Only a calendar day (or a span of days) counts, not a year or a quarter, and not a date that
    refers to a document or a start ("протокол от 20.11.2026", "с 01.09.2027") or that falls
    before the reference (a past event the decision mentions)."""
    try:
        hits = _dated_hits(text, ref, lenient=False)
    except (ValueError, OverflowError):
        return None
    days = [
        hit
        for hit in hits
        if hit.kind in (DeadlineKind.DATE, DeadlineKind.PERIOD)
        and hit.date is not None
        and _NOT_DUE_PREFIX.search(text, max(0, hit.start - 20), hit.start) is None
        and (ref.date is None or hit.date >= ref.date)
    ]
    if len(days) != 1:
        return None
    hit = _attach_time(text, days[0])
    raw = strip_final_stop(collapse(text[hit.start : hit.end]))
    deadline = Deadline(hit.date, hit.time, hit.kind, raw, hit.timezone)
    return InlineDeadline(deadline, hit.start, hit.end)


#: A month (or a span of months) that ends a message, and the word before it.
_BARE_MONTH_AT_END = re.compile(
    rf"(?P<before>[А-ЯЁа-яё]*)[\s,;:–—-]+"
    rf"(?P<when>(?:{_MONTH}\s*[–—-]\s*)?{_MONTH}(?![а-яё])(?:\s*\d{{4}}{_YEAR_WORD})?)[\s.]*$",
    re.IGNORECASE,
)
#: Words after which a month is what the task is about ("отчёт за декабрь"), or a deadline
#: form of its own that was not accepted ("с декабря").
_PREPOSITIONS = frozenset({"за", "на", "по", "от", "с", "со", "о", "об", "в", "во", "до", "к"})


def find_any_deadline(text: str, ref: Reference) -> InlineDeadline | None:
    """Like :func:`find_inline_deadline`, but a bare date at the end also counts.

    Used for a single assignment typed by a secretary ("Подготовить отчёт 27.01.2023"), where
    any date that is not a document reference ("от 05.07.2023") is meant as the deadline.
    """
    found = find_inline_deadline(text, ref)
    if found is not None:
        return found
    try:
        hits = _dated_hits(text, ref, lenient=False)
    except (ValueError, OverflowError):
        return None
    usable = [
        h
        for h in hits
        if h.kind in (DeadlineKind.DATE, DeadlineKind.PERIOD)
        and not _WEAK_PREFIX.search(text[max(0, h.start - 6) : h.start])
    ]
    if not usable:
        month = _BARE_MONTH_AT_END.search(text)
        if month is not None and month.group("before").lower() not in _PREPOSITIONS:
            # "Провести мониторинг ноябрь–декабрь 2026": a month typed after the task.
            typed = parse_deadline_with(month.group("when"), ref)
            if typed.date is not None:
                return InlineDeadline(typed, month.start("when"), month.end("when"))
        for lead in _TIME_ONLY_IN_TEXT.finditer(text):
            clock = _time_only(text, lead.end(), ref)
            if clock is not None:
                raw = strip_final_stop(collapse(text[lead.start() : clock.end]))
                deadline = Deadline(clock.date, clock.time, clock.kind, raw, clock.timezone)
                return InlineDeadline(deadline, lead.start(), clock.end)
        return None
    hit = _attach_time(text, usable[-1])
    raw = strip_final_stop(collapse(text[hit.start : hit.end]))
    deadline = Deadline(hit.date, hit.time, hit.kind, raw, hit.timezone)
    return InlineDeadline(deadline, hit.start, hit.end)
