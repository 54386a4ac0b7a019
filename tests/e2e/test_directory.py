"""Directory import with bad rows, auto-linking by @username, groups as addressees, export."""

from __future__ import annotations

import io

import openpyxl

from storage.models import Role
from tests.e2e.conftest import Harness


def _xlsx(rows: list[list[str]]) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


async def test_import_with_bad_rows_then_group_assignment(harness: Harness) -> None:
    secretary, _ = await harness.enroll("Секретарева Ольга Петровна", "секретарь")
    data = _xlsx(
        [
            ["Организация", "ФИО", "Роли", "Группы", "Telegram"],
            ["СмолАПО", "Хнычева Дарья Сергеевна", "исполнитель", "Рабочая группа", "@dasha_h"],
            ["СмолАПО", "Матвеев Дмитрий Михайлович", "контролёр", "Рабочая группа", ""],
            ["", "Секретарева Ольга Петровна", "координатор", "", ""],
            ["", "", "исполнитель", "", ""],
            ["", "Петров Пётр", "волшебник", "", ""],
            ["", "Хнычева Дарья Сергеевна", "", "", ""],
        ]
    )
    await secretary.send("/import")
    await harness.expect(secretary, "Пришлите справочник")
    await secretary.send_document(data, "справочник.xlsx")
    preview = await harness.expect(secretary, "будет добавлено 2, обновлено 1")
    text = preview.plain_text or ""
    assert "Строки с ошибками (3)" in text
    assert "Строка 5" in text and "Строка 6: неизвестная роль «волшебник»" in text
    assert "Строка 7" in text
    await secretary.press(preview, "Применить")
    done = await harness.expect(secretary, "Готово: добавлено 2, обновлено 1")
    assert "Матвеев Дмитрий Михайлович: https://t.me/" in (done.plain_text or "")
    # A second tap applies nothing twice.
    data_apply = preview.button("Применить").callback_data
    query = secretary.send_callback(preview, data_apply)
    assert (await harness.tg.wait_callback_answer(query)).text == "Этот черновик уже закрыт."

    # The imported @username links by itself on /start.
    dasha = harness.tg.user(4001, "Дарья", "Хнычева", "Dasha_H")
    await dasha.send("/start")
    await harness.expect(dasha, "Нашёл вас в справочнике")
    await harness.expect(dasha, "Ваши роли: исполнитель")

    # A protocol addressed to the group reaches its members.
    await secretary.send("Подготовить план. Срок: до 20.03.2026. Ответственные: Рабочая группа")
    item = await harness.expect(secretary, "Проверьте поручение")
    assert "Рабочая группа: Матвеев Д.М., Хнычева Д.С." in (item.plain_text or "")
    await secretary.press(item, "Сохранить")
    saved = await harness.expect(secretary, "сохранено")
    assert "Не подключены к боту: Матвеев Д.М." in (saved.plain_text or "")
    await harness.expect(dasha, "Подготовить план")

    # A message addressed by @username (any case) reaches the person who has it.
    await secretary.send("Сверить списки выпускников до 25.03.2026 @dasha_h")
    item = await harness.expect(secretary, "Проверьте поручение")
    assert "Хнычева Д.С." in (item.plain_text or "") and "⚠️" not in (item.plain_text or "")
    await secretary.press(item, "Сохранить")
    await harness.expect(secretary, "сохранено")
    await harness.expect(dasha, "Сверить списки выпускников")


async def test_directory_export_reimports_as_updates(harness: Harness) -> None:
    await harness.enroll("Хнычева Дарья Сергеевна", organisation="СмолАПО")
    await harness.admin.send("/people_export")
    sent = await harness.expect(harness.admin, "Справочник сотрудников")
    assert sent.document is not None
    await harness.admin.send("/import")
    await harness.expect(harness.admin, "Пришлите справочник")
    await harness.admin.send_document(sent.document.content, "справочник.xlsx")
    preview = await harness.expect(harness.admin, "будет добавлено 0, обновлено 2")
    assert "ошибками" not in (preview.plain_text or "")


async def test_import_of_a_broken_file_says_why(harness: Harness) -> None:
    await harness.admin.send("/import")
    await harness.expect(harness.admin, "Пришлите справочник")
    await harness.admin.send_document(b"PK\x03\x04garbage", "people.xlsx")
    await harness.expect(harness.admin, "повреждён")
    await harness.admin.send_document(_xlsx([["Имя кота", "Возраст"], ["Барсик", "3"]]), "x.xlsx")
    await harness.expect(harness.admin, "Не нашёл столбец «ФИО»")


async def test_only_an_administrator_grants_roles_by_import(harness: Harness) -> None:
    secretary, secretary_id = await harness.enroll("Секретарева Ольга Петровна", "секретарь")
    data = _xlsx(
        [
            ["ФИО", "Роли"],
            ["Секретарева Ольга Петровна", "администратор"],
            ["Новикова Нина Петровна", "администратор, координатор"],
        ]
    )
    await secretary.send("/import")
    await harness.expect(secretary, "Пришлите справочник")
    await secretary.send_document(data, "справочник.xlsx")
    preview = await harness.expect(secretary, "будет добавлено 1, обновлено 1")
    assert "назначать роли может только администратор" in (preview.plain_text or "")
    await secretary.press(preview, "Применить")
    await harness.expect(secretary, "Готово: добавлено 1, обновлено 1")
    assert (await harness.person(secretary_id)).roles == {Role.SECRETARY, Role.EXECUTOR}
    newcomer = next(
        p for p in await harness.app.tracker.directory() if p.full_name.startswith("Новикова")
    )
    assert newcomer.roles == {Role.EXECUTOR}
    await secretary.send("/backup")
    await harness.expect(secretary, "недоступна")

    # The same file from an administrator grants them.
    await harness.admin.send("/import")
    await harness.expect(harness.admin, "Пришлите справочник")
    await harness.admin.send_document(data, "справочник.xlsx")
    preview = await harness.expect(harness.admin, "будет добавлено 0, обновлено 2")
    assert "назначать роли" not in (preview.plain_text or "")
    await harness.admin.press(preview, "Применить")
    await harness.expect(harness.admin, "Готово: добавлено 0, обновлено 2")
    assert Role.ADMIN in (await harness.person(secretary_id)).roles


async def test_a_secretary_s_import_moves_no_administrator_to_another_account(
    harness: Harness,
) -> None:
    """An import row with an administrator's name and someone's @username would link that
    someone to the administrator's record on their /start: only an administrator may."""
    secretary, _ = await harness.enroll("Секретарева Ольга Петровна", "секретарь")
    _, deputy_id = await harness.enroll("Заместителев Пётр Иванович", "администратор", link=False)
    _, dasha_id = await harness.enroll("Хнычева Дарья Сергеевна")
    _, newcomer_id = await harness.enroll("Новикова Нина Петровна", link=False)
    data = _xlsx(
        [
            ["ФИО", "Telegram"],
            ["Заместителев Пётр Иванович", "@evil_mallory"],
            ["Хнычева Дарья Сергеевна", "@evil_mallory2"],
            ["Новикова Нина Петровна", "@nina_n"],  # not linked, no administrator: allowed
        ]
    )
    await secretary.send("/import")
    await harness.expect(secretary, "Пришлите справочник")
    await secretary.send_document(data, "справочник.xlsx")
    preview = await harness.expect(secretary, "обновлено 3")
    kept = next(line for line in (preview.plain_text or "").splitlines() if "@username" in line)
    assert "Заместителев П.И." in kept and "Хнычева Д.С." in kept and "Новикова" not in kept
    await secretary.press(preview, "Применить")
    await harness.expect(secretary, "Готово")
    mallory = harness.tg.user(6666, "Mallory", "Evil", "evil_mallory")
    await mallory.send("/start")
    await harness.expect(mallory, "персональную ссылку-приглашение")
    deputy = await harness.person(deputy_id)
    assert deputy.telegram_id is None and deputy.telegram_username is None
    assert (await harness.person(dasha_id)).telegram_username != "evil_mallory2"
    nina = harness.tg.user(7777, "Нина", "Новикова", "nina_n")
    await nina.send("/start")
    await harness.expect(nina, "Нашёл вас в справочнике")
    assert (await harness.person(newcomer_id)).telegram_id == 7777
