"""Flows 5–7: lists, reminders from the database, the daily digest; the clock is moved."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from apscheduler.triggers.interval import IntervalTrigger

from bot.app import create_app
from bot.notifications import SendText, render_item
from scheduler.jobs import REMINDER_SCAN_MINUTES
from storage.models import AssigneeStatus, OutboxItem, Role
from tests.e2e.conftest import START, Harness, make_settings
from tests.fakebot import FakeTelegramServer, run_polling
from tracking.clock import ManualClock
from tracking.rules import Outcome
from tracking.service import NewAssignment, Notice, Tracker


async def _assign(
    harness: Harness,
    person_ids: list[int],
    deadline: dt.date | None,
    text: str = "Подготовить отчёт",
    creator_id: int = 1,
) -> int:
    creator = await harness.person(creator_id)
    created = await harness.app.tracker.create(
        creator,
        [
            NewAssignment(
                text=text,
                deadline_date=deadline,
                deadline_time=None,
                deadline_kind="date" if deadline else "none",
                deadline_raw="",
                person_ids=tuple(person_ids),
            )
        ],
    )
    assert created is not None
    return created.assignee_ids[0]


def day(offset: int) -> dt.date:
    return START.date() + dt.timedelta(days=offset)


async def test_my_lists_open_assignments_nearest_first_with_pages(harness: Harness) -> None:
    user, pid = await harness.enroll("Хнычева Дарья Сергеевна")
    assignees = [
        await _assign(harness, [pid], day(offset), text=f"Задача со сроком {offset:+d}")
        for offset in [5, -2, 30, *range(40, 49)]
    ]
    for _ in range(12):
        await harness.expect(user, "Поручение №")
    await user.send("/my")
    first = await harness.expect(user, "Ваши поручения (12)")
    text = first.plain_text or ""
    assert text.index("Задача со сроком -2") < text.index("Задача со сроком +5")
    assert "просрочено на 2 дн." in text
    assert "Стр. 1 из 2" in text
    assert "Задача со сроком +48" not in text
    await user.press(first, "▶️")
    second = await harness.expect(user, "Стр. 2 из 2")
    assert second.edited and "Задача со сроком +48" in (second.plain_text or "")
    await user.press(second, "№12")
    card = await harness.expect(user, "Поручение №12")
    assert card.buttons

    # A first page is shown again; two items are closed before its «▶️» is pressed: the
    # button points past the end, and the list shows the one page left.
    await user.send("/my")
    again = await harness.expect(user, "Стр. 1 из 2")
    async with harness.app.db.transaction() as tx:
        for sid in assignees[-2:]:
            await tx.assignments.set_status(sid, AssigneeStatus.ACCEPTED, START)
    await user.press(again, "▶️")
    only = await harness.expect(user, "Ваши поручения (10)")
    only_text = only.plain_text or ""
    assert only.edited and only.message_id == again.message_id
    assert "Стр." not in only_text and "Задача со сроком +46" in only_text
    assert "Задача со сроком +47" not in only_text


async def test_overdue_is_grouped_by_person_for_coordinators(harness: Harness) -> None:
    coordinator, _ = await harness.enroll("Петрова Анна Сергеевна", "координатор")
    _, dasha = await harness.enroll("Хнычева Дарья Сергеевна")
    _, dima = await harness.enroll("Матвеев Дмитрий Михайлович")
    await _assign(harness, [dasha], day(-3), text="Просрочено у Дарьи")
    await _assign(harness, [dima], day(-1), text="Просрочено у Дмитрия")
    await _assign(harness, [dima], day(4), text="Ещё не срок")
    await coordinator.send("/overdue")
    listing = await harness.expect(coordinator, "Просроченные поручения (2)")
    text = listing.plain_text or ""
    assert text.index("Матвеев Д.М.") < text.index("Просрочено у Дмитрия")
    assert text.index("Хнычева Д.С.") < text.index("Просрочено у Дарьи")
    assert "3 дн." in text and "Ещё не срок" not in text


async def test_overdue_lines_say_whose_move_it_is(harness: Harness) -> None:
    """A coordinator chases the controller, not the assignee, for a report waiting to be
    checked: such lines say so in /overdue and in the digest."""
    coordinator, _ = await harness.enroll("Петрова Анна Сергеевна", "координатор")
    _, dasha = await harness.enroll("Хнычева Дарья Сергеевна")
    waiting = await _assign(harness, [dasha], day(-3), text="Отчёт ждёт проверки")
    returned = await _assign(harness, [dasha], day(-2), text="Отчёт вернули")
    await _assign(harness, [dasha], day(-1), text="Отчёта нет")
    async with harness.app.db.transaction() as tx:
        await tx.assignments.set_status(waiting, AssigneeStatus.REPORTED, START)
        await tx.assignments.set_status(returned, AssigneeStatus.RETURNED, START)
    await coordinator.send("/overdue")
    listing = await harness.expect(coordinator, "Просроченные поручения (3)")
    await coordinator.send("/digest")
    digest = await harness.expect(coordinator, "Сводка на")
    for text in (listing.plain_text or "", digest.plain_text or ""):
        lines = {line.split(" ")[-1]: line for line in text.splitlines() if "№" in line}
        assert "отчёт на проверке" in lines["проверки"]
        assert "на доработке" in lines["вернули"] and "проверке" not in lines["вернули"]
        assert "на доработке" not in lines["нет"] and "проверке" not in lines["нет"]


async def test_reminders_come_before_the_deadline_once_per_slot(harness: Harness) -> None:
    user, pid = await harness.enroll("Хнычева Дарья Сергеевна")
    await _assign(harness, [pid], day(3))
    await harness.expect(user, "Поручение №1")
    tracker = harness.app.tracker
    # Created at 10:00 today; the 3-days-before slot was this morning, before creation.
    assert await tracker.scan_reminders() == 0
    harness.clock.set(START + dt.timedelta(days=1, hours=-2))  # tomorrow 08:00
    assert await tracker.scan_reminders() == 0
    harness.clock.set(START + dt.timedelta(days=2))  # the day before, 10:00
    assert await tracker.scan_reminders() == 1
    reminder = await harness.expect(user, "Напоминание")
    assert "осталось 1 дн." in (reminder.plain_text or "")
    assert reminder.button_texts[0] == ["✅ Выполнено", "📎 Отчёт"]
    assert await tracker.scan_reminders() == 0
    harness.clock.set(START + dt.timedelta(days=3))
    assert await tracker.scan_reminders() == 1
    await harness.expect(user, "Сегодня срок поручения №1")
    harness.clock.set(START + dt.timedelta(days=5))
    assert await tracker.scan_reminders() == 1
    await harness.expect(user, "просрочено на 2 дн.")
    await user.expect_no_message(within=0.2)


async def test_history_names_who_was_reminded_among_the_other_events(
    harness: Harness,
) -> None:
    dasha, dasha_id = await harness.enroll("Хнычева Дарья Сергеевна")
    dima, dima_id = await harness.enroll("Матвеев Дмитрий Михайлович")
    await _assign(harness, [dasha_id, dima_id], day(3))
    await harness.expect(dasha, "Поручение №1")
    await harness.expect(dima, "Поручение №1")
    harness.clock.set(START + dt.timedelta(days=2))
    assert await harness.app.tracker.scan_reminders() == 2
    reminder = await harness.expect(dasha, "Напоминание")
    await harness.expect(dima, "Напоминание")
    harness.clock.set(START + dt.timedelta(days=2, hours=1))
    answer = await dasha.press(reminder, "🕓 Напомнить завтра")
    assert answer.text == "Напомню завтра утром."
    dasha.skip_unread()
    await dasha.send("/history 1")
    history = await harness.expect(dasha, "История поручения №1")
    lines = (history.plain_text or "").splitlines()

    def line_of(fragment: str) -> int:
        found = [n for n, line in enumerate(lines) if fragment in line]
        assert len(found) == 1, (fragment, lines)
        return found[0]

    assigned = line_of("назначено: Матвеев Д.М.")
    reminded = sorted([line_of("бот: напоминание: Хнычева Д.С."), line_of("напоминание: Матвеев")])
    snoozed = line_of("попросил(а) напомнить завтра")
    assert assigned < reminded[0] < reminded[1] < snoozed
    assert lines[reminded[0]].startswith(
        (START + dt.timedelta(days=2)).astimezone(harness.app.tracker.policy.tz).strftime("%d.%m")
    )


async def test_a_morning_of_many_reminders_is_written_in_chunks(
    harness: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    users = [
        await harness.enroll(name)
        for name in (
            "Хнычева Дарья Сергеевна",
            "Матвеев Дмитрий Михайлович",
            "Петров Пётр Петрович",
        )
    ]
    # Each: two due tomorrow morning (deadline tomorrow, or overdue by then) and one not due
    # (five days ahead is no reminder day). Transactions of two hold one person each.
    for handle, pid in users:
        for n in range(3):
            await _assign(harness, [pid], day((1, -1, 6)[n]), text=f"Пункт {n}")
        for _ in range(3):
            await harness.expect(handle, "Поручение №")
    tracker = harness.app.tracker
    tracker.scan_chunk = 2
    batches: list[list[int]] = []
    queue = Tracker._queue_reminders

    calls: list[tuple[Any, ...]] = []

    async def counted(self: Tracker, due: list[Any], *args: Any) -> int:
        batches.append(sorted(c.person_id for c, _, _ in due))
        calls.append((due, *args))
        return await queue(self, due, *args)

    monkeypatch.setattr(Tracker, "_queue_reminders", counted)
    harness.clock.set(START + dt.timedelta(days=1))
    assert await tracker.scan_reminders() == 6
    ids = [pid for _, pid in users]
    assert sorted(batches) == [[pid, pid] for pid in ids]  # a person each
    # A batch read before another scan wrote it is checked again and queues nothing.
    assert await queue(tracker, *calls[0]) == 0
    assert await tracker.scan_reminders() == 0
    for handle, _ in users:
        await harness.expect(handle, "Сегодня срок поручения")
        await harness.expect(handle, "просрочено на 2 дн.")
        await handle.expect_no_message(within=0.2)


async def test_several_reminders_at_once_come_in_one_message(harness: Harness) -> None:
    busy, busy_id = await harness.enroll("Хнычева Дарья Сергеевна")
    calm, calm_id = await harness.enroll("Матвеев Дмитрий Михайлович")
    for n in range(5):  # due tomorrow, and (n=0, 1) already overdue by then
        await _assign(harness, [busy_id], day(1 if n > 1 else -1), text=f"Дело Дарьи {n}")
    for n in range(2):
        await _assign(harness, [calm_id], day(1), text=f"Дело Дмитрия {n}")
    for _ in range(5):
        await harness.expect(busy, "Поручение №")
    for _ in range(2):
        await harness.expect(calm, "Поручение №")
    tracker = harness.app.tracker
    harness.clock.set(START + dt.timedelta(days=1))
    assert await tracker.scan_reminders() == 7
    bundle = await harness.expect(busy, "Поручений, требующих внимания: 5")
    text = bundle.plain_text or ""
    # Nearest deadline first: the two overdue ones lead.
    assert text.index("Дело Дарьи 0") < text.index("Дело Дарьи 2")
    assert all(f"Дело Дарьи {n}" in text for n in range(5)) and "/my" in text
    assert bundle.button_texts == [["№1", "№2", "№3", "№4", "№5"]]
    await busy.press(bundle, "№4")
    card = await harness.expect(busy, "Поручение №4")
    assert card.button_texts[0] == ["✅ Выполнено", "📎 Отчёт"]
    # Two are not «several»: each comes as its own card with its buttons.
    for _ in range(2):
        single = await harness.expect(calm, "Сегодня срок поручения")
        assert single.button_texts[0] == ["✅ Выполнено", "📎 Отчёт"]
    # Nothing twice: the next scan and a finished item change nothing.
    assert await tracker.scan_reminders() == 0
    await busy.expect_no_message(within=0.2)
    await calm.expect_no_message(within=0.2)


async def test_a_message_of_reminders_leaves_out_what_was_closed_meanwhile(
    harness: Harness,
) -> None:
    user, pid = await harness.enroll("Хнычева Дарья Сергеевна")
    ids = [await _assign(harness, [pid], day(1), text=f"Дело {n}") for n in range(3)]
    for _ in range(3):
        await harness.expect(user, "Поручение №")
    secretary = await harness.person(1)
    assert await harness.app.tracker.cancel_assignment(secretary, 2, "не нужно") is Outcome.OK

    def item(assignee_ids: list[object]) -> OutboxItem:
        payload: dict[str, object] = {"assignee_ids": assignee_ids}
        return OutboxItem(0, pid, None, Notice.REMINDERS, payload, "k", START, 0)

    # Cancelled, unknown and malformed ids are left out; the two still open stay.
    sent = await render_item(harness.app.tracker, item([*ids, 999_999, "x"]))
    assert len(sent) == 1 and isinstance(sent[0], SendText)
    assert "внимания: 2" in sent[0].text and "Дело 1" not in sent[0].text
    # Nothing open left: nothing to send.
    assert await render_item(harness.app.tracker, item([ids[1]])) == []


async def test_snooze_reminds_tomorrow_morning(harness: Harness) -> None:
    user, pid = await harness.enroll("Хнычева Дарья Сергеевна")
    await _assign(harness, [pid], day(30))
    card = await harness.expect(user, "Поручение №1")
    answer = await user.press(card, "Напомнить завтра")
    assert answer.text == "Напомню завтра утром."
    edited = await harness.expect(user, "в работе")
    assert edited.edited
    tracker = harness.app.tracker
    harness.clock.set(START + dt.timedelta(hours=12))  # 22:00 the same day
    assert await tracker.scan_reminders() == 0
    harness.clock.set(START + dt.timedelta(days=1, hours=-1))  # 09:00 tomorrow
    assert await tracker.scan_reminders() == 1
    await harness.expect(user, "Вы просили напомнить")


async def test_reminders_survive_a_restart_and_are_never_sent_twice(
    tg: FakeTelegramServer, tmp_path: Path
) -> None:
    clock = ManualClock(START)
    settings = make_settings(tg, tmp_path)
    admin = tg.user(1000, "Анна", "Админова")
    app = create_app(settings, clock=clock, start_scheduler=False)
    async with run_polling(app.dispatcher, app.bot, tg):
        await admin.send("/start")
        await admin.next_message()
        admin_person = await app.tracker.actor(1000)
        assert admin_person is not None
        # The administrator assigns to himself to keep the test short.
        created = await app.tracker.create(
            admin_person,
            [NewAssignment("Сдать отчёт", day(7), None, "date", "", (admin_person.id,))],
        )
        assert created is not None
        clock.set(START + dt.timedelta(days=4))  # 3 days before: a reminder is due
        assert await app.tracker.scan_reminders() == 1
        for _ in range(10):
            view = await admin.next_message()
            if "Напоминание" in (view.plain_text or ""):
                break
    # Down for two days (the 1-day slot was missed while down), then a new process.
    clock.set(START + dt.timedelta(days=6, hours=1))
    restarted = create_app(settings, clock=clock, start_scheduler=False)
    async with run_polling(restarted.dispatcher, restarted.bot, tg):
        assert await restarted.tracker.scan_reminders() == 1
        assert await restarted.tracker.scan_reminders() == 0
        late = await admin.next_message()
        assert "осталось 1 дн." in (late.plain_text or "")
        await admin.expect_no_message(within=0.3)
    reminders = [
        c
        for c in tg.calls_of("sendMessage", chat_id=1000)
        if "Напоминание" in str(c.params.get("text"))
    ]
    assert len(reminders) == 2


async def test_daily_digest_goes_to_coordinators_once_a_day(harness: Harness) -> None:
    coordinator, _ = await harness.enroll("Петрова Анна Сергеевна", "координатор")
    # A coordinator who has not joined yet gets none (they would pile up, one a day).
    await harness.enroll("Новикова Нина Петровна", "координатор", link=False)
    _, dasha = await harness.enroll("Хнычева Дарья Сергеевна")
    await _assign(harness, [dasha], day(-4), text="Давно просрочено")
    await _assign(harness, [dasha], day(2), text="Скоро срок")
    await _assign(harness, [dasha], day(20), text="Не скоро")
    tracker = harness.app.tracker
    harness.clock.set(START.replace(hour=8))
    assert await tracker.queue_digests() == 0  # before DIGEST_TIME
    harness.clock.set(START.replace(hour=9, minute=5))
    assert await tracker.queue_digests() == 1
    digest = await harness.expect(coordinator, "Сводка на 2 марта 2026 г.")
    text = digest.plain_text or ""
    assert "Хнычева Д.С." in text and "Давно просрочено" in text and "4 дн." in text
    assert "Скоро срок" in text and "Не скоро" not in text
    # Each overdue item links to its card.
    assert digest.button_texts == [["№1"]]
    await coordinator.press(digest, "№1")
    opened = await harness.expect(coordinator, "Поручение №1")
    assert "Давно просрочено" in (opened.plain_text or "") and opened.buttons == []
    assert await tracker.queue_digests() == 0
    await coordinator.send("/digest")
    again = await harness.expect(coordinator, "Сводка на")
    assert "Давно просрочено" in (again.plain_text or "")


async def test_clean_digest_says_so_and_long_digests_are_split(harness: Harness) -> None:
    coordinator, _ = await harness.enroll("Петрова Анна Сергеевна", "координатор")
    await coordinator.send("/digest")
    clean = await harness.expect(coordinator, "Сводка на")
    assert "Нет просроченных поручений" in (clean.plain_text or "")
    _, dasha = await harness.enroll("Хнычева Дарья Сергеевна")
    for n in range(60):
        await _assign(
            harness, [dasha], day(-1 - n % 5), text=f"Пункт {n} " + "очень длинный текст " * 8
        )
    await coordinator.send("/digest")
    parts = [await harness.expect(coordinator, "")]
    while True:
        try:
            parts.append(await coordinator.next_message(timeout=0.5))
        except Exception:
            break
    assert len(parts) >= 2
    assert all(len(p.text or "") <= 4096 for p in parts)
    joined = "\n".join(p.plain_text or "" for p in parts)
    # The 40 most overdue are listed (12 each five, four and three days late, 4 of the twelve
    # two days late), the rest counted, with where to see them all.
    assert joined.count("Пункт ") == 40
    assert all(f"Пункт {n} " in joined for n in range(60) if n % 5 in (4, 3, 2))
    assert sum(f"Пункт {n} " in joined for n in range(60) if n % 5 == 1) == 4
    assert "Просрочено (60)" in joined
    assert "…и ещё 20 (всего исполнителей с просрочкой: 1)" in joined and "/overdue" in joined


async def test_scheduler_sends_the_missed_digest_right_after_start(
    tg: FakeTelegramServer, tmp_path: Path
) -> None:
    clock = ManualClock(START)  # 10:00, after DIGEST_TIME: today's digest is due
    settings = make_settings(tg, tmp_path)
    admin = tg.user(1000, "Анна", "Админова")
    first = create_app(settings, clock=clock, start_scheduler=False)
    async with run_polling(first.dispatcher, first.bot, tg):
        await admin.send("/start")
        await admin.next_message()
        person = await first.tracker.actor(1000)
        assert person is not None
        await first.tracker.set_role(person, person.id, Role.COORDINATOR, True)
    admin.skip_unread()

    app = create_app(settings, clock=clock, start_scheduler=True)
    async with run_polling(app.dispatcher, app.bot, tg):
        assert {j.id for j in app.scheduler.get_jobs()} >= {
            "reminders-scan",
            "reminders-morning",
            "digest",
        }
        # A digest held back by working hours goes out with a later scan, not never.
        catch_up = app.scheduler.get_job("digest-catch-up")
        assert catch_up is not None and isinstance(catch_up.trigger, IntervalTrigger)
        assert catch_up.trigger.interval == dt.timedelta(minutes=REMINDER_SCAN_MINUTES)
        digest = await admin.next_message(timeout=10)
        assert "Сводка на 2 марта 2026 г." in (digest.plain_text or "")
        await admin.expect_no_message(within=0.3)
    assert not app.scheduler.running


async def test_reminders_and_digests_wait_for_working_days_and_hours(harness: Harness) -> None:
    coordinator, _ = await harness.enroll("Петрова Анна Сергеевна", "координатор")
    user, pid = await harness.enroll("Хнычева Дарья Сергеевна")
    tracker = harness.app.tracker
    tracker.working_hours = (dt.time(9, 0), dt.time(18, 0))
    await _assign(harness, [pid], day(4))  # Friday 6 March
    await harness.expect(user, "Поручение №1")
    # Saturday 7 March, the day after the deadline: a weekend, nothing goes out.
    harness.clock.set(START + dt.timedelta(days=5))
    assert await tracker.scan_reminders() == 0
    assert await tracker.queue_digests() == 0
    # Monday 9 March is the holiday moved from Sunday 8 March; Tuesday 10 March, 19:00 is late.
    harness.clock.set(START + dt.timedelta(days=7))
    assert await tracker.scan_reminders() == 0
    harness.clock.set(START + dt.timedelta(days=8, hours=9))
    assert await tracker.scan_reminders() == 0
    # Wednesday morning: one reminder (the latest slot), one digest.
    harness.clock.set(START + dt.timedelta(days=9))
    assert await tracker.scan_reminders() == 1
    assert await tracker.queue_digests() == 1
    reminder = await harness.expect(user, "просрочено на 5 дн.")
    assert "6 марта 2026 г." in (reminder.plain_text or "")
    await harness.expect(coordinator, "Сводка на 11 марта 2026 г.")


async def test_a_deadline_on_a_holiday_is_flagged_in_the_preview(harness: Harness) -> None:
    secretary, _ = await harness.enroll("Секретарева Ольга Петровна", "секретарь")
    await harness.enroll("Хнычева Дарья Сергеевна")
    await secretary.send("Поздравить коллег. Срок: до 08.03.2026. Отв.: Хнычева Д.С.")
    preview = await harness.expect(secretary, "Проверьте поручение")
    assert "приходится на выходной или праздничный день" in (preview.plain_text or "")
    assert any("Сохранить" in b for row in preview.button_texts for b in row)


async def test_an_hour_passed_today_is_late_today_not_zero_days(harness: Harness) -> None:
    user, pid = await harness.enroll("Хнычева Дарья Сергеевна", "координатор")
    creator = await harness.person(1)
    created = await harness.app.tracker.create(
        creator,
        [
            NewAssignment(
                text="Сдать сведения к полудню",
                deadline_date=day(0),
                deadline_time=dt.time(12, 0),
                deadline_kind="datetime",
                deadline_raw="до 12:00",
                person_ids=(pid,),
            )
        ],
    )
    assert created is not None
    await harness.expect(user, "Поручение №")
    harness.clock.advance(dt.timedelta(hours=3))  # 13:00, the same day
    await user.send("/my")
    listed = (await harness.expect(user, "Ваши поручения (1)")).plain_text or ""
    assert "срок истёк сегодня" in listed and "0 дн." not in listed
    await user.send("/overdue")
    overdue = (await harness.expect(user, "Сдать сведения")).plain_text or ""
    assert "— сегодня (срок" in overdue and "0 дн." not in overdue


async def test_someone_added_later_is_not_reminded_on_top_of_their_card(
    harness: Harness,
) -> None:
    dasha, dasha_id = await harness.enroll("Хнычева Дарья Сергеевна")
    dima, dima_id = await harness.enroll("Матвеев Дмитрий Михайлович")
    tracker = harness.app.tracker
    admin = await harness.person(1)
    await _assign(harness, [dasha_id], day(3))
    await harness.expect(dasha, "Поручение №1")
    harness.clock.set(START + dt.timedelta(days=2))  # the day before the deadline, 10:00
    assert await tracker.scan_reminders() == 1
    await harness.expect(dasha, "Напоминание")
    harness.clock.set(START + dt.timedelta(days=2, minutes=5))
    outcome, _ = await tracker.add_assignees(admin, 1, [dima_id])
    assert outcome is Outcome.OK
    await harness.expect(dima, "Поручение №1")
    harness.clock.set(START + dt.timedelta(days=2, minutes=10))
    assert await tracker.scan_reminders() == 0  # his card was the news minutes ago
    harness.clock.set(START + dt.timedelta(days=3))  # the deadline day: both are reminded
    assert await tracker.scan_reminders() == 2


async def test_a_press_that_would_change_nothing_sends_no_edit(harness: Harness) -> None:
    """Telegram refuses an edit to the same content («message is not modified») and counts it
    against the bot's limits: a second «Напомнить завтра» is answered without one."""
    user, pid = await harness.enroll("Хнычева Дарья Сергеевна")
    await _assign(harness, [pid], day(30))
    card = await harness.expect(user, "Поручение №1")

    def edits() -> list[bool]:
        return [c.ok for c in harness.tg.calls if c.method.lower() == "editmessagetext"]

    answer = await user.press(card, "Напомнить завтра")
    assert answer.text == "Напомню завтра утром."
    edited = await harness.expect(user, "в работе")
    assert edited.edited and edits() == [True]  # new -> in progress: the card changes

    again = await user.press(edited, "Напомнить завтра")
    assert again.text == "Напомню завтра утром." and not again.show_alert
    assert edits() == [True]
    assert user.chat.message(card.message_id).plain_text == edited.plain_text


async def test_overdue_counts_assignments_and_people_s_parts_apart(harness: Harness) -> None:
    """One assignment of three people is one overdue assignment, as /protocols counts it,
    and three people's parts, as the list shows them."""
    coordinator, _ = await harness.enroll("Петрова Анна Сергеевна", "координатор")
    ids = [
        (await harness.enroll(name))[1]
        for name in (
            "Хнычева Дарья Сергеевна",
            "Матвеев Дмитрий Михайлович",
            "Сидорова Вера Петровна",
        )
    ]
    await _assign(harness, ids, day(-2), text="Общая просрочка")
    await coordinator.send("/overdue")
    listing = await harness.expect(coordinator, "Просрочено поручений: 1, у исполнителей: 3")
    assert (listing.plain_text or "").count("Общая просрочка") == 3
    await coordinator.send("/digest")
    await harness.expect(coordinator, "🔴 Просрочено поручений: 1, у исполнителей: 3")
