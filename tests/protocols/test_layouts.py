"""Layouts beyond the gold files: ПОСТАНОВИЛИ, РЕШЕНИЕ, roman sections, hard-wrapped text,
Telegram paste with markup, tab-separated plans, cp1251 text."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from protocols import DeadlineKind, ParsedProtocol, parse_document, parse_text

DATA = Path(__file__).resolve().parents[1] / "data"
D = datetime.date
#: The head of a small protocol whose decisions a test writes after it.
RESHILI = "ПРОТОКОЛ № 3\nсовещания\nот 14.02.2024\n\nРЕШИЛИ:\n"


def _parse(name: str) -> ParsedProtocol:
    return parse_document((DATA / name).read_bytes(), name)


def _rows(protocol: ParsedProtocol) -> list[tuple[object, ...]]:
    return [
        (a.number, a.deadline.date, a.deadline.kind, a.responsible, a.recommendation)
        for a in protocol.assignments
    ]


def test_postanovili_with_slushali_sections_labels_and_control_clause() -> None:
    protocol = _parse("postanovili.txt")
    assert (protocol.header.number, protocol.header.date) == ("7", D(2023, 9, 15))
    assert protocol.header.place == "Заречный"
    assert protocol.header.title == "совещания по вопросам подготовки к отопительному сезону"
    assert _rows(protocol) == [
        # The bracket names the body's official: the person the bot can reach.
        ("1.2", D(2023, 10, 1), DeadlineKind.DATE, ("Управление ЖКХ", "Сидорова А.В."), False),
        ("1.3", D(2023, 9, 25), DeadlineKind.RELATIVE, ("Кузнецов И.И.", "Лебедева О.П."), False),
        ("2.1", D(2023, 9, 25), DeadlineKind.DATE, ("МУП «Теплосеть»", "Иванов С.С."), False),
        ("2.2", D(2023, 10, 5), DeadlineKind.RECURRING, ("ПАО «Энергосбыт»",), True),
        ("2.3", D(2023, 9, 30), DeadlineKind.DATE, ("Морозов Д.А.",), False),
    ]
    assert protocol.assignments[0].text == (
        "Управлению ЖКХ (Сидорова А.В.) обеспечить контроль за подготовкой жилищного фонда."
    )


def test_cp1251_file_reads_like_utf8() -> None:
    assert _parse("postanovili-cp1251.txt") == _parse("postanovili.txt")


def test_hard_wrapped_text_with_roman_sections_restarting_numbers() -> None:
    protocol = _parse("wrapped_pdf_like.txt")
    assert (protocol.header.number, protocol.header.date) == ("3-РГ", D(2024, 3, 12))
    assert protocol.header.title == "заседания рабочей группы по цифровой трансформации"
    assert _rows(protocol) == [
        ("I.2", D(2024, 6, 1), DeadlineKind.DATE, ("Отдел информатизации", "Орлов В.В."), False),
        (
            "I.3",
            D(2024, 3, 26),
            DeadlineKind.RELATIVE,
            ("руководители подведомственных организаций",),
            True,
        ),
        ("II.1", D(2024, 6, 30), DeadlineKind.QUARTER, ("Кравцова Е.Н.",), False),
        ("II.2", D(2024, 5, 20), DeadlineKind.DATETIME, ("Орлов В.В.", "Смирнов А.А."), False),
    ]
    assert protocol.assignments[0].text.endswith("документооборота до 1 июня 2024 г.")
    assert protocol.assignments[3].deadline.time == datetime.time(15, 0)


def test_telegram_paste_with_markup_bullets_and_exclusions() -> None:
    protocol = _parse("telegram_paste.txt")
    assert (protocol.header.number, protocol.header.date) == ("4", D(2024, 3, 22))
    assert _rows(protocol) == [
        ("1", D(2024, 4, 30), DeadlineKind.MONTH, ("Отдел образования", "Кузнецова Т.В."), False),
        ("2", D(2024, 4, 5), DeadlineKind.DATE, ("директора школ",), False),
        ("2", D(2024, 4, 12), DeadlineKind.DATE, ("директора школ",), False),
        ("5", None, DeadlineKind.PERMANENT, ("Кузнецова Т.В.",), False),
    ]
    assert "\u00a0" not in protocol.assignments[0].text
    assert protocol.assignments[1].text.startswith("провести родительские собрания")


def test_tab_separated_plan_with_header_and_section_rows() -> None:
    protocol = _parse("plan_tabs.txt")
    assert protocol.header.title == "ПЛАН МЕРОПРИЯТИЙ по профилактике правонарушений на 2024 год"
    assert _rows(protocol) == [
        ("1", None, DeadlineKind.RECURRING, ("Администрация района",), False),
        (
            "2",
            D(2024, 7, 20),
            DeadlineKind.DATE,
            ("Отдел МВД России по району", "Комиссия по делам несовершеннолетних"),
            False,
        ),
        ("3", D(2024, 8, 31), DeadlineKind.MONTH, ("Отдел МВД России по району",), False),
        (
            "4",
            D(2024, 12, 31),
            DeadlineKind.YEAR,
            ("Руководители образовательных организаций",),
            False,
        ),
    ]


def test_question_sections_with_reshenie_and_unnumbered_decision() -> None:
    text = (
        "ПРОТОКОЛ\nзаседания совета\n\nДата проведения: 01.03.2024\n\n"
        "Вопрос №1: О плане.\n\nРЕШЕНИЕ:\n\n1. Утвердить план.\n\n"
        "2. Секретарю совета разослать план участникам в срок до 05.03.2024.\n\n"
        "Вопрос №2: О сайте.\n\nРЕШЕНИЕ:\n\n"
        "Поручить Петрову П.П. обновить сайт до 01.04.2024.\n"
    )
    protocol = parse_text(text)
    assert _rows(protocol) == [
        ("2", D(2024, 3, 5), DeadlineKind.DATE, ("секретарь совета",), False),
        (None, D(2024, 4, 1), DeadlineKind.DATE, ("Петров П.П.",), False),
    ]


def test_numbered_sub_items_inherit_the_parent_addressee_and_deadline() -> None:
    text = (
        "РЕШИЛИ:\n"
        "1. Департаменту образования в срок до 01.06.2024:\n"
        "1.1. подготовить проект положения;\n"
        "1.2. провести совещание с директорами. Срок: 15.05.2024.\n"
    )
    protocol = parse_text(text, reference=D(2024, 4, 1))
    assert _rows(protocol) == [
        ("1.1", D(2024, 6, 1), DeadlineKind.DATE, ("Департамент образования",), False),
        ("1.2", D(2024, 5, 15), DeadlineKind.DATE, ("Департамент образования",), False),
    ]


def test_document_without_decision_marker_still_finds_numbered_assignments() -> None:
    text = (
        "Поручения по итогам встречи\n\n"
        "1. Иванову И.И. подготовить смету до 10.10.2024.\n"
        "2. Петровой А.А. согласовать договор в течение 5 дней.\n"
    )
    protocol = parse_text(text, reference=D(2024, 10, 1))
    assert [a.responsible for a in protocol.assignments] == [("Иванов И.И.",), ("Петрова А.А.",)]
    assert protocol.assignments[1].deadline.date == D(2024, 10, 6)


def test_attendees_agenda_and_discussion_are_not_assignments() -> None:
    text = (
        "ПРОТОКОЛ № 1\n\nПрисутствовали:\n1. Иванов Иван Иванович, директор;\n"
        "2. Петрова Анна Сергеевна, секретарь.\n\nПовестка дня:\n1. О подготовке к зиме.\n\n"
        "СЛУШАЛИ:\nИванова И.И., который предложил подготовить план.\n\n"
        "РЕШИЛИ:\n1. Петровой А.С. подготовить план до 01.11.2024.\n\n"
        "Председатель                И.И. Иванов\nСекретарь                   А.С. Петрова\n"
    )
    protocol = parse_text(text)
    assert [(a.number, a.responsible) for a in protocol.assignments] == [("1", ("Петрова А.С.",))]
    assert protocol.assignments[0].text == "Петровой А.С. подготовить план до 01.11.2024."


def test_bracketed_labels_trailing_doers_and_page_numbers() -> None:
    text = (
        "РЕШИЛИ:\n"
        "1. Подготовить отчёт о работе (Иванов И.И., Петрова А.А.).\n"
        "2. Обновить сайт – Сидоров С.С.\n"
        "3. Провести семинар (отв. Орлов В.В., срок – до 01.02.2025).\n"
        "- 2 -\n"
        "4. Направить письмо Губернатору области Островскому А.В.\n"
    )
    protocol = parse_text(text)
    assert [(a.number, a.responsible) for a in protocol.assignments] == [
        ("1", ("Иванов И.И.", "Петрова А.А.")),
        ("2", ("Сидоров С.С.",)),
        ("3", ("Орлов В.В.",)),
        ("4", ()),
    ]
    assert protocol.assignments[2].text == "Провести семинар."
    assert protocol.assignments[2].deadline.date == D(2025, 2, 1)
    assert protocol.assignments[3].text == "Направить письмо Губернатору области Островскому А.В."


def test_numbered_list_of_people_in_tabs_is_not_a_task_table() -> None:
    text = "Присутствовали:\n1\tИванов И.И.\tдиректор\n2\tПетров П.П.\tзаместитель\n"
    assert parse_text(text).assignments == ()


def test_decision_table_rows_that_decide_at_once_are_skipped() -> None:
    text = (
        "№\tРешение\tСрок\tОтветственный\n"
        "1\tПринять к сведению информацию\t\t\n"
        "2\tПодготовить план\tдо 01.03.2024\tИванов И.И.\n"
    )
    protocol = parse_text(text)
    assert [(a.number, a.text, a.responsible) for a in protocol.assignments] == [
        ("2", "Подготовить план", ("Иванов И.И.",))
    ]


def test_recommendation_parent_with_dative_sub_items() -> None:
    text = (
        "ПОСТАНОВИЛИ:\n"
        "1. Рекомендовать:\n"
        "1.1. Администрациям муниципальных районов обеспечить участие в семинаре.\n"
        "1.2. Управлению образования провести совещание до 15.04.2024.\n"
    )
    protocol = parse_text(text)
    assert [(a.number, a.responsible, a.recommendation) for a in protocol.assignments] == [
        ("1.1", ("Администрации муниципальных районов",), True),
        ("1.2", ("Управление образования",), True),
    ]


def test_government_style_without_decision_marker_roman_sections_and_co_executors() -> None:
    protocol = _parse("government.txt")
    header = protocol.header
    assert (header.number, header.date, header.place) == ("ДГ-П8-12пр", D(2024, 3, 15), "Москва")
    assert _rows(protocol) == [
        (
            "I.2",
            D(2024, 4, 1),
            DeadlineKind.DATE,
            ("Минпромторг России", "Иванов А.А.", "Минфин России"),
            False,
        ),
        (
            "I.3",
            None,
            DeadlineKind.NONE,
            ("органы исполнительной власти субъектов Российской Федерации",),
            True,
        ),
        ("II.1", D(2024, 9, 30), DeadlineKind.QUARTER, ("Минэкономразвития России",), False),
        ("II.2", D(2024, 4, 10), DeadlineKind.RECURRING, ("Росстат",), False),
    ]


def test_labels_after_commas_and_bracket_numbers() -> None:
    text = (
        "РЕШИЛИ:\n"
        "1) Подготовить проект положения. Ответственный – Иванов И.И., срок – до 01.02.2025.\n"
        "2) Провести обучение сотрудников, ответственные: Петров П.П., Сидорова А.А., "
        "срок исполнения: I квартал 2025 г.\n"
    )
    protocol = parse_text(text, reference=D(2024, 12, 1))
    assert _rows(protocol) == [
        ("1", D(2025, 2, 1), DeadlineKind.DATE, ("Иванов И.И.",), False),
        ("2", D(2025, 3, 31), DeadlineKind.QUARTER, ("Петров П.П.", "Сидорова А.А."), False),
    ]
    assert [a.text for a in protocol.assignments] == [
        "Подготовить проект положения.",
        "Провести обучение сотрудников",
    ]


def test_a_bodys_official_in_brackets_and_persons_after_the_task_are_doers() -> None:
    protocol = parse_text(
        RESHILI
        + "1. Отделу кадров (Заболоцкая А.В.) до 31.12.2024 провести аттестацию педагогов.\n"
        "2. Директорам ПОО обеспечить участие студентов в олимпиаде (Сидоров П.П., "
        "Кузнецова Е.В.).\n"
        "3. ГБУЗ НО «Выксунская ЦРБ» (Мартынову А.Ю.) провести осмотр до 01.04.2024.\n"
        "4. Руководителям ИКТ-компаний (участников заседания) направить предложения "
        "до 01.04.2024.\n"
    )
    assert [a.responsible for a in protocol.assignments] == [
        ("Отдел кадров", "Заболоцкая А.В."),
        ("директора ПОО", "Сидоров П.П.", "Кузнецова Е.В."),
        ("ГБУЗ НО «Выксунская ЦРБ»", "Мартынов А.Ю."),
        ("руководители ИКТ-компаний",),  # a qualifier in brackets is not a doer
    ]


def test_decisions_after_po_itogam_soveshchaniya_without_numbers() -> None:
    protocol = parse_text(
        "ПРОТОКОЛ\nсовещания руководителей\nот 12.02.2024\n\n"
        "Присутствовали: 12 человек.\n\n"
        "По итогам совещания:\n\n"
        "Управлению образования подготовить проект постановления к 20 мая.\n\n"
        "Начальнику управления образования Л.В. Чупиной провести выездную проверку "
        "до 01.03.2024.\n\n"
        "Председатель    Л.В. Чупина\n"
    )
    assert [(a.number, a.deadline.date, a.responsible) for a in protocol.assignments] == [
        (None, D(2024, 5, 20), ("Управление образования",)),
        (None, D(2024, 3, 1), ("Чупина Л.В.",)),
    ]


def test_doer_first_laid_on_and_a_term_before_the_verb() -> None:
    protocol = parse_text(
        RESHILI + "1. Исполнитель: ГАУ ДПО ТО «ТОГИРРО».\n"
        "Обеспечить методическое сопровождение команд.\n"
        "Срок исполнения: 15.03.2024.\n"
        "2. Возложить на Никитину С.О. ответственность за координацию работы.\n"
        "3. Институту развития образования в срок не позднее 10 рабочих дней со дня "
        "подписания протокола подготовить методические рекомендации.\n"
    )
    first, second, third = protocol.assignments
    assert (first.number, first.text, first.deadline.date, first.responsible) == (
        "1",
        "Обеспечить методическое сопровождение команд.",
        D(2024, 3, 15),
        ("ГАУ ДПО ТО «ТОГИРРО»",),
    )
    assert second.responsible == ("Никитина С.О.",)
    assert third.responsible == ("Институт развития образования",)
    assert third.deadline.kind is DeadlineKind.RELATIVE
    assert third.deadline.raw == "не позднее 10 рабочих дней со дня подписания протокола"
    # Working days follow the production calendar: 23 February is a holiday.
    assert third.deadline.date == D(2024, 2, 29)


def test_a_deadline_and_doer_after_a_bullet_list_belong_to_every_bullet() -> None:
    protocol = parse_text(
        RESHILI + "1. Руководителям ПОО обеспечить:\n"
        "- обновление сайтов;\n"
        "- размещение расписаний.\n"
        "Срок: до 30.08.2024.\n"
        "Ответственный: Крюков Е.Ю.\n"
        "2. Инициаторам обеспечить:\n"
        "- обновление сайтов.\n"
        "Срок: до 01.03.2024.\n"
        "- размещение расписаний.\n"
        "Срок: до 30.08.2024.\n"
    )
    assert [(a.number, a.deadline.date, a.responsible) for a in protocol.assignments] == [
        ("1", D(2024, 8, 30), ("Крюков Е.Ю.",)),
        ("1", D(2024, 8, 30), ("Крюков Е.Ю.",)),
        ("2", D(2024, 3, 1), ("инициаторы",)),
        ("2", D(2024, 8, 30), ("инициаторы",)),
    ]


def test_label_values_keep_bodies_groups_and_people_in_order() -> None:
    protocol = parse_text(
        RESHILI
        + "1. Провести классные часы до 01.03.2024 (отв. – Гусева Е.П., классные руководители "
        "выпускных групп).\n"
        "2. Провести семинар.\n"
        "Ответственные: МБОУ СОШ № 5 (Петров А.А.), МБОУ «Гимназия № 1».\n"
        "3. Обновить сайт.\n"
        "Ответственные: председатели ЦМК.\n"
        "4. Подготовить справку.\n"
        "Ответственный: Департамент Смоленской области по образованию и науке\n"
        "5. Подготовить приказ.\n"
        "Ответственный: начальник отдела кадров Петрова А.С. и Иванов И.И.\n"
    )
    assert [a.responsible for a in protocol.assignments] == [
        ("Гусева Е.П.", "классные руководители выпускных групп"),
        ("МБОУ СОШ № 5", "Петров А.А.", "МБОУ «Гимназия № 1»"),
        ("председатели ЦМК",),
        ("Департамент Смоленской области по образованию и науке",),
        ("Петрова А.С.", "Иванов И.И."),
    ]


def test_an_apposition_after_a_dash_goes_into_the_nominative_with_its_head() -> None:
    protocol = parse_text(
        RESHILI
        + "1. Рекомендовать предприятиям – участникам кластера принять участие в ярмарке.\n"
        "2. Руководителям организаций – участников проекта обеспечить участие.\n"
    )
    assert [a.responsible for a in protocol.assignments] == [
        ("предприятия – участники кластера",),
        ("руководители организаций – участников проекта",),
    ]


def test_a_yearly_term_with_a_day_is_recurring_from_its_next_date() -> None:
    protocol = parse_text(
        RESHILI + "1. Представлять отчёт ежегодно до 1 февраля.\n"
        "2. Представлять отчёт ежегодно до 1 марта.\n"
    )
    assert [(a.deadline.kind, a.deadline.date, a.deadline.raw) for a in protocol.assignments] == [
        (DeadlineKind.RECURRING, D(2025, 2, 1), "ежегодно до 1 февраля"),
        (DeadlineKind.RECURRING, D(2024, 3, 1), "ежегодно до 1 марта"),
    ]


def test_a_doer_after_bullets_with_deadlines_of_their_own_and_a_dated_bracket_line() -> None:
    protocol = parse_text(
        "КОМИССИЯ ПО ДЕЛАМ НЕСОВЕРШЕННОЛЕТНИХ\n\nПОСТАНОВЛЕНИЕ № 12\n"
        "(протокол заседания № 6 от 21.03.2024)\n\nКомиссия ПОСТАНОВИЛА:\n"
        "1. Образовательному центру обеспечить:\n"
        "• обновление мастерских;\nСрок: до 30.08.2024.\n"
        "• подготовку отчёта о расходовании средств гранта.\nСрок: до 15.01.2025.\n"
        "Ответственный: руководитель ОПЦ Крюков Е.Ю.\n"
        "2. Провести проверку в 2-недельный срок.\n"
    )
    assert protocol.header.date == D(2024, 3, 21)
    assert [(a.deadline.date, a.responsible) for a in protocol.assignments] == [
        (D(2024, 8, 30), ("Крюков Е.Ю.",)),
        (D(2025, 1, 15), ("Крюков Е.Ю.",)),
        (D(2024, 4, 4), ()),
    ]


def test_a_bracketed_second_name_of_the_body_goes_into_the_nominative() -> None:
    protocol = parse_text(
        RESHILI + "1. Образовательному центру (кластеру) на базе колледжа обеспечить обновление "
        "мастерских в течение 2024/2025 учебного года.\n"
    )
    (item,) = protocol.assignments
    assert item.responsible == ("Образовательный центр (кластер) на базе колледжа",)
    assert (item.deadline.kind, item.deadline.date) == (DeadlineKind.YEAR, D(2025, 6, 30))


def test_sub_items_numbered_with_a_bracket_under_a_clause_with_a_colon() -> None:
    protocol = parse_text(
        RESHILI + "1. Учителям 4-х классов:\n"
        "1) провести пробные ВПР до 15.11.2024;\n"
        "2) проанализировать результаты до 29.11.2024.\n"
        "2. Провести педсовет до 01.12.2024.\n"
    )
    assert [(a.number, a.deadline.date, a.responsible) for a in protocol.assignments] == [
        ("1", D(2024, 11, 15), ("учителя 4-х классов",)),
        ("1", D(2024, 11, 29), ("учителя 4-х классов",)),
        ("2", D(2024, 12, 1), ()),
    ]


def test_glued_initials_and_a_position_after_the_name() -> None:
    protocol = parse_text(
        RESHILI + "1. Провести семинар.\n"
        "Ответственный: Дёмин В.Ю., директор МБОУ СОШ № 3\n"
        "2. Обновить сайт.\n"
        "Ответственные: И.И.Иванов, Н.В.Салтыкова-Щедрина\n"
        "3. Поручить И.И.Петрову подготовить отчёт.\n"
    )
    assert [a.responsible for a in protocol.assignments] == [
        ("Дёмин В.Ю.",),
        ("Иванов И.И.", "Салтыкова-Щедрина Н.В."),
        ("Петров И.И.",),
    ]


def test_adjective_and_participle_heads_go_into_the_nominative() -> None:
    protocol = parse_text(
        RESHILI + "1. Главному врачу ЦРБ провести осмотр.\n"
        "2. Старшему методисту подготовить план.\n"
        "3. Заведующим отделениями провести собрания.\n"
        "4. Заведующей библиотекой обновить фонд.\n"
    )
    assert [a.responsible for a in protocol.assignments] == [
        ("главный врач ЦРБ",),
        ("старший методист",),
        ("заведующие отделениями",),
        ("заведующая библиотекой",),
    ]


def test_unnumbered_decisions_typed_one_per_line_are_each_an_item() -> None:
    protocol = parse_text(
        RESHILI + "Информацию принять к сведению.\n"
        "Рекомендовать классным руководителям провести родительские собрания до 20.02.2024 г.\n"
        "Заместителю директора по УВР Петровой А.А. подготовить анализ успеваемости "
        "до 25.02.2024.\n"
        "Работу методического объединения признать удовлетворительной.\n"
        "Итоговые сочинения проверить до 01.03.2024.\n"
        "Контроль за исполнением решения возложить на директора Сидорова С.С.\n"
    )
    assert [
        (a.text, a.deadline.date, a.responsible, a.recommendation) for a in protocol.assignments
    ] == [
        (
            "Рекомендовать классным руководителям провести родительские собрания до 20.02.2024 г.",
            D(2024, 2, 20),
            ("классные руководители",),
            True,
        ),
        (
            "Заместителю директора по УВР Петровой А.А. подготовить анализ успеваемости "
            "до 25.02.2024.",
            D(2024, 2, 25),
            ("Петрова А.А.",),
            False,
        ),
        # Impersonal, the object first: a task without a named doer.
        ("Итоговые сочинения проверить до 01.03.2024.", D(2024, 3, 1), (), False),
    ]


def test_a_wrapped_unnumbered_decision_stays_one_item() -> None:
    protocol = parse_text(
        RESHILI + "Рекомендовать руководителям\n"
        "ОГБПОУ СмолАПО разработать план до 01.03.2024.\n"
        "Поручить Иванову И.И. подготовить справку\n"
        "Направить её в министерство до 05.03.2024.\n"
    )
    assert [(a.text, a.responsible) for a in protocol.assignments] == [
        (
            "Рекомендовать руководителям ОГБПОУ СмолАПО разработать план до 01.03.2024.",
            ("руководители ОГБПОУ СмолАПО",),
        ),
        (
            "Поручить Иванову И.И. подготовить справку Направить её в министерство до 05.03.2024.",
            ("Иванов И.И.",),
        ),
    ]


@pytest.mark.parametrize(
    "message",
    [
        "Иванову И.И. подготовить отчёт до 10.12. Петровой А.А. провести собрание до 15.12.",
        "Иванову И.И. подготовить отчёт до 10.12\nПетровой А.А. провести собрание до 15.12",
        "Иванову И.И. подготовить отчёт до 10.12.\nПетровой А.А. провести собрание до 15.12.",
    ],
)
def test_a_chat_message_with_two_assignments_gives_both(message: str) -> None:
    protocol = parse_text(message, reference=D(2025, 11, 20))
    assert [(a.deadline.date, a.responsible) for a in protocol.assignments] == [
        (D(2025, 12, 10), ("Иванов И.И.",)),
        (D(2025, 12, 15), ("Петрова А.А.",)),
    ]
    assert protocol.assignments[0].text.startswith("Иванову И.И. подготовить отчёт до 10.12")
    assert protocol.assignments[1].text.startswith("Петровой А.А. провести собрание")


def test_chat_lines_without_doers_or_with_telegram_users_are_assignments() -> None:
    plain = parse_text("Подготовить отчёт до 10.12\nПровести собрание до 15.12", D(2025, 11, 20))
    assert [(a.text, a.deadline.date) for a in plain.assignments] == [
        ("Подготовить отчёт до 10.12", D(2025, 12, 10)),
        ("Провести собрание до 15.12", D(2025, 12, 15)),
    ]
    users = parse_text("@ivanov_i подготовить отчёт\n@petrova провести собрание", D(2025, 11, 20))
    assert [a.responsible for a in users.assignments] == [("@ivanov_i",), ("@petrova",)]


def test_a_sentence_without_doers_of_its_own_stays_with_the_assignment() -> None:
    protocol = parse_text(
        RESHILI + "1. Иванову И.И. подготовить отчёт до 01.03.2024. Отчёт направить в "
        "министерство. Петровой А.А. проверить отчёт до 05.03.2024.\n"
        "2. Принять к сведению информацию. Сидорову С.С. обновить сайт.\n"
    )
    assert [(a.number, a.text, a.deadline.date, a.responsible) for a in protocol.assignments] == [
        (
            "1",
            "Иванову И.И. подготовить отчёт до 01.03.2024. Отчёт направить в министерство.",
            D(2024, 3, 1),
            ("Иванов И.И.",),
        ),
        ("1", "Петровой А.А. проверить отчёт до 05.03.2024.", D(2024, 3, 5), ("Петрова А.А.",)),
        (
            "2",
            "Принять к сведению информацию. Сидорову С.С. обновить сайт.",
            None,
            ("Сидоров С.С.",),
        ),
    ]


def test_the_vote_after_a_decision_is_not_its_text() -> None:
    protocol = parse_text(
        RESHILI + "1. Классным руководителям провести собрания до 20.02.2024.\n"
        "Голосовали: «за» – 32, «против» – нет.\n"
        "2. Педагогу-психологу Смирновой О.В. провести диагностику до 01.03.2024.\n"
        "ГОЛОСОВАЛИ: единогласно.\n"
        "Решение принято единогласно.\n"
    )
    assert [(a.number, a.text) for a in protocol.assignments] == [
        ("1", "Классным руководителям провести собрания до 20.02.2024."),
        ("2", "Педагогу-психологу Смирновой О.В. провести диагностику до 01.03.2024."),
    ]


def test_an_object_first_task_is_kept_and_an_object_first_approval_is_not() -> None:
    protocol = parse_text(
        RESHILI + "Проект плана доработать и утвердить до 01.03.2024.\n"
        "План мероприятий на 2024 год утвердить.\n"
        "Иванову И.И. утвердить график дежурств до 20.02.2024.\n"
    )
    assert [(a.text, a.responsible) for a in protocol.assignments] == [
        ("Проект плана доработать и утвердить до 01.03.2024.", ()),
        ("Иванову И.И. утвердить график дежурств до 20.02.2024.", ("Иванов И.И.",)),
    ]
