"""Updates handled per second, end to end, the bot next to a bare aiogram echo bot.

Run as ``.venv/bin/python bench/bench_updates.py`` (3 rounds of 2,000 updates) or ``--quick``
(1 round of 400).

The in-project fake Bot API server and the load generator run in this process; each bot runs
in its own child process with its own event loop, as in production (``create_app`` with the
settings of a deployment, ``start_polling`` as ``bot.app.run`` does it, production logging at
INFO to a file, the delivery worker running; the scheduler is off so that no reminder run
lands in the middle of a measurement). The echo bot (``echo_bot.py``) is a bare aiogram
``Dispatcher`` with the same ``Bot`` settings that answers every text with its text and every
button with an empty answer; it imports nothing of the project, so it runs aiogram as
shipped, without the bot's adjustments to it (``bot/aiogram_lazy.py``, ``bot/aiogram_fast.py``).
A third bot, also without a database, makes the same Telegram calls as the bot for the same
updates (a list sent or edited, a card sent or edited, the button answered) through the bot's
session, so the gap splits into the cost of those calls and the cost of the bot's own work.
Rounds alternate: echo, bot, same-calls bot, echo, bot ...

The database holds 300 linked people with 25 open assignments each (deadlines from 10 days
ago to 60 days ahead) and 20 accepted ones, 30 controllers. A round queues K updates at once,
shuffled (fixed seed), from the 300 users:

* 30 % ``/my`` (the list, first page of three),
* 20 % «▶️» / «◀️» on a list message (the list is edited to that page),
* 20 % «🕓 Напомнить завтра» on a card (a write transaction, the card is edited),
* 15 % «№N» on a list (the card is sent as a new message and recorded),
* 15 % a report text from someone who pressed «📎 Отчёт» before the round (a transaction
  that writes the report, the event and two outbox rows; the bot replies).

Each bot process first handles an untimed warm-up of K/10 updates of the same mix. The wall
time runs from before the first update is queued until the bot has answered every
one of them: every callback query answered (the bot answers after its handler) and as many
messages sent to each chat as the updates for that chat call for. Notifications the delivery
worker sends later (the report to the controller, the refreshed card) are not waited for.
CPU seconds of the bot's process and of this process (the fake server) are printed, so a
server-bound figure shows as such.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import logging
import os
import random
import signal
import statistics
import sys
import tempfile
import time
from asyncio.subprocess import Process
from collections import Counter
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from common import (
    ADMIN_TG,
    BENCH_NOW,
    BENCH_TOKEN,
    OPEN_MIX,
    S,
    ShiftedClock,
    add_assignment,
    add_person,
    assignment_text,
    mark_history_sent,
    person_name,
    print_header,
    print_table,
)

from bot.callbacks import CardAction, CardCallback, ListKind, PageCallback
from bot.texts import core as t
from storage.db import Database
from storage.models import Role
from tests.fakebot import FakeTelegramServer, MessageView, UserHandle

USERS = 300
OPEN_PER_USER = 25
CLOSED_PER_USER = 20
CONTROLLERS = 30
FIRST_USER_TG = 10_000
FIRST_CONTROLLER_TG = 5_000
ECHO_BOT = Path(__file__).with_name("echo_bot.py")
MIX = (("my", 0.30), ("page", 0.20), ("snooze", 0.20), ("open", 0.15), ("report", 0.15))
START_TIMEOUT = 60.0


# --- the bots (child processes) ------------------------------------------------------------


async def serve_app(url: str, db_path: Path, profile: Path | None) -> None:
    from bot.app import UPDATES_IN_FLIGHT, create_app, settle_heap
    from bot.config import Settings
    from bot.logs import setup_logging

    settings = Settings(
        _env_file=None,
        bot_token=BENCH_TOKEN,
        telegram_api_url=url,
        database_path=db_path,
        admin_ids=[ADMIN_TG],
        timezone="Europe/Moscow",
    )
    setup_logging(settings.log_level, settings.bot_token.get_secret_value())
    app = create_app(settings, clock=ShiftedClock(BENCH_NOW), start_scheduler=False)
    settle_heap()  # as bot.app.run does, and polling with its bound on updates at once
    await _poll(app.dispatcher, app.bot, profile, tasks_concurrency_limit=UPDATES_IN_FLIGHT)


async def serve_mirror(url: str, profile: Path | None) -> None:
    """An aiogram bot with no database that makes the bot's Telegram calls for the same
    updates, through the bot's own session: the gap between it and the echo bot is the cost
    of the calls themselves."""
    from aiogram import Bot, Dispatcher, Router
    from aiogram.client.default import DefaultBotProperties
    from aiogram.client.telegram import TelegramAPIServer
    from aiogram.enums import ParseMode
    from aiogram.types import (
        CallbackQuery,
        InaccessibleMessage,
        InlineKeyboardButton,
        InlineKeyboardMarkup,
        Message,
    )

    from bot.logs import setup_logging
    from bot.session import BotSession
    from handlers.feedback import edit  # an edit that changes nothing is not sent

    setup_logging("INFO", BENCH_TOKEN)
    bot = Bot(
        BENCH_TOKEN,
        session=BotSession(api=TelegramAPIServer.from_base(url)),
        default=DefaultBotProperties(parse_mode=ParseMode.HTML, link_preview_is_disabled=True),
    )
    line = "▫️ №{n} · до 12.03.2026 · в работе\nПодготовить отчёт о трудоустройстве выпускников"
    listing = "<b>Ваши поручения (25):</b>\n\n" + "\n\n".join(
        line.format(n=n) for n in range(1000, 1010)
    )
    card = (
        "<b>📌 Поручение №1000</b>\n\nПодготовить отчёт о трудоустройстве выпускников "
        "колледжей региона за 2025 год\n\n🗓 Срок: 12 марта 2026 г. (чт)\n"
        "👤 Ответственный: Иванов И.И.\nСтатус: в работе"
    )

    def button(text: str, data: str) -> InlineKeyboardButton:
        return InlineKeyboardButton(text=text, callback_data=data)

    list_markup = InlineKeyboardMarkup(
        inline_keyboard=[
            [button(f"№{n}", f"c:4:{n}") for n in range(1000, 1005)],
            [button(f"№{n}", f"c:4:{n}") for n in range(1005, 1010)],
            [button("◀️", "p:1:0"), button("▶️", "p:1:2")],
        ]
    )
    card_markup = InlineKeyboardMarkup(
        inline_keyboard=[
            [button("✅ Выполнено", "c:1:1"), button("📎 Отчёт", "c:2:1")],
            [button("🕓 Напомнить завтра", "c:3:1")],
        ]
    )
    router = Router(name="mirror")

    @router.message()
    async def on_message(message: Message) -> None:
        if message.text == "/my":
            await message.answer(listing, reply_markup=list_markup)
        else:
            await message.answer("Отчёт по поручению №1000 отправлен на проверку: Петров П.П.")

    @router.callback_query()
    async def on_button(callback: CallbackQuery) -> None:
        data, message = callback.data or "", callback.message
        if message is None or isinstance(message, InaccessibleMessage):
            await callback.answer()
        elif data.startswith("p:"):
            await edit(message, f"{listing}\n\nСтр. {data[-1]} из 3", list_markup)
            await callback.answer()
        elif data.startswith("c:3:"):
            await edit(message, card, card_markup)
            await callback.answer("Напомню завтра утром.")
        else:
            await message.answer(card, reply_markup=card_markup)
            await callback.answer()

    dp = Dispatcher()
    dp.include_router(router)
    await _poll(dp, bot, profile)


async def _poll(dp: object, bot: object, profile: Path | None, **options: Any) -> None:
    from aiogram import Bot, Dispatcher
    from echo_bot import poll

    assert isinstance(dp, Dispatcher) and isinstance(bot, Bot)
    await poll(dp, bot, profile, **options)


# --- seeding --------------------------------------------------------------------------------


@dataclass
class Seeded:
    open_by_user: dict[int, list[tuple[int, int]]]  # telegram id -> (assignment, assignee)


async def seed(path: Path, rng: random.Random) -> Seeded:
    db = Database(path)
    await db.connect()
    today = BENCH_NOW.date()
    long_ago = BENCH_NOW - dt.timedelta(days=400)
    open_by_user: dict[int, list[tuple[int, int]]] = {}
    async with db.transaction() as tx:
        await add_person(
            tx,
            "Админова Анна Сергеевна",
            telegram_id=ADMIN_TG,
            now=long_ago,
            roles=(Role.ADMIN, Role.SECRETARY),
        )
        controllers = [
            await add_person(
                tx,
                person_name(rng, n),
                telegram_id=FIRST_CONTROLLER_TG + n,
                now=long_ago,
                roles=(Role.SECRETARY,),
            )
            for n in range(CONTROLLERS)
        ]
        number = 0
        for n in range(USERS):
            tg_id = FIRST_USER_TG + n
            person = await add_person(tx, person_name(rng, n), telegram_id=tg_id, now=long_ago)
            items = []
            for k in range(OPEN_PER_USER + CLOSED_PER_USER):
                number += 1
                closed = k >= OPEN_PER_USER
                offset = rng.randint(-300, -20) if closed else rng.randint(-10, 60)
                deadline = today + dt.timedelta(days=offset)
                created = min(
                    BENCH_NOW - dt.timedelta(days=1),
                    dt.datetime.combine(
                        deadline - dt.timedelta(days=30), dt.time(11), BENCH_NOW.tzinfo
                    ),
                )
                status = S.ACCEPTED if closed else rng.choice(OPEN_MIX[:5])
                seeded = await add_assignment(
                    tx,
                    text=assignment_text(rng, number),
                    person_ids=[person],
                    deadline=deadline,
                    status=status,
                    created_at=created,
                    creator_id=rng.choice(controllers),
                )
                if not closed:
                    items.append((seeded.assignment_id, seeded.assignee_ids[0]))
            open_by_user[tg_id] = items
        await mark_history_sent(tx)
    await db.close()
    return Seeded(open_by_user)


# --- driving --------------------------------------------------------------------------------


@dataclass
class Expectation:
    sends: Counter[int] = field(default_factory=Counter)  # chat -> sendMessage replies due
    queries: set[str] = field(default_factory=set)


@dataclass
class Outcome:
    seconds: float
    bot_cpu: float
    server_cpu: float
    errors: int
    refusals: int
    #: CPU seconds of the bot's main thread (the event loop), the rest is other threads
    #: (aiosqlite's, for the bot).
    main_cpu: float = 0.0


@dataclass
class UserState:
    handle: UserHandle
    list_message: MessageView | None = None  # the bot's /my list, for page and «№N» buttons
    echo_message: MessageView | None = None  # an echo bot's message, for its buttons
    card: MessageView | None = None  # a card of an open assignment (for «Напомнить завтра»)
    open_items: list[tuple[int, int]] = field(default_factory=list)
    to_report: list[int] = field(default_factory=list)  # assignee ids not reported yet


def _main_thread_cpu(pid: int) -> float:
    """CPU seconds of a process's first thread, which runs its event loop."""
    stat = Path(f"/proc/{pid}/task/{pid}/stat").read_text(encoding="utf-8")
    fields = stat.rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _child_cpu(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text(encoding="utf-8").rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class Driver:
    def __init__(
        self,
        tg: FakeTelegramServer,
        users: list[UserState],
        seed: int,
        mix: tuple[tuple[str, float], ...] = MIX,
    ) -> None:
        self.tg = tg
        self.users = users
        self.rng = random.Random(seed)
        self.mix = mix

    async def wait(self, expect: Expectation, since: int, within: float) -> None:
        sends = Counter(expect.sends)
        queries = set(expect.queries)
        cursor = since
        chats = set(sends)

        def done() -> bool:
            nonlocal cursor
            calls = self.tg.calls
            while cursor < len(calls):
                call = calls[cursor]
                cursor += 1
                method = call.method.lower()
                if method == "sendmessage" and call.ok:
                    chat = int(call.params.get("chat_id", 0))
                    if chat in chats and sends[chat] > 0:
                        sends[chat] -= 1
                        if sends[chat] == 0:
                            chats.discard(chat)
                elif method == "answercallbackquery":
                    queries.discard(str(call.params.get("callback_query_id")))
            return not chats and not queries

        try:
            await self.tg.changes.wait_for(done, within)
        except TimeoutError:
            raise SystemExit(
                f"the bot did not answer within {within:.0f} s: {sum(sends.values())} "
                f"messages and {len(queries)} button answers missing"
            ) from None

    def count_trouble(self, since: int) -> tuple[int, int]:
        """Error replies and refusal alerts the bot gave since call `since`."""
        errors = refusals = 0
        for call in self.tg.calls[since:]:
            method = call.method.lower()
            text = str(call.params.get("text", ""))
            replied_error = method == "sendmessage" and (
                t.INTERNAL_ERROR[:30] in text or t.UNKNOWN_INPUT[:20] in text
            )
            # An edit to identical content is refused by Telegram and ignored by the bot.
            if replied_error or (not call.ok and method != "editmessagetext"):
                errors += 1
            elif method == "answercallbackquery" and str(call.params.get("show_alert")) in (
                "True",
                "true",
            ):
                refusals += 1
        return errors, refusals

    async def setup_app_messages(self) -> None:
        """Once: every user gets a list message and a card message to press buttons on."""
        since = len(self.tg.calls)
        expect = Expectation()
        for user in self.users:
            if user.card is None:
                await user.handle.send("/my")
                expect.sends[user.handle.id] += 1
        await self.wait(expect, since, START_TIMEOUT)
        since = len(self.tg.calls)
        expect = Expectation()
        for user in self.users:
            if user.card is not None:
                continue
            user.list_message = _last_with(user.handle, t.MY_HEADER[:14])
            _, assignee = user.open_items[0]
            data = CardCallback(action=CardAction.OPEN, assignee_id=assignee).pack()
            expect.queries.add(user.handle.send_callback(user.list_message, data))
            expect.sends[user.handle.id] += 1
        await self.wait(expect, since, START_TIMEOUT)
        for user in self.users:
            if user.card is None:
                user.card = _last_with(user.handle, "Поручение №")

    async def setup_echo_messages(self) -> None:
        since = len(self.tg.calls)
        expect = Expectation()
        for user in self.users:
            if user.echo_message is None:
                await user.handle.send("привет")
                expect.sends[user.handle.id] += 1
        await self.wait(expect, since, START_TIMEOUT)
        for user in self.users:
            user.echo_message = _last_with(user.handle, "привет")

    async def prepare_reports(self, reporters: list[UserState]) -> None:
        """Untimed: each reporter presses «📎 Отчёт», so the bot waits for their report."""
        since = len(self.tg.calls)
        expect = Expectation()
        for user in reporters:
            assignee = user.to_report.pop()
            data = CardCallback(action=CardAction.REPORT, assignee_id=assignee).pack()
            assert user.card is not None
            expect.queries.add(user.handle.send_callback(user.card, data))
            expect.sends[user.handle.id] += 1
        await self.wait(expect, since, START_TIMEOUT)

    def plan(self, count: int, *, reports: bool) -> list[tuple[str, UserState]]:
        kinds: list[str] = []
        for kind, share in self.mix:
            if kind == "report" and not reports:
                kind = "my"
            kinds += [kind] * round(count * share)
        kinds = kinds[:count] + ["my"] * (count - len(kinds))
        reporters = self.rng.sample(self.users, min(kinds.count("report"), len(self.users)))
        plan: list[tuple[str, UserState]] = []
        for kind in kinds:
            if kind == "report":
                if not reporters:
                    kind = "my"
                else:
                    plan.append((kind, reporters.pop()))
                    continue
            plan.append((kind, self.rng.choice(self.users)))
        self.rng.shuffle(plan)
        return plan

    async def queue_app(self, plan: list[tuple[str, UserState]]) -> Expectation:
        """Queue the round's updates for the bot (no await below lets the bot run)."""
        expect = Expectation()
        for kind, user in plan:
            handle = user.handle
            assert user.list_message is not None and user.card is not None
            if kind == "my":
                await handle.send("/my")
                expect.sends[handle.id] += 1
            elif kind == "report":
                await handle.send(
                    "Отчёт: мероприятие проведено, протокол и список участников приложены."
                )
                expect.sends[handle.id] += 1
            elif kind == "page":
                page = self.rng.choice((1, 2, 0))
                data = PageCallback(kind=ListKind.MY, page=page).pack()
                expect.queries.add(handle.send_callback(user.list_message, data))
            elif kind == "snooze":
                assignee = user.open_items[0][1]
                data = CardCallback(action=CardAction.SNOOZE, assignee_id=assignee).pack()
                expect.queries.add(handle.send_callback(user.card, data))
            else:  # open a card from the list
                assignee = self.rng.choice(user.open_items[:10])[1]
                data = CardCallback(action=CardAction.OPEN, assignee_id=assignee).pack()
                expect.queries.add(handle.send_callback(user.list_message, data))
                expect.sends[handle.id] += 1
        return expect

    async def queue_echo(self, plan: list[tuple[str, UserState]]) -> Expectation:
        """The same plan for the echo bot: texts are echoed, buttons answered."""
        expect = Expectation()
        for kind, user in plan:
            handle = user.handle
            if kind in ("my", "report"):
                await handle.send("/my" if kind == "my" else "Отчёт: мероприятие проведено.")
                expect.sends[handle.id] += 1
            else:
                assert user.echo_message is not None
                expect.queries.add(handle.send_callback(user.echo_message, "ch:save"))
        return expect


def _last_with(handle: UserHandle, needle: str) -> MessageView:
    for view in reversed(handle.bot_messages):
        if needle in (view.plain_text or view.text or ""):
            return view
    raise AssertionError(f"no bot message with {needle!r} in chat {handle.id}")


async def run_child(
    driver: Driver,
    kind: str,
    args: list[str],
    log: Path,
    body: Callable[[Process], Awaitable[Outcome]],
) -> Outcome:
    tg = driver.tg
    polls = tg.polls_started
    with log.open("ab") as log_file:
        # The echo bot is a script of its own that imports nothing of the project.
        if kind == "echo":
            script = [str(ECHO_BOT), "--token", BENCH_TOKEN]
        else:
            script = [__file__, "--serve", kind]
        child = await asyncio.create_subprocess_exec(
            sys.executable,
            *script,
            *("--url", tg.base_url, *args),
            stdout=log_file,
            stderr=log_file,
        )
        try:
            await tg.wait_polling(after=polls, timeout=START_TIMEOUT)
            return await body(child)
        finally:
            # aiogram stops polling on SIGINT; on_shutdown stops the worker, closes the db.
            child.send_signal(signal.SIGINT)
            try:
                await asyncio.wait_for(child.wait(), 30)
            except TimeoutError:
                child.kill()
                await child.wait()


async def timed_round(
    driver: Driver,
    child: Process,
    plan: list[tuple[str, UserState]],
    queue: Callable[[list[tuple[str, UserState]]], Awaitable[Expectation]],
    within: float,
    *,
    profile: bool = False,
) -> Outcome:
    tg = driver.tg
    since = len(tg.calls)
    if profile:
        child.send_signal(signal.SIGUSR1)
        await asyncio.sleep(0.2)  # let the child's loop run the handler before the round
    bot_cpu = _child_cpu(child.pid)
    main_cpu = _main_thread_cpu(child.pid)
    server_cpu = time.process_time()
    started = time.perf_counter()
    expect = await queue(plan)
    await driver.wait(expect, since, within)
    seconds = time.perf_counter() - started
    errors, refusals = driver.count_trouble(since)
    if profile:
        child.send_signal(signal.SIGUSR2)
    return Outcome(
        seconds,
        _child_cpu(child.pid) - bot_cpu,
        time.process_time() - server_cpu,
        errors,
        refusals,
        _main_thread_cpu(child.pid) - main_cpu,
    )


async def main_async(args: argparse.Namespace, folder: Path) -> dict[str, list[Outcome]]:
    rng = random.Random(7)
    db_path = folder / "bot.sqlite3"
    seeded = await seed(db_path, rng)
    log = folder / "bots.log"
    results: dict[str, list[Outcome]] = {"echo": [], "app": [], "mirror": []}
    logging.basicConfig(level=logging.ERROR)
    async with FakeTelegramServer() as tg:
        tg.user(ADMIN_TG, "Анна", "Админова")
        for n in range(CONTROLLERS):
            tg.user(FIRST_CONTROLLER_TG + n, "Контролёр", f"№{n}")
        users = []
        for tg_id, items in seeded.open_by_user.items():
            handle = tg.user(tg_id, "Сотрудник", str(tg_id))
            users.append(UserState(handle, open_items=items, to_report=[a for _, a in items[1:]]))
        driver = Driver(tg, users, seed=11, mix=args.mix)
        timeout = max(120.0, args.updates / 5)
        warm = max(args.updates // 10, 50)

        async def echo_body(child: Process) -> Outcome:
            await driver.setup_echo_messages()
            await timed_round(
                driver, child, driver.plan(warm, reports=False), driver.queue_echo, timeout
            )
            plan = driver.plan(args.updates, reports=True)
            return await timed_round(driver, child, plan, driver.queue_echo, timeout)

        async def app_body(child: Process) -> Outcome:
            await driver.setup_app_messages()
            await timed_round(
                driver, child, driver.plan(warm, reports=False), driver.queue_app, timeout
            )
            plan = driver.plan(args.updates, reports=True)
            await driver.prepare_reports([user for kind, user in plan if kind == "report"])
            profile = bool(args.profile) and len(results["app"]) == args.rounds - 1
            return await timed_round(
                driver, child, plan, driver.queue_app, timeout, profile=profile
            )

        async def mirror_body(child: Process) -> Outcome:
            await driver.setup_app_messages()
            await timed_round(
                driver, child, driver.plan(warm, reports=False), driver.queue_app, timeout
            )
            plan = driver.plan(args.updates, reports=True)
            return await timed_round(driver, child, plan, driver.queue_app, timeout)

        bodies = {"echo": echo_body, "app": app_body, "mirror": mirror_body}
        for round_number in range(args.rounds):
            for kind in ("echo", "app", "mirror"):
                extra: list[str] = []
                if args.profile and kind == "app" and round_number == args.rounds - 1:
                    extra = ["--profile", str(args.profile)]
                if kind == "app":
                    extra += ["--db", str(db_path)]
                outcome = await run_child(driver, kind, extra, log, bodies[kind])
                results[kind].append(outcome)
                print(
                    f"  round {round_number + 1} {kind:>6}: {args.updates / outcome.seconds:7.1f}"
                    f" updates/s ({outcome.seconds:.2f} s)",
                    flush=True,
                )
    return results


def _mix(value: str) -> tuple[tuple[str, float], ...]:
    known = {kind for kind, _ in MIX}
    shares: list[tuple[str, float]] = []
    for part in value.split(","):
        kind, _, share = part.partition("=")
        if kind.strip() not in known:
            raise argparse.ArgumentTypeError(f"unknown kind {kind!r}; kinds: {sorted(known)}")
        shares.append((kind.strip(), float(share or 1)))
    total = sum(share for _, share in shares)
    return tuple((kind, share / total) for kind, share in shares)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="1 round of 400 updates")
    parser.add_argument("--updates", type=int, help="updates per round (K)")
    parser.add_argument("--rounds", type=int, help="rounds (each: echo bot, then the bot)")
    parser.add_argument(
        "--profile", type=Path, help="cProfile the bot's last timed round into this file"
    )
    parser.add_argument(
        "--mix",
        type=_mix,
        default=MIX,
        help="shares of the kinds of update, e.g. 'open=1' or 'my=0.5,page=0.5' (one kind at a "
        "time shows what each costs); reports are at most one per user and round",
    )
    parser.add_argument("--serve", choices=("app", "mirror"), help=argparse.SUPPRESS)
    parser.add_argument("--url", help=argparse.SUPPRESS)
    parser.add_argument("--db", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.serve == "app":
        asyncio.run(serve_app(args.url, args.db, args.profile))
        return 0
    if args.serve == "mirror":
        asyncio.run(serve_mirror(args.url, args.profile))
        return 0
    args.updates = args.updates or (400 if args.quick else 2000)
    args.rounds = args.rounds or (1 if args.quick else 3)
    print_header(
        "bench_updates: updates per second end to end, the bot vs a bare aiogram echo bot",
        f"K={args.updates} updates per round, {args.rounds} round(s), {USERS} users; mix "
        + ", ".join(f"{kind} {share:.0%}" for kind, share in args.mix)
        + f"; database {USERS} people x {OPEN_PER_USER} open + {CLOSED_PER_USER} closed; "
        "goal: bot/echo >= 0.7",
    )
    with tempfile.TemporaryDirectory(prefix="bench-updates-") as tmp:
        results = asyncio.run(main_async(args, Path(tmp)))
    rows = []
    rates = {}
    cpu: dict[str, float] = {}
    labels = (
        ("echo", "bare aiogram echo bot"),
        ("mirror", "same Telegram calls, no database"),
        ("app", "the bot (create_app)"),
    )
    for kind, label in labels:
        outcomes = results[kind]
        rate = statistics.median(args.updates / o.seconds for o in outcomes)
        rates[kind] = rate
        cpu[kind] = statistics.median(o.bot_cpu for o in outcomes) / args.updates
        rows.append(
            (
                label,
                args.updates,
                statistics.median(o.seconds for o in outcomes),
                rate,
                statistics.median(o.bot_cpu for o in outcomes) / args.updates * 1000,
                statistics.median(o.server_cpu for o in outcomes) / args.updates * 1000,
                sum(o.errors for o in outcomes),
                sum(o.refusals for o in outcomes),
            )
        )
    print_table(
        [
            "bot",
            "K",
            "seconds",
            "updates/s",
            "bot CPU ms/update",
            "server CPU ms/update",
            "errors",
            "refusals",
        ],
        rows,
    )
    ratio = rates["app"] / rates["echo"]
    print(f"ratio bot/echo = {ratio:.2f} (goal >= 0.7: {'met' if ratio >= 0.7 else 'MISSED'})")
    # CPU seconds per update hardly depend on what else runs on the machine; wall time does.
    print(f"ratio by CPU per update (echo CPU / bot CPU) = {cpu['echo'] / cpu['app']:.2f}")
    app = results["app"]
    main_ms = statistics.median(o.main_cpu for o in app) / args.updates * 1000
    other_ms = statistics.median(o.bot_cpu - o.main_cpu for o in app) / args.updates * 1000
    busy = statistics.median(o.main_cpu / o.seconds for o in app)
    print(
        f"the bot's CPU per update by thread: event loop {main_ms:.2f} ms, others (the "
        f"database's) {other_ms:.2f} ms; the event loop busy {busy:.0%} of the wall time "
        "(the rest it waits, mostly for the database thread)"
    )
    print(
        f"ratio bot/same-calls bot = {rates['app'] / rates['mirror']:.2f}; "
        f"same-calls bot/echo = {rates['mirror'] / rates['echo']:.2f} (the calls alone)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
