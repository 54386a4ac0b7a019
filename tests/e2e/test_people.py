"""Who is who: the first administrator, /person with invite links, strangers, groups."""

from __future__ import annotations

import re

from tests.e2e.conftest import INVITE, Harness


async def test_stranger_gets_a_polite_refusal_and_no_data(harness: Harness) -> None:
    stranger = harness.tg.user(777, "Иван", "Чужой")
    await stranger.send("/start")
    greeting = await harness.expect(stranger, "Доступ выдаёт секретарь")
    assert "Поручение" not in (greeting.plain_text or "")
    for text in ("/my", "/overdue", "/new", "Поручить всем всё"):
        await stranger.send(text)
        answer = await harness.expect(stranger, "не подключены")
        assert "№" not in (answer.plain_text or "")


async def test_person_gets_an_invite_link_that_links_the_account_once(harness: Harness) -> None:
    await harness.admin.send(
        "/person Хнычева Дарья Сергеевна; заместитель начальника; Департамент"
    )
    added = await harness.expect(harness.admin, "Сотрудник добавлен")
    match = INVITE.search(added.plain_text or "")
    assert match is not None
    assert "decisions_test_bot" in match.group(0) or "?start=" in match.group(0)
    dasha = harness.tg.user(3001, "Дарья", "Хнычева")
    await dasha.send(f"/start {match.group(1)}")
    await harness.expect(dasha, "Готово, Хнычева Дарья Сергеевна")
    welcome = await harness.expect(dasha, "Ваши роли: исполнитель")
    assert "/my" in (welcome.plain_text or "")
    assert "/new" not in (welcome.plain_text or "")
    # The link is spent: another account cannot take the same person.
    other = harness.tg.user(3002, "Хакер")
    await other.send(f"/start {match.group(1)}")
    await harness.expect(other, "недействительна")


async def test_person_command_without_a_name_explains_the_format(harness: Harness) -> None:
    await harness.admin.send("/person")
    await harness.expect(harness.admin, "Формат: /person Фамилия Имя Отчество")


async def test_only_administrators_grant_roles_and_executors_cannot_add_people(
    harness: Harness,
) -> None:
    executor, _ = await harness.enroll("Матвеев Дмитрий Михайлович")
    await executor.send("/person Иванов Иван Иванович")
    await harness.expect(executor, "недоступна")
    await executor.send("/role 1 администратор")
    await harness.expect(executor, "недоступна")


async def test_roles_change_what_a_person_may_do(harness: Harness) -> None:
    user, person_id = await harness.enroll("Петрова Анна Сергеевна", "координатор")
    person = await harness.person(person_id)
    assert {r.value for r in person.roles} == {"executor", "coordinator"}
    await user.send("/overdue")
    await harness.expect(user, "Просроченных поручений нет")
    await harness.admin.send(f"/role {person_id} -координатор")
    await harness.expect(harness.admin, "Готово")
    await user.send("/overdue")
    await harness.expect(user, "недоступна")


async def test_people_lists_the_directory_with_pending_invites(harness: Harness) -> None:
    await harness.enroll("Матвеев Дмитрий Михайлович", link=False)
    await harness.admin.send("/people")
    listing = await harness.expect(harness.admin, "Справочник")
    text = listing.plain_text or ""
    assert "Матвеев Дмитрий Михайлович" in text
    assert "не подключён" in text
    assert re.search(r"\?start=", text)


async def test_commands_in_a_group_point_to_the_private_chat(harness: Harness) -> None:
    group = harness.tg.group(-500, "Совещание", members=[harness.admin])
    await group.send(harness.admin, "/my")
    reply = await group.next_message()
    assert "только в личных сообщениях" in (reply.plain_text or "")
    await group.send(harness.admin, "просто разговор")
    await group.expect_no_message(within=0.3)


async def test_bot_sets_its_command_menu_on_start(harness: Harness) -> None:
    commands = harness.tg.get_commands()
    assert {"my", "new", "overdue", "digest", "help"} <= set(commands)
