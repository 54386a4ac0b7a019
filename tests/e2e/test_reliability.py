"""Delivery through flood control and server errors, backups and restore, webhook mode."""

from __future__ import annotations

import asyncio
import datetime as dt
import shutil
import socket
from pathlib import Path

import aiohttp

from bot.app import UPDATES_IN_FLIGHT, create_app
from bot.middlewares import InFlightMiddleware
from storage.db import Database
from tests.e2e.conftest import START, Harness, make_settings
from tests.fakebot import FakeTelegramServer, run_polling
from tracking.clock import ManualClock
from tracking.service import NewAssignment


async def _assign(harness: Harness, person_id: int, text: str) -> None:
    admin = await harness.app.tracker.actor(harness.admin.id)
    assert admin is not None
    created = await harness.app.tracker.create(
        admin,
        [NewAssignment(text, START.date() + dt.timedelta(days=5), None, "date", "", (person_id,))],
    )
    assert created is not None


async def _outbox_row(harness: Harness) -> tuple[int, str | None]:
    async with harness.app.db.conn.execute(
        "SELECT attempts, last_error FROM outbox WHERE kind = 'card' ORDER BY id DESC LIMIT 1"
    ) as cur:
        row = await cur.fetchone()
    assert row is not None
    return int(row[0]), row[1]


async def test_flood_control_and_server_errors_delay_but_lose_nothing(harness: Harness) -> None:
    dasha, pid = await harness.enroll("Хнычева Дарья Сергеевна")
    tg = harness.tg
    tg.faults.add("sendMessage", status=429, retry_after=7, times=2, chat_id=dasha.id)
    tg.faults.add("sendMessage", status=502, times=1, chat_id=dasha.id)
    tg.faults.add("sendMessage", disconnect=True, times=1, chat_id=dasha.id)
    before = len(tg.calls)
    await _assign(harness, pid, "Сдать отчёт вовремя")

    def to_dasha() -> list[object]:
        return [
            c
            for c in tg.calls[before:]
            if c.method == "sendMessage" and str(c.params.get("chat_id")) == str(dasha.id)
        ]

    for failures in range(1, 5):
        await tg.changes.wait_for(lambda n=failures: len(to_dasha()) >= n or None, 5)
        # The row waits for its time (retry_after or backoff) by the injected clock: nothing
        # more is sent until the clock moves.
        await dasha.expect_no_message(within=0.2)
        assert len(to_dasha()) == failures
        harness.clock.advance(dt.timedelta(seconds=60))
        harness.app.worker.wake()
    card = await harness.expect(dasha, "Сдать отчёт вовремя")
    assert card.buttons
    await asyncio.wait_for(harness.app.worker.idle.wait(), 5)  # the row is marked sent
    delivered = [c for c in tg.calls_of("sendMessage", chat_id=dasha.id) if c.ok]
    assert len([c for c in delivered if "Сдать отчёт вовремя" in str(c.params["text"])]) == 1
    attempts, error = await _outbox_row(harness)
    assert attempts == 5 and error is not None  # four failures, then the delivery


async def test_backup_is_sent_to_the_administrator_and_restores(
    harness: Harness, tmp_path: Path
) -> None:
    _, pid = await harness.enroll("Хнычева Дарья Сергеевна")
    await _assign(harness, pid, "Поручение, которое должно пережить восстановление")
    await harness.admin.send("/backup")
    sent = await harness.expect(harness.admin, "Резервная копия базы")
    assert sent.document is not None and sent.document.file_name
    restored = tmp_path / "restored" / "bot.sqlite3"
    restored.parent.mkdir()
    restored.write_bytes(sent.document.content)
    # The README's restore procedure: put the copy where DATABASE_PATH points and start.
    db = Database(restored)
    await db.connect()
    assert await db.integrity_ok()
    async with db.transaction() as tx:
        views, _ = await tx.assignments.open_for_person(pid)
    assert [v.assignment.text for v in views] == [
        "Поручение, которое должно пережить восстановление"
    ]
    await db.close()
    backups = (
        sorted(harness.settings.backup_dir.glob("bot-*.sqlite3"))
        if harness.settings.backup_dir.is_absolute()
        else []
    )
    del backups


async def test_backups_rotate_keeping_the_newest(tmp_path: Path) -> None:
    from storage.backup import list_backups, make_backup

    db = Database(tmp_path / "bot.sqlite3")
    await db.connect()
    folder = tmp_path / "backups"
    for minute in range(5):
        await make_backup(db, folder, keep=3, now=START + dt.timedelta(minutes=minute))
    names = [p.name for p in list_backups(folder)]
    await db.close()
    assert names == [
        "bot-20260302-070200.sqlite3",
        "bot-20260302-070300.sqlite3",
        "bot-20260302-070400.sqlite3",
    ]
    assert not list(folder.glob("*.part"))


async def test_only_administrators_may_take_a_backup(harness: Harness) -> None:
    user, _ = await harness.enroll("Секретарева Ольга Петровна", "секретарь")
    await user.send("/backup")
    await harness.expect(user, "недоступна")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


async def test_webhook_mode_checks_the_secret_and_serves_health(
    tg: FakeTelegramServer, tmp_path: Path
) -> None:
    from bot.webhook import start_web

    port = _free_port()
    settings = make_settings(
        tg,
        tmp_path,
        webhook_url=f"http://127.0.0.1:{port}/telegram",
        webhook_secret="s3cret_token",
        webhook_listen="127.0.0.1",
        webhook_port=port,
    )
    app = create_app(settings, clock=ManualClock(START), start_scheduler=False)
    admin = tg.user(1000, "Анна", "Админова")
    runner = await start_web(app)
    try:
        hook = await tg.wait_for_call("setWebhook")
        assert hook.params["url"] == f"http://127.0.0.1:{port}/telegram"
        assert hook.params["secret_token"] == "s3cret_token"
        update = {
            "update_id": 1,
            "message": {
                "message_id": 1,
                "date": int(START.timestamp()),
                "chat": {"id": 1000, "type": "private", "first_name": "Анна"},
                "from": {"id": 1000, "is_bot": False, "first_name": "Анна"},
                "text": "/start",
                "entities": [{"type": "bot_command", "offset": 0, "length": 6}],
            },
        }
        url = f"http://127.0.0.1:{port}/telegram"
        async with aiohttp.ClientSession() as http:
            async with http.post(url, json=update) as wrong:
                assert wrong.status == 401
            headers = {"X-Telegram-Bot-Api-Secret-Token": "s3cret_token"}
            async with http.post(url, json=update, headers=headers) as right:
                assert right.status == 200
            reply = await admin.next_message()
            assert "администратором" in (reply.plain_text or "")
            async with http.get(f"http://127.0.0.1:{port}/health") as health:
                assert health.status == 200
                body = await health.json()
                assert body["status"] == "ok" and body["database"] is True

            # A burst: every update answered, never more than the bound handled at once.
            inflight = next(
                m
                for m in app.dispatcher.update.outer_middleware
                if isinstance(m, InFlightMiddleware)
            )
            strangers = [tg.user(9000 + n, f"Гость{n}") for n in range(3 * UPDATES_IN_FLIGHT)]

            async def post(n: int) -> int:
                message = update["message"] | {
                    "message_id": 2,
                    "chat": {"id": 9000 + n, "type": "private", "first_name": "Гость"},
                    "from": {"id": 9000 + n, "is_bot": False, "first_name": "Гость"},
                    "text": "/my",
                    "entities": [{"type": "bot_command", "offset": 0, "length": 3}],
                }
                body = {"update_id": 2 + n, "message": message}
                async with http.post(url, json=body, headers=headers) as answer:
                    return answer.status

            statuses = await asyncio.gather(*(post(n) for n in range(len(strangers))))
            assert set(statuses) == {200}
            for stranger in strangers:
                reply = await stranger.next_message(timeout=30)
                assert "не подключ" in (reply.plain_text or "").lower()
            assert UPDATES_IN_FLIGHT // 2 < inflight.peak <= UPDATES_IN_FLIGHT
    finally:
        await runner.cleanup()
        await app.bot.session.close()
    shutil.rmtree(tmp_path / "data", ignore_errors=True)


async def test_polling_restart_resumes_where_it_stopped(
    tg: FakeTelegramServer, tmp_path: Path
) -> None:
    settings = make_settings(tg, tmp_path)
    admin = tg.user(1000, "Анна", "Админова")
    for _ in range(2):
        app = create_app(settings, clock=ManualClock(START), start_scheduler=False)
        async with run_polling(app.dispatcher, app.bot, tg):
            await admin.send("/help")
            await admin.next_message()
    assert len(tg.calls_of("sendMessage", chat_id=1000)) == 2


async def test_a_burst_is_handled_whole_with_a_bounded_number_at_once(harness: Harness) -> None:
    """More updates queued than `UPDATES_IN_FLIGHT`: every one is answered, and polling waited
    instead of starting them all (aiogram alone would run up to a getUpdates batch of 100)."""
    inflight = next(
        m
        for m in harness.app.dispatcher.update.outer_middleware
        if isinstance(m, InFlightMiddleware)
    )
    strangers = [harness.tg.user(9000 + n, f"Гость{n}") for n in range(3 * UPDATES_IN_FLIGHT)]
    for stranger in strangers:  # queued together, before the bot polls again
        await stranger.send("/my")
    for stranger in strangers:
        reply = await stranger.next_message(timeout=30)
        assert "не подключ" in (reply.plain_text or "").lower(), reply
    assert UPDATES_IN_FLIGHT // 2 < inflight.peak <= UPDATES_IN_FLIGHT


async def test_a_retried_message_keeps_its_place_before_later_ones(harness: Harness) -> None:
    """The card fails once (502) and waits for its retry: the news about the assignment made
    meanwhile waits behind it, so she never reads «отменено» before the card."""
    dasha, pid = await harness.enroll("Хнычева Дарья Сергеевна")
    dasha.skip_unread()
    admin = await harness.app.tracker.actor(harness.admin.id)
    assert admin is not None
    harness.tg.faults.add("sendMessage", status=502, times=1, chat_id=dasha.id)
    await _assign(harness, pid, "Сдать отчёт")
    attempts, error = await _outbox_row(harness)
    while attempts == 0:  # the first try, refused
        await asyncio.sleep(0.01)
        attempts, error = await _outbox_row(harness)
    assert error is not None
    await harness.app.tracker.change_text(admin, 1, "Сдать отчёт за квартал")
    await harness.app.tracker.cancel_assignment(admin, 1, "Передумали")
    harness.app.worker.wake()
    await dasha.expect_no_message(within=0.3)  # all of it waits for the card's retry
    harness.clock.advance(dt.timedelta(minutes=5))
    harness.app.worker.wake()
    first = await dasha.next_message(timeout=10)
    second = await dasha.next_message(timeout=10)
    third = await dasha.next_message(timeout=10)
    assert "Поручение №1" in (first.plain_text or "")
    assert "изменён" in (second.plain_text or "")
    assert "отменено" in (third.plain_text or "")


async def test_a_notification_of_several_messages_goes_on_where_it_failed(
    harness: Harness,
) -> None:
    """A report of three files reaches the controller as three messages; the second fails
    (502) and is retried: the first is not sent again."""
    dasha, pid = await harness.enroll("Хнычева Дарья Сергеевна")
    admin = harness.admin
    await _assign(harness, pid, "Сдать отчёт по трём школам")
    card = await harness.expect(dasha, "Сдать отчёт по трём школам")
    await dasha.press(card, "📎 Отчёт")
    await harness.expect(dasha, "Пришлите отчёт")
    tg = harness.tg
    tried: list[object] = []

    def second_try(params: dict[str, object]) -> bool:
        tried.append(params.get("document"))
        return len(tried) == 2

    tg.faults.add("sendDocument", status=502, times=1, chat_id=admin.id, predicate=second_try)
    for part in range(3):  # one album: one report
        sent = await dasha.send_document(f"%PDF-1.4 {part}".encode(), f"школа{part}.pdf")
        sent["media_group_id"] = "2468"
    await harness.expect(dasha, "отправлен на проверку")
    await tg.changes.wait_for(lambda: len(tried) >= 2 or None, 5)
    for _ in range(50):  # until the failure is written down with its retry time
        async with harness.app.db.conn.execute(
            "SELECT parts_sent FROM outbox WHERE kind = 'review' AND last_error IS NOT NULL"
        ) as cur:
            row = await cur.fetchone()
        if row is not None:
            break
        await asyncio.sleep(0.05)
    assert row is not None and row[0] == 1  # the first file went out
    harness.clock.advance(dt.timedelta(seconds=60))  # past the backoff
    harness.app.worker.wake()
    parts = [await admin.next_message() for _ in range(3)]
    assert [p.document.file_name if p.document else None for p in parts] == [
        "школа0.pdf",
        "школа1.pdf",
        "школа2.pdf",
    ]
    await admin.expect_no_message(within=0.3, include_edits=False)
    delivered = [
        c.params["document"] for c in tg.calls_of("sendDocument", chat_id=admin.id) if c.ok
    ]
    assert len(delivered) == len(set(delivered)) == 3
