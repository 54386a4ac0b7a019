"""Flows 1–4: add by message, the card, report and review, only the right person."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

from bot.app import FORM_TTL
from bot.callbacks import CardAction, CardCallback, ReviewAction, ReviewCallback
from storage.models import AssigneeStatus
from tests.e2e.conftest import START, Harness
from tests.fakebot import TINY_PNG, MessageView, UserHandle

TASK = "Подготовить отчёт о трудоустройстве выпускников"


@dataclass
class Team:
    secretary: UserHandle
    secretary_id: int
    dasha: UserHandle
    dasha_id: int


@pytest.fixture
async def team(harness: Harness) -> Team:
    secretary, secretary_id = await harness.enroll("Секретарева Ольга Петровна", "секретарь")
    dasha, dasha_id = await harness.enroll(
        "Хнычева Дарья Сергеевна", position="заместитель начальника", organisation="Департамент"
    )
    return Team(secretary, secretary_id, dasha, dasha_id)


async def _preview(harness: Harness, team: Team, text: str) -> MessageView:
    await team.secretary.send("/new")
    await harness.expect(team.secretary, "Пришлите поручение")
    await team.secretary.send(text)
    return await harness.expect(team.secretary, "Проверьте поручение")


@pytest.mark.parametrize(
    ("message", "deadline"),
    [
        (f"{TASK}. Срок: до 27.01.2027. Ответственный: Хнычева Д.С.", "27 января 2027 г."),
        (f"Ответственный: Хнычева Д.С. {TASK}. Срок: 27 января 2027 г.", "27 января 2027 г."),
        (f"{TASK}. Отв.: Хнычева Д.С. Срок: до 27.01.2027", "27 января 2027 г."),
        (f"{TASK}. Исполнитель: Д.С. Хнычева. Срок: до 12:00 27.01.2027", "до 12:00 27 января"),
    ],
)
async def test_secretary_adds_an_assignment_by_message_and_the_assignee_gets_a_card(
    harness: Harness, team: Team, message: str, deadline: str
) -> None:
    preview = await _preview(harness, team, message)
    text = preview.plain_text or ""
    assert TASK in text
    assert deadline in text
    assert "Хнычева Д.С." in text
    assert "⚠️" not in text
    answer = await team.secretary.press(preview, "Сохранить")
    assert answer.text is None or "уже" not in answer.text
    saved = await harness.expect(team.secretary, "сохранено и отправлено")
    assert "Хнычева Д.С." in (saved.plain_text or "")
    card = await harness.expect(team.dasha, "Поручение №")
    card_text = card.plain_text or ""
    assert TASK in card_text and deadline in card_text
    assert card.button_texts == [
        ["✅ Выполнено", "📎 Отчёт"],
        ["🕓 Напомнить завтра", "📅 Перенести срок"],
        ["История"],
    ]


async def test_unknown_person_is_pointed_out_and_can_be_fixed_by_adding_them(
    harness: Harness, team: Team
) -> None:
    preview = await _preview(
        harness, team, f"{TASK}. Срок: до 27.01.2027. Ответственный: Матвеев Д.М."
    )
    text = preview.plain_text or ""
    assert "Нет в справочнике" in text and "Матвеев Д.М." in text
    buttons = [b for row in preview.button_texts for b in row]
    assert "Сохранить" not in buttons and "Проверить снова" in buttons
    await harness.enroll("Матвеев Дмитрий Михайлович")
    await team.secretary.press(preview, "Проверить снова")
    fixed = await harness.expect(team.secretary, "Проверьте поручение")
    assert "Нет в справочнике" not in (fixed.plain_text or "")
    await team.secretary.press(fixed, "Сохранить")
    await harness.expect(team.secretary, "сохранено и отправлено")


async def test_missing_deadline_is_pointed_out_and_saving_without_it_is_explicit(
    harness: Harness, team: Team
) -> None:
    preview = await _preview(harness, team, f"{TASK}. Ответственный: Хнычева Д.С.")
    assert "Срок не указан" in (preview.plain_text or "")
    await team.secretary.press(preview, "Сохранить без срока")
    await harness.expect(team.secretary, "сохранено")
    card = await harness.expect(team.dasha, "Поручение №")
    assert "Срок не установлен" in (card.plain_text or "")


async def test_unreadable_deadline_blocks_saving_until_edited(
    harness: Harness, team: Team
) -> None:
    preview = await _preview(
        harness, team, f"{TASK}. Срок: когда-нибудь потом. Ответственный: Хнычева Д.С."
    )
    text = preview.plain_text or ""
    assert "Не удалось прочитать срок" in text
    buttons = [b for row in preview.button_texts for b in row]
    assert not any(b.startswith("Сохранить") for b in buttons)
    await team.secretary.press(preview, "Изменить")
    await harness.expect(team.secretary, "исправленный текст")
    await team.secretary.send(f"{TASK}. Срок: до 01.02.2027. Ответственный: Хнычева Д.С.")
    fixed = await harness.expect(team.secretary, "Проверьте поручение")
    assert "1 февраля 2027 г." in (fixed.plain_text or "")
    await team.secretary.press(fixed, "Сохранить")
    await harness.expect(team.secretary, "сохранено")


async def test_deadline_in_the_past_needs_an_explicit_confirmation(
    harness: Harness, team: Team
) -> None:
    preview = await _preview(
        harness, team, f"{TASK}. Срок: до 27.01.2023. Ответственный: Хнычева Д.С."
    )
    assert "уже прошёл" in (preview.plain_text or "")
    buttons = [b for row in preview.button_texts for b in row]
    assert "Сохранить" not in buttons
    await team.secretary.press(preview, "Да, срок в прошлом")
    await harness.expect(team.secretary, "сохранено")
    await harness.expect(team.dasha, "просрочено")


async def test_cancel_saves_nothing_and_a_second_tap_on_save_saves_once(
    harness: Harness, team: Team
) -> None:
    preview = await _preview(
        harness, team, f"{TASK}. Срок: до 27.01.2027. Ответственный: Хнычева Д.С."
    )
    save_data = preview.button("Сохранить").callback_data
    await team.secretary.press(preview, "Сохранить")
    await harness.expect(team.secretary, "сохранено")
    query = team.secretary.send_callback(preview, save_data)
    again = await harness.tg.wait_callback_answer(query)
    assert again.text == "Этот черновик уже закрыт."
    assert (
        await harness.app.tracker.my_page(await harness.person(team.dasha_id), 0, 10)
    ).total == 1

    second = await _preview(harness, team, f"{TASK} 2. Срок: до 27.01.2027. Отв.: Хнычева Д.С.")
    await team.secretary.press(second, "Отмена")
    await harness.expect(team.secretary, "ничего не сохранено")
    assert (
        await harness.app.tracker.my_page(await harness.person(team.dasha_id), 0, 10)
    ).total == 1


async def _save(harness: Harness, team: Team) -> MessageView:
    preview = await _preview(
        harness, team, f"{TASK}. Срок: до 27.01.2027. Ответственный: Хнычева Д.С."
    )
    await team.secretary.press(preview, "Сохранить")
    await harness.expect(team.secretary, "сохранено")
    return await harness.expect(team.dasha, "Поручение №", edits=False)


async def test_report_with_a_file_then_return_then_done_then_accept(
    harness: Harness, team: Team
) -> None:
    card = await _save(harness, team)
    dasha, secretary = team.dasha, team.secretary

    # 📎 Отчёт with a file: the controller gets the file with the decision buttons.
    await dasha.press(card, "📎 Отчёт")
    prompt = await harness.expect(dasha, "Пришлите отчёт")
    assert [b for row in prompt.button_texts for b in row] == ["Отмена"]
    await dasha.send_document(b"%PDF-1.4 report", "отчёт.pdf", caption="Отчёт во вложении")
    await harness.expect(dasha, "отправлен на проверку: Секретарева О.П.")
    refreshed = await harness.message_becomes(dasha, card.message_id, "отчёт на проверке")
    assert refreshed.edited and refreshed.button_texts == [["История"]]
    review = await harness.expect(secretary, "Отчёт по поручению")
    assert review.document is not None and review.document.file_name == "отчёт.pdf"
    assert "Отчёт во вложении" in (review.plain_text or "")

    # Вернуть на доработку asks for a reason, which the assignee receives.
    await secretary.press(review, "Вернуть на доработку")
    await harness.expect(secretary, "что нужно доработать")
    await secretary.send("Нет данных за 2022 год")
    await harness.expect(secretary, "Возвращено исполнителю")
    returned = await harness.expect(dasha, "Причина: Нет данных за 2022 год")
    assert "возвращено на доработку" in (returned.plain_text or "")
    card_again = await harness.message_becomes(dasha, card.message_id, "возвращено на доработку")
    assert card_again.edited and card_again.buttons

    # ✅ Выполнено with no comment, then Принять.
    await dasha.press(card_again, "✅ Выполнено")
    comment = await harness.expect(dasha, "напишите комментарий")
    await dasha.press(comment, "Без комментария")
    await harness.expect(dasha, "отправлен на проверку")
    second = await harness.expect(secretary, "Отмечено выполнение")
    answer = await secretary.press(second, "Принять")
    assert answer.text == "Отчёт принят."
    closed = secretary.chat.message(second.message_id)
    assert "Принято" in (closed.plain_text or "") and closed.buttons == []
    await harness.expect(dasha, "Отчёт по поручению №1 принят")
    final = await harness.message_becomes(dasha, card.message_id, "выполнено, принято")
    assert final.button_texts == [["История"]]

    # A stale button on the old card gets a short answer, not an error.
    stale = CardCallback(action=CardAction.DONE, assignee_id=1).pack()
    query = dasha.send_callback(card_again, stale)
    assert (await harness.tg.wait_callback_answer(query)).text == "Уже сделано, кнопка устарела."


async def test_report_as_photo_and_as_text(harness: Harness, team: Team) -> None:
    card = await _save(harness, team)
    await team.dasha.press(card, "📎 Отчёт")
    await harness.expect(team.dasha, "Пришлите отчёт")
    await team.dasha.send_photo(TINY_PNG, caption="Фото протокола")
    await harness.expect(team.dasha, "отправлен на проверку")
    review = await harness.expect(team.secretary, "Отчёт по поручению")
    assert review.photo is not None
    assert "Вложения: фото" in (review.plain_text or ""), review.plain_text

    card2 = await _save(harness, team)
    await team.dasha.press(card2, "📎 Отчёт")
    await harness.expect(team.dasha, "Пришлите отчёт")
    await team.dasha.send("Сделано, данные направлены письмом")
    await harness.expect(team.dasha, "отправлен на проверку")
    review2 = await harness.expect(team.secretary, "Сделано, данные направлены письмом")
    assert review2.button_texts == [["Принять", "Вернуть на доработку"]]


async def test_report_form_can_be_cancelled_and_loses_nothing(
    harness: Harness, team: Team
) -> None:
    card = await _save(harness, team)
    await team.dasha.press(card, "📎 Отчёт")
    prompt = await harness.expect(team.dasha, "Пришлите отчёт")
    await team.dasha.press(prompt, "Отмена")
    await harness.expect(team.dasha, "Отменено")
    await team.dasha.send("/my")
    listing = await harness.expect(team.dasha, "Ваши поручения (1)")
    assert "новое" in (listing.plain_text or "")


async def test_only_the_assignee_reports_and_only_the_controller_reviews(
    harness: Harness, team: Team
) -> None:
    card = await _save(harness, team)
    other, _ = await harness.enroll("Матвеев Дмитрий Михайлович")
    for action in (CardAction.DONE, CardAction.REPORT, CardAction.SNOOZE):
        data = CardCallback(action=action, assignee_id=1).pack()
        # A forged button on a message in the intruder's own chat, carrying her id.
        query = other.send_callback(other.last_bot_message, data)
        answer = await harness.tg.wait_callback_answer(query)
        assert answer.text == "Это поручение назначено не вам."
        assert answer.show_alert
    # The assignee reports; neither she nor a bystander may accept her own report.
    await team.dasha.press(card, "✅ Выполнено")
    comment = await harness.expect(team.dasha, "напишите комментарий")
    await team.dasha.press(comment, "Без комментария")
    await harness.expect(team.secretary, "Отмечено выполнение")
    for intruder in (team.dasha, other):
        data = ReviewCallback(action=ReviewAction.ACCEPT, assignee_id=1).pack()
        query = intruder.send_callback(intruder.last_bot_message, data)
        answer = await harness.tg.wait_callback_answer(query)
        assert (
            answer.text
            == "Принимать отчёт может только контролёр поручения, секретарь или администратор."
        )
    # Forged ids for things that do not exist are refused too.
    query = other.send_callback(
        other.last_bot_message, CardCallback(action=CardAction.DONE, assignee_id=999).pack()
    )
    assert (await harness.tg.wait_callback_answer(query)).text == "Поручение не найдено."
    query = other.send_callback(other.last_bot_message, "garbage:data")
    assert (await harness.tg.wait_callback_answer(query)).text == "Уже сделано, кнопка устарела."
    # Executors cannot create assignments or see everyone's overdue items.
    await team.dasha.send("/new")
    await harness.expect(team.dasha, "недоступна")
    await team.dasha.send("/overdue")
    await harness.expect(team.dasha, "недоступна")


async def test_a_name_that_fits_two_people_is_asked_not_guessed(
    harness: Harness, team: Team
) -> None:
    await harness.enroll("Матвеев Дмитрий Михайлович", organisation="СмолАПО")
    diana, _ = await harness.enroll("Матвеева Диана Михайловна", organisation="Департамент")
    preview = await _preview(
        harness, team, f"{TASK}. Срок: до 27.01.2027. Ответственный: Матвееву Д.М."
    )
    text = preview.plain_text or ""
    assert "несколько совпадений" in text
    buttons = [b for row in preview.button_texts for b in row]
    # Namesakes differ by their full names, a row each.
    assert "Матвеев Дмитрий Михайлович, СмолАПО" in buttons
    assert "Матвеева Диана Михайловна, Департамент" in buttons
    assert "Сохранить" not in buttons
    await team.secretary.press(preview, "Матвеева Диана Михайловна, Департамент")
    chosen = await harness.message_becomes(team.secretary, preview.message_id, "Матвеева Д.М.")
    assert "несколько совпадений" not in (chosen.plain_text or "")
    await team.secretary.press(chosen, "Сохранить")
    await harness.expect(team.secretary, "сохранено")
    await harness.expect(diana, TASK)


async def test_an_older_prompts_no_comment_button_does_not_act_on_another(
    harness: Harness, team: Team
) -> None:
    card1 = await _save(harness, team)
    card2 = await _save(harness, team)
    await team.dasha.press(card1, "✅ Выполнено")
    prompt1 = await harness.expect(team.dasha, "Поручение №1: напишите комментарий")
    await team.dasha.press(card2, "✅ Выполнено")
    prompt2 = await harness.expect(team.dasha, "Поручение №2: напишите комментарий")
    answer = await team.dasha.press(prompt1, "Без комментария")
    assert answer.text == "Уже сделано, кнопка устарела."
    await team.dasha.expect_no_message(within=0.3)  # №2 is not reported by №1's button
    await team.dasha.press(prompt2, "Без комментария")
    await harness.expect(team.dasha, "Отчёт по поручению №2 отправлен на проверку")


async def test_a_video_report_is_refused_not_reduced_to_its_caption(
    harness: Harness, team: Team
) -> None:
    card = await _save(harness, team)
    await team.dasha.press(card, "📎 Отчёт")
    await harness.expect(team.dasha, "Пришлите отчёт")
    video = {"file_id": "BAACvideo1", "file_unique_id": "AgADv1", "width": 640, "height": 480,
             "duration": 30, "file_name": "event.mp4", "mime_type": "video/mp4"}  # fmt: skip
    harness.tg.queue_update(
        "message",
        {
            "message_id": 900_001,
            "date": int(START.timestamp()),
            "chat": {"id": team.dasha.id, "type": "private", "first_name": "Дарья"},
            "from": {"id": team.dasha.id, "is_bot": False, "first_name": "Дарья"},
            "video": video,
            "caption": "Видео с мероприятия",
        },
    )
    await harness.expect(team.dasha, "Видео, аудио и голосовые в отчёт не принимаются")
    # The form is still open: a file goes through.
    await team.dasha.send_document(b"%PDF-1.4 report", "отчёт.pdf")
    await harness.expect(team.dasha, "отправлен на проверку")


async def test_an_edited_message_is_answered_not_silently_ignored(
    harness: Harness, team: Team
) -> None:
    sent = await team.secretary.send(f"{TASK}. Срок: до 27.01.2020. Ответственный: Хнычева Д.С.")
    await harness.expect(team.secretary, "Проверьте поручение")
    edited = dict(sent, text=sent["text"].replace("2020", "2027"), edit_date=sent["date"] + 5)
    harness.tg.queue_update("edited_message", edited)
    reply = await harness.expect(team.secretary, "Исправление сообщения бот не учитывает")
    assert reply.plain_text is not None
    assert "edited_message" in (harness.tg.allowed_updates or [])


async def test_an_album_is_one_report_with_every_file(harness: Harness, team: Team) -> None:
    card = await _save(harness, team)
    await team.dasha.press(card, "📎 Отчёт")
    await harness.expect(team.dasha, "Пришлите отчёт")
    team.secretary.skip_unread()
    for part in range(3):  # Telegram sends an album's parts as messages of one media group
        sent = await team.dasha.send_document(
            f"%PDF-1.4 часть {part}".encode(), f"часть{part}.pdf",
            caption="Отчёт по трём школам" if part == 0 else None,
        )  # fmt: skip
        sent["media_group_id"] = "13579"
    await harness.expect(team.dasha, "Отчёт по поручению №1 отправлен на проверку")
    # The controller gets the files, the review with its buttons under the last one.
    parts = [await team.secretary.next_message() for _ in range(3)]
    assert [p.document.file_name if p.document else None for p in parts] == [
        "часть0.pdf",
        "часть1.pdf",
        "часть2.pdf",
    ]
    assert "Отчёт по трём школам" in (parts[-1].plain_text or "")
    await team.dasha.expect_no_message(within=0.3, include_edits=False)  # one report


async def test_a_prompt_left_for_hours_does_not_take_the_next_message(
    harness: Harness, team: Team
) -> None:
    card = await _save(harness, team)
    await team.dasha.press(card, "📎 Отчёт")
    await harness.expect(team.dasha, "Пришлите отчёт")
    await team.dasha.send("Готово")
    await harness.expect(team.dasha, "отправлен на проверку")
    review = await harness.expect(team.secretary, "Отчёт по поручению")
    await team.secretary.press(review, "Вернуть на доработку")
    await harness.expect(team.secretary, "что нужно доработать")
    harness.clock.advance(FORM_TTL + dt.timedelta(minutes=1))  # she was called away
    await team.secretary.send("Провести совещание. Срок: до 27.02.2027. Отв.: Хнычева Д.С.")
    await harness.expect(team.secretary, "Проверьте поручение")  # a new draft, not a reason
    (view,) = await harness.app.tracker.views([1])
    assert view.assignee.status is AssigneeStatus.REPORTED  # nothing was returned to her
