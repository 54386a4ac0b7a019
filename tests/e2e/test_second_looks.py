"""What happens when a button is pressed again later, on an older message or on the wrong
thing: a protocol previewed twice, a review card of an earlier report, a preview from before
«Изменить», cancelling finished work, taking off someone who is not on it; and what the
messages say about it (reminders, snooze on a Friday, the history, a protocol's card)."""

from __future__ import annotations

import datetime as dt

from bot.texts import core as t
from storage.models import AssigneeStatus
from tests.e2e.conftest import START, Harness
from tests.fakebot import MessageView, UserHandle

TASK = "Подготовить отчёт о трудоустройстве выпускников"
PROTOCOL = """ПРОТОКОЛ № 7
заседания координационного совета по профессиональному образованию
г. Смоленск, 15 января 2027 г.

РЕШИЛИ:
1. Поручить Д.С. Хнычевой подготовить отчёт о трудоустройстве выпускников. Срок: до 27.01.2027.
2. Хнычевой Д.С. провести совещание с директорами колледжей. Срок: до 15.02.2027.
"""


async def _secretary(h: Harness) -> UserHandle:
    secretary, _ = await h.enroll("Секретарева Ольга Петровна", "секретарь")
    return secretary


async def _new(h: Harness, secretary: UserHandle, text: str) -> MessageView:
    await secretary.send("/new")
    await h.expect(secretary, "Пришлите поручение")
    await secretary.send(text)
    preview = await h.expect(secretary, "Проверьте поручение")
    await secretary.press(preview, "Сохранить")
    return await h.expect(secretary, "сохранено")


async def _manage(h: Harness, secretary: UserHandle, button: str, prompt: str) -> None:
    """/a 1, a button of it, and the prompt that follows."""
    await secretary.send("/a 1")
    view = await h.expect(secretary, "🛠 Поручение №1")
    await secretary.press(view, button)
    await h.expect(secretary, prompt)


async def _report(h: Harness, user: UserHandle, card: MessageView, text: str) -> None:
    await user.press(card, "📎 Отчёт")
    await h.expect(user, "Пришлите отчёт")
    await user.send(text)
    await h.expect(user, "отправлен на проверку")


async def _done_and_accepted(h: Harness, secretary: UserHandle, user: UserHandle) -> None:
    card = await h.expect(user, "Поручение №1", edits=False)
    await user.press(card, "✅ Выполнено")
    form = await h.expect(user, "напишите комментарий")
    await user.press(form, "Без комментария")
    review = await h.expect(secretary, "Отмечено выполнение")
    await secretary.press(review, "Принять")
    await h.expect(user, "принят")


async def _open_count(h: Harness, person_id: int) -> int:
    page = await h.app.tracker.my_page(await h.person(person_id), 0, 10)
    return page.total


async def test_a_protocol_previewed_twice_is_saved_once(harness: Harness) -> None:
    h = harness
    secretary = await _secretary(h)
    _, dasha_id = await h.enroll("Хнычева Дарья Сергеевна")
    await secretary.send(PROTOCOL)
    first = await h.expect(secretary, "Протокол № 7")
    await secretary.send(PROTOCOL)  # sent twice before either preview was saved
    second = await h.expect(secretary, "Протокол № 7")
    await secretary.press(first, "Сохранить все")
    await h.expect(secretary, "Протокол сохранён")
    answer = await secretary.press(second, "Сохранить все")
    assert answer.text == t.PROTOCOL_SAVED_BEFORE.format(id=1) and answer.show_alert
    refreshed = await h.message_becomes(secretary, second.message_id, "уже загружен")
    assert "Сохранить все" not in str(refreshed.button_texts)
    assert await _open_count(h, dasha_id) == 2


async def test_an_older_review_card_decides_nothing_on_a_newer_report(harness: Harness) -> None:
    h = harness
    secretary = await _secretary(h)
    dasha, _ = await h.enroll("Хнычева Дарья Сергеевна")
    controller, _ = await h.enroll("Контролёва Анна Ивановна")
    await _new(h, secretary, f"{TASK}. Срок: до 27.01.2027. Ответственный: Хнычева Д.С.")
    card = await h.expect(dasha, "Поручение №1", edits=False)
    await _report(h, dasha, card, "Отчёт 1: всё сделано")
    first_review = await h.expect(secretary, "Отчёт 1")
    # Control passes to a controller, who returns report 1; report 2 follows.
    await _manage(h, secretary, "Контролёр", "Кто будет контролёром")
    await secretary.send("Контролёва А.И.")
    await h.expect(secretary, "Готово")
    review = await h.expect(controller, "Отчёт 1")
    await controller.press(review, "Вернуть на доработку")
    await h.expect(controller, "что нужно доработать")
    await controller.send("Нет таблицы")
    await h.expect(controller, "Возвращено")
    returned = await h.message_becomes(dasha, card.message_id, "возвращено на доработку")
    await _report(h, dasha, returned, "Отчёт 2: пока ничего")
    second_review = await h.expect(controller, "Отчёт 2")

    answer = await secretary.press(first_review, "Принять")
    assert answer.text == t.REFUSED_OLD_REPORT and answer.show_alert
    view_now = await h.app.tracker.view(1)
    assert view_now is not None and view_now.assignee.status is AssigneeStatus.REPORTED
    # «Вернуть» on it is refused before the reason is asked.
    answer = await secretary.press(first_review, "Вернуть на доработку")
    assert answer.text == t.REFUSED_OLD_REPORT
    # The card of report 2 decides.
    answer = await controller.press(second_review, "Принять")
    assert answer.text == t.ACCEPT_DONE
    await h.expect(dasha, "принят")


async def test_a_preview_from_before_an_edit_does_not_save(harness: Harness) -> None:
    h = harness
    secretary = await _secretary(h)
    await h.enroll("Хнычева Дарья Сергеевна")
    matveev, _ = await h.enroll("Матвеев Дмитрий Михайлович")
    await secretary.send("/new")
    await h.expect(secretary, "Пришлите поручение")
    await secretary.send(f"{TASK}. Срок: до 27.01.2027. Ответственный: Хнычева Д.С.")
    old = await h.expect(secretary, "Проверьте поручение")
    await secretary.press(old, "Изменить")
    await h.expect(secretary, "исправленный текст")
    await secretary.send("Провести совещание. Срок: до 10.01.2027. Ответственный: Матвеев Д.М.")
    new = await h.expect(secretary, "Проверьте поручение")
    answer = await secretary.press(secretary.chat.message(old.message_id), "Сохранить")
    assert answer.text == t.DRAFT_OLD_PREVIEW and answer.show_alert
    assert await h.app.tracker.view(1) is None  # nothing saved
    await secretary.press(new, "Сохранить")
    saved = await h.expect(secretary, "сохранено")
    assert "Матвеев Д.М." in (saved.plain_text or "")
    await h.expect(matveev, "Провести совещание", edits=False)


async def test_finished_work_cannot_be_cancelled(harness: Harness) -> None:
    h = harness
    secretary = await _secretary(h)
    dasha, _ = await h.enroll("Хнычева Дарья Сергеевна")
    await _new(h, secretary, f"{TASK}. Срок: до 27.01.2027. Ответственный: Хнычева Д.С.")
    await _done_and_accepted(h, secretary, dasha)
    await secretary.send("/a 1")
    view = await h.expect(secretary, "🛠 Поручение №1")
    assert "Отменить поручение" not in str(view.button_texts)
    # A /a message from before the acceptance still has the button: it is refused.
    secretary_person = await h.app.tracker.actor(secretary.id)
    assert secretary_person is not None
    outcome = await h.app.tracker.cancel_assignment(secretary_person, 1, "ошибка")
    assert outcome.value == "nothing_open"
    listing = await h.app.tracker.protocols_page(0, 10)
    assert [(p.done, p.total) for p in listing[0]] == [(1, 1)]


async def test_cancel_pressed_on_an_older_view_of_finished_work(harness: Harness) -> None:
    h = harness
    secretary = await _secretary(h)
    dasha, _ = await h.enroll("Хнычева Дарья Сергеевна")
    await _new(h, secretary, f"{TASK}. Срок: до 27.01.2027. Ответственный: Хнычева Д.С.")
    await secretary.send("/a 1")
    old_view = await h.expect(secretary, "🛠 Поручение №1")
    await _done_and_accepted(h, secretary, dasha)
    answer = await secretary.press(old_view, "Отменить поручение")
    assert answer.text == t.M_NOTHING_OPEN.format(id=1) and answer.show_alert


async def test_taking_off_who_is_not_on_it_keeps_the_form(harness: Harness) -> None:
    h = harness
    secretary = await _secretary(h)
    await h.enroll("Хнычева Дарья Сергеевна")
    matveev, _ = await h.enroll("Матвеев Дмитрий Михайлович")
    await h.enroll("Петров Пётр Петрович")
    await _new(
        h,
        secretary,
        f"{TASK}. Срок: до 27.01.2027. Ответственные: Хнычева Д.С., Матвеев Д.М.",
    )
    await _manage(h, secretary, "Снять исполнителя", "Кого снять")
    await secretary.send("Петров П.П.")
    refusal = await h.expect(secretary, "Среди исполнителей поручения №1")
    assert "Петров П.П." in (refusal.plain_text or "")
    # The form is still open: the right name now.
    await secretary.send("Матвеев Д.М.")
    await h.expect(secretary, "Готово")
    await h.expect(matveev, "сняты с поручения №1")
    # The last one is not taken off: the assignment would be nobody's.
    await _manage(h, secretary, "Снять исполнителя", "Кого снять")
    await secretary.send("Хнычева Д.С.")
    last = await h.expect(secretary, "Нельзя снять всех исполнителей")
    assert "/a 1" in (last.plain_text or "")
    assert (await h.app.tracker.view(1)) is not None
    card = await h.app.tracker.view(1)
    assert card is not None and card.assignee.status is AssigneeStatus.NEW


async def test_a_controller_must_be_one_person_and_is_warned_of_when_unlinked(
    harness: Harness,
) -> None:
    h = harness
    secretary = await _secretary(h)
    dasha, _ = await h.enroll("Хнычева Дарья Сергеевна")
    await h.enroll("Матвеев Дмитрий Михайлович")
    _, controller_id = await h.enroll("Контролёва Анна Ивановна", link=False)
    await _new(h, secretary, f"{TASK}. Срок: до 27.01.2027. Ответственный: Хнычева Д.С.")
    card = await h.expect(dasha, "Поручение №1", edits=False)
    await _manage(h, secretary, "Контролёр", "Кто будет контролёром")
    await secretary.send("Матвеев Д.М., Контролёва А.И.")
    one = await h.expect(secretary, "Контролёр — один человек")
    assert "Матвеев Д.М." in (one.plain_text or "")
    await secretary.send("Контролёва А.И.")
    done = await h.expect(secretary, "Готово")
    assert f"(/invite {controller_id})" in (done.plain_text or "")
    # Her review waits; the digest names her among those the bot cannot reach.
    await _report(h, dasha, card, "Сделано")
    digest = await h.app.tracker.digest()
    assert [p.short_name for p in digest.not_reached] == ["Контролёва А.И."]


async def test_snooze_on_a_friday_says_when_with_working_hours(harness: Harness) -> None:
    h = harness
    tracker = h.app.tracker
    tracker.working_hours = (dt.time(9), dt.time(18))
    secretary = await _secretary(h)
    dasha, _ = await h.enroll("Хнычева Дарья Сергеевна")
    await _new(h, secretary, f"{TASK}. Срок: до 27.01.2027. Ответственный: Хнычева Д.С.")
    card = await h.expect(dasha, "Поручение №1", edits=False)
    h.clock.set(START + dt.timedelta(days=4))  # Friday 6 March 2026; 7–9 March are off
    answer = await dasha.press(card, "🕓 Напомнить завтра")
    assert answer.text == t.SNOOZED_UNTIL.format(day="10 марта 2026 г. (вт)")
    reminded = []
    for days in range(5, 9):  # 09:30 from Saturday to Tuesday
        h.clock.set(START + dt.timedelta(days=days, minutes=-30))
        if await tracker.scan_reminders():
            reminded.append((START + dt.timedelta(days=days)).date())
    assert reminded == [dt.date(2026, 3, 10)]
    # On a Tuesday it is tomorrow, as the button says.
    h.clock.set(START + dt.timedelta(days=8, hours=1))
    answer = await dasha.press(dasha.chat.message(card.message_id), "🕓 Напомнить завтра")
    assert answer.text == t.SNOOZED


async def test_a_reminder_after_the_hour_of_the_deadline_says_it_passed(
    harness: Harness,
) -> None:
    h = harness
    secretary = await _secretary(h)
    dasha, _ = await h.enroll("Хнычева Дарья Сергеевна")
    await _new(h, secretary, f"{TASK}. Срок: до 08:00 04.03.2026. Ответственный: Хнычева Д.С.")
    await h.expect(dasha, "Поручение №1", edits=False)
    h.clock.set(START + dt.timedelta(days=2, minutes=-30))  # Wednesday 4 March, 09:30
    assert await h.app.tracker.scan_reminders() == 1
    reminder = await h.expect(dasha, "Срок поручения №1 истёк сегодня в 08:00", edits=False)
    assert "Сегодня срок" not in (reminder.plain_text or "")


async def test_a_new_deadline_earlier_today_is_refused(harness: Harness) -> None:
    h = harness
    secretary = await _secretary(h)
    await h.enroll("Хнычева Дарья Сергеевна")
    await _new(h, secretary, f"{TASK}. Срок: до 27.01.2027. Ответственный: Хнычева Д.С.")
    await _manage(h, secretary, "Срок", "Пришлите новый срок")
    await secretary.send("до 09:00 02.03.2026")  # it is 10:00 on 2 March
    await h.expect(secretary, t.M_DEADLINE_PAST)
    await secretary.send("до 18:00 02.03.2026")
    await h.expect(secretary, "Готово")


async def test_the_history_names_whose_part_an_event_is(harness: Harness) -> None:
    h = harness
    secretary = await _secretary(h)
    dasha, _ = await h.enroll("Хнычева Дарья Сергеевна")
    await h.enroll("Матвеев Дмитрий Михайлович")
    await _new(
        h,
        secretary,
        f"{TASK}. Срок: до 27.01.2027. Ответственные: Хнычева Д.С., Матвеев Д.М.",
    )
    await _done_and_accepted(h, secretary, dasha)
    await secretary.send("/history 1")
    history = await h.expect(secretary, "История поручения №1")
    lines = (history.plain_text or "").splitlines()
    assert any(line.endswith("Секретарева О.П.: принято — Хнычева Д.С.") for line in lines)
    # An event by the person whose part it is names nobody twice.
    assert any(line.endswith("Хнычева Д.С.: отметил(а) выполнение") for line in lines)


async def test_a_protocol_card_marks_done_as_its_progress_counts(harness: Harness) -> None:
    h = harness
    secretary = await _secretary(h)
    coordinator, _ = await h.enroll("Координатова Вера Павловна", "координатор")
    dasha, _ = await h.enroll("Хнычева Дарья Сергеевна")
    await h.enroll("Матвеев Дмитрий Михайлович")
    await _new(
        h,
        secretary,
        f"{TASK}. Срок: до 27.01.2027. Ответственные: Хнычева Д.С., Матвеев Д.М.",
    )
    await _done_and_accepted(h, secretary, dasha)
    await _manage(h, secretary, "Снять исполнителя", "Кого снять")
    await secretary.send("Матвеев Д.М.")
    await h.expect(secretary, "Готово")
    await coordinator.send("/protocols")
    listing = await h.expect(coordinator, "Протоколы")
    await coordinator.press(listing, "1")
    card = await h.expect(coordinator, "1/1 выполнено")
    assert "✅ №1" in (card.plain_text or "")


async def test_a_common_deadline_moved_earlier_keeps_an_approved_later_one(
    harness: Harness,
) -> None:
    h = harness
    secretary = await _secretary(h)
    dasha, dasha_id = await h.enroll("Хнычева Дарья Сергеевна")
    matveev, matveev_id = await h.enroll("Матвеев Дмитрий Михайлович")
    await _new(
        h,
        secretary,
        f"{TASK}. Срок: до 20.03.2026. Ответственные: Хнычева Д.С., Матвеев Д.М.",
    )
    card = await h.expect(dasha, "Поручение №1", edits=False)
    await h.expect(matveev, "Поручение №1", edits=False)
    await dasha.press(card, "Перенести срок")
    await h.expect(dasha, "Пришлите новую дату")
    await dasha.send("до 10.04.2026")
    await h.expect(dasha, "причину переноса")
    await dasha.send("Ждём данные от колледжей")
    request = await h.expect(secretary, "Запрос на перенос срока")
    await secretary.press(request, "Одобрить")
    await h.expect(dasha, "перенесён на 10 апреля 2026 г.")

    async def deadlines() -> dict[int, dt.date | None]:
        found = {}
        for pid in (dasha_id, matveev_id):
            page = await h.app.tracker.my_page(await h.person(pid), 0, 10)
            found[pid] = page.items[0].deadline
        return found

    # Earlier for everyone: her approved later date stands, and she is not told otherwise.
    await _manage(h, secretary, "Срок", "Пришлите новый срок")
    await secretary.send("до 16.03.2026")
    done = await h.expect(secretary, "Готово")
    assert "остался у: Хнычева Д.С." in (done.plain_text or "")
    await h.expect(matveev, "16 марта 2026 г.")
    await dasha.expect_no_message(within=0.3, include_edits=False)
    assert await deadlines() == {dasha_id: dt.date(2026, 4, 10), matveev_id: dt.date(2026, 3, 16)}
    # Later than hers: it is everyone's.
    await _manage(h, secretary, "Срок", "Пришлите новый срок")
    await secretary.send("до 20.04.2026")
    done = await h.expect(secretary, "Готово")
    assert "остался" not in (done.plain_text or "")
    assert await deadlines() == {dasha_id: dt.date(2026, 4, 20), matveev_id: dt.date(2026, 4, 20)}


async def test_a_card_is_the_day_s_reminder(harness: Harness) -> None:
    h = harness
    secretary = await _secretary(h)
    dasha, _ = await h.enroll("Хнычева Дарья Сергеевна")
    h.clock.set(START.replace(hour=8, minute=55))  # Monday 2 March, before the reminders
    # Due in three days: a reminder slot falls on today.
    await _new(h, secretary, f"{TASK}. Срок: до 05.03.2026. Ответственный: Хнычева Д.С.")
    await h.expect(dasha, "Поручение №1", edits=False)
    h.clock.set(START.replace(hour=9, minute=0))
    assert await h.app.tracker.scan_reminders() == 0
    await dasha.expect_no_message(within=0.3, include_edits=False)
    h.clock.set(START.replace(hour=9) + dt.timedelta(days=2))  # the day before
    assert await h.app.tracker.scan_reminders() == 1
    await h.expect(dasha, "осталось 1 дн.", edits=False)
