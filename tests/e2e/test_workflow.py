"""Per-assignee execution, deadline changes and history."""

from __future__ import annotations

import datetime as dt

from bot.callbacks import ExtensionAction, ExtensionCallback
from tests.e2e.conftest import START, Harness
from tests.fakebot import MessageView, UserHandle
from tracking.service import NewAssignment


async def _create(harness: Harness, secretary: UserHandle, text: str) -> None:
    await secretary.send("/new")
    await harness.expect(secretary, "Пришлите поручение")
    await secretary.send(text)
    preview = await harness.expect(secretary, "Проверьте поручение")
    await secretary.press(preview, "Сохранить")
    await harness.expect(secretary, "сохранено")


async def _request(
    harness: Harness, user: UserHandle, card: MessageView, date: str, reason: str
) -> None:
    await user.press(card, "Перенести срок")
    await harness.expect(user, "Пришлите новую дату")
    await user.send(date)
    await harness.expect(user, "причину переноса")
    await user.send(reason)
    await harness.expect(user, "Запрос на перенос срока отправлен")


async def test_deadline_change_approved_then_another_declined(harness: Harness) -> None:
    secretary, _ = await harness.enroll("Секретарева Ольга Петровна", "секретарь")
    dasha, _ = await harness.enroll("Хнычева Дарья Сергеевна")
    await _create(harness, secretary, "Сдать отчёт. Срок: до 12.03.2026. Отв.: Хнычева Д.С.")
    card = await harness.expect(dasha, "Поручение №1")

    await dasha.press(card, "Перенести срок")
    await harness.expect(dasha, "текущий срок 12 марта 2026 г.")
    await dasha.send("до 01.03.2026")
    await harness.expect(dasha, "должен быть позже")
    await dasha.send("когда-нибудь")
    await harness.expect(dasha, "Не удалось прочитать дату")
    await dasha.send("до 20.03.2026")
    await harness.expect(dasha, "причину переноса")
    await dasha.send("Ждём данные от колледжей")
    await harness.expect(dasha, "отправлен: Секретарева О.П.")

    request = await harness.expect(secretary, "Запрос на перенос срока")
    assert "Предлагаемый срок: 20 марта 2026 г." in (request.plain_text or "")
    assert "Ждём данные от колледжей" in (request.plain_text or "")
    # Nobody but the controller or a secretary decides.
    data = ExtensionCallback(action=ExtensionAction.APPROVE, request_id=1).pack()
    query = dasha.send_callback(dasha.last_bot_message, data)
    assert "только контролёр" in ((await harness.tg.wait_callback_answer(query)).text or "")
    await secretary.press(request, "Одобрить")
    decided = secretary.chat.message(request.message_id)
    assert "Перенос одобрен" in (decided.plain_text or "") and decided.buttons == []
    await harness.expect(dasha, "перенесён на 20 марта 2026 г.")
    await harness.message_becomes(dasha, card.message_id, "20 марта 2026 г.")
    # A second tap on the old button changes nothing.
    query = secretary.send_callback(request, data)
    assert (await harness.tg.wait_callback_answer(query)).text == "Уже сделано, кнопка устарела."

    await _request(harness, dasha, dasha.chat.message(card.message_id), "25.03.2026", "Ещё")
    second = await harness.expect(secretary, "Предлагаемый срок: 25 марта 2026 г.")
    await secretary.press(second, "Отклонить")
    declined = await harness.expect(dasha, "отказано")
    assert "Срок прежний: 20 марта 2026 г." in (declined.plain_text or "")

    await secretary.send("/history 1")
    history = await harness.expect(secretary, "История поручения №1")
    text = history.plain_text or ""
    for expected in (
        "создано",
        "назначено: Хнычева Д.С.",
        "карточка доставлена",
        "запрошен перенос срока на 20.03.2026: Ждём данные от колледжей",
        "срок перенесён: 12.03.2026 → 20.03.2026",
        "в переносе срока на 25.03.2026 отказано",
    ):
        assert expected in text, expected
    assert text.index("создано") < text.index("срок перенесён")


async def test_group_assignment_each_assignee_has_their_own_status(harness: Harness) -> None:
    secretary, _ = await harness.enroll("Секретарева Ольга Петровна", "секретарь")
    coordinator, _ = await harness.enroll("Петрова Анна Сергеевна", "координатор")
    dasha, _ = await harness.enroll("Хнычева Дарья Сергеевна")
    dima, _ = await harness.enroll("Матвеев Дмитрий Михайлович")
    petr, _ = await harness.enroll("Петров Пётр Петрович")
    await _create(
        harness,
        secretary,
        "Представить планы работы. Срок: до 10.03.2026. "
        "Ответственные: Хнычева Д.С., Матвеев Д.М., Петров П.П.",
    )
    cards = {u: await harness.expect(u, "Поручение №1") for u in (dasha, dima, petr)}

    for user in (dasha, dima):
        await user.press(cards[user], "📎 Отчёт")
        await harness.expect(user, "Пришлите отчёт")
        await user.send(f"План от {user.info.first_name}")
        await harness.expect(user, "отправлен на проверку")
    review_dasha = await harness.expect(secretary, "План от Дарья")
    review_dima = await harness.expect(secretary, "План от Дмитрий")
    await secretary.press(review_dasha, "Принять")
    await secretary.press(review_dima, "Вернуть на доработку")
    await harness.expect(secretary, "что нужно доработать")
    await secretary.send("Нет сроков мероприятий")
    await harness.expect(dima, "Нет сроков мероприятий")

    harness.clock.set(START + dt.timedelta(days=10))
    await coordinator.send("/overdue")
    overdue = await harness.expect(coordinator, "Просрочено поручений: 1, у исполнителей: 2")
    text = overdue.plain_text or ""
    assert "Матвеев Д.М." in text and "Петров П.П." in text and "Хнычева Д.С." not in text

    await secretary.send("/history 1")
    history = await harness.expect(secretary, "История поручения №1")
    text = history.plain_text or ""
    assert "Хнычева Д.С.: ✅ выполнено, принято" in text
    assert "Матвеев Д.М.: ↩️ возвращено на доработку" in text
    assert "Петров П.П.: новое" in text
    assert "возвращено на доработку: Нет сроков мероприятий" in text


async def test_history_is_not_shown_to_strangers_of_the_assignment(harness: Harness) -> None:
    secretary, _ = await harness.enroll("Секретарева Ольга Петровна", "секретарь")
    dasha, _ = await harness.enroll("Хнычева Дарья Сергеевна")
    other, _ = await harness.enroll("Матвеев Дмитрий Михайлович")
    await _create(harness, secretary, "Сдать отчёт. Срок: до 12.03.2026. Отв.: Хнычева Д.С.")
    await other.send("/history 1")
    await harness.expect(other, "недоступно вам")
    await dasha.send("/history 1")
    await harness.expect(dasha, "История поручения №1")


async def test_secretary_changes_deadline_text_people_controller_and_cancels(
    harness: Harness,
) -> None:
    secretary, _ = await harness.enroll("Секретарева Ольга Петровна", "секретарь")
    dasha, _ = await harness.enroll("Хнычева Дарья Сергеевна")
    dima, _ = await harness.enroll("Матвеев Дмитрий Михайлович", "контролёр")
    await _create(harness, secretary, "Сдать отчёт. Срок: до 12.03.2026. Отв.: Хнычева Д.С.")
    card = await harness.expect(dasha, "Поручение №1")

    await dasha.send("/a 1")
    await harness.expect(dasha, "могут его контролёр и секретари")

    await secretary.send("/a 1")
    manage = await harness.expect(secretary, "🛠 Поручение №1")
    assert "Исполнители (0 из 1 отчитались)" in (manage.plain_text or "")
    assert "Хнычева Д.С. — новое" in (manage.plain_text or "")

    await secretary.press(manage, "Срок")
    await harness.expect(secretary, "Пришлите новый срок")
    await secretary.send("до 01.01.2020")
    await harness.expect(secretary, "уже прошёл")
    await secretary.send("до 29.03.2026")  # a Sunday
    changed = await harness.expect(secretary, "изменено")
    assert "приходится на выходной" in (changed.plain_text or "")
    await secretary.press(manage, "Срок")
    await secretary.send("до 31.03.2026")
    changed = await harness.expect(secretary, "изменено")
    assert "выходной" not in (changed.plain_text or "")
    await harness.expect(dasha, "теперь 31 марта 2026 г.")
    await harness.message_becomes(dasha, card.message_id, "31 марта 2026 г.")

    await secretary.press(manage, "Текст")
    await secretary.send("Сдать отчёт за первый квартал")
    await harness.expect(secretary, "изменено")
    await harness.expect(dasha, "Текст поручения №1 изменён")
    await harness.message_becomes(dasha, card.message_id, "Сдать отчёт за первый квартал")

    await secretary.press(manage, "Добавить исполнителя")
    await secretary.send("Никто Н.Н.")
    await harness.expect(secretary, "Не удалось однозначно найти: «Никто Н.Н.»")
    await secretary.send("Матвеев Д.М.")
    await harness.expect(secretary, "изменено")
    dima_card = await harness.expect(dima, "Сдать отчёт за первый квартал")
    assert "31 марта 2026 г." in (dima_card.plain_text or "")

    await secretary.press(manage, "Контролёр")
    await secretary.send("Матвеев Д.М.")
    await harness.expect(secretary, "изменено")
    # The new controller decides on reports now.
    await dasha.press(card, "✅ Выполнено")
    comment = await harness.expect(dasha, "напишите комментарий")
    await dasha.press(comment, "Без комментария")
    review = await harness.expect(dima, "Отмечено выполнение")
    await dima.press(review, "Принять")
    # Cards are rendered when sent, so an earlier refresh may already show the new status.
    await harness.expect(dasha, "Отчёт по поручению №1 принят (Матвеев Д.М.)")
    await harness.message_becomes(dasha, card.message_id, "выполнено, принято")
    dasha.skip_unread()

    await secretary.press(manage, "Отменить поручение")
    await harness.expect(secretary, "Напишите причину")
    await secretary.send("Решение пересмотрено")
    await harness.expect(secretary, "отменено, исполнители уведомлены")
    await harness.expect(dima, "отменено (Секретарева О.П.). Причина: Решение пересмотрено")
    cancelled = await harness.message_becomes(dima, dima_card.message_id, "отменено")
    assert cancelled.button_texts == [["История"]]
    await dasha.expect_no_message(within=0.3)  # her part was accepted already

    await secretary.send("/history 1")
    history = await harness.expect(secretary, "История поручения №1")
    for expected in (
        "срок изменён: 29.03.2026 → 31.03.2026",
        "изменён текст",
        "контролёр: Матвеев Д.М.",
        "отменено: Решение пересмотрено",
    ):
        assert expected in (history.plain_text or ""), expected


async def test_removing_an_assignee_and_a_new_controller_are_told(harness: Harness) -> None:
    secretary, _ = await harness.enroll("Секретарева Ольга Петровна", "секретарь")
    dasha, _ = await harness.enroll("Хнычева Дарья Сергеевна")
    dima, _ = await harness.enroll("Матвеев Дмитрий Михайлович")
    await _create(
        harness, secretary, "Сдать отчёт. Срок: до 12.03.2026. Отв.: Хнычева Д.С., Матвеев Д.М."
    )
    await harness.expect(dasha, "Поручение №1")
    dima_card = await harness.expect(dima, "Поручение №1")
    await secretary.send("/a 1")
    manage = await harness.expect(secretary, "🛠 Поручение №1")
    await secretary.press(manage, "Снять исполнителя")
    await harness.expect(secretary, "Кого снять")
    await secretary.send("Матвеев Д.М.")
    await harness.expect(secretary, "изменено")
    await harness.expect(dima, "Вы сняты с поручения №1")
    await harness.message_becomes(dima, dima_card.message_id, "отменено")
    await secretary.press(manage, "Контролёр")
    await secretary.send("Хнычева Д.С.")
    await harness.expect(secretary, "изменено")
    await harness.expect(dasha, "Вы назначены контролёром поручения №1")
    await secretary.send("/a 1")
    again = await harness.expect(secretary, "🛠 Поручение №1")
    text = again.plain_text or ""
    assert "Контролёр: Хнычева Д.С." in text and "Матвеев Д.М. — отменено" in text


async def _set_controller(harness: Harness, secretary: UserHandle, name: str) -> None:
    await secretary.send("/a 1")
    manage = await harness.expect(secretary, "🛠 Поручение №1")
    await secretary.press(manage, "Контролёр")
    await harness.expect(secretary, "Кто будет контролёром")
    await secretary.send(name)
    await harness.expect(secretary, "изменено")


async def test_a_new_controller_gets_what_waits_for_a_decision(harness: Harness) -> None:
    secretary, _ = await harness.enroll("Секретарева Ольга Петровна", "секретарь")
    dasha, _ = await harness.enroll("Хнычева Дарья Сергеевна")
    dima, _ = await harness.enroll("Матвеев Дмитрий Михайлович", "контролёр")
    petr, _ = await harness.enroll("Петров Пётр Петрович", "контролёр")
    text = "Сдать отчёт. Срок: до 12.03.2026. Отв.: Хнычева Д.С., Матвеев Д.М."
    await _create(harness, secretary, text)
    dasha_card = await harness.expect(dasha, "Поручение №1")
    dima_card = await harness.expect(dima, "Поручение №1")
    await _set_controller(harness, secretary, "Петров П.П.")
    await harness.expect(petr, "Вы назначены контролёром")
    # Хнычева reports, Матвеев asks for a new deadline: both go to Петров.
    await dasha.press(dasha_card, "📎 Отчёт")
    await harness.expect(dasha, "Пришлите отчёт")
    await dasha.send("Отчёт готов")
    await harness.expect(dasha, "отправлен на проверку: Петров П.П.")
    old_review = await harness.expect(petr, "📥 Отчёт по поручению №1")
    await _request(harness, dima, dima.chat.message(dima_card.message_id), "20.03.2026", "Ждём")
    old_request = await harness.expect(petr, "Запрос на перенос срока")

    # The controller changes while both wait: the new one gets them, with buttons that work.
    await _set_controller(harness, secretary, "Секретарева О.П.")
    review = await harness.expect(secretary, "📥 Отчёт по поручению №1")
    assert "Отчёт готов" in (review.plain_text or "")
    request = await harness.expect(secretary, "Предлагаемый срок: 20 марта 2026 г.")
    answer = await petr.press(old_review, "Принять")
    assert "только контролёр" in (answer.text or "")
    answer = await petr.press(old_request, "Одобрить")
    assert "только контролёр" in (answer.text or "")
    await secretary.press(review, "Принять")
    await harness.expect(dasha, "принят")
    await secretary.press(request, "Одобрить")
    await harness.expect(dima, "перенесён на 20 марта 2026 г.")


async def test_removing_a_controller_passes_their_control_to_the_remover(
    harness: Harness,
) -> None:
    secretary, _ = await harness.enroll("Секретарева Ольга Петровна", "секретарь")
    dasha, _ = await harness.enroll("Хнычева Дарья Сергеевна")
    dima, dima_id = await harness.enroll("Матвеев Дмитрий Михайлович", "контролёр")
    await _create(harness, secretary, "Сдать отчёт. Срок: до 12.03.2026. Отв.: Хнычева Д.С.")
    card = await harness.expect(dasha, "Поручение №1")
    await _set_controller(harness, secretary, "Матвеев Д.М.")
    await harness.expect(dima, "Вы назначены контролёром")
    await dasha.press(card, "📎 Отчёт")
    await harness.expect(dasha, "Пришлите отчёт")
    await dasha.send("Отчёт готов")
    await harness.expect(dima, "📥 Отчёт по поручению №1")

    await secretary.send(f"/remove {dima_id}")
    removed = await harness.expect(secretary, "убран")
    assert "под его/её контролем: 1 — контроль передан вам" in (removed.plain_text or "")
    review = await harness.expect(secretary, "📥 Отчёт по поручению №1")
    await secretary.press(review, "Вернуть")
    await harness.expect(secretary, "что нужно доработать")
    await secretary.send("Добавьте таблицу")
    await harness.expect(dasha, "Добавьте таблицу")
    # The next report goes to the secretary, not to the removed controller.
    returned = await harness.message_becomes(dasha, card.message_id, "возвращено на доработку")
    await dasha.press(returned, "📎 Отчёт")
    await harness.expect(dasha, "Пришлите отчёт")
    await dasha.send("Таблица добавлена")
    await harness.expect(dasha, "отправлен на проверку: Секретарева О.П.")
    await harness.expect(secretary, "Таблица добавлена")


async def test_adding_someone_already_on_it_leaves_their_result_alone(harness: Harness) -> None:
    secretary, _ = await harness.enroll("Секретарева Ольга Петровна", "секретарь")
    dasha, _ = await harness.enroll("Хнычева Дарья Сергеевна")
    await harness.enroll("Матвеев Дмитрий Михайлович")
    await _create(harness, secretary, "Сдать отчёт. Срок: до 12.03.2026. Отв.: Хнычева Д.С.")
    card = await harness.expect(dasha, "Поручение №1")
    await dasha.press(card, "✅ Выполнено")
    prompt = await harness.expect(dasha, "напишите комментарий")
    await dasha.press(prompt, "Без комментария")
    review = await harness.expect(secretary, "Отмечено выполнение")
    await secretary.press(review, "Принять")
    await harness.expect(dasha, "принят")

    await secretary.send("/a 1")
    manage = await harness.expect(secretary, "🛠 Поручение №1")
    await secretary.press(manage, "Добавить исполнителя")
    await harness.expect(secretary, "Кого добавить")
    await secretary.send("Хнычева Д.С., Матвеев Д.М.")
    done = await harness.expect(secretary, "изменено")
    assert "Уже в поручении, оставлены как есть: Хнычева Д.С." in (done.plain_text or "")
    await secretary.send("/a 1")
    manage = await harness.expect(secretary, "🛠 Поручение №1")
    lines = (manage.plain_text or "").splitlines()
    assert any("Хнычева" in line and "принято" in line for line in lines), lines
    assert any("Матвеев" in line for line in lines), lines
    assert "Поручение №1" not in (dasha.last_bot_message.plain_text or ""), "no second card"


async def test_a_long_text_and_a_big_group_fit_the_management_view(harness: Harness) -> None:
    secretary, _ = await harness.enroll("Секретарева Ольга Петровна", "секретарь")
    people = await harness.add_crowd(150)
    creator = await harness.person(1)
    created = await harness.app.tracker.create(
        creator,
        [
            NewAssignment(
                text="Представить отчёт",
                deadline_date=START.date() + dt.timedelta(days=10),
                deadline_time=None,
                deadline_kind="date",
                deadline_raw="",
                person_ids=tuple(people),
            )
        ],
    )
    assert created is not None
    await secretary.send("/a 1")
    manage = await harness.expect(secretary, "🛠 Поручение №1")
    text = manage.plain_text or ""
    assert "Руководителев000 И.П." in text and "…и ещё" in text
    await secretary.press(manage, "Текст")
    await harness.expect(secretary, "Пришлите новый текст")
    await secretary.send(("Новый текст поручения " * 200)[:4000])
    await harness.expect(secretary, "изменено")
    await secretary.send("/a 1")
    manage = await harness.expect(secretary, "🛠 Поручение №1")
    assert "Новый текст поручения" in (manage.plain_text or "")
    assert len(manage.plain_text or "") <= 4096


async def _waiting_for(harness: Harness, person_id: int) -> int:
    async with harness.app.db.read() as tx:
        rows = await tx.conn.execute_fetchall(
            "SELECT count(*) FROM outbox WHERE person_id = ? AND sent_at IS NULL"
            " AND failed_at IS NULL",
            (person_id,),
        )
    return int(next(iter(rows))[0])


async def test_what_waited_for_a_removed_person_is_given_up(harness: Harness) -> None:
    secretary, _ = await harness.enroll("Секретарева Ольга Петровна", "секретарь")
    _, petrov_id = await harness.enroll("Петров Пётр Петрович", link=False)
    await _create(harness, secretary, "Сдать отчёт. Срок: до 12.03.2026. Отв.: Петров П.П.")
    assert await _waiting_for(harness, petrov_id) == 1  # his card, until he links
    await secretary.send(f"/remove {petrov_id}")
    removed = await harness.expect(secretary, "убран")
    assert "Снят(а) с поручений: №1" in (removed.plain_text or "")
    assert await _waiting_for(harness, petrov_id) == 0
    async with harness.app.db.transaction() as tx:
        assert await tx.outbox.pending_count() == 0  # as /health reports it
    # His part is closed: nothing of his stays open, overdue or reminded.
    harness.clock.advance(dt.timedelta(days=30))
    await secretary.send("/overdue")
    await harness.expect(secretary, "Просроченных поручений нет")
    await secretary.send("/a 1")
    manage = await harness.expect(secretary, "🛠 Поручение №1")
    assert "Петров П.П. — отменено" in (manage.plain_text or ""), manage.plain_text


async def test_an_outdated_deadline_request_cannot_move_the_deadline_back(
    harness: Harness,
) -> None:
    secretary, _ = await harness.enroll("Секретарева Ольга Петровна", "секретарь")
    dasha, _ = await harness.enroll("Хнычева Дарья Сергеевна")
    await _create(harness, secretary, "Сдать отчёт. Срок: до 12.03.2026. Отв.: Хнычева Д.С.")
    card = await harness.expect(dasha, "Поручение №1")
    await _request(harness, dasha, card, "20.03.2026", "Нужно время")
    first = await harness.expect(secretary, "Предлагаемый срок: 20 марта")
    await _request(harness, dasha, dasha.chat.message(card.message_id), "25.03.2026", "Ещё")
    second = await harness.expect(secretary, "Предлагаемый срок: 25 марта")
    await secretary.press(second, "Одобрить")
    await harness.expect(dasha, "перенесён на 25 марта 2026 г.")
    answer = await secretary.press(first, "Одобрить")
    assert "уже перенесён на эту дату или позже" in (answer.text or "")
    view = (await harness.app.tracker.views([1]))[0]
    assert view.deadline == dt.date(2026, 3, 25)
    # The secretary moves it for everyone; an older request still cannot shorten it.
    await secretary.send("/a 1")
    manage = await harness.expect(secretary, "🛠 Поручение №1")
    await secretary.press(manage, "Срок")
    await harness.expect(secretary, "Пришлите новый срок")
    await secretary.send("до 31.03.2026")
    await harness.expect(secretary, "изменено")
    answer = await secretary.press(first, "Одобрить")
    assert "уже перенесён" in (answer.text or "")
    assert (await harness.app.tracker.views([1]))[0].deadline == dt.date(2026, 3, 31)
    # Declining it is still possible, and tells her the deadline stands.
    await secretary.press(first, "Отклонить")
    declined = await harness.expect(dasha, "отказано")
    assert "Срок прежний: 31 марта 2026 г." in (declined.plain_text or "")


async def test_a_blocked_controller_is_reported_to_the_administrator(harness: Harness) -> None:
    secretary, _ = await harness.enroll("Секретарева Ольга Петровна", "секретарь")
    dasha, _ = await harness.enroll("Хнычева Дарья Сергеевна")
    await _create(harness, secretary, "Сдать отчёт. Срок: до 12.03.2026. Отв.: Хнычева Д.С.")
    card = await harness.expect(dasha, "Поручение №1")
    harness.tg.block(secretary.id)  # she wrote it and reviews it, and blocks the bot
    await dasha.press(card, "📎 Отчёт")
    await harness.expect(dasha, "Пришлите отчёт")
    await dasha.send("Готово")
    await harness.expect(dasha, "отправлен на проверку")
    told = await harness.expect(harness.admin, "не получает")
    assert "Секретарева О.П." in (told.plain_text or "")


async def test_a_long_history_keeps_its_newest_events_in_a_few_messages(
    harness: Harness,
) -> None:
    secretary, _ = await harness.enroll("Секретарева Ольга Петровна", "секретарь")
    await _create(harness, secretary, "Сдать отчёт. Срок: до 12.03.2026. Отв.: Секретарева О.П.")
    await harness.expect(secretary, "Поручение №1")  # her card, before the count below starts
    async with harness.app.db.transaction() as tx:
        for n in range(2400):  # months of daily reminders for a big group
            await tx.events.add(
                "snoozed", now=START + dt.timedelta(minutes=n), assignment_id=1, assignee_id=1
            )
        await tx.events.add("marked_done", now=START + dt.timedelta(days=5), assignment_id=1)
    secretary.skip_unread()
    before = len(harness.tg.calls_of("sendMessage", chat_id=secretary.id))
    await secretary.send("/history 1")
    await harness.expect(secretary, "История поручения №1")
    last = await harness.expect(secretary, "…более ранних событий:")
    if "отметил(а) выполнение" not in (last.plain_text or ""):
        last = await harness.expect(secretary, "отметил(а) выполнение")  # the newest is kept
    assert (last.plain_text or "").rstrip().endswith("отметил(а) выполнение")
    assert "\n\n" not in (last.plain_text or "")  # a line each, not a paragraph each
    await secretary.expect_no_message(within=0.3, include_edits=False)
    sent = len(harness.tg.calls_of("sendMessage", chat_id=secretary.id)) - before
    assert sent <= 3, sent


async def test_a_report_in_time_counts_as_on_time_whenever_it_is_accepted(
    harness: Harness,
) -> None:
    """Executive discipline judges the assignee by when their report came: a controller
    who checks it days after the deadline does not make them late, and a report still
    waiting to be checked is not overdue."""
    secretary, _ = await harness.enroll("Секретарева Ольга Петровна", "секретарь")
    dasha, _ = await harness.enroll("Хнычева Дарья Сергеевна")
    dima, _ = await harness.enroll("Матвеев Дмитрий Михайлович")
    # START is Monday 2 March 2026, 10:00; both deadlines are on Wednesday the 4th.
    await _create(harness, secretary, "Сдать отчёт. Срок: до 04.03.2026. Отв.: Хнычева Д.С.")
    await _create(harness, secretary, "Сдать план. Срок: до 04.03.2026. Отв.: Матвеев Д.М.")
    await _create(harness, secretary, "Сдать смету. Срок: до 04.03.2026. Отв.: Хнычева Д.С.")
    for user, number in ((dasha, 1), (dasha, 3), (dima, 2)):
        card = next(m for m in user.bot_messages if f"Поручение №{number}" in (m.plain_text or ""))
        if number == 2:
            harness.clock.set(START + dt.timedelta(days=3))  # Thursday: a day late
        await user.press(user.chat.message(card.message_id), "📎 Отчёт")
        await harness.expect(user, f"Пришлите отчёт по поручению №{number}")
        await user.send(f"Отчёт по №{number}")
        await harness.expect(secretary, f"📥 Отчёт по поручению №{number}")
    reviews = {
        n: next(
            m
            for m in secretary.bot_messages
            if f"📥 Отчёт по поручению №{n}" in (m.plain_text or "")
        )
        for n in (1, 2)
    }
    harness.clock.set(START + dt.timedelta(days=7))  # the next Monday: both checked late
    for n in (1, 2):
        await secretary.press(reviews[n], "Принять")
        await harness.expect(secretary, "✅ Принято")
    whole = await harness.app.tracker.discipline(dt.date(2026, 3, 1), dt.date(2026, 3, 31))
    table = {r.name: (r.assigned, r.on_time, r.late, r.overdue, r.open) for r in whole[0]}
    assert table == {
        # №1 reported Monday, accepted a week later: on time; №3 waits for the check: open.
        "Хнычева Д.С.": (2, 1, 0, 0, 1),
        "Матвеев Д.М.": (1, 0, 1, 0, 0),  # reported on Thursday: late
    }
