"""Bad input never crashes a handler, and the bot stays consistent.

`test_random_updates_never_crash_the_bot_nor_break_the_database` sends a few thousand random
updates — texts (10k characters, emoji, RTL, zero-width, SQL-looking), commands with random
arguments, forged and real button presses, files with random bytes and names, photos, group
chatter — from people with every role, through the real dispatcher and its polling loop. The
random generator is seeded: the seed is printed and can be set with FUZZ_SEED (FUZZ_UPDATES
sets the count) to replay a failure. Afterwards: no handler raised (the app's error handler
swallows exceptions, so its log is watched) and nobody got the internal-error text, every
callback query was answered, Telegram rejected no call, the database passes its integrity,
foreign-key and domain checks, every queued notification is one Telegram would accept, and
everyone's /my still matches the database.

The other tests aim at what a random run hits rarely: the longest message Telegram delivers
typed into every form, broken and oversized files, a protocol of thousands of items, and the
bot token in the logs.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import io
import json
import logging
import os
import random
import sqlite3
import traceback
from collections.abc import AsyncIterator, Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from enum import IntEnum
from pathlib import Path
from typing import Any

import docx
import pytest
from aiogram.filters.callback_data import CallbackData

import bot.callbacks
from bot.logs import setup_logging
from bot.notifications import EditCard, SendFile, SendText, render_item
from bot.texts import core as t
from handlers.menu import COMMAND_ROLES
from storage.models import OutboxItem
from tests.e2e.conftest import START, Harness
from tests.fakebot import (
    TINY_PNG,
    ChatReader,
    EntityParseError,
    FakeTelegramServer,
    GroupHandle,
    UserHandle,
    parse_html,
)
from tests.fakebot.parse_mode import utf16_len
from tests.security.conftest import (
    ErrorWatch,
    consistency_problems,
    db_path,
    running,
    settle,
)
from tracking.service import NewAssignment

SEED = int(os.environ.get("FUZZ_SEED", "12"))
UPDATES = int(os.environ.get("FUZZ_UPDATES", "3000"))
#: The first part of the run is handled one update at a time, so that a seed replays the same
#: run; the rest comes in bursts handled concurrently, as on a busy morning.
SEQUENTIAL = 0.8
BURST = 50
MAX_FILE_MB = 1

#: Rejections of API calls that are not a defect (an edit to the same text).
BENIGN_REJECTIONS = ("message is not modified",)

# --- what random input is made of ------------------------------------------------------------

ALPHABETS = (
    "абвгдеёжзийклмнопрстуфхцчшщъыьэюяАБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ",
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
    "0123456789",
    " \n\t.,;:!?-–—()«»\"'/\\№%*_~`|",
    "<>&#;",
    "🙂👍🏽🇷🇺👨‍👩‍👧‍👦🔥✅❌📎🗓",
    "שלום עולם مرحبا بالعالم",
    "\u200b\u200c\u200d\u2060\ufeff\u202e\u202d\u2066\u2069\u00ad",
    "\u0301\u0308\u0483",
    "²³¹١٢٣٤𝟙𝟚",
    "\x00\x01\x07\x1b\x7f",
)
SPECIAL = (
    "'; DROP TABLE people; --",
    "1 OR 1=1",
    '" OR ""="',
    "Robert'); DROP TABLE assignees;--",
    "%' UNION SELECT telegram_id, invite_token FROM people --",
    "{{7*7}} ${jndi:ldap://x/a} %s %d {0} {name} {id!r}",
    "<b>жирный</b> <i>x</i> <a href='tg://user?id=1'>ссылка</a> <script>alert(1)</script>",
    "&lt;&gt;&amp; &nbsp; &#0; &#x110000;",
    "\u202eтxt.exe",
    "‏مرحبا, Хнычева Д.С.‎",
    "@decisions_test_bot /my",
)
NAMES = (
    "Хнычева Д.С.",
    "Д.С. Хнычева",
    "Матвеев Дмитрий Михайлович",
    "Петров П.П.",
    "Иванов И.И.",
    "Секретарева О.П.",
    "руководители образовательных организаций",
    "Координатова",
)
DATES = (
    "до 27.01.2027",
    "до 31.02.2026",
    "до 99.99.9999",
    "01.01.1900",
    "31.12.9999",
    "завтра",
    "в течение 10 дней",
    "1 квартал 2027 года",
    "до 12:00 15.03.2026",
    "до 25:61 15.03.2026",
    "до 0.0.0",
)
ROLE_WORDS = ("администратор", "секретарь", "-секретарь", "координатор", "контролёр", "бог")
EXTENSIONS = (".docx", ".pdf", ".txt", ".odt", ".rtf", ".xlsx", ".csv", ".exe", "", ".DOCX")
FILE_NAMES = (
    "протокол",
    "../../etc/passwd",
    "x" * 200,
    "\u202etxt.exe",
    "🙂",
    "con",
    "файл с пробелами и «кавычками»",
)


@dataclass
class Member:
    key: str
    user: UserHandle
    person_id: int | None


@dataclass
class Team:
    h: Harness
    members: list[Member]
    group: GroupHandle
    unlinked_token: str
    docx_bytes: bytes


def _docx(paragraphs: list[str]) -> bytes:
    document = docx.Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


PROTOCOL = """ПРОТОКОЛ № 7
заседания координационного совета
г. Смоленск, 15 января 2027 г.

РЕШИЛИ:
1. Поручить Д.С. Хнычевой подготовить отчёт о трудоустройстве выпускников. Срок: до 27.01.2027.
2. Матвееву Д.М. провести совещание с директорами колледжей. Срок: до 15.02.2027.
3. Руководителям образовательных организаций направить предложения. Срок: 1 квартал 2027 года.
"""


async def build_team(h: Harness) -> Team:
    secretary, secretary_id = await h.enroll("Секретарева Ольга Петровна", "секретарь")
    coordinator, coordinator_id = await h.enroll("Координатова Анна Сергеевна", "координатор")
    controller, controller_id = await h.enroll("Контролёров Пётр Ильич", "контролёр")
    dasha, dasha_id = await h.enroll("Хнычева Дарья Сергеевна", organisation="Департамент")
    dima, dima_id = await h.enroll("Матвеев Дмитрий Михайлович")
    _, unlinked_id = await h.enroll("Неподключённый Олег Олегович", link=False)
    removed, removed_id = await h.enroll("Удалёнов Роман Петрович", "секретарь")
    await h.admin.send(f"/remove {removed_id}")
    await h.expect(h.admin, "убран")
    unlinked = await h.person(unlinked_id)
    assert unlinked.invite_token is not None

    tracker = h.app.tracker
    author = await h.person(secretary_id)
    views = []
    for offset, people, controller_of in [
        (-5, (dasha_id,), None),
        (-1, (dima_id,), controller_id),
        (0, (dasha_id, dima_id), None),
        (3, (dasha_id,), controller_id),
        (10, (dima_id, unlinked_id), None),
        (40, (dasha_id,), None),
    ]:
        created = await tracker.create(
            author,
            [
                NewAssignment(
                    text=f"Подготовить справку ({offset:+d} дн.)",
                    deadline_date=START.date() + dt.timedelta(days=offset),
                    deadline_time=None,
                    deadline_kind="date",
                    deadline_raw="",
                    person_ids=people,
                    controller_id=controller_of,
                )
            ],
        )
        assert created is not None
        views.append(created)
    dasha_person, dima_person = await h.person(dasha_id), await h.person(dima_id)
    first = views[0].assignee_ids[0]
    assert (await tracker.report(dasha_person, first, kind="report", text="Готово")).ok
    second = views[1].assignee_ids[0]
    assert (await tracker.report(dima_person, second, kind="done", text="")).ok
    controller_person = await h.person(controller_id)
    assert (await tracker.accept(controller_person, second)).ok
    later = START.date() + dt.timedelta(days=60)
    assert (await tracker.request_extension(dasha_person, views[3].assignee_ids[0], later, "")).ok
    await tracker.cancel_assignment(author, views[5].assignment_ids[0], "Отменено")

    stranger = h.tg.user(9101, "Иван", "Чужой")
    group = h.tg.group(-600, "Совещание", members=[secretary, dasha], bot_is_admin=True)
    members = [
        Member("admin", h.admin, 1),
        Member("secretary", secretary, secretary_id),
        Member("coordinator", coordinator, coordinator_id),
        Member("controller", controller, controller_id),
        Member("executor", dasha, dasha_id),
        Member("executor2", dima, dima_id),
        Member("removed", removed, removed_id),
        Member("stranger", stranger, None),
    ]
    paragraphs = PROTOCOL.splitlines()
    return Team(h, members, group, unlinked.invite_token, _docx(paragraphs))


# --- the fuzzer ------------------------------------------------------------------------------


def callback_classes() -> list[type[CallbackData]]:
    return [
        cls
        for cls in vars(bot.callbacks).values()
        if isinstance(cls, type) and issubclass(cls, CallbackData) and cls is not CallbackData
    ]


@dataclass
class Fuzzer:
    team: Team
    rng: random.Random
    sent: dict[int, str] = field(default_factory=dict)  # update id → what it was
    queries: list[str] = field(default_factory=list)
    huge_files: int = 0
    current: Member | None = None

    @property
    def tg(self) -> FakeTelegramServer:
        return self.team.h.tg

    # random pieces

    def text(self, limit: int | None = None) -> str:
        rng = self.rng
        roll = rng.random()
        if roll < 0.15:
            return rng.choice(SPECIAL)
        if roll < 0.35:
            return self.protocolish()
        if roll < 0.45:
            return rng.choice(DATES + NAMES)
        if limit is None:
            limit = rng.choice(
                [10, 60, 300, 1000, 4096, 4096, 10_000] if rng.random() < 0.1 else [80]
            )
        size = rng.randint(1, limit)
        alphabet = "".join(rng.sample(ALPHABETS, rng.randint(1, 4)))
        text = "".join(rng.choice(alphabet) for _ in range(size))
        return text if text.strip() else text + "я"

    def protocolish(self) -> str:
        rng = self.rng
        lines = ["ПРОТОКОЛ № " + str(rng.randint(1, 99)), "РЕШИЛИ:"] if rng.random() < 0.4 else []
        for number in range(1, rng.randint(1, 6) + 1):
            lines.append(
                f"{number}. {rng.choice(['Поручить', 'Подготовить', 'Обеспечить'])} "
                f"{rng.choice(NAMES)} {self.text(60) if rng.random() < 0.3 else 'отчёт'}. "
                f"Срок: {rng.choice(DATES)}. Ответственный: {rng.choice(NAMES)}"
            )
        return "\n".join(lines)

    def number(self) -> str:
        rng = self.rng
        return rng.choice(
            [
                str(rng.randint(0, 40)),
                str(rng.randint(0, 40)),
                str(-rng.randint(1, 5)),
                str(10 ** rng.randint(10, 30)),
                rng.choice(["²", "١٢", "𝟙", "1.5", "0x10", "1e3", "№3", " 7 "]),
            ]
        )

    def command(self) -> str:
        rng = self.rng
        name = rng.choice([*COMMAND_ROLES, "start", "start", "unknown", "MY", "a@other_bot"])
        if rng.random() < 0.1:
            name += "@decisions_test_bot"
        roll = rng.random()
        if name.startswith("start") and roll < 0.3:
            token = self.team.unlinked_token if roll < 0.05 else self.text(40).replace(" ", "")
            return f"/start {token}"
        if roll < 0.25:
            return f"/{name}"
        if roll < 0.55:
            return f"/{name} {self.number()}"
        if roll < 0.7:
            return f"/{name} {self.number()} {rng.choice(ROLE_WORDS)}"
        if roll < 0.8:
            return f"/{name} {self.text(80)}; {self.text(30)}; {self.text(30)}"
        return f"/{name} {self.text()}"

    def callback_data(self) -> str:
        rng = self.rng
        if rng.random() < 0.15:
            return rng.choice(["", "garbage", "c:", "c:1", "c:1:1:1", "::::", self.text(64)])
        cls = rng.choice(callback_classes())
        parts = [cls.__prefix__]
        for info in cls.model_fields.values():
            kind = info.annotation
            if isinstance(kind, type) and issubclass(kind, IntEnum) and rng.random() < 0.9:
                parts.append(str(int(rng.choice(list(kind)))))
            else:
                parts.append(self.number().strip())
        data = ":".join(parts).encode()[:64]
        return data.decode(errors="ignore")

    def file(self) -> tuple[bytes, str]:
        rng = self.rng
        name = rng.choice(FILE_NAMES) + rng.choice(EXTENSIONS)
        roll = rng.random()
        if roll < 0.02 and self.huge_files < 2:
            self.huge_files += 1
            return b"\x00" * (MAX_FILE_MB * 1024 * 1024 + 1), "big.pdf"
        if roll < 0.2:
            return self.team.docx_bytes, rng.choice(["протокол.docx", "p.DOCX", "p.pdf"])
        if roll < 0.3:
            data = self.team.docx_bytes
            return data[: rng.randint(10, len(data) - 1)], "обрезан.docx"
        if roll < 0.45:
            encoding = rng.choice(["utf-8", "cp1251", "utf-16"])
            return self.protocolish().encode(encoding, errors="replace"), "протокол.txt"
        prefix = rng.choice([b"", b"PK\x03\x04", b"%PDF-1.4\n", b"{\\rtf1 ", b"\xef\xbb\xbf"])
        return prefix + rng.randbytes(rng.randint(0, 4000)), name

    # acting

    def member(self) -> Member:
        if self.current is not None and self.rng.random() < 0.5:
            return self.current
        self.current = self.rng.choice(self.team.members)
        return self.current

    def _remember(self, what: str) -> None:
        self.sent[self.tg.updates[-1].update_id] = what

    def _target(self, chat: ChatReader) -> int | None:
        bot_messages = chat.bot_messages
        if not bot_messages:
            return None
        return self.rng.choice(bot_messages[-5:]).message_id

    async def one(self) -> None:
        rng = self.rng
        member = self.member()
        where: Any = member.user
        in_group = rng.random() < 0.08 and member.key in ("secretary", "executor")
        if in_group:
            where = self.team.group
        kind = rng.choices(
            ["text", "command", "button", "forged", "file", "photo"],
            weights=[30, 25, 20, 12, 8, 5],
        )[0]
        who = f"{member.key}{' in group' if in_group else ''}"
        args: tuple[Any, ...] = (member.user,) if in_group else ()
        if kind in ("button", "forged"):
            chat: ChatReader = where
            message_id = self._target(chat)
            if message_id is None:
                kind = "text"
            else:
                data = self.callback_data()
                if kind == "button":
                    buttons = [
                        b
                        for row in chat.message(message_id).buttons
                        for b in row
                        if b.callback_data
                    ]
                    if buttons:
                        data = rng.choice(buttons).callback_data or data
                query = where.send_callback(*args, message_id, data)
                self.queries.append(query)
                self._remember(f"{who} pressed {data!r} on #{message_id}")
                return
        if kind == "text":
            text = self.text()
            await where.send(*args, text)
            self._remember(f"{who} wrote {text[:200]!r} ({len(text)} chars)")
        elif kind == "command":
            text = self.command()
            await where.send(*args, text)
            self._remember(f"{who} sent {text[:200]!r}")
        elif kind == "file":
            content, name = self.file()
            caption = self.text(200) if rng.random() < 0.2 else None
            await where.send_document(*args, content, name, caption=caption)
            self._remember(f"{who} sent file {name!r} ({len(content)} bytes)")
        else:
            content = TINY_PNG if rng.random() < 0.7 else rng.randbytes(300)
            caption = self.text(1024) if rng.random() < 0.5 else None
            await where.send_photo(*args, content, caption=caption)
            self._remember(f"{who} sent a photo, caption {caption and caption[:80]!r}")


ROOT = Path(__file__).resolve().parents[2]


def _where(exc: BaseException) -> str:
    """The handler frame and the innermost frame of the project where the exception rose."""
    frames = [
        f
        for f in traceback.extract_tb(exc.__traceback__)
        if "site-packages" not in f.filename and f.filename.startswith(str(ROOT))
    ]
    if not frames:
        return "?"
    names = [f"{Path(f.filename).relative_to(ROOT)}:{f.lineno}" for f in frames]
    handler = next((n for n in names if n.startswith("handlers/")), names[0])
    return handler if handler == names[-1] else f"{handler} → {names[-1]}"


def summarize(records: list[logging.LogRecord], sent: dict[int, str]) -> str:
    groups: dict[str, list[str]] = {}
    for record in records:
        exc = record.exc_info[1] if record.exc_info else None
        key = (
            f"{type(exc).__name__}: {str(exc)[:160]} at {_where(exc)}"
            if exc is not None
            else f"{record.name}: {record.getMessage()[:200]}"
        )
        update_id = record.args[0] if isinstance(record.args, tuple) and record.args else None
        example = sent.get(update_id, "") if isinstance(update_id, int) else ""
        groups.setdefault(key, []).append(example or record.getMessage()[:200])
    ordered = sorted(groups.items(), key=lambda kv: -len(kv[1]))
    return "\n".join(
        f"  {len(examples)}× {key}\n      e.g. {examples[0]}" for key, examples in ordered
    )


async def sendable_problems(h: Harness) -> list[str]:
    """Every notification still waiting in the outbox must be something Telegram accepts."""
    problems = []
    far = START + dt.timedelta(days=3650)
    async with h.app.db.transaction() as tx:
        items: list[OutboxItem] = await tx.outbox.due(far, 100_000)
    for item in items:
        try:
            outgoing = await render_item(h.app.tracker, item)
        except Exception as exc:
            problems.append(f"outbox {item.id} ({item.kind}) does not render: {exc!r}")
            continue
        for out in outgoing:
            if isinstance(out, SendText | EditCard):
                text, limit = out.text, 4096
            elif isinstance(out, SendFile):
                text, limit = out.caption, 1024
            else:  # pragma: no cover - a new kind of outgoing message
                continue
            try:
                plain = parse_html(text).text
            except EntityParseError as exc:
                problems.append(f"outbox {item.id} ({item.kind}): bad HTML: {exc}")
                continue
            if utf16_len(plain) > limit:
                problems.append(f"outbox {item.id} ({item.kind}): {utf16_len(plain)} > {limit}")
    return problems


def rejected_calls(tg: FakeTelegramServer) -> list[str]:
    return [
        f"{c.method}: {c.response.get('description')}"
        for c in tg.calls
        if not c.ok
        and c.method.lower() != "getupdates"
        and not any(b in str(c.response.get("description")) for b in BENIGN_REJECTIONS)
    ]


@pytest.fixture
async def team(tg: FakeTelegramServer, tmp_path: Path) -> AsyncIterator[Team]:
    async with running(tg, tmp_path, max_file_mb=MAX_FILE_MB) as h:
        yield await build_team(h)


async def test_random_updates_never_crash_the_bot_nor_break_the_database(
    team: Team, errors: ErrorWatch
) -> None:
    print(f"fuzz seed {SEED}, {UPDATES} updates (FUZZ_SEED / FUZZ_UPDATES to replay)")
    h = team.h
    # Notifications stay in the outbox: delivery timing would change which messages the
    # fuzzer sees and presses, and every pending one is checked below instead.
    await h.app.worker.stop()
    fuzzer = Fuzzer(team, random.Random(SEED))
    sequential = int(UPDATES * SEQUENTIAL)
    for number in range(UPDATES):
        await fuzzer.one()
        if number < sequential or number % BURST == BURST - 1:
            await settle(h, timeout=30)
    await settle(h, timeout=30)

    failures: list[str] = []
    if errors.records:
        failures.append("unhandled errors (by kind):\n" + summarize(errors.records, fuzzer.sent))
    internal = [
        (chat.id, m.message_id)
        for chat in [*(m.user for m in team.members), team.group]
        for m in chat.bot_messages
        if t.INTERNAL_ERROR in (m.plain_text or "")
    ]
    if internal:
        failures.append(f"{len(internal)} answers were the internal-error text: {internal[:5]}")
    unanswered = [q for q in fuzzer.queries if q not in h.tg.callback_answers]
    if unanswered:
        failures.append(f"{len(unanswered)} callback queries were never answered")
    if h.tg.internal_errors:
        failures.append(f"the fake server failed on: {h.tg.internal_errors[:3]}")
    rejected = rejected_calls(h.tg)
    if rejected:
        kinds = sorted(set(rejected))
        failures.append(f"{len(rejected)} API calls were rejected by Telegram: {kinds[:10]}")
    failures += [f"database: {p}" for p in consistency_problems(db_path(h))]
    failures += await sendable_problems(h)

    # The bot still answers: everyone's /my matches the database (the run may have linked,
    # removed or re-roled people, so the database says who is who now).
    for member in team.members:
        member.user.skip_unread()
        await member.user.send("/my")
        answer = await member.user.next_message(timeout=10)
        text = answer.plain_text or ""
        actor = await h.app.tracker.actor(member.user.id)
        if actor is None:
            expected = t.NOT_LINKED
        else:
            count = (await h.app.tracker.my_page(actor, 0, 10)).total
            expected = t.MY_HEADER.format(count=count) if count else t.MY_EMPTY
        if expected not in text:
            failures.append(f"/my of {member.key}: expected {expected!r}, got {text[:200]!r}")
    assert not failures, f"seed {SEED}:\n" + "\n".join(failures)


# --- what a random run hits rarely -----------------------------------------------------------

LONGEST = 4096  # the longest text message Telegram delivers to a bot


def long_text(prefix: str = "") -> str:
    body = "Очень длинный ответ без даты и без фамилий, " * 200
    return (prefix + body)[:LONGEST]


@dataclass
class Flow:
    """Who opens a form, how, and what they type before the longest message.

    Steps: a button text (pressed on the card, the review or the manage view), "review"
    (the secretary's review message), "/a" (the manage view), "draft" (a one-line draft),
    "send:/cmd" (a command whose answer is awaited), "arg:/cmd" (the long message is the
    command's argument).
    """

    id: str
    who: str
    opens: tuple[str, ...] = ()
    before: tuple[str, ...] = ()  # valid answers typed before the long one


FLOWS = [
    Flow("extend: the date", "executor", ("📅 Перенести срок",)),
    Flow("extend: the reason", "executor", ("📅 Перенести срок",), ("до 20.03.2027",)),
    Flow("report", "executor", ("📎 Отчёт",)),
    Flow("done comment", "executor", ("✅ Выполнено",)),
    Flow("plain text of an executor", "executor"),
    Flow("return reason", "secretary", ("review", "Вернуть на доработку")),
    Flow("manage: deadline", "secretary", ("/a", "Срок")),
    Flow("manage: text", "secretary", ("/a", "Текст")),
    Flow("manage: controller", "secretary", ("/a", "Контролёр")),
    Flow("manage: add people", "secretary", ("/a", "Добавить исполнителя")),
    Flow("manage: cancel reason", "secretary", ("/a", "Отменить поручение")),
    Flow("new: one assignment", "secretary", ("send:/new",)),
    Flow("plain text of a secretary", "secretary"),
    Flow("draft: edit", "secretary", ("draft", "Изменить")),
    Flow("/person", "secretary", ("arg:/person",)),
    Flow("/history", "secretary", ("arg:/history",)),
    Flow("/start of a stranger", "stranger", ("arg:/start",)),
]


@pytest.mark.parametrize("flow", FLOWS, ids=[f.id for f in FLOWS])
async def test_the_longest_message_in_every_form_is_answered_not_crashed(
    tg: FakeTelegramServer, tmp_path: Path, errors: ErrorWatch, flow: Flow
) -> None:
    async with running(tg, tmp_path) as h:
        secretary, _ = await h.enroll("Секретарева Ольга Петровна", "секретарь")
        executor, _ = await h.enroll("Хнычева Дарья Сергеевна")
        await secretary.send("/new")
        await h.expect(secretary, "Пришлите поручение")
        await secretary.send("Сдать отчёт. Срок: до 12.03.2027. Ответственный: Хнычева Д.С.")
        await secretary.press(await h.expect(secretary, "Проверьте поручение"), "Сохранить")
        view = await h.expect(executor, "Поручение №1")
        if "review" in flow.opens:
            await executor.press(view, "✅ Выполнено")
            await executor.press(await h.expect(executor, "комментарий"), "Без комментария")
        users = {"secretary": secretary, "executor": executor}
        user = users.get(flow.who) or tg.user(9201, "Иван", "Чужой")
        text = long_text()
        for step in flow.opens:
            if step == "review":
                # Delivered by the outbox worker, perhaps already: not skipped as unread.
                view = await h.expect(secretary, "Отмечено выполнение")
                continue
            user.skip_unread()
            if step == "/a":
                await user.send("/a 1")
                view = await h.expect(user, "🛠 Поручение №1")
            elif step == "draft":
                await user.send("Сдать справку. Срок: до 12.03.2027. Ответственный: Хнычева Д.С.")
                view = await h.expect(user, "Проверьте поручение")
            elif step.startswith("send:"):
                await user.send(step[5:])
                await user.next_message()
            elif step.startswith("arg:"):
                text = long_text(step[4:] + " ")
            else:
                await user.press(view, step)
        for answer in flow.before:
            await settle(h)
            await user.send(answer)
        await settle(h)
        await outbox_sent(h)
        user.skip_unread()
        await user.send(text)
        await settle(h)
        answers = [a.plain_text or "" for a in user.unread()]
        await outbox_sent(h)  # what the input caused is sent, or failed for good
        crashes = summarize(errors.records, {})
        rejected = rejected_calls(tg)
        failed = failed_outbox(h)
    assert not crashes, f"{flow.id}: crashed:\n{crashes}"
    assert not rejected, f"{flow.id}: Telegram rejected {rejected}"
    assert not failed, f"{flow.id}: notifications that could not be sent: {failed}"
    assert answers, f"{flow.id}: the bot did not answer"
    assert t.INTERNAL_ERROR not in answers


def _outbox(h: Harness, where: str) -> list[tuple[Any, ...]]:
    with closing(sqlite3.connect(db_path(h))) as conn:
        return conn.execute(
            "SELECT o.id, o.kind, o.last_error FROM outbox o"
            " LEFT JOIN people p ON p.id = o.person_id WHERE " + where
        ).fetchall()


PENDING = (
    "o.sent_at IS NULL AND o.failed_at IS NULL"
    " AND (o.chat_id IS NOT NULL OR (p.telegram_id IS NOT NULL AND p.removed_at IS NULL))"
)


async def outbox_sent(h: Harness, timeout: float = 15.0) -> None:  # noqa: ASYNC109
    """Wait until the delivery worker has sent (or given up on) every notification it can.

    The worker marks a row sent after Telegram answered and sets `idle` after a pass that
    found nothing to do, so «idle and nothing pending» is the end.
    """
    worker = h.app.worker
    try:
        async with asyncio.timeout(timeout):
            while _outbox(h, PENDING):
                if worker.idle.is_set():  # woken for the new rows, but not running yet
                    await h.tg.changes.wait_for(lambda: not worker.idle.is_set(), timeout)
                else:
                    await worker.idle.wait()
    except TimeoutError:
        raise AssertionError(f"the outbox still holds {_outbox(h, PENDING)}") from None


def failed_outbox(h: Harness) -> list[str]:
    return [f"{r[0]} {r[1]}: {r[2]}" for r in _outbox(h, "o.failed_at IS NOT NULL")]


BAD_FILES = [
    ("empty.docx", b""),
    ("broken.docx", b"PK\x03\x04" + b"\x00" * 300),
    ("broken.pdf", b"%PDF-1.4\n" + bytes(range(256)) * 4),
    ("broken.odt", b"PK\x03\x04garbage"),
    ("broken.rtf", b"{\\rtf1 {{{{{{{{{{ \\u-1? \\bin999999 "),
    ("text.txt", bytes(range(256))),
    ("utf16.txt", PROTOCOL.encode("utf-16")),
    ("cp1251.txt", PROTOCOL.encode("cp1251")),
    ("program.exe", b"MZ\x90\x00" + b"\x00" * 100),
    ("no_extension", b"hello"),
    ("../../../etc/passwd.txt", PROTOCOL.encode()),
    ("big.txt", b"a" * (MAX_FILE_MB * 1024 * 1024 + 1)),
]


async def test_broken_unsupported_and_oversized_files_get_a_polite_answer(
    tg: FakeTelegramServer, tmp_path: Path, errors: ErrorWatch
) -> None:
    async with running(tg, tmp_path, max_file_mb=MAX_FILE_MB) as h:
        secretary, _ = await h.enroll("Секретарева Ольга Петровна", "секретарь")
        executor, _ = await h.enroll("Хнычева Дарья Сергеевна")
        truncated = _docx(PROTOCOL.splitlines())
        files = [*BAD_FILES, ("truncated.docx", truncated[: len(truncated) // 2])]
        answers: dict[str, list[str]] = {}
        for who, user in (("secretary", secretary), ("executor", executor)):
            for name, content in files:
                user.skip_unread()
                await user.send_document(content, name)
                await settle(h)
                answers[f"{who}: {name}"] = [m.plain_text or "" for m in user.unread()]
        crashes = summarize(errors.records, {})
    assert not crashes, f"crashed:\n{crashes}"
    silent = [name for name, got in answers.items() if not got]
    assert not silent, f"no answer to {silent}"
    internal = [name for name, got in answers.items() if t.INTERNAL_ERROR in got]
    assert not internal, f"internal error for {internal}"


async def test_a_protocol_of_thousands_of_items_is_previewed_without_errors(
    tg: FakeTelegramServer, tmp_path: Path, errors: ErrorWatch
) -> None:
    items = 5000
    lines = ["ПРОТОКОЛ № 1", "от 15 января 2027 г.", "", "РЕШИЛИ:"]
    lines += [
        f"{n // 100 + 1}.{n % 100 + 1}. Поручить Хнычевой Д.С. подготовить справку № {n}."
        " Срок: до 27.01.2027."
        for n in range(items)
    ]
    async with running(tg, tmp_path) as h:
        secretary, _ = await h.enroll("Секретарева Ольга Петровна", "секретарь")
        await h.enroll("Хнычева Дарья Сергеевна")
        secretary.skip_unread()
        await secretary.send_document("\n".join(lines).encode(), "протокол.txt")
        await settle(h, timeout=60)
        answers = [m.plain_text or "" for m in secretary.unread()]
        crashes = summarize(errors.records, {})
        rejected = rejected_calls(tg)
    assert not crashes, crashes
    assert not rejected, rejected
    assert any(f"Найдено поручений: {items}" in a for a in answers), answers[:1]


async def test_saving_a_draft_whose_person_was_removed_meanwhile_is_refused_politely(
    tg: FakeTelegramServer, tmp_path: Path, errors: ErrorWatch
) -> None:
    async with running(tg, tmp_path) as h:
        secretary, _ = await h.enroll("Секретарева Ольга Петровна", "секретарь")
        _, dasha_id = await h.enroll("Хнычева Дарья Сергеевна")
        await secretary.send("Сдать отчёт. Срок: до 12.03.2027. Ответственный: Хнычева Д.С.")
        preview = await h.expect(secretary, "Проверьте поручение")
        await h.admin.send(f"/remove {dasha_id}")
        await h.expect(h.admin, "убран")
        secretary.skip_unread()
        answer = await secretary.press(preview, "Сохранить")
        await settle(h)
        got = [answer.text or "", *(m.plain_text or "" for m in secretary.unread())]
        crashes = summarize(errors.records, {})
    assert not crashes, f"crashed:\n{crashes}"
    assert t.INTERNAL_ERROR not in got, got


# --- logs --------------------------------------------------------------------------------------


@contextmanager
def production_logging(token: str) -> Iterator[io.StringIO]:
    """The handler `bot.logs.setup_logging` installs (format, context, redaction), writing to
    a buffer next to pytest's own handlers, at DEBUG."""
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    setup_logging("DEBUG", token)
    installed = [h for h in root.handlers if h not in handlers]
    stream = io.StringIO()
    for handler in installed:
        if isinstance(handler, logging.StreamHandler):
            handler.setStream(stream)
    root.handlers[:] = [*handlers, *installed]
    try:
        yield stream
    finally:
        root.handlers[:] = handlers
        root.setLevel(level)


def _log_lines(text: str) -> list[dict[str, Any]]:
    lines = []
    for line in text.splitlines():
        try:
            entry = json.loads(line)
        except ValueError:
            entry = {"msg": line}
        lines.append(entry if isinstance(entry, dict) else {"msg": line})
    return lines


def _secrets(token: str) -> tuple[str, str]:
    return token, token.partition(":")[2]


async def test_the_token_never_reaches_the_logs_and_every_update_is_logged_with_its_id(
    tg: FakeTelegramServer, tmp_path: Path
) -> None:
    sent: list[tuple[int, int | None]] = []  # update id, person id
    with production_logging(tg.token) as log:
        async with running(tg, tmp_path) as h:
            secretary, secretary_id = await h.enroll("Секретарева Ольга Петровна", "секретарь")
            executor, executor_id = await h.enroll("Хнычева Дарья Сергеевна")
            stranger = tg.user(9301, "Иван", "Чужой")
            actions = [
                (secretary, secretary_id, secretary.send("/my")),
                (secretary, secretary_id, secretary.send_document(PROTOCOL.encode(), "п.txt")),
                (secretary, secretary_id, secretary.send("/people")),
                (executor, executor_id, executor.send("/my")),
                (stranger, None, stranger.send("/start")),
                (stranger, None, stranger.send("/my")),
            ]
            for user, person_id, act in actions:
                await act
                sent.append((tg.updates[-1].update_id, person_id))
                await user.next_message(timeout=10)
            query = executor.send_callback(executor.last_bot_message, "c:1:1")
            sent.append((tg.updates[-1].update_id, executor_id))
            await tg.wait_callback_answer(query)
            await settle(h)
        text = log.getvalue()
    for secret in _secrets(tg.token):
        assert secret not in text, "the bot token is in the logs"
    entries = _log_lines(text)
    for update_id, person_id in sent:
        about = [e for e in entries if e.get("update_id") == update_id]
        assert about, f"no log line carries update {update_id}"
        if person_id is not None:
            assert any(e.get("person_id") == person_id for e in about), (
                f"update {update_id}: no line carries person {person_id}: {about}"
            )


async def test_a_failed_file_download_is_answered_politely_and_keeps_the_token_out_of_logs(
    tg: FakeTelegramServer, tmp_path: Path
) -> None:
    with production_logging(tg.token) as log:
        async with running(tg, tmp_path) as h:
            secretary, _ = await h.enroll("Секретарева Ольга Петровна", "секретарь")
            secretary.skip_unread()
            sent = await secretary.send_document(PROTOCOL.encode(), "протокол.txt")
            # Telegram lists the file, but its file server cannot give it (expired, a hiccup):
            # getFile answers, the download itself fails with 404.
            tg.files[sent["document"]["file_id"]].file_path = "documents/expired.txt"
            answer = await secretary.next_message(timeout=10)
            await settle(h)
        text = log.getvalue()
    leaks = [line for line in text.splitlines() for s in _secrets(tg.token) if s in line]
    problems = []
    if answer.plain_text != t.FILE_DOWNLOAD_FAILED:
        problems.append(f"answered {answer.plain_text!r}, not FILE_DOWNLOAD_FAILED")
    if leaks:
        at = leaks[0].find(tg.token.partition(":")[2])
        problems.append(f"the bot token is in the logs: …{leaks[0][max(at - 200, 0) : at]}<TOKEN>")
    assert not problems, "; ".join(problems)
