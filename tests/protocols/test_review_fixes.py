"""Defects found by a review of the parser, each with the text that showed it."""

# ruff: noqa: E501

from __future__ import annotations

import datetime

from protocols import ParsedProtocol, parse_text
from protocols.structure import _drop_running_lines
from protocols.text import join_cell_parts

D = datetime.date


def _rows(protocol: ParsedProtocol) -> list[tuple[object, ...]]:
    return [
        (a.number, " ".join(a.text.split()[:4]), a.deadline.date, a.responsible)
        for a in protocol.assignments
    ]


# 1. A line of the head (an attendee) repeated as the value of "Ответственный:" printed alone
#    is the value, not a running header: nothing in the text comes from a PDF's pages.
HEAD_LINE_AS_VALUE = """\
ГБПОУ «Колледж связи № 7»

ПРОТОКОЛ № 4
заседания педагогического совета

от 12 января 2027 г.

Председатель: Иванова И.И.
Секретарь: Сидорова В.В.
Присутствовали: 34 человека.
Петрова А.А. – заместитель директора по УР
Смирнов К.Л. – заместитель директора по ВР

ПОВЕСТКА ДНЯ:
1. О результатах промежуточной аттестации.
2. О подготовке к государственной итоговой аттестации.

СЛУШАЛИ:
1. Петрову А.А. – об итогах промежуточной аттестации за 1 семестр.
РЕШИЛИ:
1. Информацию принять к сведению.
2. Кураторам групп провести родительские собрания по итогам семестра.
Срок: до 20.02.2027
Ответственный:
Петрова А.А. – заместитель директора по УР
3. Преподавателям организовать ликвидацию академических задолженностей. Срок: до 15.03.2027. Ответственный: Петрова А.А.;
- Смирнову К.Л. провести беседы с обучающимися, имеющими задолженности. Срок: до 01.03.2027.
4. Заведующим отделениями подготовить отчёт о посещаемости, см. стр. 12
приложения к протоколу. Срок: до 10.02.2027
5. Разместить информацию на сайте колледжа. Срок: в течение 5 дней
Ответственный: Смирнов К.Л. – заместитель директора по ВР

Председатель                     И.И. Иванова
Секретарь                        В.В. Сидорова
"""


def test_a_head_line_repeated_as_a_labels_value_stays() -> None:
    found = parse_text(HEAD_LINE_AS_VALUE).assignments
    assert [(a.number, a.deadline.date, a.responsible) for a in found] == [
        ("2", D(2027, 2, 20), ("Петрова А.А.",)),
        # A whole item with its own term and doer stays an assignment with its bullet.
        ("3", D(2027, 3, 15), ("Петрова А.А.",)),
        ("3", D(2027, 3, 1), ("Смирнов К.Л.",)),
        ("4", D(2027, 2, 10), ("заведующие отделениями",)),
        ("5", D(2027, 1, 17), ("Смирнов К.Л.",)),
    ]
    assert found[1].text.startswith("Преподавателям организовать ликвидацию")
    assert found[2].text.startswith("Смирнову К.Л. провести беседы")


def test_a_repeated_head_line_goes_only_with_a_page_number_beside_it() -> None:
    head = "Протокол № 9 заседания Совета колледжа от 14.11.2026"
    lines = [head, "ПРОТОКОЛ № 9", "РЕШИЛИ:", "1. Провести проверку", head, "- 2 -", "в срок."]
    assert _drop_running_lines(lines) == [*lines[:4], "- 2 -", "в срок."]
    # Without a page number it is the text's own line (a value, a repeated heading).
    lines = [head, "ПРОТОКОЛ № 9", "РЕШИЛИ:", "1. Провести проверку.", "Ответственный:", head]
    assert _drop_running_lines(lines) == lines
    # A person's line is never a running header, even beside a page number.
    person = "Петрова А.А. – заместитель директора по УР"
    lines = [person, "РЕШИЛИ:", "1. Провести проверку.", "Ответственный:", person, "- 2 -"]
    assert _drop_running_lines(lines) == lines


# 2. Bullets after a responsible label are its doers only when they name persons and no task.
DOERS_AND_TASKS = """\
ПРОТОКОЛ № 2
совещания при директоре
от 15 января 2027 г.

РЕШИЛИ:
1. Организовать подготовку к чемпионату «Профессионалы»:
- сформировать состав команды колледжа. Срок: до 01.02.2027.
Ответственный: Петрова А.А.;
- Сидоровой В.В. подготовить площадку для отборочного этапа. Срок: до 15.02.2027;
- Кузнецову Д.Д. закупить расходные материалы. Срок: до 20.02.2027.
2. Провести инструктаж по охране труда.
Срок: до 25.01.2027
Ответственные:
- Орлов П.П., инженер по охране труда;
- Волкова Н.Н., специалист по кадрам.
3. Подготовить приказ о назначении наставников.
Срок: до 30.01.2027
Ответственный:
- методист Белова О.О.
- Провести методический семинар для наставников. Срок: до 10.02.2027.
"""


def test_task_bullets_after_a_responsible_label_are_not_its_doers() -> None:
    assert _rows(parse_text(DOERS_AND_TASKS)) == [
        ("1", "сформировать состав команды колледжа.", D(2027, 2, 1), ("Петрова А.А.",)),
        ("1", "Сидоровой В.В. подготовить площадку", D(2027, 2, 15), ("Сидорова В.В.",)),
        ("1", "Кузнецову Д.Д. закупить расходные", D(2027, 2, 20), ("Кузнецов Д.Д.",)),
        ("2", "Провести инструктаж по охране", D(2027, 1, 25), ("Орлов П.П.", "Волкова Н.Н.")),
        ("3", "Подготовить приказ о назначении", D(2027, 1, 30), ("Белова О.О.",)),
        # The bullet under a whole item takes its doer, as a bullet takes its parent's addressee.
        ("3", "Провести методический семинар для", D(2027, 2, 10), ("Белова О.О.",)),
    ]


# 3. "Решение:" inside a numbered decision item is part of the item, not a decision marker.
DECISION_WORD_IN_ITEM = """\
ПРОТОКОЛ № 8
заседания стипендиальной комиссии
от 3 февраля 2027 г.

РЕШИЛИ:
1. Назначить государственную академическую стипендию студентам согласно списку (приложение 1).
2. Рассмотреть заявление студентки группы ЭК-22 Лебедевой О.П. о назначении социальной стипендии. Решение: бухгалтерии произвести перерасчёт с 01.02.2027. Срок: до 15.02.2027. Ответственный: Орлова Н.Н.
3. Кураторам групп довести решение комиссии до сведения студентов. Срок: до 10.02.2027.
"""


def test_a_decision_word_inside_a_numbered_item_does_not_split_it() -> None:
    found = parse_text(DECISION_WORD_IN_ITEM).assignments
    assert [(a.number, a.deadline.date, a.responsible) for a in found] == [
        ("2", D(2027, 2, 15), ("Орлова Н.Н.",)),
        ("3", D(2027, 2, 10), ("кураторы групп",)),
    ]
    assert "Решение: бухгалтерии произвести перерасчёт с 01.02.2027." in found[0].text


def test_a_decision_marker_after_the_report_still_splits_it() -> None:
    text = (
        "ПРОТОКОЛ № 3\nсовещания\nот 14.02.2027\n\n"
        "СЛУШАЛИ: Иванову И.И. о приёмной кампании. Решили: Петровой А.А. подготовить "
        "отчёт до 01.03.2027.\n"
    )
    found = parse_text(text).assignments
    assert [(a.text, a.responsible) for a in found] == [
        ("Петровой А.А. подготовить отчёт до 01.03.2027.", ("Петрова А.А.",))
    ]


# 4. A plan's row broken by a page: its second part has no number but goes on with the text.
BROKEN_PLAN_ROW = """\
ПЛАН
работы методического кабинета на 2027 год

№\tМероприятие\tСрок\tОтветственный
1\tОрганизация участия студентов во\tмарт –\tПетрова А.А.,
\tВсероссийской олимпиаде профессионального мастерства\tапрель\tСидорова В.В.
2\tПроведение недели специальности\tмай\tОрлова Н.Н.
"""


def test_a_plan_row_broken_by_a_page_is_one_row() -> None:
    found = parse_text(BROKEN_PLAN_ROW).assignments
    assert [(a.number, a.text, a.deadline.date, a.responsible) for a in found] == [
        (
            "1",
            "Организация участия студентов во Всероссийской олимпиаде профессионального "
            "мастерства",
            D(2027, 4, 30),
            ("Петрова А.А.", "Сидорова В.В."),
        ),
        ("2", "Проведение недели специальности", D(2027, 5, 31), ("Орлова Н.Н.",)),
    ]


def test_an_activity_of_its_own_under_a_heading_row_stays_apart() -> None:
    text = (
        "ПЛАН\nвоспитательной работы на 2027 год\n\n"
        "№\tМероприятие\tСрок\tОтветственный\n"
        "1\tПроведение классных часов:\t\t\n"
        "\t- «Мы против наркотиков»\tмарт\tКураторы групп\n"
        "\t- «Здоровый образ жизни»\tапрель\tКураторы групп\n"
    )
    found = parse_text(text).assignments
    assert [(a.number, a.text, a.deadline.date) for a in found] == [
        ("1", "«Мы против наркотиков»", D(2027, 3, 31)),
        ("1", "«Здоровый образ жизни»", D(2027, 4, 30)),
    ]


# 5. Section lines without a tab between the rows of a pasted Word table are section rows.
SECTIONS_IN_A_PASTED_TABLE = """\
ПЛАН
воспитательной работы колледжа на 2026-2027 учебный год

№\tМероприятие\tСрок\tОтветственный
Организационная работа
1\tПроведение собраний в группах нового набора\tсентябрь\tКураторы групп
2\tВыборы актива студенческого совета\tсентябрь\tПетрова А.А.
Работа с родителями
3\tРодительские собрания\tоктябрь, март\tКураторы групп
4\tИндивидуальные консультации для родителей\tв течение года\tПедагог-психолог Орлова Н.Н.
Профилактика правонарушений
5\tЗаседания совета профилактики\tежемесячно\tСмирнов К.Л.
"""


def test_section_lines_between_rows_are_not_glued_to_the_doers() -> None:
    found = parse_text(SECTIONS_IN_A_PASTED_TABLE).assignments
    assert [(a.number, a.text, a.responsible) for a in found] == [
        ("1", "Проведение собраний в группах нового набора", ("Кураторы групп",)),
        ("2", "Выборы актива студенческого совета", ("Петрова А.А.",)),
        ("3", "Родительские собрания", ("Кураторы групп",)),
        ("4", "Индивидуальные консультации для родителей", ("Орлова Н.Н.",)),
        ("5", "Заседания совета профилактики", ("Смирнов К.Л.",)),
    ]


def test_a_doer_line_between_rows_still_goes_on_with_the_cell() -> None:
    text = (
        "ПЛАН\nвоспитательной работы колледжа на 2027 год\n\n"
        "№\tМероприятие\tСрок\tОтветственный\n"
        "1\tРодительские собрания\tмарт\tПетрова А.А.,\n"
        "Кураторы групп\n"
        "2\tКонсультации для родителей\tапрель\tОрлова Н.Н.\n"
        "Социальный педагог\n"
        "3\tЗаседания совета профилактики\tмай\tСмирнов К.Л.\n"
    )
    found = parse_text(text).assignments
    assert [(a.number, a.responsible) for a in found] == [
        ("1", ("Петрова А.А.", "Кураторы групп")),
        ("2", ("Орлова Н.Н.", "Социальный педагог")),
        ("3", ("Смирнов К.Л.",)),
    ]


# 6. A line ending in a word and a number ("семестр 2") is text, not a running footer.
NUMBERS_AT_LINE_ENDS = """\
ПРОТОКОЛ № 6
заседания методического совета
от 20 января 2027 г.

РЕШИЛИ:
1. Председателям ПЦК внести изменения в рабочие программы профессиональных модулей на
семестр 2
с учётом требований работодателей.
Срок: до 01.02.2027
Ответственный: Петрова А.А.
2. Методисту подготовить перечень программ для внесения в федеральный реестр 2
и направить его в министерство.
Срок: до 15.02.2027
Ответственный: Белова О.О.
"""


def test_a_word_ending_in_str_and_a_number_is_no_page_number() -> None:
    found = parse_text(NUMBERS_AT_LINE_ENDS).assignments
    assert found[0].text == (
        "Председателям ПЦК внести изменения в рабочие программы профессиональных модулей на "
        "семестр 2 с учётом требований работодателей."
    )
    assert found[1].text.endswith("в федеральный реестр 2 и направить его в министерство.")


def test_page_words_at_line_ends_inside_sentences_stay() -> None:
    lines = [
        "РЕШИЛИ:",
        "1. Преподавателям заполнить",
        "оценочный лист 1",
        "и сдать его методисту.",
        "2. Изучить материалы пособия,",
        "см. стр. 5",
        "и подготовить предложения.",
        "реестр 2",
    ]
    assert _drop_running_lines(lines) == lines


def test_running_footers_with_a_page_number_still_go() -> None:
    lines = [
        "1. Провести проверку",
        "ОГАПОУ «Белгородский строительный колледж»                    2",
        "Протокол № 5 от 25.11.2026                  Страница 1 из 2",
        "в срок до 15.09.2026.",
        "Протокол № 5 от 25.11.2026 стр. 2",
        "ГБПОУ «Колледж связи № 7» Страница 2 из 3",
    ]
    assert _drop_running_lines(lines) == ["1. Провести проверку", "в срок до 15.09.2026."]


# 7. Initials at the end of a cell are no conjunctions "а", "о", "и".
def test_initials_ending_a_cell_are_not_conjunctions() -> None:
    assert join_cell_parts("Петрова А.А.", "методист Сидорова В.В.") == (
        "Петрова А.А.; методист Сидорова В.В."
    )
    assert join_cell_parts("Орлов О.О.", "педагоги-организаторы") == (
        "Орлов О.О.; педагоги-организаторы"
    )
    assert join_cell_parts("Иванов И.И.", "заведующие отделениями") == (
        "Иванов И.И.; заведующие отделениями"
    )
    # A bracket and a real conjunction still go on with the text.
    assert join_cell_parts("Петрова А.А.", "(по согласованию)") == "Петрова А.А. (по согласованию)"
    assert join_cell_parts("Кураторы групп и", "воспитатели") == "Кураторы групп и воспитатели"


# p5: sub-items with a "Срок" each and one "Ответственный" after the last share it, as the
# clause's "Ответственный исполнитель:" line does (the REGION family); the decision stands.
SHARED_RESPONSIBLE = """\
ПРОТОКОЛ № 7
совещания при директоре
от 1 февраля 2027 г.

РЕШИЛИ:
1. Учебной части:
1.1. Подготовить расписание экзаменов. Срок: до 15.02.2027.
1.2. Составить график консультаций. Срок: до 20.02.2027.
1.3. Провести инструктаж председателей экзаменационных комиссий. Срок: до 01.03.2027.
Ответственный: Иванова И.И.
2. Бухгалтерии подготовить смету расходов. Срок: до 10.02.2027.
Ответственный: Орлова Н.Н.
"""


def test_one_responsible_after_the_last_sub_item_is_shared() -> None:
    found = parse_text(SHARED_RESPONSIBLE).assignments
    assert [(a.number, a.deadline.date, a.responsible) for a in found] == [
        ("1.1", D(2027, 2, 15), ("Иванова И.И.",)),
        ("1.2", D(2027, 2, 20), ("Иванова И.И.",)),
        ("1.3", D(2027, 3, 1), ("Иванова И.И.",)),
        ("2", D(2027, 2, 10), ("Орлова Н.Н.",)),
    ]
