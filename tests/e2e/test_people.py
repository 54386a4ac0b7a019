"""Who is who: the first administrator, /person with invite links, strangers, groups."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from pathlib import Path

from bot.app import UPDATES_IN_FLIGHT, create_app
from bot.notifications import digest_messages
from bot.texts import core as t
from storage.models import Role
from tests.e2e.conftest import INVITE, START, Harness, make_settings
from tests.fakebot import FakeTelegramServer, run_polling
from tracking.clock import ManualClock
from tracking.service import NewAssignment


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
    # Her own link opened again (from an old message) greets her, not «недействительна».
    await dasha.send(f"/start {match.group(1)}")
    await harness.expect(dasha, "Ваш аккаунт уже подключён")
    await harness.expect(dasha, "Ваши роли: исполнитель")


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
    # The bot sees every message (an administrator of the group), other bots' commands too.
    group = harness.tg.group(-500, "Совещание", members=[harness.admin], bot_is_admin=True)
    await group.send(harness.admin, "/my")
    reply = await group.next_message()
    assert "только в личных сообщениях" in (reply.plain_text or "")
    me = await harness.app.bot.me()
    await group.send(harness.admin, f"/my@{me.username}")
    reply = await group.next_message()
    assert "только в личных сообщениях" in (reply.plain_text or "")
    await group.send(harness.admin, "/weather@SomeOtherBot Москва")
    await group.send(harness.admin, "просто разговор")
    await group.expect_no_message(within=0.3)


async def test_bot_sets_its_command_menu_on_start(harness: Harness) -> None:
    commands = harness.tg.get_commands()
    assert {"my", "new", "overdue", "digest", "help"} <= set(commands)


async def test_invite_links_expire_and_can_be_reissued(harness: Harness) -> None:
    import datetime as dt

    await harness.admin.send("/person Хнычева Дарья Сергеевна; ; ")
    added = await harness.expect(harness.admin, "Сотрудник добавлен")
    old = INVITE.search(added.plain_text or "")
    assert old is not None
    person_id = int(re.search(r"ID (\d+)", added.plain_text or "").group(1))  # type: ignore[union-attr]
    harness.clock.advance(dt.timedelta(days=15))
    dasha = harness.tg.user(3001, "Дарья", "Хнычева")
    await dasha.send(f"/start {old.group(1)}")
    await harness.expect(dasha, "Срок действия ссылки-приглашения истёк")

    await harness.admin.send("/invited")
    listing = await harness.expect(harness.admin, "Приглашены, но ещё не открыли бота (1)")
    assert f"истекла, выдайте новую: /invite {person_id}" in (listing.plain_text or "")
    await harness.admin.send(f"/invite {person_id}")
    fresh = await harness.expect(harness.admin, "Новая ссылка для Хнычева Дарья Сергеевна")
    new = INVITE.search(fresh.plain_text or "")
    assert new is not None and new.group(1) != old.group(1)
    await dasha.send(f"/start {old.group(1)}")
    await harness.expect(dasha, "недействительна")
    await dasha.send(f"/start {new.group(1)}")
    await harness.expect(dasha, "аккаунт подключён")
    await harness.admin.send("/invited")
    await harness.expect(harness.admin, "Все приглашённые подключились")


async def test_a_removed_person_loses_access_but_history_stays(harness: Harness) -> None:
    user, person_id = await harness.enroll("Матвеев Дмитрий Михайлович")
    await harness.admin.send(f"/remove {person_id}")
    await harness.expect(harness.admin, "убран(а) из справочника")
    await user.send("/my")
    await harness.expect(user, "не подключены")
    removed = await harness.person(person_id)
    assert removed.removed_at is not None and removed.full_name == "Матвеев Дмитрий Михайлович"
    await harness.admin.send("/people")
    listing = await harness.expect(harness.admin, "Справочник")
    assert "Матвеев" not in (listing.plain_text or "")


async def test_people_the_bot_cannot_reach_are_reported_to_the_secretary_and_in_the_digest(
    harness: Harness,
) -> None:
    secretary, _ = await harness.enroll("Секретарева Ольга Петровна", "секретарь", "координатор")
    blocked, _ = await harness.enroll("Матвеев Дмитрий Михайлович")
    await harness.enroll("Петров Пётр Петрович", link=False)
    harness.tg.block(blocked.id)
    await secretary.send("/new")
    await harness.expect(secretary, "Пришлите поручение")
    await secretary.send(
        "Сдать план. Срок: до 12.03.2026. Ответственные: Матвеев Д.М., Петров П.П."
    )
    preview = await harness.expect(secretary, "Проверьте поручение")
    await secretary.press(preview, "Сохранить")
    saved = await harness.expect(secretary, "сохранено")
    assert "Не подключены к боту: Петров П.П." in (saved.plain_text or "")
    warning = await harness.expect(secretary, "Матвеев Д.М. не получает сообщения бота")
    assert "/invite" in (warning.plain_text or "")
    await secretary.send("/digest")
    digest = await harness.expect(secretary, "Сводка на")
    text = digest.plain_text or ""
    assert "Не получают уведомления (2)" in text
    assert "Матвеев Д.М. — бот недоступен" in text
    assert "Петров П.П. — не подключён(а) к боту" in text


async def test_a_new_telegram_account_gets_the_cards_and_the_old_one_no_more(
    harness: Harness,
) -> None:
    secretary, _ = await harness.enroll("Секретарева Ольга Петровна", "секретарь")
    old, pid = await harness.enroll("Хнычева Дарья Сергеевна")
    await secretary.send("Сдать отчёт. Срок: до 12.03.2026. Ответственный: Хнычева Д.С.")
    preview = await harness.expect(secretary, "Проверьте поручение")
    await secretary.press(preview, "Сохранить")
    await harness.expect(old, "Поручение №1")
    # She moves to a new account; the administrator gives her a fresh link.
    await harness.admin.send(f"/invite {pid}")
    link = await harness.expect(harness.admin, "start=")
    token = INVITE.search(link.plain_text or "")
    assert token is not None
    new = harness.tg.user(5555, "Дарья", "Хнычева")
    await new.send(f"/start {token.group(1)}")
    await harness.expect(new, "аккаунт подключён")
    card = await harness.expect(new, "Поручение №1")
    harness.tg.block(old.id)  # the old account is abandoned
    await secretary.send("/a 1")
    manage = await harness.expect(secretary, "🛠 Поручение №1")
    await secretary.press(manage, "Текст")
    await harness.expect(secretary, "Пришлите новый текст")
    await secretary.send("Сдать отчёт за квартал")
    await harness.expect(secretary, "изменено")
    await harness.expect(new, "Текст поручения №1 изменён")
    await harness.message_becomes(new, card.message_id, "Сдать отчёт за квартал")
    assert (await harness.person(pid)).unreachable_since is None


async def test_someone_who_unblocks_the_bot_is_reachable_and_gets_the_lost_card(
    harness: Harness,
) -> None:
    await harness.enroll("Петрова Анна Сергеевна", "координатор")
    dasha, pid = await harness.enroll("Хнычева Дарья Сергеевна")
    harness.tg.block(dasha.id)
    admin = await harness.app.tracker.actor(harness.admin.id)
    assert admin is not None
    deadline = START.date() + dt.timedelta(days=20)
    await harness.app.tracker.create(
        admin, [NewAssignment("Сдать отчёт", deadline, None, "date", "", (pid,))]
    )
    await harness.expect(harness.admin, "не получает сообщения")
    assert (await harness.person(pid)).unreachable_since is not None
    harness.tg.unblock(dasha.id)
    await dasha.send("/my")
    await harness.expect(dasha, "Ваши поручения")
    card = await harness.expect(dasha, "Поручение №1")
    assert card.button_texts  # a card with its buttons, not a list line
    assert (await harness.person(pid)).unreachable_since is None
    harness.clock.advance(dt.timedelta(days=1))
    (digest, *_) = await digest_messages(harness.app.tracker)
    assert "заблокирован" not in digest.text


async def _unreachable_receivers(harness: Harness) -> list[int]:
    async with harness.app.db.conn.execute(
        "SELECT person_id FROM outbox WHERE kind = 'unreachable' ORDER BY person_id"
    ) as cur:
        return [int(row[0]) for row in await cur.fetchall()]


async def _pending_for(harness: Harness, person_id: int) -> int:
    async with harness.app.db.conn.execute(
        "SELECT COUNT(*) FROM outbox WHERE person_id = ? AND sent_at IS NULL"
        " AND failed_at IS NULL",
        (person_id,),
    ) as cur:
        row = await cur.fetchone()
    return int(row[0]) if row else 0


async def test_nobody_removed_is_told_and_nothing_waits_for_them(harness: Harness) -> None:
    secretary, secretary_id = await harness.enroll("Секретарева Ольга Петровна", "секретарь")
    _, other_id = await harness.enroll("Вторая Вера Викторовна", "секретарь")
    dima, dima_id = await harness.enroll("Матвеев Дмитрий Михайлович")
    _, controller_id = await harness.enroll("Контролёров Карл Карлович", "контролёр")
    admin = await harness.app.tracker.actor(harness.admin.id)
    assert admin is not None
    await secretary.send("Сдать план. Срок: до 12.03.2026. Ответственный: Матвеев Д.М.")
    preview = await harness.expect(secretary, "Проверьте поручение")
    await secretary.press(preview, "Сохранить")
    await harness.expect(dima, "Поручение №1")
    author = await harness.person(secretary_id)
    assert (await harness.app.tracker.change_controller(author, 1, controller_id)).value == "ok"
    # A notice on its way to the secretary when she leaves is dropped, not kept for good.
    await harness.app.tracker.mark_unreachable(dima_id, [1])  # tells her and the controller
    assert sorted(await _unreachable_receivers(harness)) == sorted([secretary_id, controller_id])
    await harness.admin.send(f"/remove {secretary_id}")
    await harness.expect(harness.admin, "убран")
    assert await _pending_for(harness, secretary_id) == 0
    # The controller blocked the bot: the author left, so the secretaries are told.
    before = await _unreachable_receivers(harness)
    await harness.app.tracker.mark_unreachable(controller_id, [1])
    after = await _unreachable_receivers(harness)
    for receiver in before:
        after.remove(receiver)
    assert sorted(after) == sorted([other_id, admin.id])


async def test_the_last_administrator_keeps_the_role(harness: Harness) -> None:
    me = await harness.app.tracker.actor(harness.admin.id)
    assert me is not None
    await harness.admin.send(f"/role {me.id} -администратор")
    await harness.expect(harness.admin, t.ROLE_LAST_ADMIN)
    assert Role.ADMIN in (await harness.person(me.id)).roles
    # An unlinked administrator's record is no administrator who could act.
    await harness.enroll("Заместителев Пётр Иванович", "администратор", link=False)
    await harness.admin.send(f"/role {me.id} -администратор")
    await harness.expect(harness.admin, t.ROLE_LAST_ADMIN)
    # With another one linked it may go.
    await harness.enroll("Второва Анна Павловна", "администратор")
    await harness.admin.send(f"/role {me.id} -администратор")
    await harness.expect(harness.admin, "Готово")
    assert Role.ADMIN not in (await harness.person(me.id)).roles


async def test_an_admin_ids_account_that_came_by_invite_is_an_administrator(
    tg: FakeTelegramServer, tmp_path: Path
) -> None:
    clock = ManualClock(START)
    settings = make_settings(tg, tmp_path, admin_ids=[1000, 1001])
    app = create_app(settings, clock=clock, start_scheduler=False)
    admin = tg.user(1000, "Анна", "Админова", "admin")
    async with run_polling(
        app.dispatcher, app.bot, tg, tasks_concurrency_limit=UPDATES_IN_FLIGHT
    ) as run:
        harness = Harness(tg, app, clock, run, admin)
        await admin.send("/start")
        await harness.expect(admin, "Ваши роли")
        await admin.send("/person Директоров Денис Петрович")
        added = await harness.expect(admin, "Сотрудник добавлен")
        found = INVITE.search(added.plain_text or "")
        assert found is not None
        boss = tg.user(1001, "Денис", "Директоров")
        await boss.send(f"/start {found.group(1)}")
        await harness.expect(boss, "аккаунт подключён")
        await harness.expect(boss, t.ADMIN_WELCOME)
        roles = await harness.expect(boss, "Ваши роли")
        assert "администратор" in (roles.plain_text or "")
        await boss.send("/people")
        await harness.expect(boss, "Справочник")


async def test_people_says_which_invite_links_expired(harness: Harness) -> None:
    await harness.admin.send("/person Хнычева Дарья Сергеевна")
    added = await harness.expect(harness.admin, "Сотрудник добавлен")
    assert INVITE.search(added.plain_text or "")
    await harness.admin.send("/people")
    fresh = await harness.expect(harness.admin, "Справочник")
    assert INVITE.search(fresh.plain_text or "")
    harness.clock.advance(dt.timedelta(days=20))
    await harness.admin.send("/people")
    listing = await harness.expect(harness.admin, "Справочник")
    text = listing.plain_text or ""
    assert INVITE.search(text) is None
    assert "ссылка-приглашение истекла, выдайте новую: /invite" in text


async def test_a_namesake_added_is_pointed_out(harness: Harness) -> None:
    _, ivan = await harness.enroll("Иванов Иван Иванович")
    await harness.admin.send("/person Иванов Илья Ильич; методист; Департамент")
    added = await harness.expect(harness.admin, "Сотрудник добавлен")
    text = added.plain_text or ""
    assert f"уже есть «Иванов И.И.»: Иванов Иван Иванович (ID {ivan})" in text
    await harness.admin.send("/person Петров Пётр Петрович")
    other = await harness.expect(harness.admin, "Сотрудник добавлен")
    assert "уже есть" not in (other.plain_text or "")


async def test_a_changed_telegram_username_is_followed(harness: Harness) -> None:
    secretary, _ = await harness.enroll("Секретарева Ольга Петровна", "секретарь")
    await harness.admin.send("/person Хнычева Дарья Сергеевна")
    added = await harness.expect(harness.admin, "Сотрудник добавлен")
    found = INVITE.search(added.plain_text or "")
    assert found is not None
    dasha = harness.tg.user(4001, "Дарья", "Хнычева", "dasha_old")
    await dasha.send(f"/start {found.group(1)}")
    await harness.expect(dasha, "Ваши роли")
    dasha.info = dataclasses.replace(dasha.info, username="Dasha_New")  # changed in Telegram
    await dasha.send("/my")
    await harness.expect(dasha, "поручений")
    await secretary.send("Сдать отчёт. Срок: до 20.03.2026. Ответственный: @dasha_new")
    preview = await harness.expect(secretary, "Проверьте поручение")
    assert "Хнычева Д.С." in (preview.plain_text or "")
    await secretary.press(preview, "Отмена")
    await secretary.send("Сдать отчёт. Срок: до 20.03.2026. Ответственный: @dasha_old")
    stale = await harness.expect(secretary, "Проверьте поручение")
    assert "Хнычева" not in (stale.plain_text or "")
