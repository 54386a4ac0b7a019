"""A secretary pastes a protocol or sends it as a file: preview, fixes, «Сохранить все»."""

from __future__ import annotations

import io
import re

import docx
import pytest

from bot.texts import core as t
from tests.e2e.conftest import Harness
from tests.fakebot import MessageView, UserHandle

PROTOCOL = """ПРОТОКОЛ № 7
заседания координационного совета по профессиональному образованию
г. Смоленск, 15 января 2027 г.

СЛУШАЛИ: Иванова И.И. о ходе работы.

РЕШИЛИ:
1. Поручить Д.С. Хнычевой подготовить отчёт о трудоустройстве выпускников. Срок: до 27.01.2027.
2. Матвееву Д.М. провести совещание с директорами колледжей. Срок: до 15.02.2027.
3. Руководителям образовательных организаций направить предложения в план работы. \
Срок: 1 квартал 2027 года.
4. Принять информацию к сведению.
"""


@pytest.fixture
async def people(harness: Harness) -> dict[str, UserHandle]:
    secretary, _ = await harness.enroll("Секретарева Ольга Петровна", "секретарь")
    dasha, _ = await harness.enroll("Хнычева Дарья Сергеевна")
    dima, _ = await harness.enroll("Матвеев Дмитрий Михайлович")
    return {"secretary": secretary, "dasha": dasha, "dima": dima}


async def _preview(harness: Harness, secretary: UserHandle) -> MessageView:
    return await harness.expect(secretary, "Протокол № 7 от 15.01.2027")


async def test_pasted_protocol_is_previewed_fixed_and_saved(
    harness: Harness, people: dict[str, UserHandle]
) -> None:
    secretary = people["secretary"]
    await secretary.send(PROTOCOL)
    preview = await _preview(harness, secretary)
    text = preview.plain_text or ""
    assert "Найдено поручений: 3" in text
    assert "Хнычева Д.С." in text and "Матвеев Д.М." in text
    assert "руководители образовательных организаций ⚠️ группа" in text
    assert "31 марта 2027 г." in text
    assert "Принять информацию к сведению" not in text
    buttons = [b for row in preview.button_texts for b in row]
    assert "Сохранить все" not in buttons and "3⚠️" in buttons

    # Fix item 3: the group becomes a named person.
    await secretary.press(preview, "3⚠️")
    item = await harness.expect(secretary, "Пункт 3 из 3")
    await secretary.press(item, "Ответственные")
    await harness.expect(secretary, "Пришлите ответственных для пункта 3")
    await secretary.send("Хнычева Д.С., Матвеев Д.М.")
    fixed = await _preview(harness, secretary)
    assert "⚠️" not in (fixed.plain_text or "")
    await secretary.press(fixed, "Сохранить все")
    saved = await harness.expect(secretary, "Протокол сохранён")
    assert "поручений 3, исполнителей 4" in (saved.plain_text or "")

    dasha_card = await harness.expect(people["dasha"], "Поручение №")
    assert "Протокол: № 7 от 15.01.2027" in (dasha_card.plain_text or "")
    assert "Пункт 1" in (dasha_card.plain_text or "")
    await harness.expect(people["dasha"], "Пункт 3")
    await harness.expect(people["dima"], "Пункт 2")
    await harness.expect(people["dima"], "Пункт 3")

    # The same protocol again is recognised and cannot be saved twice.
    await secretary.send(PROTOCOL)
    again = await _preview(harness, secretary)
    assert "уже загружен" in (again.plain_text or "")
    assert not any("Сохранить" in b for row in again.button_texts for b in row)

    # The group mapped by hand is remembered for the next protocol.
    await secretary.send(PROTOCOL.replace("№ 7", "№ 8").replace("15 января", "16 января"))
    nxt = await harness.expect(secretary, "Протокол № 8")
    assert "руководители образовательных организаций: Матвеев Д.М., Хнычева Д.С." in (
        nxt.plain_text or ""
    )
    assert "⚠️" not in (nxt.plain_text or "")


async def test_an_item_can_be_dropped_and_its_deadline_changed(
    harness: Harness, people: dict[str, UserHandle]
) -> None:
    secretary = people["secretary"]
    await secretary.send(PROTOCOL)
    preview = await _preview(harness, secretary)
    await secretary.press(preview, "3⚠️")
    item = await harness.expect(secretary, "Пункт 3 из 3")
    await secretary.press(item, "Удалить пункт")
    shorter = await _preview(harness, secretary)
    assert "Найдено поручений: 2" in (shorter.plain_text or "")
    await secretary.press(shorter, "1")
    first = await harness.expect(secretary, "Пункт 1 из 2")
    await secretary.press(first, "Срок")
    await harness.expect(secretary, "Пришлите срок для пункта 1")
    await secretary.send("непонятно когда")
    await harness.expect(secretary, "Не удалось прочитать срок")
    await secretary.send("до 10 марта 2027 г.")
    changed = await _preview(harness, secretary)
    assert "10 марта 2027 г." in (changed.plain_text or "")
    await secretary.press(changed, "Сохранить все")
    await harness.expect(secretary, "поручений 2, исполнителей 2")


def _docx(text: str) -> bytes:
    document = docx.Document()
    for line in text.splitlines():
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


async def test_protocol_as_a_docx_file(harness: Harness, people: dict[str, UserHandle]) -> None:
    secretary = people["secretary"]
    await secretary.send("/new")
    await harness.expect(secretary, "Пришлите поручение")
    await secretary.send_document(_docx(PROTOCOL), "протокол.docx")
    preview = await _preview(harness, secretary)
    assert "Найдено поручений: 3" in (preview.plain_text or "")


async def test_bad_files_get_a_clear_message_and_change_nothing(
    harness: Harness, people: dict[str, UserHandle]
) -> None:
    secretary = people["secretary"]
    await secretary.send_document(b"PK\x03\x04 not really a docx", "протокол.docx")
    await harness.expect(secretary, "Файл повреждён")
    await secretary.send_document(b"MZ\x90\x00", "virus.exe")
    unsupported = await secretary.next_message()
    assert "формат" in (unsupported.plain_text or "").lower(), unsupported
    harness.app.settings.max_file_mb = 1
    await secretary.send_document(b"x" * (1024 * 1024 + 1), "big.txt")
    await harness.expect(secretary, "Файл больше 1 МБ")
    await secretary.send("/my")
    await harness.expect(secretary, "нет открытых поручений")


async def test_two_assignments_in_one_message_are_both_found(
    harness: Harness, people: dict[str, UserHandle]
) -> None:
    """A chat message of two lines, each with its doer and a day without a year (this year's)."""
    secretary = people["secretary"]
    await secretary.send(
        "Хнычевой Д.С. подготовить отчёт о трудоустройстве до 10.03.\n"
        "Матвееву Д.М. провести совещание с директорами до 16.03."
    )
    preview = await harness.expect(secretary, "Найдено поручений: 2")
    text = preview.plain_text or ""
    assert "10 марта 2026 г." in text and "16 марта 2026 г." in text
    assert "Хнычева Д.С." in text and "Матвеев Д.М." in text
    await secretary.press(preview, "Сохранить все")
    await harness.expect(secretary, "Протокол сохранён")
    dasha_card = await harness.expect(people["dasha"], "Поручение №")
    assert "подготовить отчёт о трудоустройстве" in (dasha_card.plain_text or "").lower()
    dima_card = await harness.expect(people["dima"], "Поручение №")
    assert "провести совещание с директорами" in (dima_card.plain_text or "").lower()


TWICE = PROTOCOL.replace(
    "4. Принять информацию к сведению.",
    "4. Руководителям образовательных организаций представить отчёты. Срок: до 20.03.2027.",
)


async def _name_group_in_item_3(
    harness: Harness, secretary: UserHandle, preview: MessageView, names: str
) -> MessageView:
    await secretary.press(preview, "3" if "3⚠️" not in str(preview.button_texts) else "3⚠️")
    item = await harness.expect(secretary, "Пункт 3 из 4")
    await secretary.press(item, "Ответственные")
    await harness.expect(secretary, "Пришлите ответственных для пункта 3")
    await secretary.send(names)
    return await harness.expect(secretary, "Протокол № ")


async def test_a_group_named_in_a_draft_is_learnt_when_it_is_saved(
    harness: Harness, people: dict[str, UserHandle]
) -> None:
    secretary = people["secretary"]
    await harness.enroll("Петров Пётр Петрович")
    await secretary.send(TWICE)
    preview = await harness.expect(secretary, "Протокол № 7")
    # A slip, corrected at once; the same words in item 4 follow each time.
    slip = await _name_group_in_item_3(harness, secretary, preview, "Петров П.П.")
    assert "⚠️" not in (slip.plain_text or "")
    fixed = await _name_group_in_item_3(harness, secretary, slip, "Хнычева Д.С., Матвеев Д.М.")
    meaning = re.compile(
        "руководители образовательных организаций: "
        "(?:Матвеев Д.М., Хнычева Д.С.|Хнычева Д.С., Матвеев Д.М.)"
    )
    assert len(meaning.findall(fixed.plain_text or "")) == 2
    assert "Петров" not in (fixed.plain_text or "")
    # Cancelled: nothing is learnt.
    await secretary.press(fixed, "Отмена")
    await harness.expect(secretary, "Отменено")
    await secretary.send(TWICE.replace("№ 7", "№ 8"))
    unknown = await harness.expect(secretary, "Протокол № 8")
    assert "руководители образовательных организаций ⚠️ группа" in (unknown.plain_text or "")
    # Named again and saved: the next protocol knows them, as corrected.
    slip = await _name_group_in_item_3(harness, secretary, unknown, "Петров П.П.")
    fixed = await _name_group_in_item_3(harness, secretary, slip, "Хнычева Д.С., Матвеев Д.М.")
    await secretary.press(fixed, "Сохранить все")
    await harness.expect(secretary, "Протокол сохранён")
    await secretary.send(TWICE.replace("№ 7", "№ 9"))
    known = await harness.expect(secretary, "Протокол № 9")
    assert len(meaning.findall(known.plain_text or "")) == 2
    assert "⚠️" not in (known.plain_text or "")


ONE = "Подготовить отчёт о трудоустройстве выпускников."


async def test_a_caption_is_read_with_its_file_or_photo(
    harness: Harness, people: dict[str, UserHandle]
) -> None:
    secretary = people["secretary"]
    # A file with one assignment, its deadline and doer typed in the caption.
    await secretary.send_document(
        ONE.encode(), "поручение.txt", caption="Срок: до 27.01.2027. Ответственный: Хнычева Д.С."
    )
    await harness.expect(secretary, t.CAPTION_JOINED)
    preview = await harness.expect(secretary, "Проверьте поручение")
    text = preview.plain_text or ""
    assert "27 января 2027 г." in text and "Хнычева Д.С." in text and "⚠️" not in text
    await secretary.press(preview, "Отмена")
    # A letter photographed, the assignment in the caption.
    await secretary.send_photo(
        b"\\xff\\xd8\\xff\\xe0jpeg", caption=f"{ONE} Срок: до 27.01.2027. Отв.: Матвеев Д.М."
    )
    await harness.expect(secretary, t.PHOTO_CAPTION_USED)
    photo = await harness.expect(secretary, "Проверьте поручение")
    assert "Матвеев Д.М." in (photo.plain_text or "")
    await secretary.press(photo, "Отмена")
    # A protocol of one decision stays a protocol, whatever its caption.
    one_item = "\n".join(PROTOCOL.splitlines()[:8]) + "\n"
    await secretary.send_document(one_item.encode(), "выписка.txt", caption="Прошу разослать")
    single = await _preview(harness, secretary)
    assert "Найдено поручений: 1" in (single.plain_text or "")
    await harness.expect(secretary, t.CAPTION_NOT_USED)
    await secretary.press(single, "Отмена")
    # A protocol file: its items stand, the caption is said not to be used.
    await secretary.send_document(PROTOCOL.encode(), "протокол.txt", caption="Протокол совета")
    await _preview(harness, secretary)
    await harness.expect(secretary, t.CAPTION_NOT_USED)


async def test_a_long_paste_cut_into_several_messages_is_one_protocol(
    harness: Harness, people: dict[str, UserHandle]
) -> None:
    secretary = people["secretary"]
    lines = ["ПРОТОКОЛ № 12", "заседания совета директоров", "г. Смоленск, 15 января 2027 г.", ""]
    lines.append("РЕШИЛИ:")
    for n in range(1, 31):
        lines.append(
            f"{n}. Хнычевой Д.С. подготовить аналитическую справку о трудоустройстве "
            f"выпускников колледжа по направлению подготовки номер {n} с приложением "
            f"таблиц и графиков. Срок: до 27.01.2027."
        )
    text = "\n".join(lines)
    assert len(text) > 4096
    cut = text.rindex("\n", 0, 4000)  # as Telegram's apps cut a long paste
    await secretary.send(text[:cut])
    await secretary.send(text[cut + 1 :])
    preview = await harness.expect(secretary, "Протокол № 12", 10)
    assert "Найдено поручений: 30" in (preview.plain_text or "")
    await _keyboard_of(harness, secretary)
    await secretary.expect_no_message(within=2.0, include_edits=False)  # one preview, not two


async def _keyboard_of(harness: Harness, user: UserHandle) -> MessageView:
    """The preview's last message (the one with its buttons)."""
    while True:
        view = await harness.expect(user, "", 5)
        if any("Отмена" in b for row in view.button_texts for b in row):
            return view
