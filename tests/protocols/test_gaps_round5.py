"""Deadline forms and documents the other tests have not met: a day of the month ("до 20-го",
"до 5 числа"), urgent terms ("незамедлительно"), school quarters ("II четверть"), terms counted
back in weeks ("за 2 недели до 01.03.2027"), a КДН resolution's header, decisions that enrol
or approve, and a decisions table copied from a PDF viewer one cell per line."""

# ruff: noqa: E501

from __future__ import annotations

import datetime

import pytest

from protocols import DeadlineKind, parse_text
from protocols.deadlines import Reference, find_inline_deadline, parse_deadline_with

D = datetime.date
K = DeadlineKind
MONDAY = D(2026, 12, 7)


def _rows(text: str) -> list[tuple[object, ...]]:
    return [
        (a.number, a.deadline.date, a.deadline.kind, a.responsible)
        for a in parse_text(text).assignments
    ]


DAY_OF_MONTH = """ПРОТОКОЛ № 14
совещания при директоре МБОУ «Средняя общеобразовательная школа № 5»

07.12.2026                                                            г. Калуга

Присутствовали: 18 человек.

ПОВЕСТКА ДНЯ:
1. О подготовке к окончанию первого полугодия.
2. О состоянии здания школы.

СЛУШАЛИ:
1. Смирнову О.П., заместителя директора по УВР, о подготовке отчётности.
2. Кузнецова В.А., заместителя директора по АХЧ, о состоянии кровли спортивного зала.

РЕШИЛИ:
1. Классным руководителям 5–11 классов сдать отчёты об успеваемости до 20-го. Ответственный: Смирнова О.П.
2. Бухгалтерии подготовить табель учёта рабочего времени до 5 числа.
3. Заместителю директора по АХЧ Кузнецову В.А. незамедлительно устранить протечку кровли в спортивном зале.
4. Учителю информатики Лебедеву С.Н. в кратчайшие сроки восстановить работу официального сайта школы.
5. Немедленно информировать администрацию школы о каждом случае травматизма обучающихся. Ответственные: классные руководители.
6. Педагогу-организатору Орловой Е.В. представить план новогодних мероприятий к 15-му числу текущего месяца.

Директор                                                  И.И. Иванов
"""


def test_day_of_month_and_urgent_terms() -> None:
    parsed = parse_text(DAY_OF_MONTH)
    assert parsed.header.date == MONDAY
    got = [
        (a.number, a.deadline.date, a.deadline.kind, a.deadline.raw) for a in parsed.assignments
    ]
    assert got == [
        ("1", D(2026, 12, 20), K.DATE, "до 20-го"),
        # The 5th of December is past: the next one.
        ("2", D(2027, 1, 5), K.DATE, "до 5 числа"),
        ("3", None, K.RELATIVE, "незамедлительно"),
        ("4", None, K.RELATIVE, "в кратчайшие сроки"),
        ("5", None, K.RELATIVE, "Немедленно"),
        ("6", D(2026, 12, 15), K.DATE, "к 15-му числу текущего месяца"),
    ]
    assert parsed.assignments[0].responsible == ("Смирнова О.П.",)
    assert parsed.assignments[2].responsible == ("Кузнецов В.А.",)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("до 20-го", (D(2026, 12, 20), K.DATE)),
        ("до 20 числа", (D(2026, 12, 20), K.DATE)),
        ("не позднее 3-го числа", (D(2027, 1, 3), K.DATE)),
        ("до 25 числа следующего месяца", (D(2027, 1, 25), K.DATE)),
        ("до 7-го", (D(2026, 12, 7), K.DATE)),
        # A short month ends before the day: its last day.
        ("до 31 числа", (D(2026, 12, 31), K.DATE)),
        # Still a recurring term, a date of its own, and a century.
        ("ежемесячно до 5 числа", (D(2027, 1, 5), K.RECURRING)),
        ("до 5 числа месяца, следующего за отчётным", (D(2027, 1, 5), K.RECURRING)),
        ("до 20-го декабря", (D(2026, 12, 20), K.DATE)),
        ("незамедлительно", (None, K.RELATIVE)),
        ("в кратчайший срок", (None, K.RELATIVE)),
        ("в максимально короткие сроки", (None, K.RELATIVE)),
    ],
)
def test_day_of_month_forms(text: str, expected: tuple[datetime.date | None, K]) -> None:
    found = parse_deadline_with(text, Reference(MONDAY))
    assert (found.date, found.kind) == expected


def test_day_of_month_inside_a_sentence() -> None:
    ref = Reference(MONDAY)
    found = find_inline_deadline("Не позднее 15 числа представить отчёт о питании.", ref)
    assert found is not None
    assert (found.deadline.date, found.deadline.raw) == (D(2026, 12, 15), "Не позднее 15 числа")
    found = find_inline_deadline("Сдать журналы до 20-го включительно.", ref)
    assert found is not None and found.deadline.date == D(2026, 12, 20)
    # "до 5 числа месяца" without a recurring word stays unread, as before.
    assert find_inline_deadline("Провести сверку до 5 числа месяца.", ref) is None


def test_day_of_month_needs_a_month_to_fall_in() -> None:
    """Without a known reference day there is no month for "до 20-го" to fall in."""
    assert parse_deadline_with("до 20 числа", Reference(None)).date is None
    assert (
        parse_deadline_with("до 20 числа", Reference(D(2026, 1, 1), year_only=True)).date is None
    )


def test_a_number_before_a_noun_is_no_day() -> None:
    """ "до 20 человек", "до 10-го класса" are amounts and grades, not days."""
    for text in (
        "Укомплектовать группы продлённого дня до 20 человек.",
        "Обеспечить обучение детей до 10-го класса по адаптированным программам.",
        "Довести охват до 20-ти процентов обучающихся.",
    ):
        assert find_inline_deadline(text, Reference(MONDAY)) is None, text


SCHOOL_QUARTERS = """ПРОТОКОЛ № 1
заседания педагогического совета МБОУ «Лицей № 2»

31.08.2026

РЕШИЛИ:
1. Руководителям методических объединений провести входные контрольные работы по математике и русскому языку. Срок: I четверть.
2. Заместителю директора по УВР Смирновой О.П. организовать посещение уроков молодых педагогов. Срок: II четверть.
3. Педагогу-психологу Орловой Е.В. провести диагностику готовности выпускников к экзаменам в III четверти.
4. Классным руководителям 9, 11 классов провести пробные экзамены до конца IV четверти.
5. Социальному педагогу Лебедевой А.А. провести анкетирование родителей. Срок: II полугодие 2026/2027 учебного года.
6. Заместителю директора по ВР Петровой Н.Н. подготовить отчёт о работе школьного спортивного клуба в I квартале 2027 года.
7. Библиотекарю Зайцевой О.В. провести инвентаризацию учебного фонда. Срок: 1 квартал 2027 г.

Председатель педагогического совета                       И.И. Иванов
"""


def test_school_quarters_end_with_their_holidays() -> None:
    assert _rows(SCHOOL_QUARTERS) == [
        ("1", D(2026, 10, 31), K.QUARTER, ("руководители методических объединений",)),
        ("2", D(2026, 12, 31), K.QUARTER, ("Смирнова О.П.",)),
        ("3", D(2027, 3, 31), K.QUARTER, ("Орлова Е.В.",)),
        ("4", D(2027, 5, 31), K.QUARTER, ("классные руководители 9, 11 классов",)),
        ("5", D(2027, 6, 30), K.HALF_YEAR, ("Лебедева А.А.",)),
        ("6", D(2027, 3, 31), K.QUARTER, ("Петрова Н.Н.",)),
        ("7", D(2027, 3, 31), K.QUARTER, ("Зайцева О.В.",)),
    ]


@pytest.mark.parametrize(
    ("text", "reference", "expected"),
    [
        ("I четверть", D(2026, 8, 31), D(2026, 10, 31)),
        ("во второй четверти", D(2026, 8, 31), D(2026, 12, 31)),
        ("3 четверть", D(2026, 8, 31), D(2027, 3, 31)),
        ("IV четверть 2026/2027 учебного года", D(2026, 12, 7), D(2027, 5, 31)),
        ("по итогам III четверти 2025-2026 учебного года", D(2026, 1, 12), D(2026, 3, 31)),
        # In the spring the school year began the autumn before.
        ("IV четверть", D(2027, 2, 10), D(2027, 5, 31)),
        ("II четверть", D(2026, 12, 7), D(2026, 12, 31)),
        # Long past in this school year: the next one's.
        ("I четверть", D(2027, 2, 10), D(2027, 10, 31)),
    ],
)
def test_school_quarter_forms(
    text: str, reference: datetime.date, expected: datetime.date
) -> None:
    found = parse_deadline_with(text, Reference(reference))
    assert (found.date, found.kind) == (expected, K.QUARTER)


def test_school_quarter_in_a_plan_for_a_calendar_year() -> None:
    ref = Reference(D(2027, 1, 1), year_only=True)
    assert parse_deadline_with("III четверть", ref).date == D(2027, 3, 31)
    assert parse_deadline_with("II четверть", ref).date == D(2027, 12, 31)


def test_quarter_of_a_rate_or_a_recurring_term_is_no_school_quarter() -> None:
    ref = Reference(D(2026, 8, 31))
    assert parse_deadline_with("1 раз в четверть", ref).kind is K.RECURRING
    assert find_inline_deadline("Принять на работу учителя на четверть ставки.", ref) is None


COUNTED_BACK = """ПРОТОКОЛ № 3
заседания оргкомитета муниципального этапа всероссийской олимпиады школьников

12.01.2027

РЕШИЛИ:
1. Отделу образования (Морозова Е.Г.) направить в школы график проведения муниципального этапа за 2 недели до 01.03.2027.
2. Руководителям общеобразовательных организаций представить заявки участников за две недели до 1 марта 2027 г.
3. Председателям предметных жюри утвердить задания за неделю до начала олимпиады (20.02.2027).
4. Методисту Кузнецовой И.П. согласовать состав жюри за 10 дней до начала сессии (15.01.2027).
5. Главному бухгалтеру Орловой Т.В. подготовить отчёт за 3 месяца до 01.04.2027.
"""


def test_terms_counted_back_from_a_date() -> None:
    parsed = parse_text(COUNTED_BACK)
    got = [(a.number, a.deadline.date, a.deadline.raw) for a in parsed.assignments]
    assert got == [
        ("1", D(2027, 2, 15), "за 2 недели до 01.03.2027"),
        ("2", D(2027, 2, 15), "за две недели до 1 марта 2027 г."),
        ("3", D(2027, 2, 13), "за неделю до начала олимпиады (20.02.2027)"),
        ("4", D(2027, 1, 5), "за 10 дней до начала сессии (15.01.2027)"),
        # A report covering three months, due by 1 April.
        ("5", D(2027, 4, 1), "до 01.04.2027"),
    ]


KDN_RESOLUTION = """КОМИССИЯ ПО ДЕЛАМ НЕСОВЕРШЕННОЛЕТНИХ И ЗАЩИТЕ ИХ ПРАВ
АДМИНИСТРАЦИИ ЛЕНИНСКОГО РАЙОНА ГОРОДА ТОМСКА

ПОСТАНОВЛЕНИЕ № 12
комиссии по делам несовершеннолетних и защите их прав администрации Ленинского района

г. Томск                                                        15 декабря 2026 г.

О мерах по профилактике безнадзорности и правонарушений несовершеннолетних в период зимних каникул

Комиссия по делам несовершеннолетних и защите их прав администрации Ленинского района в составе: председательствующего Морозовой Е.Г., членов комиссии: Кузнецова П.П., Орловой В.В., Лебедева С.Н., заслушав информацию начальника отдела образования Петровой А.А.,

ПОСТАНОВИЛА:
1. Информацию начальника отдела образования Петровой А.А. принять к сведению.
2. Руководителям общеобразовательных организаций организовать занятость несовершеннолетних, состоящих на профилактическом учёте, в период зимних каникул. Срок: до 25.12.2026.
3. Отделу полиции № 3 УМВД России по г. Томску (Кузнецов П.П.) провести рейды в места массового пребывания молодёжи в период с 28.12.2026 по 08.01.2027.
4. Утвердить состав межведомственной рабочей группы по проведению рейдов (приложение 1).
5. Контроль за исполнением постановления возложить на заместителя председателя комиссии Орлову В.В.

Председательствующий                                       Е.Г. Морозова
"""


def test_kdn_resolution_has_a_title() -> None:
    parsed = parse_text(KDN_RESOLUTION)
    assert parsed.header.title == (
        "комиссии по делам несовершеннолетних и защите их прав администрации Ленинского района"
    )
    assert parsed.header.number == "12"
    assert parsed.header.date == D(2026, 12, 15)
    assert _rows(KDN_RESOLUTION) == [
        ("2", D(2026, 12, 25), K.DATE, ("руководители общеобразовательных организаций",)),
        (
            "3",
            D(2027, 1, 8),
            K.PERIOD,
            ("Отдел полиции № 3 УМВД России по г. Томску", "Кузнецов П.П."),
        ),
    ]


def test_resolution_with_its_subject_only() -> None:
    """ "ПОСТАНОВЛЕНИЕ" with the date and number under it: the subject titles it, as an
    order's does."""
    text = (
        "АДМИНИСТРАЦИЯ МУНИЦИПАЛЬНОГО ОБРАЗОВАНИЯ «ГОРОД КАЛУГА»\n\nПОСТАНОВЛЕНИЕ\n\n"
        "от 10.12.2026 № 345\n\nОб организации отдыха детей в период зимних каникул\n\n"
        "ПОСТАНОВЛЯЮ:\n1. Управлению образования (Морозова Е.Г.) организовать работу лагерей "
        "с дневным пребыванием детей до 28.12.2026.\n"
    )
    parsed = parse_text(text)
    assert parsed.header.title == "Об организации отдыха детей в период зимних каникул"
    assert parsed.header.number == "345"
    assert [a.deadline.date for a in parsed.assignments] == [D(2026, 12, 28)]


TEACHERS_COUNCIL = """ПРОТОКОЛ № 9
заседания педагогического совета

28.05.2027

РЕШИЛИ:
1. Принять к сведению информацию заместителя директора по УВР Смирновой О.П. об итогах учебного года.
2. Перевести обучающихся 1–8, 10 классов, освоивших образовательные программы, в следующий класс.
3. Зачислить в 10 класс обучающихся согласно списку (приложение 1).
4. Утвердить состав экзаменационных комиссий (приложение 2).
5. Наградить похвальными листами «За отличные успехи в учении» обучающихся согласно списку (приложение 3).
6. Классным руководителям 1–8, 10 классов оформить личные дела обучающихся до 05.06.2027.
7. Секретарю Кузнецовой И.П. подготовить приказ о переводе обучающихся до 31.05.2027.
"""


def test_decisions_that_enrol_or_reward_are_no_tasks() -> None:
    assert _rows(TEACHERS_COUNCIL) == [
        ("6", D(2027, 6, 5), K.DATE, ("классные руководители 1–8, 10 классов",)),
        ("7", D(2027, 5, 31), K.DATE, ("Кузнецова И.П.",)),
    ]


PDF_TABLE = """ПРОТОКОЛ № 5
заседания методического совета

10.12.2026

РЕШИЛИ:
№
п/п
Мероприятие
Срок
Ответственный
1.
Подготовить отчёт о результатах муниципального этапа всероссийской олимпиады школьников
до 15.01.2027
Иванов И.И.
2.
Провести семинар для молодых педагогов «Современный урок»
январь 2027 г.
Петрова А.А.,
Сидорова Е.В.
3.
Обновить банк контрольно-измерительных материалов по
предметам естественнонаучного цикла
до 01.02.2027
Руководители ШМО

Председатель                                                И.И. Иванов
"""


def test_pdf_table_one_cell_per_line() -> None:
    parsed = parse_text(PDF_TABLE)
    got = [(a.number, a.text, a.deadline.date, a.responsible) for a in parsed.assignments]
    assert got == [
        (
            "1",
            "Подготовить отчёт о результатах муниципального этапа всероссийской олимпиады "
            "школьников",
            D(2027, 1, 15),
            ("Иванов И.И.",),
        ),
        (
            "2",
            "Провести семинар для молодых педагогов «Современный урок»",
            D(2027, 1, 31),
            ("Петрова А.А.", "Сидорова Е.В."),
        ),
        (
            "3",
            "Обновить банк контрольно-измерительных материалов по предметам "
            "естественнонаучного цикла",
            D(2027, 2, 1),
            ("Руководители ШМО",),
        ),
    ]


def test_pdf_cells_without_a_header() -> None:
    """The same rows without the header line: groups of a number, the task, a term, a doer."""
    text = PDF_TABLE.replace("№\nп/п\nМероприятие\nСрок\nОтветственный\n", "")
    parsed = parse_text(text)
    assert [(a.number, a.deadline.date, a.responsible) for a in parsed.assignments] == [
        ("1", D(2027, 1, 15), ("Иванов И.И.",)),
        ("2", D(2027, 1, 31), ("Петрова А.А.", "Сидорова Е.В.")),
        ("3", D(2027, 2, 1), ("Руководители ШМО",)),
    ]


def test_pdf_plan_one_cell_per_line() -> None:
    """A plan's rows: a month, "Постоянно", a doer's position broken over two lines; "Директор"
    before the next number is a doer, not the signature."""
    text = (
        "ПЛАН\nработы методического объединения на 2026-2027 учебный год\n"
        "№\nМероприятие\nСрок\nОтветственный\n"
        "1.\nПедагогический совет «Итоги года»\nИюнь\nДиректор\n"
        "2.\nПроверка классных журналов\nПостоянно\nЗам. директора по УВР\n"
        "3.\nРодительские собрания\nежеквартально\nКлассные\nруководители\n"
    )
    got = [
        (a.number, a.text, a.deadline.date, a.deadline.kind, a.responsible)
        for a in parse_text(text).assignments
    ]
    assert got == [
        ("1", "Педагогический совет «Итоги года»", D(2027, 6, 30), K.MONTH, ("Директор",)),
        ("2", "Проверка классных журналов", None, K.PERMANENT, ("Зам. директора по УВР",)),
        ("3", "Родительские собрания", None, K.RECURRING, ("Классные руководители",)),
    ]


def test_numbered_sentences_broken_over_lines_are_no_table() -> None:
    """A number on a line of its own before a sentence whose end holds a date is a numbered
    item, not a row: the date stays in its sentence."""
    text = (
        "РЕШИЛИ:\n1.\nПодготовить отчёт о работе кабинета за\n2026 год до 15.01.2027.\n"
        "2.\nПровести собрание родителей будущих первоклассников до\n20.01.2027.\n"
    )
    parsed = parse_text(text, MONDAY)
    assert "2026 год" in parsed.assignments[0].text
    assert [a.deadline.date for a in parsed.assignments] == [D(2027, 1, 15), D(2027, 1, 20)]
