"""Shared helpers of the benchmarks: machine info, tables, clocks and database seeding.

Seeding goes through the real `storage` repositories (`Database.transaction()` and the `Tx`
repos), in big transactions, so the schema, the migrations and the stored formats are the
product's own. The only SQL outside `storage/` is one UPDATE in :func:`mark_history_sent`,
which marks the seeded history of card notifications as delivered long ago: `OutboxRepo.add`
returns no row id to pass to `mark_sent`, and sending 100k cards through the worker is not an
option.
"""

from __future__ import annotations

import datetime as dt
import os
import platform
import random
import resource
import sqlite3
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import bot  # noqa: E402, F401  (first: aiogram is imported the way the bot imports it)
from storage.models import AssigneeStatus, Role  # noqa: E402
from storage.repos import Tx  # noqa: E402
from tracking.service import Notice, short_name  # noqa: E402

MSK = ZoneInfo("Europe/Moscow")
#: Every benchmark runs "on" this Monday, 10:00 in Moscow (after REMINDER_TIME 09:00).
BENCH_NOW = dt.datetime(2026, 3, 2, 10, 0, tzinfo=MSK)
BENCH_TOKEN = "123456789:AAFakeTokenForTests_abcdefghijklmnopq"
ADMIN_TG = 1000

S = AssigneeStatus
OPEN_MIX = (S.NEW, S.NEW, S.IN_PROGRESS, S.IN_PROGRESS, S.RETURNED, S.REPORTED)

_SURNAMES = (
    "Иванов Петров Сидоров Кузнецов Смирнов Попов Васильев Соколов Михайлов Новиков Фёдоров"
    " Морозов Волков Алексеев Лебедев Семёнов Егоров Павлов Козлов Степанов Николаев Орлов"
    " Андреев Макаров Никитин Захаров Зайцев Соловьёв Борисов Яковлев Григорьев Романов"
).split()
_NAMES = "Анна Мария Елена Дарья Ольга Ирина Дмитрий Сергей Андрей Алексей Павел Игорь".split()
_PATRONYMICS = "Сергеевна Ивановна Петровна Дмитриевич Сергеевич Андреевич Игоревич".split()
_VERBS = (
    "Подготовить",
    "Обеспечить",
    "Представить",
    "Провести",
    "Организовать",
    "Разработать",
    "Направить",
    "Согласовать",
)
_OBJECTS = (
    "отчёт о трудоустройстве выпускников колледжей региона за 2025 год",
    "предложения по развитию сетевой формы реализации образовательных программ",
    "информацию о ходе модернизации мастерских в рамках федерального проекта",
    "план мероприятий по профориентации школьников на рабочие профессии",
    "мониторинг заключённых договоров о целевом обучении с предприятиями кластера",
    "совещание с руководителями профессиональных образовательных организаций",
)


# --- machine and output -------------------------------------------------------------------


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def usable_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def machine_line() -> str:
    import aiogram

    return (
        f"machine: {usable_cores()} cores ({cpu_model()}), {platform.system()} "
        f"{platform.release()}; Python {platform.python_version()}; "
        f"SQLite {sqlite3.sqlite_version}; aiogram {aiogram.__version__}"
    )


def print_header(title: str, params: str) -> None:
    print(f"== {title}")
    print(machine_line())
    # Other work on a shared machine skews figures; the load says how busy it was.
    load = ", ".join(f"{value:.2f}" for value in os.getloadavg())
    print(f"load average at start: {load}")
    print(f"parameters: {params}")


def print_table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> None:
    """A compact fixed-width table; the first column is left-aligned, the rest right."""
    cells = [[str(h) for h in headers], *[[_cell(c) for c in row] for row in rows]]
    widths = [max(len(r[i]) for r in cells) for i in range(len(headers))]

    def line(row: list[str]) -> str:
        first = row[0].ljust(widths[0])
        rest = [c.rjust(w) for c, w in zip(row[1:], widths[1:], strict=True)]
        return "  ".join([first, *rest]).rstrip()

    print(line(cells[0]))
    print("  ".join("-" * w for w in widths))
    for row in cells[1:]:
        print(line(row))


def _cell(value: object) -> str:
    if isinstance(value, float):
        return f"{value:.1f}" if abs(value) >= 10 else f"{value:.2f}"
    return str(value)


def maxrss_mb() -> float:
    """Peak resident set size of this process image so far.

    /proc's VmHWM, not getrusage's ru_maxrss: the latter survives fork and exec, so a child
    started by a big parent would report the parent's peak."""
    return _status_mb("VmHWM:") or resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def current_rss_mb() -> float:
    return _status_mb("VmRSS:") or float("nan")


def _status_mb(field: str) -> float:
    try:
        for line in Path("/proc/self/status").read_text(encoding="utf-8").splitlines():
            if line.startswith(field):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


# --- clocks ---------------------------------------------------------------------------------


class ShiftedClock:
    """Real time, shifted so that it starts at `start`: it moves, so `retry_after` works."""

    def __init__(self, start: dt.datetime) -> None:
        self._start = start.astimezone(dt.UTC)
        self._t0 = time.monotonic()

    def now(self) -> dt.datetime:
        return self._start + dt.timedelta(seconds=time.monotonic() - self._t0)


# --- seeding through the repositories -----------------------------------------------------


def person_name(rng: random.Random, number: int) -> str:
    surname = _SURNAMES[number % len(_SURNAMES)]
    return f"{surname} {rng.choice(_NAMES)} {rng.choice(_PATRONYMICS)}"


def assignment_text(rng: random.Random, number: int) -> str:
    return f"{rng.choice(_VERBS)} {rng.choice(_OBJECTS)} (пункт {number})"


async def add_person(
    tx: Tx,
    full_name: str,
    *,
    telegram_id: int | None,
    now: dt.datetime,
    roles: Sequence[Role] = (Role.EXECUTOR,),
) -> int:
    person = await tx.people.add(
        full_name=full_name,
        short_name=short_name(full_name),
        position="специалист",
        organisation="ГБПОУ «Колледж»",
        invite_token=None if telegram_id is not None else f"inv{time.monotonic_ns()}",
        telegram_id=telegram_id,
        roles=roles,
        now=now,
    )
    return person.id


@dataclass
class SeededAssignment:
    assignment_id: int
    assignee_ids: list[int] = field(default_factory=list)


async def add_assignment(
    tx: Tx,
    *,
    text: str,
    person_ids: Sequence[int],
    deadline: dt.date | None,
    status: AssigneeStatus,
    created_at: dt.datetime,
    creator_id: int,
    protocol_id: int | None = None,
    item_number: str | None = None,
    with_history: bool = True,
) -> SeededAssignment:
    """One assignment as `Tracker.create` would leave it, then moved to `status`.

    With `with_history` it also gets the event rows and the card notification that the real
    flow writes (the card is marked sent later by :func:`mark_history_sent`).
    """
    assignment_id = await tx.assignments.add(
        protocol_id=protocol_id,
        item_number=item_number,
        text=text,
        deadline_date=deadline,
        deadline_time=None,
        deadline_kind="date" if deadline else "none",
        deadline_raw=deadline.strftime("до %d.%m.%Y") if deadline else "",
        recommendation=False,
        controller_id=creator_id,
        created_by=creator_id,
        now=created_at,
    )
    seeded = SeededAssignment(assignment_id)
    if with_history:
        await tx.events.add(
            "created", now=created_at, actor_id=creator_id, assignment_id=assignment_id
        )
    for person_id in person_ids:
        assignee_id = await tx.assignments.add_assignee(
            assignment_id, person_id, deadline, created_at
        )
        seeded.assignee_ids.append(assignee_id)
        if with_history:
            await tx.events.add(
                "assigned",
                now=created_at,
                actor_id=creator_id,
                assignment_id=assignment_id,
                assignee_id=assignee_id,
            )
            await tx.outbox.add(
                Notice.CARD,
                dedupe_key=f"card:{assignee_id}",
                now=created_at,
                person_id=person_id,
                assignee_id=assignee_id,
            )
        if status is not S.NEW:
            changed = created_at + dt.timedelta(days=1)
            await tx.assignments.set_status(assignee_id, status, changed)
            if with_history:
                await tx.events.add(
                    status.value,
                    now=changed,
                    actor_id=person_id,
                    assignment_id=assignment_id,
                    assignee_id=assignee_id,
                )
    return seeded


async def mark_history_sent(tx: Tx) -> int:
    """Mark every seeded notification as delivered when it was created.

    The one statement outside the repositories (see the module docstring).
    """
    async with tx.outbox.conn.execute(
        "UPDATE outbox SET sent_at = created_at, attempts = 1 WHERE sent_at IS NULL"
    ) as cursor:
        return cursor.rowcount
