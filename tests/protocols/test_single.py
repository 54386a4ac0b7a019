"""The bot's /new grammar: one assignment typed by a secretary."""

from __future__ import annotations

import datetime

import pytest

from protocols import DeadlineKind, parse_single_assignment

TODAY = datetime.date(2023, 1, 10)


def test_labels_after_text() -> None:
    a = parse_single_assignment(
        "Подготовить отчёт о трудоустройстве выпускников. Срок: до 27.01.2023. "
        "Ответственный: Хнычева Д.С.",
        TODAY,
    )
    assert a.text == "Подготовить отчёт о трудоустройстве выпускников"
    assert a.deadline.date == datetime.date(2023, 1, 27)
    assert a.deadline.raw == "до 27.01.2023"
    assert a.responsible == ("Хнычева Д.С.",)


@pytest.mark.parametrize(
    "text",
    [
        "Ответственный: Хнычева Д.С. Срок: до 27.01.2023. Подготовить отчёт",
        "срок исполнения: 27.01.23 ответственный: Хнычева Д.С. Подготовить отчёт",
        "Подготовить отчёт\nДата: 27 января 2023 г.\nИсполнитель: Д.С. Хнычева",
        "Подготовить отчёт. Отв.: Хнычева Д.С. Срок - 27.01.2023",
    ],
)
def test_labels_in_any_order_and_case(text: str) -> None:
    a = parse_single_assignment(text, TODAY)
    assert a.text == "Подготовить отчёт"
    assert a.deadline.date == datetime.date(2023, 1, 27)
    assert a.responsible == ("Хнычева Д.С.",)


def test_several_responsible() -> None:
    a = parse_single_assignment(
        "Провести проверку. Ответственные: Матвеев Д.М., Иванова И.И. и Петров П.П.", TODAY
    )
    assert a.responsible == ("Матвеев Д.М.", "Иванова И.И.", "Петров П.П.")
    assert a.deadline.kind is DeadlineKind.NONE


def test_poruchit_style_without_labels() -> None:
    a = parse_single_assignment(
        "Поручить Д.С. Хнычевой подготовить отчёт до 12:00 27.01.2023", TODAY
    )
    assert a.responsible == ("Хнычева Д.С.",)
    assert a.deadline.date == datetime.date(2023, 1, 27)
    assert a.deadline.time == datetime.time(12, 0)
    assert a.deadline.kind is DeadlineKind.DATETIME
    assert a.text.startswith("Поручить Д.С. Хнычевой подготовить отчёт")


def test_relative_term_counts_from_reference() -> None:
    a = parse_single_assignment("Сдать отчёт в течение 10 дней. Отв.: Петров П.П.", TODAY)
    assert a.deadline.date == datetime.date(2023, 1, 20)
    assert a.deadline.kind is DeadlineKind.RELATIVE


def test_date_in_words_and_missing_year() -> None:
    a = parse_single_assignment("Подготовить справку. Срок: 5 февраля", TODAY)
    assert a.deadline.date == datetime.date(2023, 2, 5)


def test_recommendation() -> None:
    a = parse_single_assignment("Рекомендовать руководителям школ провести собрания.", TODAY)
    assert a.recommendation
    assert a.responsible == ("руководители школ",)


def test_nothing_recognised() -> None:
    a = parse_single_assignment("Что-то сделать", TODAY)
    assert (a.text, a.deadline.kind, a.responsible) == ("Что-то сделать", DeadlineKind.NONE, ())


@pytest.mark.parametrize(
    "text",
    [
        "Ответственный: Белая Т.М. Подготовить отчёт до 1 февраля",
        "Подготовить отчёт до 01.02, отв. Белая Т.М.",
        "Подготовить отчёт, срок до 01.02, ответственный Белая Т.М.",
    ],
)
def test_a_doer_with_an_adjective_surname_before_or_after_the_task(text: str) -> None:
    a = parse_single_assignment(text, TODAY)
    assert (a.text, a.deadline.date, a.responsible) == (
        "Подготовить отчёт",
        datetime.date(2023, 2, 1),
        ("Белая Т.М.",),
    )


@pytest.mark.parametrize(
    ("text", "expected", "raw"),
    [
        # TODAY is a Tuesday.
        ("Хнычевой Д.С. подготовить справку до пятницы", datetime.date(2023, 1, 13), "до пятницы"),
        ("Сдать отчёт к понедельнику", datetime.date(2023, 1, 16), "к понедельнику"),
        ("Провести совещание во вторник", datetime.date(2023, 1, 17), "во вторник"),
        ("Подготовить отчёт завтра", datetime.date(2023, 1, 11), "завтра"),
        ("сдать отчёт до пт", datetime.date(2023, 1, 13), "до пт"),
        ("сдать план через неделю", datetime.date(2023, 1, 17), "через неделю"),
        ("подготовить смету через 3 дня", datetime.date(2023, 1, 13), "через 3 дня"),
    ],
)
def test_weekdays_and_tomorrow_count_from_the_day_of_the_message(
    text: str, expected: datetime.date, raw: str
) -> None:
    a = parse_single_assignment(text, TODAY)
    assert (a.deadline.kind, a.deadline.date, a.deadline.raw) == (
        DeadlineKind.RELATIVE,
        expected,
        raw,
    )
    assert raw not in a.text


@pytest.mark.parametrize(
    ("text", "task", "responsible"),
    [
        ("сдать табели отв. Петрова", "сдать табели", ("Петрова",)),
        ("починить кран отв завхоз", "починить кран", ("завхоз",)),
        ("Петровой сдать табели", "Петровой сдать табели", ("Петрова",)),
        ("Подготовить ответственный подход", "Подготовить ответственный подход", ()),
    ],
)
def test_a_doer_typed_quickly_at_the_end_or_as_a_bare_surname(
    text: str, task: str, responsible: tuple[str, ...]
) -> None:
    a = parse_single_assignment(text, TODAY)
    assert (a.text, a.responsible) == (task, responsible)


def test_a_term_with_its_number_in_words_and_a_short_working_day() -> None:
    a = parse_single_assignment("Представить отчёт в течение 3 (трёх) рабочих дней", TODAY)
    assert (a.deadline.kind, a.deadline.date) == (
        DeadlineKind.RELATIVE,
        datetime.date(2023, 1, 13),
    )
    b = parse_single_assignment("Сообщить в течение 2 раб. дней", TODAY)
    assert b.deadline.date == datetime.date(2023, 1, 12)


@pytest.mark.parametrize(
    ("text", "task", "date", "time"),
    [
        ("Подготовить отчёт до 20 янв", "Подготовить отчёт", datetime.date(2023, 1, 20), None),
        ("Сдать табели к 5 фев", "Сдать табели", datetime.date(2023, 2, 5), None),
        (
            "Подготовить отчёт. Срок: 1 неделя",
            "Подготовить отчёт",
            datetime.date(2023, 1, 17),
            None,
        ),
        (
            "Подготовить отчёт, срок — 2 недели",
            "Подготовить отчёт",
            datetime.date(2023, 1, 24),
            None,
        ),
        (
            "Отправить отчёт сегодня до 17:00",
            "Отправить отчёт",
            datetime.date(2023, 1, 10),
            datetime.time(17, 0),
        ),
        (
            "Подготовить отчёт до конца месяца, отв. Петров П.П.",
            "Подготовить отчёт",
            datetime.date(2023, 1, 31),
            None,
        ),
    ],
)
def test_chat_message_deadlines(
    text: str, task: str, date: datetime.date, time: datetime.time | None
) -> None:
    a = parse_single_assignment(text, TODAY)
    assert (a.text, a.deadline.date, a.deadline.time) == (task, date, time)


def test_an_inline_end_of_month_in_the_middle_of_a_message() -> None:
    a = parse_single_assignment("Подготовить отчёт до конца месяца и отправить его Петрову", TODAY)
    assert (a.deadline.kind, a.deadline.date) == (DeadlineKind.MONTH, datetime.date(2023, 1, 31))


@pytest.mark.parametrize(
    ("text", "raw"),
    [
        ("Сдать отчёт до 15.00", "до 15.00"),
        ("Сдать отчёт до 15.00 сегодня", "до 15.00 сегодня"),
        ("Сдать отчёт завтра в 9:30", "завтра в 9:30"),
    ],
)
def test_a_message_with_a_clock_time_keeps_it(text: str, raw: str) -> None:
    a = parse_single_assignment(text, TODAY)
    assert a.text == "Сдать отчёт"
    assert a.deadline.raw == raw
    assert a.deadline.time is not None


def test_a_price_is_not_a_clock_time() -> None:
    a = parse_single_assignment("Снизить цену до 2.50 руб", TODAY)
    assert (a.deadline.kind, a.deadline.time) == (DeadlineKind.NONE, None)


@pytest.mark.parametrize(
    ("text", "responsible"),
    [
        ("Подготовить отчёт до 20.01 — Никитина", ("Никитина",)),
        ("Подготовить отчёт до 20.01 - Никитина, Петров", ("Никитина", "Петров")),
        ("Подготовить отчёт до 20.01 – Никитина С.О.", ("Никитина С.О.",)),
        ("Подготовить отчёт до 20.01 — завхоз", ("завхоз",)),
        ("Подготовить отчёт до 20.01 @nikitina", ("@nikitina",)),
        ("Подготовить отчёт до 20.01 — @nikitina и @petrov_a", ("@nikitina", "@petrov_a")),
        ("Подготовить отчёт до 20.01, отв. @nikitina", ("@nikitina",)),
        ("Подготовить отчёт до 20.01. Ответственный: @nikitina", ("@nikitina",)),
    ],
)
def test_doers_after_a_dash_or_as_telegram_users_at_the_end(
    text: str, responsible: tuple[str, ...]
) -> None:
    a = parse_single_assignment(text, TODAY)
    assert (a.text, a.deadline.date, a.responsible) == (
        "Подготовить отчёт",
        datetime.date(2023, 1, 20),
        responsible,
    )


@pytest.mark.parametrize(
    ("text", "task"),
    [
        ("Провести собрание — итоги четверти", "Провести собрание — итоги четверти"),
        ("Подготовить справку — срочно", "Подготовить справку — срочно"),
        ("Обсудить поездку — Москва", "Обсудить поездку — Москва"),
    ],
)
def test_a_dash_before_words_that_are_no_doers_belongs_to_the_task(text: str, task: str) -> None:
    a = parse_single_assignment(text, TODAY)
    assert (a.text, a.responsible) == (task, ())


def test_a_telegram_user_before_or_inside_the_task_is_the_doer() -> None:
    first = parse_single_assignment("@nikitina подготовить отчёт до 20.01", TODAY)
    assert (first.text, first.responsible) == ("@nikitina подготовить отчёт", ("@nikitina",))
    both = parse_single_assignment("Поручить @nikitina и @petrov_a подготовить отчёт", TODAY)
    assert both.responsible == ("@nikitina", "@petrov_a")
    inside = parse_single_assignment("Прошу @nikitina подготовить отчёт", TODAY)
    assert inside.responsible == ("@nikitina",)
    # An e-mail address is no Telegram user.
    mail = parse_single_assignment("Отправить отчёт на info@school.ru", TODAY)
    assert mail.responsible == ()


@pytest.mark.parametrize(
    ("text", "date", "raw"),
    [
        ("Провести мониторинг ноябрь–декабрь 2023", datetime.date(2023, 12, 31), None),
        ("Сдать отчёт, февраль", datetime.date(2023, 2, 28), "февраль"),
        ("Провести диагностику в течение ноября–декабря", datetime.date(2023, 12, 31), None),
        (
            "Провести мониторинг. Срок исполнения – декабрь 2023",
            datetime.date(2023, 12, 31),
            "декабрь 2023",
        ),
    ],
)
def test_a_month_or_a_span_of_months_without_do(
    text: str, date: datetime.date, raw: str | None
) -> None:
    a = parse_single_assignment(text, TODAY)
    assert a.deadline.date == date
    assert a.text in ("Провести мониторинг", "Сдать отчёт", "Провести диагностику")
    if raw is not None:
        assert a.deadline.raw == raw


def test_a_month_the_task_is_about_is_no_deadline() -> None:
    a = parse_single_assignment("Подготовить отчёт за декабрь", TODAY)
    assert (a.text, a.deadline.kind) == ("Подготовить отчёт за декабрь", DeadlineKind.NONE)
