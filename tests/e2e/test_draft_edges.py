"""Draft previews at their edges: buttons of old messages, long protocols, typed fixes that must
not become aliases, groups too big to list."""

from __future__ import annotations

import io
import itertools

import openpyxl

from bot.callbacks import ChooseCallback, DraftCallback
from bot.texts import core as t
from tests.e2e.conftest import Harness
from tests.fakebot import MessageView, UserHandle
from tracking.drafts import DraftContent

TELEGRAM_BUTTONS = 100
TELEGRAM_TEXT = 4096

FOUR = """ПРОТОКОЛ № 7
заседания совета
г. Смоленск, 15 января 2027 г.

РЕШИЛИ:
1. Хнычевой Д.С. подготовить отчёт ПЕРВЫЙ. Срок: до 27.01.2027.
2. Хнычевой Д.С. подготовить отчёт ВТОРОЙ. Срок: до 27.01.2027.
3. Хнычевой Д.С. подготовить отчёт ТРЕТИЙ. Срок: до 27.01.2027.
4. Хнычевой Д.С. подготовить отчёт ЧЕТВЁРТЫЙ. Срок: до 27.01.2027.
"""
ORDINALS = ("ПЕРВЫЙ", "ВТОРОЙ", "ТРЕТИЙ", "ЧЕТВЁРТЫЙ")


async def _secretary(harness: Harness) -> UserHandle:
    secretary, _ = await harness.enroll("Секретарева Ольга Петровна", "секретарь")
    await harness.enroll("Хнычева Дарья Сергеевна")
    return secretary


async def _items(harness: Harness, message: MessageView) -> list[str]:
    """The texts of the draft's items, in order, as stored."""
    data = next(b.callback_data for row in message.buttons for b in row if b.callback_data)
    draft = await harness.app.tracker.draft(DraftCallback.unpack(data or "").draft_id)
    assert draft is not None
    return [item.text for item in DraftContent.from_payload(draft.payload).items]


def _ordinals(texts: list[str]) -> list[str]:
    """«ПЕРВЫЙ», «ВТОРОЙ»… of the FOUR protocol's item texts."""
    words = (word.strip(".") for text in texts for word in text.split())
    return [word for word in words if word in ORDINALS]


def _deadlines(preview: MessageView) -> dict[str, bool]:
    """Whether each item of the FOUR protocol's preview got the deadline 10 March."""
    blocks = (preview.plain_text or "").split("\n\n")[1:]
    return {
        ordinal: "10 марта" in block
        for block in blocks
        for ordinal in _ordinals([block.split("\n")[-1]])
    }


def _buttons(message: MessageView) -> list[str]:
    return [b for row in message.button_texts for b in row]


async def _keyboard(harness: Harness, user: UserHandle, within: float = 5.0) -> MessageView:
    """The next message with the preview's buttons (the last one of a long preview)."""
    while True:
        view = await harness.expect(user, "", within)
        if t.BTN_CANCEL in _buttons(view):
            return view


# --- A: buttons name their item, not its place in the list ----------------------------------


async def test_buttons_of_an_old_item_message_act_on_that_item(harness: Harness) -> None:
    secretary = await _secretary(harness)
    await secretary.send(FOUR)
    preview = await harness.expect(secretary, "Найдено поручений: 4")
    await secretary.press(preview, "3")
    third = await harness.expect(secretary, "Пункт 3 из 4")
    await secretary.press(preview, "2")
    second = await harness.expect(secretary, "Пункт 2 из 4")
    await secretary.press(second, "Удалить пункт")
    await harness.expect(secretary, "Найдено поручений: 3")

    # «Срок» on the message opened before the drop: the prompt and the fix are for ТРЕТИЙ.
    await secretary.press(third, "Срок")
    await harness.expect(secretary, "Пришлите срок для пункта 2")
    await secretary.send("до 10 марта 2027 г.")
    changed = await harness.expect(secretary, "Найдено поручений: 3")
    assert _deadlines(changed) == {"ПЕРВЫЙ": False, "ТРЕТИЙ": True, "ЧЕТВЁРТЫЙ": False}

    # The number buttons of the first preview open the item they were made for.
    await secretary.press(preview, "4")
    fourth = await harness.expect(secretary, "Пункт 3 из 3")
    assert "ЧЕТВЁРТЫЙ" in (fourth.plain_text or "")

    drop_third = third.button("Удалить пункт").callback_data
    await secretary.press(third, "Удалить пункт")
    final = await harness.expect(secretary, "Найдено поручений: 2")
    assert "ТРЕТИЙ" not in (final.plain_text or "")
    assert _ordinals(await _items(harness, final)) == ["ПЕРВЫЙ", "ЧЕТВЁРТЫЙ"]

    # The dropped item's buttons, pressed again (the old message), act on nothing.
    for action in (drop_third, third.button("Ответственные").callback_data):
        query = secretary.send_callback(third, action or "")
        answer = await harness.tg.wait_callback_answer(query)
        assert answer.text == t.DRAFT_ITEM_GONE and answer.show_alert
    answer = await secretary.press(preview, "3")  # the first preview's, for the dropped item
    assert answer.text == t.DRAFT_ITEM_GONE
    assert _ordinals(await _items(harness, final)) == ["ПЕРВЫЙ", "ЧЕТВЁРТЫЙ"]


async def test_a_double_tap_on_drop_drops_one_item(harness: Harness) -> None:
    secretary = await _secretary(harness)
    await secretary.send(FOUR)
    preview = await harness.expect(secretary, "Найдено поручений: 4")
    await secretary.press(preview, "2")
    second = await harness.expect(secretary, "Пункт 2 из 4")
    first_tap = secretary.press_nowait(second, "Удалить пункт")
    second_tap = secretary.press_nowait(second, "Удалить пункт")
    answers = [
        await harness.tg.wait_callback_answer(first_tap),
        await harness.tg.wait_callback_answer(second_tap),
    ]
    assert sorted(str(a.text) for a in answers) == sorted(["None", t.DRAFT_ITEM_GONE])
    assert _ordinals(await _items(harness, preview)) == ["ПЕРВЫЙ", "ТРЕТИЙ", "ЧЕТВЁРТЫЙ"]


async def test_a_typed_fix_goes_to_its_item_after_another_is_dropped(harness: Harness) -> None:
    secretary = await _secretary(harness)
    await secretary.send(FOUR)
    preview = await harness.expect(secretary, "Найдено поручений: 4")
    await secretary.press(preview, "3")
    third = await harness.expect(secretary, "Пункт 3 из 4")
    await secretary.press(preview, "1")
    first = await harness.expect(secretary, "Пункт 1 из 4")
    await secretary.press(third, "Срок")
    await harness.expect(secretary, "Пришлите срок для пункта 3")
    # Before answering, the secretary drops item 1 from its message.
    await secretary.press(first, "Удалить пункт")
    await harness.expect(secretary, "Найдено поручений: 3")
    await secretary.send("до 10 марта 2027 г.")
    changed = await harness.expect(secretary, "Найдено поручений: 3")
    assert _deadlines(changed) == {"ВТОРОЙ": False, "ТРЕТИЙ": True, "ЧЕТВЁРТЫЙ": False}


# --- B: a protocol longer than one keyboard --------------------------------------------------


async def test_every_item_of_a_long_protocol_can_be_opened(harness: Harness) -> None:
    secretary = await _secretary(harness)
    lines = ["ПРОТОКОЛ № 9", "совещания", "г. Смоленск, 15 января 2027 г.", "", "РЕШИЛИ:"]
    for i in range(1, 121):
        who = "Петрову П.П." if i == 110 else "Хнычевой Д.С."
        lines.append(f"{i}. Поручить {who} подготовить отчёт номер {i}. Срок: до 27.01.2027.")
    await secretary.send_document("\n".join(lines).encode(), "protocol.txt")
    preview = await _keyboard(harness, secretary, within=20)
    buttons = _buttons(preview)
    # The buttons start on the page of the item to fix; the other page is a tap away.
    assert len(buttons) <= TELEGRAM_BUTTONS
    assert "110⚠️" in buttons and "1" not in buttons
    assert "◀️ 1–88" in buttons
    await secretary.press(preview, "◀️ 1–88")
    page = secretary.chat.message(preview.message_id)
    assert _buttons(page)[:2] == ["1", "2"] and "88" in _buttons(page)
    assert "89–120⚠️ ▶️" in _buttons(page) and len(_buttons(page)) <= TELEGRAM_BUTTONS
    await secretary.press(page, "89–120⚠️ ▶️")

    await secretary.press(preview, "110⚠️")
    item = await harness.expect(secretary, "Пункт 110 из 120")
    await secretary.press(item, "Ответственные")
    await harness.expect(secretary, "Пришлите ответственных для пункта 110")
    await secretary.send("Хнычева Д.С.")
    fixed = await _keyboard(harness, secretary)
    assert t.BTN_SAVE_ALL in _buttons(fixed) and "89–120 ▶️" in _buttons(fixed)
    await secretary.press(fixed, t.BTN_SAVE_ALL)
    await harness.expect(secretary, "поручений 120, исполнителей 1")


async def test_a_fix_of_a_long_protocol_shows_what_is_left_in_one_message(
    harness: Harness,
) -> None:
    secretary = await _secretary(harness)
    lines = ["ПРОТОКОЛ № 9", "совещания", "г. Смоленск, 15 января 2027 г.", "", "РЕШИЛИ:"]
    for i in range(1, 121):
        who = "Петрову П.П." if i in (30, 110) else "Хнычевой Д.С."
        lines.append(f"{i}. Поручить {who} подготовить отчёт номер {i}. Срок: до 27.01.2027.")
    await secretary.send_document("\n".join(lines).encode(), "protocol.txt")
    preview = await _keyboard(harness, secretary, within=20)  # starts at the first to fix
    await secretary.press(preview, "30⚠️")
    item = await harness.expect(secretary, "Пункт 30 из 120")
    await secretary.press(item, "Ответственные")
    await harness.expect(secretary, "Пришлите ответственных для пункта 30")
    secretary.skip_unread()
    await secretary.send("Хнычева Д.С.")
    left = await harness.expect(secretary, "Протокол № 9")
    await secretary.expect_no_message(within=0.3, include_edits=False)  # one message
    text = left.plain_text or ""
    assert "отчёт номер 110" in text and "отчёт номер 30" not in text
    assert "отчёт номер 1." not in text
    assert t.PROTOCOL_COMPACT_REST.format(count=119) in text
    assert "110⚠️" in _buttons(left) and t.BTN_SAVE_ALL not in _buttons(left)
    # Another page of its buttons keeps it compact.
    await secretary.press(left, "◀️ 1–88")
    paged = secretary.chat.message(left.message_id)
    assert "1" in _buttons(paged) and t.BTN_WHOLE in _buttons(paged)
    # The whole list is a tap away.
    await secretary.press(left, t.BTN_WHOLE)
    first = await harness.expect(secretary, "Протокол № 9", edits=False)
    assert "отчёт номер 1." in (first.plain_text or "")
    whole = await _keyboard(harness, secretary)
    assert "110⚠️" in _buttons(whole)
    # The last fix: nothing is left, and the protocol can be saved.
    await secretary.press(whole, "110⚠️")
    item = await harness.expect(secretary, "Пункт 110 из 120")
    await secretary.press(item, "Ответственные")
    await harness.expect(secretary, "Пришлите ответственных для пункта 110")
    secretary.skip_unread()
    await secretary.send("Хнычева Д.С.")
    done = await harness.expect(secretary, "Протокол № 9")
    assert t.PROTOCOL_COMPACT_ALL_FINE.format(count=120) in (done.plain_text or "")
    assert t.BTN_SAVE_ALL in _buttons(done)


# --- C: a person's name fixed by hand is not remembered as a group ---------------------------

NAMES = """ПРОТОКОЛ № 1
совещания
г. Смоленск, 15 января 2027 г.

РЕШИЛИ:
1. Ивановой И.И. подготовить отчёт. Срок: до 27.01.2027.
2. Петровой П.П. подготовить план. Срок: до 27.01.2027.
3. Хнычевой Д.С. подготовить справку. Срок: до 27.01.2027.
"""


async def _fix_responsible(
    harness: Harness, secretary: UserHandle, preview: MessageView, number: str, who: str
) -> MessageView:
    await secretary.press(preview, number)
    item = await harness.expect(secretary, f"Пункт {number.rstrip('⚠️')} из")
    await secretary.press(item, "Ответственные")
    await harness.expect(secretary, "Пришлите ответственных")
    await secretary.send(who)
    return await harness.expect(secretary, "Найдено поручений")


async def test_fixed_person_names_are_not_remembered_as_aliases(harness: Harness) -> None:
    secretary = await _secretary(harness)
    await harness.enroll("Иванова Ирина Ивановна")
    await harness.enroll("Иванова Инна Игоревна")
    await secretary.send(NAMES)
    preview = await harness.expect(secretary, "Найдено поручений: 3")
    # An ambiguous name and an unknown one (a typo), each fixed by typing a person.
    preview = await _fix_responsible(harness, secretary, preview, "1⚠️", "Иванова Ирина Ивановна")
    preview = await _fix_responsible(harness, secretary, preview, "2⚠️", "Хнычева Д.С.")
    await secretary.press(preview, t.BTN_SAVE_ALL)
    await harness.expect(secretary, "Протокол сохранён")

    await secretary.send(NAMES.replace("№ 1", "№ 2").replace("отчёт", "доклад"))
    again = await harness.expect(secretary, "Протокол № 2")
    text = again.plain_text or ""
    assert "Иванова И.И. ❓ несколько совпадений" in text
    assert "Петрова П.П. ⚠️ нет в справочнике" in text
    assert "1⚠️" in _buttons(again) and "2⚠️" in _buttons(again)


# --- D: a group of 140 people ----------------------------------------------------------------

SYLLABLES = ["ка", "ло", "ми", "но", "пе", "ра", "со", "ту", "фе", "ха", "че", "шу"]


def _xlsx(rows: list[list[str]]) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


async def _big_group(harness: Harness, secretary: UserHandle, size: int = 140) -> None:
    names = [
        f"{a.capitalize()}{b}вская Анна Петровна"
        for a, b in itertools.islice(itertools.product(SYLLABLES, SYLLABLES), size)
    ]
    await secretary.send("/import")
    await harness.expect(secretary, "Пришлите справочник")
    rows = [["ФИО", "Группы"], *([name, "Руководители ПОО"] for name in names)]
    await secretary.send_document(_xlsx(rows), "справочник.xlsx")
    imported = await harness.expect(secretary, f"будет добавлено {size}")
    await secretary.press(imported, "Применить")
    await harness.expect(secretary, f"Готово: добавлено {size}")


def _fits(view: MessageView) -> bool:
    return len((view.plain_text or "").encode("utf-16-le")) // 2 <= TELEGRAM_TEXT


async def test_an_assignment_for_a_big_group_is_saved_with_a_short_summary(
    harness: Harness,
) -> None:
    secretary = await _secretary(harness)
    await _big_group(harness, secretary)
    await secretary.send("Подготовить план. Срок: до 20.03.2027. Ответственные: Руководители ПОО")
    preview = await harness.expect(secretary, "Проверьте поручение")
    await secretary.press(preview, t.BTN_SAVE)
    saved = await harness.expect(secretary, "сохранено")
    assert _fits(saved)
    assert (saved.plain_text or "").count("… и ещё 130") == 2  # addressees, not linked
    text = preview.plain_text or ""
    assert "Руководители ПОО: Какавская А.П., Каловская А.П.," in text and "… и ещё 130" in text
    # All 140 cards wait for their people: nobody was left out by the short summary.
    assert len(await harness.app.tracker.views(list(range(1, 300)))) == 140


async def test_a_long_assignment_for_a_big_group_is_previewed(harness: Harness) -> None:
    secretary = await _secretary(harness)
    await _big_group(harness, secretary)
    body = ("Обеспечить участие обучающихся в региональном этапе чемпионата " * 70).strip()
    await secretary.send(f"{body}. Срок: до 20.03.2027. Ответственные: Руководители ПОО")
    preview = await harness.expect(secretary, "Проверьте поручение")
    text = preview.plain_text or ""
    assert _fits(preview) and "… и ещё 130" in text and "Срок: 20 марта 2027" in text
    await secretary.press(preview, t.BTN_SAVE)
    await harness.expect(secretary, "сохранено")


async def test_a_protocol_item_for_a_big_group_is_shown(harness: Harness) -> None:
    secretary = await _secretary(harness)
    await _big_group(harness, secretary)
    body = "Обеспечить участие обучающихся в региональном этапе чемпионата " * 40
    await secretary.send(
        f"ПРОТОКОЛ № 3\nсовещания\n\nРЕШИЛИ:\n1. Руководителям ПОО: {body}. Срок: до 20.03.2027."
        "\n2. Хнычевой Д.С. подготовить план. Срок: до 20.03.2027."
    )
    preview = await harness.expect(secretary, "Найдено поручений: 2")
    assert _fits(preview) and "… и ещё 130" in (preview.plain_text or "")
    await secretary.press(preview, "1")
    item = await harness.expect(secretary, "Пункт 1 из 2")
    assert _fits(item) and "… и ещё 130" in (item.plain_text or "")


def _choice(preview: MessageView, person_id: int) -> str:
    """The callback data of the preview's button that chooses `person_id`."""
    return next(
        b.callback_data
        for row in preview.buttons
        for b in row
        if b.callback_data
        and b.callback_data.startswith("w:")
        and ChooseCallback.unpack(b.callback_data).person_id == person_id
    )


async def test_a_chosen_namesake_who_left_is_asked_for_again_not_replaced(
    harness: Harness,
) -> None:
    secretary, _ = await harness.enroll("Секретарева Ольга Петровна", "секретарь")
    _, ivan = await harness.enroll("Иванов Иван Иванович", organisation="Департамент")
    ilya_user, ilya = await harness.enroll("Иванов Илья Ильич", organisation="Минобр")
    await harness.enroll("Хнычева Дарья Сергеевна")
    await secretary.send(
        "Подготовить отчёт. Срок: до 20.03.2026. Ответственные: Иванов И.И., Хнычева Д.С."
    )
    preview = await harness.expect(secretary, "Проверьте поручение")
    choose_ivan = _choice(preview, ivan)
    await secretary.press(preview, choose_ivan)
    chosen = await harness.expect(secretary, "Проверьте поручение")
    await harness.admin.send(f"/remove {ivan}")
    await harness.expect(harness.admin, "убран")
    answer = await secretary.press(chosen, "Сохранить")
    assert answer.text == t.DRAFT_PERSON_GONE
    again = secretary.chat.message(chosen.message_id)
    text = again.plain_text or ""
    assert "«Иванов И.И.» — несколько сотрудников, выберите" in text and "Хнычева Д.С." in text
    # Nothing goes to the namesake who is left until the secretary picks him.
    assert "Сохранить" not in str(again.button_texts)
    await ilya_user.expect_no_message(within=0.3)
    choose_ilya = _choice(again, ilya)
    await secretary.press(again, choose_ilya)
    picked = await harness.expect(secretary, "Проверьте поручение")
    await secretary.press(picked, "Сохранить")
    saved = await harness.expect(secretary, "сохранено")
    assert "Иванов И.И." in (saved.plain_text or "") and "Хнычева Д.С." in (saved.plain_text or "")
    await harness.expect(ilya_user, "Подготовить отчёт")


async def test_namesakes_are_told_apart_and_all_offered(harness: Harness) -> None:
    secretary, _ = await harness.enroll("Секретарева Ольга Петровна", "секретарь")
    names = (
        "Иванов Иван Иванович",
        "Иванов Илья Ильич",
        "Иванов Игнат Игоревич",
        "Иванова Ирина Ивановна",
    )
    ids = {}
    for name in names:
        _, ids[name] = await harness.enroll(name, position="методист", organisation="Департамент")
    await secretary.send("Подготовить отчёт. Срок: до 20.03.2026. Ответственный: Иванов И.И.")
    preview = await harness.expect(secretary, "Проверьте поручение")
    offered = [row for row in preview.button_texts if row[0].startswith("Иванов")]
    # The short names are the same: each row names its person in full, and none is left out.
    assert offered == [[f"{name}, Департамент, методист"] for name in names if "Ирина" not in name]
    await secretary.press(preview, "Иванов Игнат Игоревич, Департамент, методист")
    chosen = await harness.message_becomes(secretary, preview.message_id, "Иванов И.И.")
    await secretary.press(chosen, "Сохранить")
    await harness.expect(secretary, "сохранено")
    saved = await harness.app.tracker.view(1)
    assert saved is not None and saved.person.id == ids["Иванов Игнат Игоревич"]
