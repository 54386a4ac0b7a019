"""Repositories against a temporary SQLite file."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from storage.db import Database
from storage.models import AssigneeStatus, ReportFile, Role

NOW = dt.datetime(2026, 1, 10, 7, 0, tzinfo=dt.UTC)


@pytest.fixture
async def db(tmp_path: Path) -> AsyncIterator[Database]:
    database = Database(tmp_path / "nested" / "bot.sqlite3")
    await database.connect()
    yield database
    await database.close()


async def test_migrations_create_the_schema_once(tmp_path: Path) -> None:
    path = tmp_path / "bot.sqlite3"
    first = Database(path)
    await first.connect()
    version = await first.schema_version()
    await first.close()
    again = Database(path)
    await again.connect()
    assert await again.schema_version() == version >= 1
    await again.close()


async def test_migration_5_drops_the_reminder_copies_from_the_log(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A database of version 4 logged each reminder twice (a row in `reminders` and a
    «reminded» event); after migration 5 the log keeps every other event."""
    from storage import db as db_module

    path = tmp_path / "bot.sqlite3"
    shipped = db_module._migrations()
    monkeypatch.setattr(db_module, "_migrations", lambda: [m for m in shipped if m[0] <= 4])
    old = Database(path)
    await old.connect()
    assert await old.schema_version() == 4
    async with old.transaction() as tx:
        for kind in ("created", "reminded", "reported", "reminded"):
            await tx.events.add(kind, now=NOW)
    await old.close()
    monkeypatch.setattr(db_module, "_migrations", lambda: shipped)
    new = Database(path)
    await new.connect()
    assert await new.schema_version() >= 5
    async with new.conn.execute("SELECT kind FROM events ORDER BY id") as cur:
        assert [row[0] for row in await cur.fetchall()] == ["created", "reported"]
    await new.close()


async def test_wal_and_foreign_keys_are_on(db: Database) -> None:
    async with db.conn.execute("PRAGMA journal_mode") as cur:
        row = await cur.fetchone()
    assert row is not None and row[0] == "wal"
    async with db.conn.execute("PRAGMA foreign_keys") as cur:
        row = await cur.fetchone()
    assert row is not None and row[0] == 1


async def test_person_roles_and_link(db: Database) -> None:
    async with db.transaction() as tx:
        person = await tx.people.add(
            full_name="Хнычева Дарья Сергеевна",
            short_name="Хнычева Д.С.",
            position="заместитель",
            organisation="Департамент",
            invite_token="tok",
            now=NOW,
            roles=(Role.EXECUTOR, Role.CONTROLLER),
        )
        assert person.roles == {Role.EXECUTOR, Role.CONTROLLER}
        assert (await tx.people.by_invite("tok")) == person
        await tx.people.link(person.id, 555, "dasha")
    async with db.transaction() as tx:
        linked = await tx.people.by_telegram(555)
        assert linked is not None and linked.invite_token is None and linked.linked
        assert await tx.people.by_invite("tok") is None


async def test_failed_transaction_rolls_back_everything(db: Database) -> None:
    with pytest.raises(RuntimeError):
        async with db.transaction() as tx:
            await tx.people.add(
                full_name="A B",
                short_name="A B.",
                position=None,
                organisation=None,
                invite_token=None,
                now=NOW,
            )
            raise RuntimeError("boom")
    async with db.transaction() as tx:
        assert await tx.people.active() == []


async def test_assignment_view_status_and_reports(db: Database) -> None:
    async with db.transaction() as tx:
        p = await tx.people.add(
            full_name="Матвеев Дмитрий Михайлович",
            short_name="Матвеев Д.М.",
            position=None,
            organisation=None,
            invite_token=None,
            now=NOW,
        )
        pid = await tx.protocols.add(
            title="заседания совета",
            number="1",
            meeting_date=dt.date(2026, 1, 9),
            source_text="...",
            source_hash="h",
            created_by=None,
            now=NOW,
        )
        aid = await tx.assignments.add(
            protocol_id=pid,
            item_number="2.1",
            text="Подготовить",
            deadline_date=dt.date(2026, 1, 27),
            deadline_time=dt.time(12, 0),
            deadline_kind="datetime",
            deadline_raw="до 12:00 27.01.2026",
            recommendation=False,
            controller_id=None,
            created_by=None,
            now=NOW,
        )
        sid = await tx.assignments.add_assignee(aid, p.id, dt.date(2026, 1, 27), NOW)
        rid = await tx.reports.add(
            assignee_id=sid,
            author_id=p.id,
            kind="report",
            text="готово",
            files=[ReportFile("document", "F1", "U1", "отчёт.pdf", "application/pdf", 10)],
            now=NOW,
        )
        await tx.assignments.set_status(sid, AssigneeStatus.REPORTED, NOW)
    async with db.transaction() as tx:
        view = await tx.assignments.view(sid)
        assert view is not None
        assert view.assignment.deadline_time == dt.time(12, 0)
        assert view.protocol is not None and view.protocol.number == "1"
        assert view.assignee.status is AssigneeStatus.REPORTED
        report = await tx.reports.get(rid)
        assert report is not None and report.files[0].file_name == "отчёт.pdf"
        assert (await tx.protocols.by_hash("h")) is not None
        views, total = await tx.assignments.open_for_person(p.id)
        assert [v.assignee.id for v in views] == [sid] and total == 1

    # The latest report as one line for a control sheet: a photo has no name but its kind's.
    async with db.transaction() as tx:
        await tx.reports.add(
            assignee_id=sid,
            author_id=p.id,
            kind="report",
            text="дополнено",
            files=[
                ReportFile("photo", "F2", "U2", None, None, 5),
                ReportFile("document", "F3", "U3", "таблица.xlsx", None, 7),
            ],
            now=NOW,
        )
        lines = await tx.reports.latest_texts([sid], {"photo": "фото"})
    assert lines == {sid: "дополнено · фото, таблица.xlsx"}


async def test_outbox_dedupe_key_makes_a_second_insert_a_no_op(db: Database) -> None:
    woken: list[bool] = []
    db.add_outbox_listener(lambda: woken.append(True))
    async with db.transaction() as tx:
        assert await tx.outbox.add("digest", dedupe_key="digest:1:2026-01-10", now=NOW, chat_id=7)
        assert not await tx.outbox.add(
            "digest", dedupe_key="digest:1:2026-01-10", now=NOW, chat_id=7
        )
    assert woken == [True]
    async with db.transaction() as tx:
        due = await tx.outbox.due(NOW, 10)
        assert [i.dedupe_key for i in due] == ["digest:1:2026-01-10"]
        await tx.outbox.mark_sent(due[0].id, NOW)
        assert await tx.outbox.due(NOW, 10) == []


async def test_outbox_waits_for_a_person_who_is_not_linked(db: Database) -> None:
    async with db.transaction() as tx:
        p = await tx.people.add(
            full_name="Новый Сотрудник",
            short_name="Новый С.",
            position=None,
            organisation=None,
            invite_token="x",
            now=NOW,
        )
        await tx.outbox.add("card", dedupe_key="card:1", now=NOW, person_id=p.id, assignee_id=1)
        assert await tx.outbox.due(NOW, 10) == []
        await tx.people.link(p.id, 42, None)
        due = await tx.outbox.due(NOW, 10)
        assert [i.chat_id for i in due] == [42]


async def test_reminder_slot_is_recorded_once(db: Database) -> None:
    async with db.transaction() as tx:
        p = await tx.people.add(
            full_name="А Б",
            short_name="А Б.",
            position=None,
            organisation=None,
            invite_token=None,
            now=NOW,
        )
        aid = await tx.assignments.add(
            protocol_id=None,
            item_number=None,
            text="t",
            deadline_date=None,
            deadline_time=None,
            deadline_kind="none",
            deadline_raw="",
            recommendation=False,
            controller_id=None,
            created_by=None,
            now=NOW,
        )
        sid = await tx.assignments.add_assignee(aid, p.id, None, NOW)
        assert await tx.reminders.add(sid, dt.date(2026, 1, 10), "before", NOW)
        assert not await tx.reminders.add(sid, dt.date(2026, 1, 10), "before", NOW)
        assert await tx.reminders.count_for(sid) == 1
