"""Assignments pasted from messengers and e-mail: emoji bullets, Markdown, forward headers,
quoting and signatures, chat-style deadlines and doers; reference date Monday 2026-12-07."""

from __future__ import annotations

import datetime

import pytest

from protocols import DeadlineKind, parse_single_assignment, parse_text
from protocols.deadlines import Reference, find_event_date

MONDAY = datetime.date(2026, 12, 7)
D = datetime.date
T = datetime.time


def _brief(text: str) -> list[tuple[object, ...]]:
    return [
        (a.number, " ".join(a.text.split()[:3]), a.deadline.date, a.deadline.time, a.responsible)
        for a in parse_text(text, MONDAY).assignments
    ]


def test_keycap_numbers_and_markdown_decision_marker() -> None:
    text = (
        "**РЕШИЛИ:**\n"
        "1️⃣ Подготовить отчёт о посещаемости до пт. Отв. — @petrova\n"
        "2️⃣ Обновить расписание на сайте до 15.12 (Сидоров И.И.)\n"
        "3️⃣ Провести родительское собрание в четверг в 18:00, отв.: Иванова\n"
    )
    assert _brief(text) == [
        ("1", "Подготовить отчёт о", D(2026, 12, 11), None, ("@petrova",)),
        ("2", "Обновить расписание на", D(2026, 12, 15), None, ("Сидоров И.И.",)),
        ("3", "Провести родительское собрание", D(2026, 12, 10), T(18, 0), ("Иванова",)),
    ]


def test_forwarded_message_with_emoji_bullets_and_trailing_doers() -> None:
    text = (
        "Пересланное сообщение\n"
        "От: Ольга Петрова\n"
        "Итоги планёрки 07.12:\n"
        "✅ Сдать табели до понедельника — Никитина\n"
        "✅ Проверить журналы до конца недели, отв. Смирнов\n"
        "✅ Подготовить приказ на премию завтра до 12:00\n"
    )
    assert _brief(text) == [
        (None, "Сдать табели до", D(2026, 12, 14), None, ("Никитина",)),
        (None, "Проверить журналы до", D(2026, 12, 13), None, ("Смирнов",)),
        (None, "Подготовить приказ на", D(2026, 12, 8), T(12, 0), ()),
    ]


def test_item_dates_do_not_date_the_message() -> None:
    """A bulleted item's date is the item's, not the document's: "к 15.12" stays in 2026."""
    text = (
        "Forwarded from Марина Кузнецова\n"
        "Коллеги, по итогам совещания:\n"
        "▪️ Иванову, Петровой — подготовить презентацию к 15.12\n"
        "▪️ Сидорову обновить сайт школы до 15/12\n"
        "▪️ Провести День открытых дверей 15 марта 2027 г.\n"
    )
    protocol = parse_text(text, MONDAY)
    assert protocol.header.date is None
    assert [a.deadline.date for a in protocol.assignments[:2]] == [D(2026, 12, 15)] * 2
    assert [a.responsible for a in protocol.assignments[:2]] == [
        ("Иванов", "Петрова"),
        ("Сидоров",),
    ]
    assert protocol.assignments[0].text.startswith("Иванову, Петровой")


def test_blue_diamonds_and_underscored_marker() -> None:
    text = (
        "__РЕШИЛИ:__\n"
        "🔹 Подготовить план мероприятий на этой неделе — @ivanov\n"
        "🔹 Согласовать смету до 15.12 до 12:00 — Петрова\n"
        "🔹 Закрыть ведомости сегодня до 18:00, отв. Кузнецова\n"
        "👉 Разослать приказ до понедельника @smirnov\n"
    )
    assert _brief(text) == [
        (None, "Подготовить план мероприятий", D(2026, 12, 13), None, ("@ivanov",)),
        (None, "Согласовать смету до", D(2026, 12, 15), T(12, 0), ("Петрова",)),
        (None, "Закрыть ведомости сегодня", D(2026, 12, 7), T(18, 0), ("Кузнецова",)),
        (None, "Разослать приказ до", D(2026, 12, 14), None, ("@smirnov",)),
    ]


def test_quoted_e_mail_with_signature() -> None:
    text = (
        "> Добрый день!\n"
        "> По итогам совещания 04.12.2026 решили:\n"
        "> 1. Подготовить отчёт по олимпиаде до 10.12.2026. Отв.: Петрова А.А.\n"
        "> 2. Направить заявки на курсы через неделю (Кузнецова М.В.)\n"
        ">\n"
        "> С уважением,\n"
        "> Ирина Сергеевна Волкова\n"
        "> секретарь\n"
    )
    assert _brief(text) == [
        ("1", "Подготовить отчёт по", D(2026, 12, 10), None, ("Петрова А.А.",)),
        ("2", "Направить заявки на", D(2026, 12, 11), None, ("Кузнецова М.В.",)),
    ]


@pytest.mark.parametrize(
    ("typed", "day", "clock"),
    [
        ("до пт", D(2026, 12, 11), None),
        ("до пятницы", D(2026, 12, 11), None),
        ("до понедельника", D(2026, 12, 14), None),
        ("к 15.12", D(2026, 12, 15), None),
        ("до 15/12", D(2026, 12, 15), None),
        ("15.12 до 12:00", D(2026, 12, 15), T(12, 0)),
        ("завтра", D(2026, 12, 8), None),
        ("до завтра", D(2026, 12, 8), None),
        ("к завтрашнему дню", D(2026, 12, 8), None),
        ("сегодня до 18:00", D(2026, 12, 7), T(18, 0)),
        ("до конца дня", D(2026, 12, 7), None),
        ("до конца недели", D(2026, 12, 13), None),
        ("на этой неделе", D(2026, 12, 13), None),
        ("на следующей неделе", D(2026, 12, 20), None),
        ("до конца следующего месяца", D(2027, 1, 31), None),
        ("в течение 3 рабочих дней", D(2026, 12, 10), None),
        ("в теч. 3 раб. дней", D(2026, 12, 10), None),
        ("через неделю", D(2026, 12, 14), None),
        ("до 18:00 пятницы", D(2026, 12, 11), T(18, 0)),
        # A weekday is never the reference day itself: "до понедельника" on a Monday.
        ("в понедельник", D(2026, 12, 14), None),
    ],
)
def test_chat_deadlines(typed: str, day: datetime.date, clock: datetime.time | None) -> None:
    single = parse_single_assignment(f"Подготовить отчёт {typed}", MONDAY)
    assert (single.text, single.deadline.date, single.deadline.time) == (
        "Подготовить отчёт",
        day,
        clock,
    )
    assert single.deadline.raw == typed
    (listed,) = parse_text(f"Подготовить отчёт {typed}", MONDAY).assignments
    if typed != "15.12 до 12:00":  # a bare date in a list needs its event reading (see below)
        assert (listed.deadline.date, listed.deadline.time) == (day, clock)


@pytest.mark.parametrize("label", ["Срок: пт", "Срок: пятница", "Срок — пт."])
def test_weekday_alone_as_label_value(label: str) -> None:
    a = parse_single_assignment(f"Подготовить отчёт. {label}", MONDAY)
    assert a.deadline.date == D(2026, 12, 11)
    assert a.deadline.kind is DeadlineKind.RELATIVE


@pytest.mark.parametrize(
    ("text", "who"),
    [
        ("Подготовить отчёт до 15.12 (Петрова А.А.)", ("Петрова А.А.",)),
        ("Подготовить отчёт до 15.12 (Петрова)", ("Петрова",)),
        ("Подготовить отчёт до 15.12 (@petrova)", ("@petrova",)),
        ("Подготовить отчёт до 15.12. Отв. — @petrova", ("@petrova",)),
        ("Подготовить отчёт до 15.12. отв.: Петрова", ("Петрова",)),
    ],
)
def test_single_doers_at_the_end(text: str, who: tuple[str, ...]) -> None:
    a = parse_single_assignment(text, MONDAY)
    assert (a.text, a.deadline.date, a.responsible) == ("Подготовить отчёт", D(2026, 12, 15), who)


def test_bracket_that_names_no_doer_stays_in_the_text() -> None:
    a = parse_single_assignment("Провести урок в среде (Сферум) до 15.12", MONDAY)
    assert a.responsible == ()
    a = parse_single_assignment("Разместить объявление до 15.12 (по согласованию)", MONDAY)
    assert a.responsible == ()


def test_single_without_message_frame() -> None:
    a = parse_single_assignment(
        "Пересланное сообщение\nОт: Ольга Петрова\nПодготовить отчёт до пт\n\n"
        "С уважением,\nИрина Волкова",
        MONDAY,
    )
    assert (a.text, a.deadline.date, a.responsible) == ("Подготовить отчёт", D(2026, 12, 11), ())


def test_single_labels_on_a_line_of_their_own() -> None:
    a = parse_single_assignment("**Срок:** до 15/12, **отв.:** Петрова\nПодготовить отчёт", MONDAY)
    assert (a.text, a.deadline.date, a.responsible) == (
        "Подготовить отчёт",
        D(2026, 12, 15),
        ("Петрова",),
    )


def test_emoji_bullet_in_a_single_message() -> None:
    a = parse_single_assignment("✅ Иванову, Петровой — подготовить отчёт к 15.12", MONDAY)
    assert (a.text, a.responsible) == (
        "Иванову, Петровой — подготовить отчёт",
        ("Иванов", "Петрова"),
    )
    b = parse_single_assignment("1️⃣ Подготовить отчёт до пятницы, отв. Петрова", MONDAY)
    assert (b.number, b.text, b.responsible) == ("1", "Подготовить отчёт", ("Петрова",))


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("Провести День открытых дверей 15 марта 2027 г.", D(2027, 3, 15)),
        ("Провести родительское собрание 17.12 в 18:00", D(2026, 12, 17)),
        ("Подготовить отчёт во исполнение протокола от 20.11.2026", None),
        ("Перейти на новое расписание с 11.01.2027", None),
        ("Подготовить справку по итогам проверки 12.11.2026", None),  # past: not a deadline
        ("Реализовать программу развития (2023-2029 гг.)", None),
    ],
)
def test_event_day_reading(text: str, day: datetime.date | None) -> None:
    found = find_event_date(text, Reference(MONDAY))
    assert (found.deadline.date if found else None) == day


def test_event_day_is_the_deadline_in_a_list() -> None:
    text = "РЕШИЛИ:\n👉 Провести День открытых дверей 15 марта 2027 г.\n"
    (a,) = parse_text(text, MONDAY).assignments
    assert a.deadline.date == D(2027, 3, 15)


def test_header_lines_are_dropped_only_before_the_task() -> None:
    text = (
        "Пересланное сообщение\nОт: Иванова И.И.\nКоллеги, добрый день!\n"
        "Подготовить доклад к педсовету до 15.12.\nТема: цифровая образовательная среда\n"
        "Отв.: Петрова А.А."
    )
    parsed = parse_single_assignment(text, MONDAY)
    assert parsed.text.startswith("Подготовить доклад к педсовету")
    assert "Тема: цифровая образовательная среда" in parsed.text
    assert "Пересланное" not in parsed.text and "Иванова" not in parsed.text
    assert list(parsed.responsible) == ["Петрова А.А."]
