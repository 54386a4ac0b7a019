"""Repositories: all SQL of the project lives here and returns typed records."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache, cached_property
from typing import Any

import aiosqlite

from storage.models import (
    OPEN_STATUSES,
    Assignee,
    AssigneeStatus,
    AssigneeView,
    Assignment,
    DeadlineOutcome,
    Draft,
    Event,
    OutboxItem,
    Person,
    Protocol,
    ReminderCandidate,
    Report,
    ReportFile,
    Role,
)

Row = sqlite3.Row


def ts(value: dt.datetime) -> str:
    """An aware instant as stored: ISO 8601 in UTC."""
    if value.tzinfo is None:
        raise ValueError("naive datetime")
    return value.astimezone(dt.UTC).isoformat()


def parse_ts(value: str | None) -> dt.datetime | None:
    return dt.datetime.fromisoformat(value) if value else None


def _ts_req(value: str) -> dt.datetime:
    return dt.datetime.fromisoformat(value)


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _iso(value: dt.date | dt.time | None) -> str | None:
    return value.isoformat() if value is not None else None


#: Enum members by their stored value: a dict lookup, where calling the enum costs a tenth of
#: reading a list row (`bench/bench_updates.py`).
_STATUS_OF = {s.value: s for s in AssigneeStatus}


@cache
def _roles(stored: str | None) -> frozenset[Role]:
    """A person's roles from their stored ``group_concat`` (few distinct values: cached)."""
    return frozenset(Role(r) for r in stored.split(",")) if stored else frozenset()


_INT64 = range(-(2**63), 2**63)


def _storable(params: Sequence[Any]) -> bool:
    return all(not isinstance(p, int) or p in _INT64 for p in params)


_OPEN = tuple(s.value for s in OPEN_STATUSES)
_OPEN_SQL = "(" + ",".join(f"'{s}'" for s in sorted(_OPEN)) + ")"
#: How many open assignees one person has (served by the index `assignees_person`).
_OPEN_COUNT_SQL = f"SELECT count(*) FROM assignees WHERE person_id = ? AND status IN {_OPEN_SQL}"


class _Repo:
    def __init__(self, conn: aiosqlite.Connection) -> None:
        self.conn = conn

    # One round trip to the database thread per statement (execute and fetch together).

    async def _one(self, sql: str, params: Sequence[Any] = ()) -> Row | None:
        return next(iter(await self._all(sql, params)), None)

    async def _all(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        if not _storable(params):
            return []  # a forged id beyond SQLite's integers matches nothing
        return list(await self.conn.execute_fetchall(sql, params))

    async def _insert(self, sql: str, params: Sequence[Any] = ()) -> int:
        row = await self.conn.execute_insert(sql, params)
        if row is None:  # pragma: no cover - sqlite always answers last_insert_rowid()
            raise RuntimeError("insert returned no row id")
        return int(row[0])


# --- people -------------------------------------------------------------------------------

_PERSON_COLS = (
    "p.id, p.full_name, p.short_name, p.position, p.organisation, p.telegram_id,"
    " p.telegram_username, p.invite_token, p.unreachable_since, p.removed_at,"
    " (SELECT group_concat(role) FROM person_roles r WHERE r.person_id = p.id) AS roles"
)


def _person(row: Row, prefix: str = "") -> Person:
    roles = row[prefix + "roles"]
    return Person(
        id=row[prefix + "id"],
        full_name=row[prefix + "full_name"],
        short_name=row[prefix + "short_name"],
        position=row[prefix + "position"],
        organisation=row[prefix + "organisation"],
        telegram_id=row[prefix + "telegram_id"],
        telegram_username=row[prefix + "telegram_username"],
        invite_token=row[prefix + "invite_token"],
        unreachable_since=parse_ts(row[prefix + "unreachable_since"]),
        removed_at=parse_ts(row[prefix + "removed_at"]),
        roles=_roles(roles),
    )


class PeopleRepo(_Repo):
    """Every write goes through `_write` or `_insert`, which mark the transaction as having
    changed people: the database then drops what it has cached about them."""

    def __init__(self, conn: aiosqlite.Connection, tx: Tx) -> None:
        super().__init__(conn)
        self._tx = tx

    async def _write(self, sql: str, params: Sequence[Any] = ()) -> None:
        self._tx.people_written = True
        await self.conn.execute(sql, params)

    async def _insert(self, sql: str, params: Sequence[Any] = ()) -> int:
        self._tx.people_written = True
        return await super()._insert(sql, params)

    async def add(
        self,
        *,
        full_name: str,
        short_name: str,
        position: str | None,
        organisation: str | None,
        invite_token: str | None,
        now: dt.datetime,
        roles: Iterable[Role] = (Role.EXECUTOR,),
        telegram_id: int | None = None,
    ) -> Person:
        person_id = await self._insert(
            "INSERT INTO people(full_name, short_name, position, organisation, invite_token,"
            " telegram_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (full_name, short_name, position, organisation, invite_token, telegram_id, ts(now)),
        )
        for role in roles:
            await self.add_role(person_id, role)
        person = await self.get(person_id)
        assert person is not None
        return person

    async def get(self, person_id: int) -> Person | None:
        row = await self._one(f"SELECT {_PERSON_COLS} FROM people p WHERE p.id = ?", (person_id,))
        return _person(row) if row else None

    async def by_ids(self, ids: Iterable[int]) -> dict[int, Person]:
        """The people with these ids (removed ones too: history keeps them)."""
        wanted = sorted(set(ids))
        found: dict[int, Person] = {}
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            rows = await self._all(
                f"SELECT {_PERSON_COLS} FROM people p WHERE p.id IN"
                f" ({','.join('?' * len(chunk))})",
                chunk,
            )
            found.update((r["id"], _person(r)) for r in rows)
        return found

    async def by_telegram(self, telegram_id: int) -> Person | None:
        row = await self._one(
            f"SELECT {_PERSON_COLS} FROM people p"
            " WHERE p.telegram_id = ? AND p.removed_at IS NULL",
            (telegram_id,),
        )
        return _person(row) if row else None

    async def by_invite(self, token: str) -> Person | None:
        row = await self._one(
            f"SELECT {_PERSON_COLS} FROM people p"
            " WHERE p.invite_token = ? AND p.removed_at IS NULL",
            (token,),
        )
        return _person(row) if row else None

    async def active(self) -> list[Person]:
        rows = await self._all(
            f"SELECT {_PERSON_COLS} FROM people p WHERE p.removed_at IS NULL ORDER BY p.short_name"
        )
        return [_person(r) for r in rows]

    async def with_role(self, role: Role) -> list[Person]:
        rows = await self._all(
            f"SELECT {_PERSON_COLS} FROM people p JOIN person_roles pr ON pr.person_id = p.id"
            " WHERE pr.role = ? AND p.removed_at IS NULL ORDER BY p.id",
            (role.value,),
        )
        return [_person(r) for r in rows]

    async def link(self, person_id: int, telegram_id: int, username: str | None) -> None:
        await self._write(
            "UPDATE people SET telegram_id = ?, telegram_username = ?, invite_token = NULL,"
            " unreachable_since = NULL WHERE id = ?",
            (telegram_id, username, person_id),
        )

    async def set_username(self, person_id: int, username: str | None) -> None:
        await self._write(
            "UPDATE people SET telegram_username = ? WHERE id = ?", (username, person_id)
        )

    async def drop_username(self, username: str, *, keep: int) -> None:
        """No one but person `keep` is known by this @username any more."""
        await self._write(
            "UPDATE people SET telegram_username = NULL"
            " WHERE lower(telegram_username) = lower(?) AND id != ?",
            (username, keep),
        )

    async def add_role(self, person_id: int, role: Role) -> None:
        await self._write(
            "INSERT OR IGNORE INTO person_roles(person_id, role) VALUES (?, ?)",
            (person_id, role.value),
        )

    async def remove_role(self, person_id: int, role: Role) -> None:
        await self._write(
            "DELETE FROM person_roles WHERE person_id = ? AND role = ?", (person_id, role.value)
        )

    async def update_details(
        self,
        person_id: int,
        *,
        position: str | None,
        organisation: str | None,
        username: str | None,
        phone: str | None,
    ) -> None:
        """Fill in what an import brings; empty cells keep what is there."""
        await self._write(
            "UPDATE people SET position = COALESCE(?, position),"
            " organisation = COALESCE(?, organisation),"
            " telegram_username = COALESCE(?, telegram_username), phone = COALESCE(?, phone)"
            " WHERE id = ?",
            (position, organisation, username, phone, person_id),
        )

    async def unlinked_by_username(self, username: str) -> Person | None:
        row = await self._one(
            f"SELECT {_PERSON_COLS} FROM people p WHERE p.telegram_id IS NULL"
            " AND p.removed_at IS NULL AND lower(p.telegram_username) = lower(?)",
            (username,),
        )
        return _person(row) if row else None

    async def phones(self) -> dict[int, str]:
        rows = await self._all("SELECT id, phone FROM people WHERE phone IS NOT NULL")
        return {int(r["id"]): r["phone"] for r in rows}

    async def not_reached(self) -> list[Person]:
        """People whom the bot cannot reach (not linked, or blocked it) with open assignments,
        or with reports waiting for their check as the controller."""
        rows = await self._all(
            f"SELECT {_PERSON_COLS} FROM people p WHERE p.removed_at IS NULL"
            " AND (p.telegram_id IS NULL OR p.unreachable_since IS NOT NULL)"
            f" AND (EXISTS (SELECT 1 FROM assignees s WHERE s.person_id = p.id"
            f" AND s.status IN {_OPEN_SQL})"
            " OR p.id IN (SELECT a.controller_id FROM assignees s"
            " JOIN assignments a ON a.id = s.assignment_id"
            f" WHERE s.status = '{AssigneeStatus.REPORTED.value}'))"
            " ORDER BY p.short_name"
        )
        return [_person(r) for r in rows]

    async def invited_not_linked(self) -> list[tuple[Person, dt.datetime | None]]:
        rows = await self._all(
            f"SELECT {_PERSON_COLS}, p.invite_expires_at FROM people p"
            " WHERE p.removed_at IS NULL AND p.telegram_id IS NULL ORDER BY p.short_name"
        )
        return [(_person(r), parse_ts(r["invite_expires_at"])) for r in rows]

    async def set_invite(self, person_id: int, token: str, expires_at: dt.datetime) -> None:
        await self._write(
            "UPDATE people SET invite_token = ?, invite_expires_at = ? WHERE id = ?",
            (token, ts(expires_at), person_id),
        )

    async def invite_expires_at(self, person_id: int) -> dt.datetime | None:
        row = await self._one("SELECT invite_expires_at FROM people WHERE id = ?", (person_id,))
        return parse_ts(row[0]) if row else None

    async def remove(self, person_id: int, now: dt.datetime) -> None:
        """Removed people keep their history; their account and invite stop working, and the
        Telegram account is free to be linked again (to a new record)."""
        await self._write(
            "UPDATE people SET removed_at = ?, invite_token = NULL, telegram_id = NULL"
            " WHERE id = ?",
            (ts(now), person_id),
        )

    async def set_unreachable(self, person_id: int, since: dt.datetime | None) -> None:
        await self._write(
            "UPDATE people SET unreachable_since = ? WHERE id = ?",
            (ts(since) if since else None, person_id),
        )


# --- protocols ----------------------------------------------------------------------------


def _protocol(row: Row, prefix: str = "") -> Protocol:
    return Protocol(
        id=row[prefix + "id"],
        title=row[prefix + "title"],
        number=row[prefix + "number"],
        meeting_date=_date(row[prefix + "meeting_date"]),
        source_hash=row[prefix + "source_hash"],
        created_at=_ts_req(row[prefix + "created_at"]),
    )


class ProtocolsRepo(_Repo):
    async def add(
        self,
        *,
        title: str | None,
        number: str | None,
        meeting_date: dt.date | None,
        source_text: str,
        source_hash: str | None,
        created_by: int | None,
        now: dt.datetime,
    ) -> int:
        return await self._insert(
            "INSERT INTO protocols(title, number, meeting_date, source_text, source_hash,"
            " created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (title, number, _iso(meeting_date), source_text, source_hash, created_by, ts(now)),
        )

    async def get(self, protocol_id: int) -> Protocol | None:
        row = await self._one("SELECT * FROM protocols WHERE id = ?", (protocol_id,))
        return _protocol(row) if row else None

    async def all(self, *, limit: int = -1, offset: int = 0) -> list[Protocol]:
        """Newest meeting first; a page of them with `limit` and `offset`."""
        rows = await self._all(
            "SELECT * FROM protocols ORDER BY meeting_date IS NULL, meeting_date DESC, id DESC"
            " LIMIT ? OFFSET ?",
            (limit, offset),
        )
        return [_protocol(r) for r in rows]

    async def count(self) -> int:
        row = await self._one("SELECT count(*) FROM protocols")
        return int(row[0]) if row else 0

    async def by_hash(self, source_hash: str) -> Protocol | None:
        row = await self._one(
            "SELECT * FROM protocols WHERE source_hash = ? ORDER BY id LIMIT 1", (source_hash,)
        )
        return _protocol(row) if row else None


# --- assignments and assignees --------------------------------------------------------------


def _assignment(row: Row, prefix: str = "") -> Assignment:
    time_raw = row[prefix + "deadline_time"]
    return Assignment(
        id=row[prefix + "id"],
        protocol_id=row[prefix + "protocol_id"],
        item_number=row[prefix + "item_number"],
        text=row[prefix + "text"],
        deadline_date=_date(row[prefix + "deadline_date"]),
        deadline_time=dt.time.fromisoformat(time_raw) if time_raw else None,
        deadline_kind=row[prefix + "deadline_kind"],
        deadline_raw=row[prefix + "deadline_raw"],
        recommendation=bool(row[prefix + "recommendation"]),
        controller_id=row[prefix + "controller_id"],
        created_by=row[prefix + "created_by"],
        created_at=_ts_req(row[prefix + "created_at"]),
        cancelled_at=parse_ts(row[prefix + "cancelled_at"]),
    )


def _assignee(row: Row, prefix: str = "") -> Assignee:
    return Assignee(
        id=row[prefix + "id"],
        assignment_id=row[prefix + "assignment_id"],
        person_id=row[prefix + "person_id"],
        status=_STATUS_OF[row[prefix + "status"]],
        status_changed_at=_ts_req(row[prefix + "status_changed_at"]),
        deadline_date=_date(row[prefix + "deadline_date"]),
        snoozed_until=_date(row[prefix + "snoozed_until"]),
        last_reminder_on=_date(row[prefix + "last_reminder_on"]),
        card_chat_id=row[prefix + "card_chat_id"],
        card_message_id=row[prefix + "card_message_id"],
    )


def _prefixed(table: str, alias: str, columns: Sequence[str]) -> str:
    return ", ".join(f"{alias}.{c} AS {alias}_{c}" for c in columns)


_A_COLS = (
    "id protocol_id item_number text deadline_date deadline_time deadline_kind deadline_raw"
    " recommendation controller_id created_by created_at cancelled_at"
).split()
_S_COLS = (
    "id assignment_id person_id status status_changed_at deadline_date snoozed_until"
    " last_reminder_on card_chat_id card_message_id"
).split()
_P_COLS = (
    "id full_name short_name position organisation telegram_id telegram_username invite_token"
    " unreachable_since removed_at"
).split()
_R_COLS = "id title number meeting_date source_hash created_at".split()

_VIEW_COLUMNS = ", ".join(
    [
        _prefixed("assignees", "s", _S_COLS),
        _prefixed("assignments", "a", _A_COLS),
        _prefixed("people", "p", _P_COLS),
        "(SELECT group_concat(role) FROM person_roles r WHERE r.person_id = p.id) AS p_roles",
        _prefixed("protocols", "r", _R_COLS),
    ]
)
_VIEW_FROM = (
    " FROM assignees s JOIN assignments a ON a.id = s.assignment_id"
    " JOIN people p ON p.id = s.person_id LEFT JOIN protocols r ON r.id = a.protocol_id"
)
_VIEW_SELECT = "SELECT " + _VIEW_COLUMNS + _VIEW_FROM


def _overdue_sql(local: dt.datetime) -> tuple[str, tuple[str, ...]]:
    """The condition of `tracking.rules.is_overdue` on assignees `s`, at local wall time
    `local`: the deadline day has passed, or it is today and its time (kept only while the
    assignee's deadline is the assignment's) has passed. Written so that everything but today's
    timed deadlines is answered from the index `assignees_open_due`."""
    today = local.date().isoformat()
    return (
        f"s.status IN {_OPEN_SQL} AND s.deadline_date <= ? AND (s.deadline_date < ? OR EXISTS("
        "SELECT 1 FROM assignments a WHERE a.id = s.assignment_id"
        " AND a.deadline_date = s.deadline_date AND a.deadline_time IS NOT NULL"
        " AND a.deadline_time || ':00.000000' < ?))",
        (today, today, local.strftime("%H:%M:%S.%f")),
    )


def _due_soon_sql(local: dt.datetime, last_day: dt.date) -> tuple[str, tuple[str, ...]]:
    overdue, params = _overdue_sql(local)
    return (
        f"s.status IN {_OPEN_SQL} AND s.deadline_date >= ? AND s.deadline_date <= ?"
        f" AND NOT ({overdue})",
        (local.date().isoformat(), last_day.isoformat(), *params),
    )


def _view(row: Row) -> AssigneeView:
    return AssigneeView(
        assignee=_assignee(row, "s_"),
        assignment=_assignment(row, "a_"),
        person=_person(row, "p_"),
        protocol=_protocol(row, "r_") if row["r_id"] is not None else None,
    )


class AssignmentsRepo(_Repo):
    async def add(
        self,
        *,
        protocol_id: int | None,
        item_number: str | None,
        text: str,
        deadline_date: dt.date | None,
        deadline_time: dt.time | None,
        deadline_kind: str,
        deadline_raw: str,
        recommendation: bool,
        controller_id: int | None,
        created_by: int | None,
        now: dt.datetime,
    ) -> int:
        return await self._insert(
            "INSERT INTO assignments(protocol_id, item_number, text, deadline_date, deadline_time,"
            " deadline_kind, deadline_raw, recommendation, controller_id, created_by, created_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                protocol_id,
                item_number,
                text,
                _iso(deadline_date),
                deadline_time.strftime("%H:%M") if deadline_time else None,
                deadline_kind,
                deadline_raw,
                int(recommendation),
                controller_id,
                created_by,
                ts(now),
            ),
        )

    async def get(self, assignment_id: int) -> Assignment | None:
        row = await self._one("SELECT * FROM assignments WHERE id = ?", (assignment_id,))
        return _assignment(row) if row else None

    async def cancel(self, assignment_id: int, now: dt.datetime) -> list[int]:
        """Cancel the assignment and its open assignees; returns the assignees cancelled."""
        await self.conn.execute(
            "UPDATE assignments SET cancelled_at = ? WHERE id = ? AND cancelled_at IS NULL",
            (ts(now), assignment_id),
        )
        rows = await self._all(
            f"SELECT id FROM assignees WHERE assignment_id = ? AND status IN {_OPEN_SQL}",
            (assignment_id,),
        )
        ids = [int(r["id"]) for r in rows]
        await self.conn.executemany(
            "UPDATE assignees SET status = 'cancelled', status_changed_at = ? WHERE id = ?",
            [(ts(now), i) for i in ids],
        )
        return ids

    async def set_deadline(
        self,
        assignment_id: int,
        *,
        day: dt.date,
        time: dt.time | None,
        kind: str,
        raw: str,
        keep: Sequence[int] = (),
    ) -> None:
        """A new deadline for the assignment and every assignee still working on it but those
        in `keep` (whose own, later deadline was approved for them)."""
        await self.conn.execute(
            "UPDATE assignments SET deadline_date = ?, deadline_time = ?, deadline_kind = ?,"
            " deadline_raw = ? WHERE id = ?",
            (day.isoformat(), time.strftime("%H:%M") if time else None, kind, raw, assignment_id),
        )
        marks = ",".join("?" * len(keep))
        await self.conn.execute(
            f"UPDATE assignees SET deadline_date = ? WHERE assignment_id = ?"
            f" AND status IN {_OPEN_SQL} AND id NOT IN ({marks})",
            (day.isoformat(), assignment_id, *keep),
        )

    async def set_text(self, assignment_id: int, text: str) -> None:
        await self.conn.execute(
            "UPDATE assignments SET text = ? WHERE id = ?", (text, assignment_id)
        )

    async def set_controller(self, assignment_id: int, person_id: int) -> None:
        await self.conn.execute(
            "UPDATE assignments SET controller_id = ? WHERE id = ?", (person_id, assignment_id)
        )

    async def reviewed_by(self, person_id: int) -> list[int]:
        """Assignments still running whose reports go to the person: they control them, or
        wrote them and nobody controls them (see `Assignment.reviewer_id`)."""
        rows = await self._all(
            "SELECT a.id FROM assignments a WHERE a.cancelled_at IS NULL"
            " AND (a.controller_id = ? OR (a.controller_id IS NULL AND a.created_by = ?))"
            f" AND EXISTS (SELECT 1 FROM assignees s WHERE s.assignment_id = a.id"
            f" AND s.status IN {_OPEN_SQL}) ORDER BY a.id",
            (person_id, person_id),
        )
        return [int(r["id"]) for r in rows]

    async def add_assignee(
        self,
        assignment_id: int,
        person_id: int,
        deadline_date: dt.date | None,
        now: dt.datetime,
        *,
        reminded_on: dt.date | None = None,
    ) -> int:
        """Add a person (or bring back a removed one) to an assignment. `reminded_on` counts
        as the day of their last reminder (their card, when they join a running assignment)."""
        row = await self._one(
            "INSERT INTO assignees(assignment_id, person_id, status, status_changed_at,"
            " deadline_date, last_reminder_on) VALUES (?, ?, 'new', ?, ?, ?)"
            " ON CONFLICT(assignment_id, person_id) DO UPDATE SET status = 'new',"
            " status_changed_at = excluded.status_changed_at,"
            " deadline_date = excluded.deadline_date,"
            " last_reminder_on = excluded.last_reminder_on RETURNING id",
            (assignment_id, person_id, ts(now), _iso(deadline_date), _iso(reminded_on)),
        )
        assert row is not None
        return int(row[0])

    async def assignee(self, assignee_id: int) -> Assignee | None:
        row = await self._one("SELECT * FROM assignees WHERE id = ?", (assignee_id,))
        return _assignee(row) if row else None

    async def view(self, assignee_id: int) -> AssigneeView | None:
        row = await self._one(_VIEW_SELECT + " WHERE s.id = ?", (assignee_id,))
        return _view(row) if row else None

    async def views(self, assignee_ids: Sequence[int]) -> list[AssigneeView]:
        """These assignees, nearest deadline first (none first), then by id."""
        if not assignee_ids:
            return []
        rows = await self._all(
            _VIEW_SELECT + f" WHERE s.id IN ({','.join('?' * len(assignee_ids))})"
            " ORDER BY s.deadline_date IS NULL, s.deadline_date, s.id",
            list(assignee_ids),
        )
        return [_view(r) for r in rows]

    async def views_of_assignment(self, assignment_id: int) -> list[AssigneeView]:
        rows = await self._all(
            _VIEW_SELECT + " WHERE s.assignment_id = ? ORDER BY s.id", (assignment_id,)
        )
        return [_view(r) for r in rows]

    async def set_status(self, assignee_id: int, status: AssigneeStatus, now: dt.datetime) -> None:
        await self.conn.execute(
            "UPDATE assignees SET status = ?, status_changed_at = ? WHERE id = ?",
            (status.value, ts(now), assignee_id),
        )

    async def protocols_with_open(self) -> list[int | None]:
        """Protocols that still have an open assignee (None: the assignments made one by one),
        the one with the earliest open deadline first."""
        rows = await self._all(
            "SELECT a.protocol_id, min(s.deadline_date) AS first FROM assignees s"
            f" JOIN assignments a ON a.id = s.assignment_id WHERE s.status IN {_OPEN_SQL}"
            " GROUP BY a.protocol_id ORDER BY first IS NULL, first, a.protocol_id"
        )
        return [r["protocol_id"] for r in rows]

    async def any_without_protocol(self) -> bool:
        return await self._one("SELECT 1 FROM assignments WHERE protocol_id IS NULL") is not None

    async def views_of_protocol(self, protocol_id: int | None) -> list[AssigneeView]:
        """Every assignee of a protocol's assignments (None: those made without a protocol)."""
        where = "a.protocol_id = ?" if protocol_id is not None else "a.protocol_id IS NULL"
        params: tuple[int, ...] = (protocol_id,) if protocol_id is not None else ()
        rows = await self._all(_VIEW_SELECT + f" WHERE {where} ORDER BY a.id, s.id", params)
        return [_view(r) for r in rows]

    async def deadline_outcomes(
        self, first: dt.date, last: dt.date, *, after_id: int = 0, limit: int = -1
    ) -> list[DeadlineOutcome]:
        """Assignees (but the cancelled) whose deadline falls from `first` to `last`, in id
        order from `after_id`, at most `limit`, with only what the discipline report reads."""
        rows = await self._all(
            "SELECT s.id, s.person_id, s.status, s.status_changed_at, s.deadline_date,"
            " CASE WHEN s.deadline_date = a.deadline_date THEN a.deadline_time END,"
            " (SELECT max(r.created_at) FROM reports r WHERE r.assignee_id = s.id)"
            " FROM assignees s JOIN assignments a ON a.id = s.assignment_id"
            " WHERE s.deadline_date BETWEEN ? AND ? AND s.status != 'cancelled' AND s.id > ?"
            " ORDER BY s.id LIMIT ?",
            (first.isoformat(), last.isoformat(), after_id, limit),
        )
        return [
            DeadlineOutcome(
                assignee_id=r[0],
                person_id=r[1],
                status=_STATUS_OF[r[2]],
                status_changed_at=_ts_req(r[3]),
                deadline=dt.date.fromisoformat(r[4]),
                deadline_time=dt.time.fromisoformat(r[5]) if r[5] else None,
                reported_at=parse_ts(r[6]),
            )
            for r in rows
        ]

    async def set_card(self, assignee_id: int, chat_id: int, message_id: int) -> None:
        await self.conn.execute(
            "UPDATE assignees SET card_chat_id = ?, card_message_id = ? WHERE id = ?",
            (chat_id, message_id, assignee_id),
        )

    async def forget_card(self, assignee_id: int) -> None:
        """The card message is no longer the one to edit (its chat is not the person's)."""
        await self.conn.execute(
            "UPDATE assignees SET card_chat_id = NULL, card_message_id = NULL WHERE id = ?",
            (assignee_id,),
        )

    async def set_assignee_deadline(self, assignee_id: int, day: dt.date) -> None:
        """A per-assignee deadline (an approved extension)."""
        await self.conn.execute(
            "UPDATE assignees SET deadline_date = ? WHERE id = ?",
            (day.isoformat(), assignee_id),
        )

    async def snooze(self, assignee_id: int, until: dt.date) -> None:
        await self.conn.execute(
            "UPDATE assignees SET snoozed_until = ? WHERE id = ?", (until.isoformat(), assignee_id)
        )

    async def open_for_person(
        self, person_id: int, *, limit: int = -1, offset: int = 0
    ) -> tuple[list[AssigneeView], int]:
        """The person's open assignees, nearest deadline first (a page of them with `limit`),
        and how many there are in all. One statement: the count rides along as a constant
        subquery, which SQLite evaluates once; only a page past the end (the list shrank since
        it was shown) costs a second one."""
        rows = await self._all(
            f"SELECT ({_OPEN_COUNT_SQL}) AS open_total, {_VIEW_COLUMNS}{_VIEW_FROM}"
            f" WHERE s.person_id = ? AND s.status IN {_OPEN_SQL}"
            " ORDER BY s.deadline_date IS NULL, s.deadline_date, a.deadline_time, s.id"
            " LIMIT ? OFFSET ?",
            (person_id, person_id, limit, offset),
        )
        if rows:
            return [_view(r) for r in rows], int(rows[0]["open_total"])
        if not offset:
            return [], 0
        return [], await self.open_count_for_person(person_id)

    async def open_count_for_person(self, person_id: int) -> int:
        row = await self._one(_OPEN_COUNT_SQL, (person_id,))
        return int(row[0]) if row else 0

    async def overdue_count(self, local: dt.datetime) -> tuple[int, int, int]:
        """How many open assignees are past their deadline at local time `local`, of how
        many people and how many assignments."""
        where, params = _overdue_sql(local)
        row = await self._one(
            "SELECT count(*) AS items, count(DISTINCT s.person_id) AS people,"
            " count(DISTINCT s.assignment_id) AS assignments FROM assignees s WHERE " + where,
            params,
        )
        if row is None:
            return 0, 0, 0
        return row["items"], row["people"], row["assignments"]

    async def overdue(
        self, local: dt.datetime, *, by_person: bool, limit: int, offset: int = 0
    ) -> list[AssigneeView]:
        """A page of the overdue assignees: by person (name, then deadline) or most overdue
        first. The page is chosen on the narrow rows and only its views are joined."""
        where, params = _overdue_sql(local)
        if by_person:
            order = "p.short_name, p.id, s.deadline_date, s.id"
            page = (
                "SELECT s.id FROM assignees s JOIN people p ON p.id = s.person_id"
                f" WHERE {where} ORDER BY {order} LIMIT ? OFFSET ?"
            )
        else:
            order = "s.deadline_date, s.id"
            page = f"SELECT s.id FROM assignees s WHERE {where} ORDER BY {order} LIMIT ? OFFSET ?"
        rows = await self._all(
            _VIEW_SELECT + f" WHERE s.id IN ({page}) ORDER BY {order}",
            (*params, limit, offset),
        )
        return [_view(r) for r in rows]

    async def due_soon_count(self, local: dt.datetime, last_day: dt.date) -> int:
        """Open assignees due from today to `last_day` and not yet overdue."""
        where, params = _due_soon_sql(local, last_day)
        row = await self._one("SELECT count(*) AS items FROM assignees s WHERE " + where, params)
        return row["items"] if row is not None else 0

    async def due_soon(
        self, local: dt.datetime, last_day: dt.date, *, limit: int
    ) -> list[AssigneeView]:
        """The first `limit` of `due_soon_count`, nearest deadline first."""
        where, params = _due_soon_sql(local, last_day)
        page = f"SELECT s.id FROM assignees s WHERE {where} ORDER BY s.deadline_date, s.id LIMIT ?"
        rows = await self._all(
            _VIEW_SELECT + f" WHERE s.id IN ({page}) ORDER BY s.deadline_date, s.id",
            (*params, limit),
        )
        return [_view(r) for r in rows]

    async def reminder_candidates(
        self, horizon: dt.date, today: dt.date
    ) -> list[ReminderCandidate]:
        """Assignees still to act, of linked people, whose deadline is within `horizon` (or
        snoozed), not reminded yet on or after `today` (no slot can be later than that).

        Only the columns the reminder rule reads: a morning may bring thousands of them."""
        rows = await self._all(
            "SELECT s.id, s.person_id, s.deadline_date, s.snoozed_until, s.last_reminder_on,"
            " a.created_at"
            " FROM assignees s JOIN assignments a ON a.id = s.assignment_id"
            " JOIN people p ON p.id = s.person_id"
            " WHERE s.status IN ('new', 'in_progress', 'returned')"
            " AND a.cancelled_at IS NULL AND p.telegram_id IS NOT NULL"
            " AND p.removed_at IS NULL"
            " AND ((s.deadline_date IS NOT NULL AND s.deadline_date <= ?)"
            "      OR (s.snoozed_until IS NOT NULL AND s.snoozed_until <= ?))"
            " AND (s.last_reminder_on IS NULL OR s.last_reminder_on < ?)"
            " ORDER BY s.id",
            (horizon.isoformat(), today.isoformat(), today.isoformat()),
        )
        return [
            ReminderCandidate(
                assignee_id=r[0],
                person_id=r[1],
                deadline=_date(r[2]),
                snoozed_until=_date(r[3]),
                last_reminder_on=_date(r[4]),
                created_at=_ts_req(r[5]),
            )
            for r in rows
        ]

    async def still_to_remind(self, assignee_ids: Sequence[int], today: dt.date) -> set[int]:
        """Those of `assignee_ids` still to act and not reminded on or after `today`: checked
        again in the transaction that queues their reminders."""
        found: set[int] = set()
        for start in range(0, len(assignee_ids), 500):
            chunk = list(assignee_ids[start : start + 500])
            rows = await self._all(
                f"SELECT id FROM assignees WHERE id IN ({','.join('?' * len(chunk))})"
                " AND status IN ('new', 'in_progress', 'returned')"
                " AND (last_reminder_on IS NULL OR last_reminder_on < ?)",
                (*chunk, today.isoformat()),
            )
            found.update(r[0] for r in rows)
        return found

    async def set_last_reminders(self, pairs: Sequence[tuple[int, dt.date]]) -> None:
        """`set_last_reminder` for many assignees in one statement."""
        await self.conn.executemany(
            "UPDATE assignees SET last_reminder_on = ?,"
            " snoozed_until = CASE WHEN snoozed_until <= ? THEN NULL ELSE snoozed_until END"
            " WHERE id = ?",
            [(day.isoformat(), day.isoformat(), assignee_id) for assignee_id, day in pairs],
        )


# --- reports ---------------------------------------------------------------------------------


class ReportsRepo(_Repo):
    async def add(
        self,
        *,
        assignee_id: int,
        author_id: int,
        kind: str,
        text: str,
        files: Sequence[ReportFile],
        now: dt.datetime,
    ) -> int:
        report_id = await self._insert(
            "INSERT INTO reports(assignee_id, author_id, kind, text, created_at)"
            " VALUES (?, ?, ?, ?, ?)",
            (assignee_id, author_id, kind, text, ts(now)),
        )
        for f in files:
            await self.conn.execute(
                "INSERT INTO report_files(report_id, kind, file_id, file_unique_id, file_name,"
                " mime_type, file_size) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    report_id,
                    f.kind,
                    f.file_id,
                    f.file_unique_id,
                    f.file_name,
                    f.mime_type,
                    f.file_size,
                ),
            )
        return report_id

    async def latest_texts(
        self, assignee_ids: Sequence[int], kind_names: Mapping[str, str]
    ) -> dict[int, str]:
        """The latest report of each assignee as one line: its text and its files, each by
        its name or, without one (a photo), by `kind_names` of its kind."""
        result: dict[int, str] = {}
        for start in range(0, len(assignee_ids), 500):
            chunk = list(assignee_ids[start : start + 500])
            marks = ",".join("?" * len(chunk))
            rows = await self._all(
                "SELECT r.id, r.assignee_id, r.text, f.kind, f.file_name FROM reports r"
                " LEFT JOIN report_files f ON f.report_id = r.id"
                f" WHERE r.id IN (SELECT MAX(id) FROM reports WHERE assignee_id IN ({marks})"
                " GROUP BY assignee_id) ORDER BY r.id, f.id",
                chunk,
            )
            texts: dict[int, str] = {}
            files: dict[int, list[str]] = {}
            for r in rows:
                assignee_id = int(r["assignee_id"])
                texts[assignee_id] = r["text"]
                if r["kind"] is not None:
                    name = r["file_name"] or kind_names.get(r["kind"], r["kind"])
                    files.setdefault(assignee_id, []).append(name)
            for assignee_id, text in texts.items():
                parts = [p for p in (text, ", ".join(files.get(assignee_id, ()))) if p]
                result[assignee_id] = " · ".join(parts)
        return result

    async def latest_ids(self, assignee_ids: Sequence[int]) -> dict[int, int]:
        """The id of each assignee's latest report."""
        if not assignee_ids:
            return {}
        marks = ",".join("?" * len(assignee_ids))
        rows = await self._all(
            f"SELECT assignee_id, MAX(id) AS id FROM reports WHERE assignee_id IN ({marks})"
            " GROUP BY assignee_id",
            list(assignee_ids),
        )
        return {int(r["assignee_id"]): int(r["id"]) for r in rows}

    async def get(self, report_id: int) -> Report | None:
        row = await self._one("SELECT * FROM reports WHERE id = ?", (report_id,))
        if row is None:
            return None
        files = await self._all(
            "SELECT * FROM report_files WHERE report_id = ? ORDER BY id", (row["id"],)
        )
        return Report(
            id=row["id"],
            assignee_id=row["assignee_id"],
            author_id=row["author_id"],
            kind=row["kind"],
            text=row["text"],
            created_at=_ts_req(row["created_at"]),
            files=tuple(
                ReportFile(
                    kind=f["kind"],
                    file_id=f["file_id"],
                    file_unique_id=f["file_unique_id"],
                    file_name=f["file_name"],
                    mime_type=f["mime_type"],
                    file_size=f["file_size"],
                )
                for f in files
            ),
        )


# --- event log -------------------------------------------------------------------------------


class EventsRepo(_Repo):
    async def add(
        self,
        kind: str,
        *,
        now: dt.datetime,
        actor_id: int | None = None,
        assignment_id: int | None = None,
        assignee_id: int | None = None,
        **details: object,
    ) -> int:
        return await self._insert(
            "INSERT INTO events(at, actor_id, assignment_id, assignee_id, kind, details)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (
                ts(now),
                actor_id,
                assignment_id,
                assignee_id,
                kind,
                json.dumps(details, ensure_ascii=False, default=str),
            ),
        )

    async def for_assignment(self, assignment_id: int) -> list[Event]:
        rows = await self._all(
            "SELECT * FROM events WHERE assignment_id = ? ORDER BY id", (assignment_id,)
        )
        return [
            Event(
                id=r["id"],
                at=_ts_req(r["at"]),
                actor_id=r["actor_id"],
                assignment_id=r["assignment_id"],
                assignee_id=r["assignee_id"],
                kind=r["kind"],
                details=json.loads(r["details"]),
            )
            for r in rows
        ]


# --- reminders -------------------------------------------------------------------------------


class RemindersRepo(_Repo):
    async def add(self, assignee_id: int, slot: dt.date, kind: str, now: dt.datetime) -> bool:
        """Record a reminder slot; False when that slot was already recorded."""
        async with self.conn.execute(
            "INSERT OR IGNORE INTO reminders(assignee_id, slot_date, kind, created_at)"
            " VALUES (?, ?, ?, ?)",
            (assignee_id, slot.isoformat(), kind, ts(now)),
        ) as cur:
            return cur.rowcount == 1

    async def add_many(self, slots: Sequence[tuple[int, dt.date, str]], now: dt.datetime) -> None:
        at = ts(now)
        await self.conn.executemany(
            "INSERT OR IGNORE INTO reminders(assignee_id, slot_date, kind, created_at)"
            " VALUES (?, ?, ?, ?)",
            [(assignee_id, day.isoformat(), kind, at) for assignee_id, day, kind in slots],
        )

    async def for_assignment(self, assignment_id: int) -> list[Event]:
        """The reminders sent about an assignment, as events of its history: «reminded», by
        the bot, with the person reminded and the slot."""
        rows = await self._all(
            "SELECT r.id, r.assignee_id, r.slot_date, r.kind, r.created_at, p.short_name"
            " FROM assignees s JOIN reminders r ON r.assignee_id = s.id"
            " JOIN people p ON p.id = s.person_id"
            " WHERE s.assignment_id = ? ORDER BY r.created_at, r.id",
            (assignment_id,),
        )
        return [
            Event(
                id=r["id"],
                at=_ts_req(r["created_at"]),
                actor_id=None,
                assignment_id=assignment_id,
                assignee_id=r["assignee_id"],
                kind="reminded",
                details={
                    "person": r["short_name"],
                    "slot": r["slot_date"],
                    "slot_kind": r["kind"],
                },
            )
            for r in rows
        ]

    async def count_for(self, assignee_id: int) -> int:
        row = await self._one(
            "SELECT COUNT(*) FROM reminders WHERE assignee_id = ?", (assignee_id,)
        )
        return int(row[0]) if row else 0


# --- outbox ----------------------------------------------------------------------------------


def _outbox(row: Row) -> OutboxItem:
    return OutboxItem(
        id=row["id"],
        person_id=row["person_id"],
        chat_id=row["chat_id"],
        kind=row["kind"],
        payload=json.loads(row["payload"]),
        dedupe_key=row["dedupe_key"],
        not_before=_ts_req(row["not_before"]),
        attempts=row["attempts"],
        parts_sent=row["parts_sent"],
    )


#: Outbox rows `o` that may go (or will, at their time): unsent, their recipient reachable,
#: and no earlier row of the same person waiting for a retry at the time given (served by
#: the partial index `outbox_pending`: only rows waiting for a retry have a time ahead).
_OUTBOX_READY = (
    "o.sent_at IS NULL AND o.failed_at IS NULL"
    " AND (o.chat_id IS NOT NULL OR (p.telegram_id IS NOT NULL AND p.removed_at IS NULL))"
    " AND NOT EXISTS (SELECT 1 FROM outbox e WHERE e.sent_at IS NULL AND e.failed_at IS NULL"
    " AND e.not_before > ? AND e.person_id = o.person_id AND e.id < o.id)"
)


class OutboxRepo(_Repo):
    def __init__(self, conn: aiosqlite.Connection, tx: Tx) -> None:
        super().__init__(conn)
        self._tx = tx

    async def add(
        self,
        kind: str,
        *,
        dedupe_key: str,
        now: dt.datetime,
        person_id: int | None = None,
        chat_id: int | None = None,
        not_before: dt.datetime | None = None,
        **payload: object,
    ) -> bool:
        """Queue a message; False when the dedupe key was queued before (nothing is added)."""
        async with self.conn.execute(
            "INSERT OR IGNORE INTO outbox(person_id, chat_id, kind, payload, dedupe_key,"
            " not_before, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                person_id,
                chat_id,
                kind,
                json.dumps(payload, ensure_ascii=False),
                dedupe_key,
                ts(not_before or now),
                ts(now),
            ),
        ) as cur:
            added = cur.rowcount == 1
        if added:
            self._tx.outbox_written = True
        return added

    async def add_many(
        self,
        kind: str,
        rows: Sequence[tuple[str, int | None, dict[str, object]]],
        now: dt.datetime,
    ) -> int:
        """Many messages of one kind: (dedupe key, person id, payload) each; returns how many
        were new (a key queued before adds nothing)."""
        before = self.conn.total_changes
        at = ts(now)
        await self.conn.executemany(
            "INSERT OR IGNORE INTO outbox(person_id, chat_id, kind, payload, dedupe_key,"
            " not_before, created_at) VALUES (?, NULL, ?, ?, ?, ?, ?)",
            [
                (person, kind, json.dumps(payload, ensure_ascii=False), key, at, at)
                for key, person, payload in rows
            ],
        )
        added = self.conn.total_changes - before
        if added:
            self._tx.outbox_written = True
        return added

    async def due(self, now: dt.datetime, limit: int) -> list[OutboxItem]:
        """Unsent items whose time has come and whose recipient can be reached, in the order
        they were made; none of a person's while an earlier one of theirs waits for a retry
        (a card that failed once must not arrive after the news that it was cancelled)."""
        rows = await self._all(
            "SELECT o.id, o.person_id, COALESCE(o.chat_id, p.telegram_id) AS chat_id, o.kind,"
            " o.payload, o.dedupe_key, o.not_before, o.attempts, o.parts_sent"
            f" FROM outbox o LEFT JOIN people p ON p.id = o.person_id WHERE {_OUTBOX_READY}"
            " AND o.not_before <= ? ORDER BY o.id LIMIT ?",
            (ts(now), ts(now), limit),
        )
        return [_outbox(r) for r in rows]

    async def next_due_at(self, now: dt.datetime) -> dt.datetime | None:
        """When the next item `due` would give falls due (a retry's time, say)."""
        row = await self._one(
            "SELECT MIN(o.not_before) FROM outbox o LEFT JOIN people p ON p.id = o.person_id"
            f" WHERE {_OUTBOX_READY}",
            (ts(now),),
        )
        return parse_ts(row[0]) if row else None

    async def mark_sent(self, item_id: int, now: dt.datetime) -> None:
        await self.conn.execute(
            "UPDATE outbox SET sent_at = ?, attempts = attempts + 1 WHERE id = ?",
            (ts(now), item_id),
        )

    async def set_parts_sent(self, item_id: int, parts: int) -> None:
        """`parts` messages of a notification of several went out (a retry goes on after)."""
        await self.conn.execute("UPDATE outbox SET parts_sent = ? WHERE id = ?", (parts, item_id))

    async def retry_later(self, item_id: int, not_before: dt.datetime, error: str) -> None:
        await self.conn.execute(
            "UPDATE outbox SET not_before = ?, attempts = attempts + 1, last_error = ?"
            " WHERE id = ?",
            (ts(not_before), error[:500], item_id),
        )

    async def mark_failed(self, item_id: int, now: dt.datetime, error: str) -> None:
        await self.conn.execute(
            "UPDATE outbox SET failed_at = ?, attempts = attempts + 1, last_error = ?"
            " WHERE id = ?",
            (ts(now), error[:500], item_id),
        )

    async def drop_for(self, person_id: int, now: dt.datetime, reason: str) -> int:
        """Give up what still waits for a person who will never get it (removed from the
        directory); returns how many. Messages to a group chat are not theirs."""
        async with self.conn.execute(
            "UPDATE outbox SET failed_at = ?, last_error = ? WHERE person_id = ?"
            " AND chat_id IS NULL AND sent_at IS NULL AND failed_at IS NULL",
            (ts(now), reason, person_id),
        ) as cur:
            return cur.rowcount

    async def pending_count(self) -> int:
        row = await self._one(
            "SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL AND failed_at IS NULL"
        )
        return int(row[0]) if row else 0


# --- drafts and FSM ---------------------------------------------------------------------------


def _draft(row: Row) -> Draft:
    return Draft(
        id=row["id"],
        author_id=row["author_id"],
        kind=row["kind"],
        payload=json.loads(row["payload"]),
        created_at=_ts_req(row["created_at"]),
        closed_at=parse_ts(row["closed_at"]),
    )


class DraftsRepo(_Repo):
    async def add(
        self, author_id: int, kind: str, payload: dict[str, Any], now: dt.datetime
    ) -> Draft:
        draft_id = await self._insert(
            "INSERT INTO drafts(author_id, kind, payload, created_at) VALUES (?, ?, ?, ?)",
            (author_id, kind, json.dumps(payload, ensure_ascii=False), ts(now)),
        )
        draft = await self.get(draft_id)
        assert draft is not None
        return draft

    async def get(self, draft_id: int) -> Draft | None:
        row = await self._one("SELECT * FROM drafts WHERE id = ?", (draft_id,))
        return _draft(row) if row else None

    async def update(self, draft_id: int, payload: dict[str, Any]) -> None:
        await self.conn.execute(
            "UPDATE drafts SET payload = ? WHERE id = ?",
            (json.dumps(payload, ensure_ascii=False), draft_id),
        )

    async def close(self, draft_id: int, now: dt.datetime) -> bool:
        """Close an open draft; False when it was closed already (a second tap)."""
        async with self.conn.execute(
            "UPDATE drafts SET closed_at = ? WHERE id = ? AND closed_at IS NULL",
            (ts(now), draft_id),
        ) as cur:
            return cur.rowcount == 1


class FsmRepo(_Repo):
    async def get(self, key: str) -> tuple[str | None, dict[str, Any], dt.datetime | None]:
        """The chat's state, data and when the state was entered."""
        row = await self._one("SELECT state, data, state_since FROM fsm WHERE key = ?", (key,))
        if row is None:
            return None, {}, None
        return row["state"], json.loads(row["data"]), parse_ts(row["state_since"])

    async def set_state(self, key: str, state: str | None, since: dt.datetime | None) -> None:
        await self.conn.execute(
            "INSERT INTO fsm(key, state, state_since) VALUES (?, ?, ?)"
            " ON CONFLICT(key) DO UPDATE SET state = excluded.state,"
            " state_since = excluded.state_since",
            (key, state, ts(since) if since else None),
        )

    async def clear(self, key: str) -> None:
        await self.conn.execute(
            "UPDATE fsm SET state = NULL, data = '{}', state_since = NULL WHERE key = ?", (key,)
        )

    async def set_data(self, key: str, data: dict[str, Any]) -> None:
        await self.conn.execute(
            "INSERT INTO fsm(key, data) VALUES (?, ?)"
            " ON CONFLICT(key) DO UPDATE SET data = excluded.data",
            (key, json.dumps(data, ensure_ascii=False)),
        )


# --- groups and aliases --------------------------------------------------------------------


def name_key(text: str) -> str:
    """Case-, ё- and spacing-insensitive key of a group or alias name."""
    cleaned = text.lower().replace("ё", "е").strip(" \t\n.,;:«»\"'")
    return " ".join(cleaned.split())


@dataclass(frozen=True, slots=True)
class Group:
    id: int
    name: str
    member_ids: tuple[int, ...]


class GroupsRepo(_Repo):
    async def ensure(self, name: str, now: dt.datetime) -> int:
        key = name_key(name)
        row = await self._one("SELECT id FROM groups WHERE name_key = ?", (key,))
        if row is not None:
            return int(row["id"])
        return await self._insert(
            "INSERT INTO groups(name, name_key, created_at) VALUES (?, ?, ?)",
            (" ".join(name.split()), key, ts(now)),
        )

    async def add_members(self, group_id: int, person_ids: Iterable[int]) -> None:
        await self.conn.executemany(
            "INSERT OR IGNORE INTO group_members(group_id, person_id) VALUES (?, ?)",
            [(group_id, pid) for pid in person_ids],
        )

    async def set_members(self, group_id: int, person_ids: Iterable[int]) -> None:
        """The group is exactly these people."""
        await self.conn.execute("DELETE FROM group_members WHERE group_id = ?", (group_id,))
        await self.add_members(group_id, person_ids)

    async def remember_alias(
        self, alias: str, group_id: int, created_by: int | None, now: dt.datetime
    ) -> None:
        await self.conn.execute(
            "INSERT INTO aliases(alias_key, group_id, created_by, created_at) VALUES (?, ?, ?, ?)"
            " ON CONFLICT(alias_key) DO UPDATE SET group_id = excluded.group_id",
            (name_key(alias), group_id, created_by, ts(now)),
        )

    async def members_for(self, text: str) -> list[int] | None:
        """Active members of the group named `text` or aliased by it; None when unknown."""
        key = name_key(text)
        row = await self._one(
            "SELECT id FROM groups WHERE name_key = ?"
            " UNION SELECT group_id FROM aliases WHERE alias_key = ? LIMIT 1",
            (key, key),
        )
        if row is None:
            return None
        rows = await self._all(
            "SELECT m.person_id FROM group_members m JOIN people p ON p.id = m.person_id"
            " WHERE m.group_id = ? AND p.removed_at IS NULL ORDER BY p.short_name",
            (row[0],),
        )
        return [int(r[0]) for r in rows]

    async def lookup_table(self) -> dict[str, list[int]]:
        """Every group name and alias key → the group's active members."""
        rows = await self._all(
            "SELECT k.name_key AS key, m.person_id AS pid FROM"
            " (SELECT name_key, id AS group_id FROM groups"
            "  UNION SELECT alias_key, group_id FROM aliases) k"
            " LEFT JOIN group_members m ON m.group_id = k.group_id"
            " LEFT JOIN people p ON p.id = m.person_id"
            " WHERE m.person_id IS NULL OR p.removed_at IS NULL"
            " ORDER BY k.name_key, p.short_name"
        )
        table: dict[str, list[int]] = {}
        for r in rows:
            members = table.setdefault(r["key"], [])
            if r["pid"] is not None:
                members.append(int(r["pid"]))
        return table

    async def all(self) -> list[Group]:
        rows = await self._all(
            "SELECT g.id, g.name, group_concat(m.person_id) AS members FROM groups g"
            " LEFT JOIN group_members m ON m.group_id = g.id GROUP BY g.id ORDER BY g.name"
        )
        return [
            Group(
                id=r["id"],
                name=r["name"],
                member_ids=tuple(int(x) for x in r["members"].split(",")) if r["members"] else (),
            )
            for r in rows
        ]


# --- deadline change requests ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class DeadlineRequest:
    id: int
    assignee_id: int
    requested_by: int
    new_date: dt.date
    reason: str
    status: str
    decided_by: int | None
    created_at: dt.datetime


class DeadlineRequestsRepo(_Repo):
    async def add(
        self, assignee_id: int, requested_by: int, new_date: dt.date, reason: str, now: dt.datetime
    ) -> int:
        return await self._insert(
            "INSERT INTO deadline_requests(assignee_id, requested_by, new_date, reason,"
            " created_at) VALUES (?, ?, ?, ?, ?)",
            (assignee_id, requested_by, new_date.isoformat(), reason, ts(now)),
        )

    async def get(self, request_id: int) -> DeadlineRequest | None:
        row = await self._one("SELECT * FROM deadline_requests WHERE id = ?", (request_id,))
        if row is None:
            return None
        return DeadlineRequest(
            id=row["id"],
            assignee_id=row["assignee_id"],
            requested_by=row["requested_by"],
            new_date=dt.date.fromisoformat(row["new_date"]),
            reason=row["reason"],
            status=row["status"],
            decided_by=row["decided_by"],
            created_at=_ts_req(row["created_at"]),
        )

    async def pending_of(self, assignee_ids: Sequence[int]) -> list[tuple[int, int]]:
        """(request id, assignee id) of the requests still waiting for a decision."""
        if not assignee_ids:
            return []
        marks = ",".join("?" * len(assignee_ids))
        rows = await self._all(
            "SELECT id, assignee_id FROM deadline_requests WHERE status = 'pending'"
            f" AND assignee_id IN ({marks}) ORDER BY id",
            list(assignee_ids),
        )
        return [(int(r["id"]), int(r["assignee_id"])) for r in rows]

    async def decide(self, request_id: int, status: str, by: int, now: dt.datetime) -> bool:
        """Approve or decline a pending request; False when it was decided already."""
        async with self.conn.execute(
            "UPDATE deadline_requests SET status = ?, decided_by = ?, decided_at = ?"
            " WHERE id = ? AND status = 'pending'",
            (status, by, ts(now), request_id),
        ) as cur:
            return cur.rowcount == 1


class Tx:
    """The repositories of one transaction, each made on first use (most transactions use
    one or two of them)."""

    def wake_delivery(self) -> None:
        """Make the delivery worker look at the outbox after commit (e.g. a person linked)."""
        self.outbox_written = True

    def __init__(self, conn: aiosqlite.Connection) -> None:
        self.conn = conn
        self.outbox_written = False
        self.people_written = False

    @cached_property
    def people(self) -> PeopleRepo:
        return PeopleRepo(self.conn, self)

    @cached_property
    def protocols(self) -> ProtocolsRepo:
        return ProtocolsRepo(self.conn)

    @cached_property
    def assignments(self) -> AssignmentsRepo:
        return AssignmentsRepo(self.conn)

    @cached_property
    def reports(self) -> ReportsRepo:
        return ReportsRepo(self.conn)

    @cached_property
    def events(self) -> EventsRepo:
        return EventsRepo(self.conn)

    @cached_property
    def reminders(self) -> RemindersRepo:
        return RemindersRepo(self.conn)

    @cached_property
    def outbox(self) -> OutboxRepo:
        return OutboxRepo(self.conn, self)

    @cached_property
    def drafts(self) -> DraftsRepo:
        return DraftsRepo(self.conn)

    @cached_property
    def fsm(self) -> FsmRepo:
        return FsmRepo(self.conn)

    @cached_property
    def groups(self) -> GroupsRepo:
        return GroupsRepo(self.conn)

    @cached_property
    def deadline_requests(self) -> DeadlineRequestsRepo:
        return DeadlineRequestsRepo(self.conn)
