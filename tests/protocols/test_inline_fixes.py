"""Inline numbered decisions after «Решили:» and a responsible label that names what the doer
answers for, each with the text that showed it."""

# ruff: noqa: E501

from __future__ import annotations

import datetime

from protocols import parse_text
from protocols.labels import Label, LabelKind, line_labels, split_labels
from tests.protocols.rows import brief_rows

D = datetime.date


_rows = brief_rows


# 1. «Решили: 1) …; 2) …» inside a СЛУШАЛИ paragraph: each numbered decision is an item of its
#    own, numbered as printed within its question, with its own term and doers.
INLINE_NUMBERED = """\
ПРОТОКОЛ № 3
заседания Совета колледжа
от 25 января 2027 г.

Повестка:
О ходе подготовки к приёмной кампании 2027 года
О проведении Дня открытых дверей

СЛУШАЛИ: Иванову И.И., директора колледжа, о ходе подготовки к приёмной кампании 2027 года. Решили: 1) Информацию принять к сведению; 2) Петровой А.А. подготовить правила приёма до 01.03.2027; 3) Смирнову К.Л. обновить раздел сайта «Абитуриенту» до 15.03.2027.

О проведении Дня открытых дверей
СЛУШАЛИ: Смирнова К.Л.
РЕШИЛИ (единогласно):
1) Провести День открытых дверей 15 марта 2027 г.
Ответственный: Смирнов К.Л.
2) Разместить объявление на сайте колледжа. Срок: до 01.03.2027
Ответственный: Белова О.О.

Председатель   И.И. Иванова
"""


def test_inline_numbered_decisions_are_items_of_their_question() -> None:
    assert _rows(parse_text(INLINE_NUMBERED)) == [
        ("1.2", "Петровой А.А. подготовить правила", D(2027, 3, 1), ("Петрова А.А.",)),
        ("1.3", "Смирнову К.Л. обновить раздел", D(2027, 3, 15), ("Смирнов К.Л.",)),
        ("2.1", "Провести День открытых дверей", D(2027, 3, 15), ("Смирнов К.Л.",)),
        ("2.2", "Разместить объявление на сайте", D(2027, 3, 1), ("Белова О.О.",)),
    ]


# The same on a line of its own after the report, numbered "1." and "2.".
INLINE_NUMBERED_DOTS = """\
ПРОТОКОЛ № 5
заседания методического совета
от 10 февраля 2027 г.

СЛУШАЛИ: Орлову Н.Н. о подготовке к аттестации.
РЕШИЛИ: 1. Информацию принять к сведению. 2. Кузнецову Д.Д. составить график аттестации до 20.02.2027.

Председатель   Н.Н. Орлова
"""


def test_numbered_decisions_on_the_markers_line_are_split() -> None:
    assert _rows(parse_text(INLINE_NUMBERED_DOTS)) == [
        ("2", "Кузнецову Д.Д. составить график", D(2027, 2, 20), ("Кузнецов Д.Д.",)),
    ]


# A number inside a decision's text that does not continue the count stays in the text.
INLINE_NOT_A_LIST = """\
ПРОТОКОЛ № 6
заседания Совета колледжа
от 12 февраля 2027 г.

СЛУШАЛИ: Орлову Н.Н. о расписании. Решили: 1) Петровой А.А. перенести занятия группы 3) ИС-21 на 2 этаж до 01.03.2027.

Председатель   Н.Н. Орлова
"""


def test_a_number_that_does_not_continue_the_count_stays_in_the_text() -> None:
    rows = _rows(parse_text(INLINE_NOT_A_LIST))
    assert rows == [("1", "Петровой А.А. перенести занятия", D(2027, 3, 1), ("Петрова А.А.",))]


# 2. «(ответственный за площадку – Сидорова В.В.)» names the doer; «за площадку» is what she
#    answers for.
RESPONSIBLE_FOR = """\
ПРОТОКОЛ № 2
совещания при директоре
от 15 января 2027 г.

РЕШИЛИ:
1. Организовать подготовку к чемпионату «Профессионалы»:
- сформировать состав команды колледжа. Срок: до 01.02.2027. Ответственный: Петрова А.А.;
- подготовить площадку для отборочного этапа (ответственный за площадку – Сидорова В.В.). Срок: до 15.02.2027;
- закупить расходные материалы. Срок: до 20.02.2027. Ответственный: Кузнецов Д.Д.
"""


def test_a_responsible_for_something_in_brackets_names_the_doer() -> None:
    assert _rows(parse_text(RESPONSIBLE_FOR)) == [
        ("1", "сформировать состав команды колледжа.", D(2027, 2, 1), ("Петрова А.А.",)),
        ("1", "подготовить площадку для отборочного", D(2027, 2, 15), ("Сидорова В.В.",)),
        ("1", "закупить расходные материалы.", D(2027, 2, 20), ("Кузнецов Д.Д.",)),
    ]


def test_responsible_for_label_value_is_the_doer() -> None:
    text, labels = split_labels(
        "подготовить площадку (ответственный за площадку – Сидорова В.В.). Срок: до 15.02.2027"
    )
    assert text.startswith("подготовить площадку")
    assert Label(LabelKind.RESPONSIBLE, "Сидорова В.В.") in labels
    assert line_labels("Ответственный за проведение: Белова О.О.") == [
        Label(LabelKind.RESPONSIBLE, "Белова О.О.")
    ]
