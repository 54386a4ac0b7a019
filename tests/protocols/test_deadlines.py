"""Every deadline form listed in the issue, plus forms seen in other protocols."""

from __future__ import annotations

import datetime

import pytest

from protocols import DeadlineKind, parse_deadline
from protocols.deadlines import Reference, find_any_deadline, find_inline_deadline

D = datetime.date
REF = D(2022, 12, 16)


@pytest.mark.parametrize(
    ("text", "date", "kind", "raw"),
    [
        ("до 28.12.2022", D(2022, 12, 28), DeadlineKind.DATE, "до 28.12.2022"),
        ("до 28.12.2022.", D(2022, 12, 28), DeadlineKind.DATE, "до 28.12.2022"),
        ("28.12.22", D(2022, 12, 28), DeadlineKind.DATE, "28.12.22"),
        ("28 декабря 2022 г.", D(2022, 12, 28), DeadlineKind.DATE, "28 декабря 2022 г."),
        ("«28» декабря 2022 года", D(2022, 12, 28), DeadlineKind.DATE, "«28» декабря 2022 года"),
        ("в срок до 30 ноября 2017 г.", D(2017, 11, 30), DeadlineKind.DATE, None),
        ("не позднее 10.01.2023", D(2023, 1, 10), DeadlineKind.DATE, None),
        ("2023-02-01", D(2023, 2, 1), DeadlineKind.DATE, None),
        ("с 19 по 20 декабря 2023 г.", D(2023, 12, 20), DeadlineKind.PERIOD, None),
        ("19-20 декабря 2023 г.", D(2023, 12, 20), DeadlineKind.PERIOD, None),
        ("с 01.02.2023 по 15.02.2023", D(2023, 2, 15), DeadlineKind.PERIOD, None),
        ("1 кв. 2023 года", D(2023, 3, 31), DeadlineKind.QUARTER, None),
        ("в I декаде апреля 2023 г.", D(2023, 4, 10), DeadlineKind.MONTH, None),
        ("во второй декаде мая 2023 года", D(2023, 5, 20), DeadlineKind.MONTH, None),
        ("в 3-й декаде февраля 2023 г.", D(2023, 2, 28), DeadlineKind.MONTH, None),
        ("в 1 квартале 2023 года", D(2023, 3, 31), DeadlineKind.QUARTER, None),
        ("IV квартал", D(2022, 12, 31), DeadlineKind.QUARTER, None),
        ("III квартал 2023 г.", D(2023, 9, 30), DeadlineKind.QUARTER, None),
        ("1 кв. 2023 года 4 кв. 2023 года", D(2023, 12, 31), DeadlineKind.QUARTER, None),
        ("1 полугодие 2024", D(2024, 6, 30), DeadlineKind.HALF_YEAR, None),
        ("во втором полугодии 2024 года", D(2024, 12, 31), DeadlineKind.HALF_YEAR, None),
        ("в декабре 2023", D(2023, 12, 31), DeadlineKind.MONTH, None),
        ("февраль 2024 г.", D(2024, 2, 29), DeadlineKind.MONTH, None),
        ("до конца года", D(2022, 12, 31), DeadlineKind.YEAR, None),
        ("В течение года", D(2022, 12, 31), DeadlineKind.YEAR, "В течение года"),
        ("в течение 2023 года", D(2023, 12, 31), DeadlineKind.YEAR, None),
        ("2024 год", D(2024, 12, 31), DeadlineKind.YEAR, None),
        ("в течение 10 дней", D(2022, 12, 26), DeadlineKind.RELATIVE, None),
        ("в двухнедельный срок", D(2022, 12, 30), DeadlineKind.RELATIVE, None),
        ("в 10-дневный срок", D(2022, 12, 26), DeadlineKind.RELATIVE, None),
        ("в течение 5 рабочих дней", D(2022, 12, 23), DeadlineKind.RELATIVE, None),
        ("в течение месяца", D(2023, 1, 16), DeadlineKind.RELATIVE, None),
        ("ежемесячно", None, DeadlineKind.RECURRING, None),
        ("ежеквартально до 5 числа", D(2023, 1, 5), DeadlineKind.RECURRING, None),
        ("постоянно", None, DeadlineKind.PERMANENT, None),
        ("постоянно (по мере формирования).", None, DeadlineKind.PERMANENT, None),
        ("в установленные сроки", None, DeadlineKind.NONE, "в установленные сроки"),
        ("на очередном заседании совета", None, DeadlineKind.RELATIVE, None),
        ("по согласованию", None, DeadlineKind.NONE, "по согласованию"),
        ("до конца учебного года", D(2023, 6, 30), DeadlineKind.YEAR, None),
        ("в течение 2024/2025 учебного года", D(2025, 6, 30), DeadlineKind.YEAR, None),
        ("в ходе 2023/24 учебного года", D(2024, 6, 30), DeadlineKind.YEAR, None),
        ("2024–2025 гг.", D(2025, 12, 31), DeadlineKind.YEAR, None),
        ("", None, DeadlineKind.NONE, ""),
        ("когда-нибудь", None, DeadlineKind.NONE, "когда-нибудь"),
    ],
)
def test_deadline_forms(
    text: str, date: datetime.date | None, kind: DeadlineKind, raw: str | None
) -> None:
    deadline = parse_deadline(text, REF)
    assert (deadline.date, deadline.kind) == (date, kind)
    if raw is not None:
        assert deadline.raw == raw


def test_clock_time_with_moscow_zone_is_kept() -> None:
    deadline = parse_deadline("до 12:00 (мск) 13 ноября 2023 г.", REF)
    assert deadline.date == D(2023, 11, 13)
    assert deadline.time == datetime.time(12, 0)
    assert deadline.kind is DeadlineKind.DATETIME
    assert deadline.timezone == "Europe/Moscow"
    assert deadline.raw == "до 12:00 (мск) 13 ноября 2023 г."


def test_time_after_the_date_and_without_zone() -> None:
    deadline = parse_deadline("13.11.2023 до 15:30", REF)
    assert (deadline.date, deadline.time, deadline.timezone) == (
        D(2023, 11, 13),
        datetime.time(15, 30),
        None,
    )


def test_missing_year_comes_from_reference_and_rolls_into_next_year() -> None:
    assert parse_deadline("до 27 января", REF).date == D(2023, 1, 27)
    assert parse_deadline("до 28 декабря", REF).date == D(2022, 12, 28)


def test_without_reference_a_yearless_deadline_has_no_date() -> None:
    deadline = parse_deadline("до 27 января", None)
    assert deadline.date is None
    assert deadline.kind is DeadlineKind.NONE or deadline.date is None


def test_impossible_date_is_not_a_deadline() -> None:
    assert parse_deadline("до 31.02.2023", REF).date is None


INLINE_CASES = [
    ("Участникам внести предложения в срок до 30 ноября 2017 г.", "в срок до 30 ноября 2017 г."),
    (
        "продолжить исполнение поручений протокола от 05 июля 2023 г. № Д05-84/05пр "
        "в установленные сроки.",
        "в установленные сроки",
    ),
    ("запланировать следующее заседание в 1 квартале 2023 года.", "в 1 квартале 2023 года"),
    ("Заслушать доклад на очередном заседании кластера.", "на очередном заседании кластера"),
    ("провести проверку до конца года.", "до конца года"),
    ("представлять отчёт ежеквартально до 5 числа.", "ежеквартально до 5 числа"),
]
INLINE_KINDS = [
    DeadlineKind.DATE,
    DeadlineKind.NONE,
    DeadlineKind.QUARTER,
    DeadlineKind.RELATIVE,
    DeadlineKind.YEAR,
    DeadlineKind.RECURRING,
]


@pytest.mark.parametrize(
    ("sentence", "raw", "kind"),
    [(s, r, k) for (s, r), k in zip(INLINE_CASES, INLINE_KINDS, strict=True)],
)
def test_inline_deadline_is_found_in_a_sentence(
    sentence: str, raw: str, kind: DeadlineKind
) -> None:
    found = find_inline_deadline(sentence, Reference(REF))
    assert found is not None
    assert (found.deadline.raw, found.deadline.kind) == (raw, kind)


@pytest.mark.parametrize(
    "sentence",
    [
        "прогноз потребности в кадрах (2023-2029 гг.) с указанием направлений",
        "данные по 2020, 2021, 2022 годам выпуска",
        "участников проекта, созданных в 2023 году, продолжить",
        "утвердить план на IV квартал 2017г и 2018г",
        "исполнение поручений протокола от 05 июля 2023 г. № Д05-84/05пр",
        "начиная с 2020 года",
    ],
)
def test_years_and_document_dates_in_text_are_not_deadlines(sentence: str) -> None:
    assert find_inline_deadline(sentence, Reference(REF)) is None


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("до 20 дек", D(2022, 12, 20)),
        ("к 5 фев", D(2023, 2, 5)),
        ("до 3 сент 2023", D(2023, 9, 3)),
        ("с 10 по 14 янв", D(2023, 1, 14)),
    ],
)
def test_month_abbreviations_without_a_dot(text: str, date: datetime.date) -> None:
    deadline = parse_deadline(text, REF)
    assert deadline.date == date


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("1 неделя", D(2022, 12, 23)),
        ("Срок: 1 неделя", D(2022, 12, 23)),
        ("срок — 2 недели", D(2022, 12, 30)),
        ("3 дня", D(2022, 12, 19)),
        ("месяц", D(2023, 1, 16)),
        ("5 рабочих дней", D(2022, 12, 23)),
    ],
)
def test_a_bare_duration_counts_from_the_reference(text: str, date: datetime.date) -> None:
    deadline = parse_deadline(text, REF)
    assert (deadline.date, deadline.kind) == (date, DeadlineKind.RELATIVE)


def test_a_bare_number_or_a_duration_inside_words_is_not_a_term() -> None:
    assert parse_deadline("2", REF).kind is DeadlineKind.NONE
    assert parse_deadline("через неделю после урока 3 дня отдыха", REF).date == D(2022, 12, 23)


@pytest.mark.parametrize(
    ("text", "date", "time"),
    [
        ("сегодня до 17:00", D(2022, 12, 16), datetime.time(17, 0)),
        ("завтра до 15 ч.", D(2022, 12, 17), datetime.time(15, 0)),
        ("до 15 ч. 00 мин. 20.12.2022", D(2022, 12, 20), datetime.time(15, 0)),
        ("20.12.2022 в 15 ч. 30 мин.", D(2022, 12, 20), datetime.time(15, 30)),
        ("20.12.2022 до 15.00", D(2022, 12, 20), datetime.time(15, 0)),
        ("20 декабря до 15.00", D(2022, 12, 20), datetime.time(15, 0)),
        ("до 15 час. 00 мин. 20 декабря 2022 г.", D(2022, 12, 20), datetime.time(15, 0)),
    ],
)
def test_a_clock_time_is_kept(text: str, date: datetime.date, time: datetime.time) -> None:
    deadline = parse_deadline(text, REF)
    assert (deadline.date, deadline.time) == (date, time)


def test_as_needed_is_a_permanent_deadline() -> None:
    assert parse_deadline("по мере необходимости", REF).kind is DeadlineKind.PERMANENT
    assert parse_deadline("по мере поступления", REF).kind is DeadlineKind.RELATIVE


@pytest.mark.parametrize(
    ("sentence", "raw", "kind", "date"),
    [
        (
            "подготовить отчёт до конца месяца и направить его в комитет.",
            "до конца месяца",
            DeadlineKind.MONTH,
            D(2022, 12, 31),
        ),
        (
            "закрыть ведомости до конца квартала и сдать в архив.",
            "до конца квартала",
            DeadlineKind.QUARTER,
            D(2022, 12, 31),
        ),
        (
            "представлять отчёт не позднее 25 числа каждого месяца в отдел.",
            "не позднее 25 числа каждого месяца",
            DeadlineKind.RECURRING,
            D(2022, 12, 25),
        ),
        (
            "сдавать табели до 5 числа каждого месяца.",
            "до 5 числа каждого месяца",
            DeadlineKind.RECURRING,
            D(2023, 1, 5),
        ),
        (
            "обновлять сведения на сайте по мере необходимости.",
            "по мере необходимости",
            DeadlineKind.PERMANENT,
            None,
        ),
        (
            "направить сведения, срок — 2 недели.",
            "срок — 2 недели",
            DeadlineKind.RELATIVE,
            D(2022, 12, 30),
        ),
    ],
)
def test_more_inline_deadlines(
    sentence: str, raw: str, kind: DeadlineKind, date: datetime.date | None
) -> None:
    found = find_inline_deadline(sentence, Reference(REF))
    assert found is not None
    assert (found.deadline.raw, found.deadline.kind, found.deadline.date) == (raw, kind, date)


@pytest.mark.parametrize(
    "sentence",
    [
        "провести урок о среде обитания животных",
        "изучить адаптацию в среду обитания",
        "организовать работу в среде Moodle",
        "погружение в среду общения",
        "провести обучение в среду Moodle",
        "перевести курсы в среду «Сферум»",
        "разместить материалы в среду ЭИОС",
        "организовать переход в среду дистанционного обучения",
    ],
)
def test_environment_is_not_a_wednesday(sentence: str) -> None:
    assert find_inline_deadline(sentence, Reference(REF)) is None


@pytest.mark.parametrize(
    ("sentence", "date"),
    [
        ("провести собрание в среду", D(2022, 12, 21)),
        ("провести собрание в среду следующей недели", D(2022, 12, 21)),
        ("сдать отчёт к среде", D(2022, 12, 21)),
        ("сдать отчёт до среды", D(2022, 12, 21)),
        ("провести собрание в воскресенье", D(2022, 12, 18)),
        ("провести в пятницу совещания с директорами", D(2022, 12, 23)),
    ],
)
def test_a_weekday_still_counts(sentence: str, date: datetime.date) -> None:
    found = find_inline_deadline(sentence, Reference(REF))
    assert found is not None
    assert found.deadline.date == date


def test_a_clock_time_alone_is_on_the_reference_day() -> None:
    for text in ("до 15.00", "до 15 ч. 00 мин.", "Срок: до 15:00"):
        deadline = parse_deadline(text, REF)
        assert (deadline.date, deadline.time) == (REF, datetime.time(15, 0))
    assert parse_deadline("до 2.50 руб.", REF).date is None


@pytest.mark.parametrize(
    "sentence",
    ["заключить договор на срок 1 месяц", "довести нагрузку до 10 часов в неделю"],
)
def test_a_length_of_time_is_not_a_deadline(sentence: str) -> None:
    assert find_inline_deadline(sentence, Reference(REF)) is None
    assert find_any_deadline(sentence, Reference(REF)) is None


@pytest.mark.parametrize(
    ("text", "date", "kind"),
    [
        ("ноябрь–декабрь 2023", D(2023, 12, 31), DeadlineKind.MONTH),
        ("ноябрь-декабрь", D(2022, 12, 31), DeadlineKind.MONTH),
        ("в течение ноября–декабря 2023 года", D(2023, 12, 31), DeadlineKind.MONTH),
        ("с октября по декабрь 2023 г.", D(2023, 12, 31), DeadlineKind.MONTH),
        ("декабрь 2026", D(2026, 12, 31), DeadlineKind.MONTH),
        # School half-years: the first ends with the calendar year, the second in June.
        ("II полугодие 2023/2024 учебного года", D(2024, 6, 30), DeadlineKind.HALF_YEAR),
        ("в I полугодии 2023-2024 учебного года", D(2023, 12, 31), DeadlineKind.HALF_YEAR),
        (
            "во втором полугодии текущего учебного года",
            D(2023, 6, 30),
            DeadlineKind.HALF_YEAR,
        ),
        # REF is in December: the calendar first half is over, the school one is not.
        ("до конца первого полугодия", D(2022, 12, 31), DeadlineKind.HALF_YEAR),
        ("до конца первого полугодия 2023 года", D(2023, 6, 30), DeadlineKind.HALF_YEAR),
    ],
)
def test_month_spans_and_school_half_years(
    text: str, date: datetime.date, kind: DeadlineKind
) -> None:
    deadline = parse_deadline(text, REF)
    assert (deadline.date, deadline.kind) == (date, kind)


def test_the_first_half_year_in_spring_is_the_calendar_one() -> None:
    assert parse_deadline("до конца первого полугодия", D(2023, 3, 1)).date == D(2023, 6, 30)


@pytest.mark.parametrize(
    ("sentence", "date", "raw"),
    [
        (
            "Провести диагностику в течение ноября–декабря 2023 года.",
            D(2023, 12, 31),
            "в течение ноября–декабря 2023 года",
        ),
        (
            "Провести мониторинг в I полугодии 2023/2024 учебного года",
            D(2023, 12, 31),
            "в I полугодии 2023/2024 учебного года",
        ),
        (
            "Провести занятия с октября по декабрь 2023 г.",
            D(2023, 12, 31),
            "с октября по декабрь 2023 г.",
        ),
    ],
)
def test_month_spans_and_school_half_years_inside_a_sentence(
    sentence: str, date: datetime.date, raw: str
) -> None:
    found = find_inline_deadline(sentence, Reference(REF))
    assert found is not None
    assert (found.deadline.date, found.deadline.raw) == (date, raw)


@pytest.mark.parametrize(
    ("sentence", "date", "raw"),
    [
        ("Провести педсовет на второй неделе марта.", D(2027, 3, 14), "на второй неделе марта"),
        (
            "Сдать отчёт на 2-й неделе февраля 2027 г.",
            D(2027, 2, 14),
            "на 2-й неделе февраля 2027 г.",
        ),
        (
            "Провести консультации на четвёртой неделе мая",
            D(2027, 5, 28),
            "на четвёртой неделе мая",
        ),
        (
            "Провести мониторинг в течение первой недели апреля.",
            D(2027, 4, 7),
            "в течение первой недели апреля",
        ),
    ],
)
def test_a_week_of_a_month_inside_a_sentence(sentence: str, date: datetime.date, raw: str) -> None:
    found = find_inline_deadline(sentence, Reference(D(2027, 1, 20)))
    assert found is not None
    assert (found.deadline.date, found.deadline.raw) == (date, raw)
    assert found.deadline.kind is DeadlineKind.MONTH


@pytest.mark.parametrize(
    "sentence", ["Утвердить план на март.", "Утвердить план на вторую неделю марта."]
)
def test_what_a_plan_covers_is_not_a_deadline(sentence: str) -> None:
    assert find_inline_deadline(sentence, Reference(D(2027, 1, 20))) is None


@pytest.mark.parametrize(
    ("sentence", "date", "raw"),
    [
        (
            "Представить материалы не позднее 10 дней до 20.02.2027.",
            D(2027, 2, 10),
            "не позднее 10 дней до 20.02.2027",
        ),
        # 23 February is a holiday: five working days before Monday 1 March end on the 19th.
        (
            "Разослать проект за 5 рабочих дней до 01.03.2027.",
            D(2027, 2, 19),
            "за 5 рабочих дней до 01.03.2027",
        ),
        (
            "Выдать билеты за 3 дня до начала сессии (15.01.2027).",
            D(2027, 1, 12),
            "за 3 дня до начала сессии (15.01.2027)",
        ),
        (
            "Сообщить не позднее чем за 2 рабочих дня до 20 февраля 2027 г.",
            D(2027, 2, 18),
            "не позднее чем за 2 рабочих дня до 20 февраля 2027 г.",
        ),
    ],
)
def test_days_counted_back_from_a_printed_date(
    sentence: str, date: datetime.date, raw: str
) -> None:
    found = find_inline_deadline(sentence, Reference(D(2027, 1, 10)))
    assert found is not None
    assert (found.deadline.date, found.deadline.raw) == (date, raw)
    assert parse_deadline(sentence, D(2027, 1, 10)).date == date


def test_a_report_over_months_keeps_its_due_date() -> None:
    found = find_inline_deadline(
        "Представить отчёт за 3 месяца до 01.04.2027.", Reference(D(2027, 1, 10))
    )
    assert found is not None
    assert (found.deadline.date, found.deadline.raw) == (D(2027, 4, 1), "до 01.04.2027")
