"""Who may do what: every command and button × every role, and the people who may do nothing.

One team is built once for the module (the real app, its polling loop, the fake Bot API
server). A row of the table is an action — a command, a plain message, a file, or a button's
callback data aimed at *someone else's* assignment, draft or request (forged, as a modified
client would send it). A column is who does it: an administrator, a secretary, a coordinator,
a controller (of other assignments), an executor, a stranger who never linked, an unlinked
user holding a spent invite, a person removed from the directory, and a secretary acting in a
group chat. Every cell checks one of:

* allowed — the action happened (its answer shows up);
* refused — the only answer is the expected polite Russian text, nothing else reached the
  chat (so no assignment text, no names, no numbers), and the database did not change;
* group button — nothing is posted or edited in the group, the answer is a polite refusal and
  the database did not change (the bot never puts buttons in groups: any is forged);
* silent — ordinary group chatter gets no answer.

No cell may crash a handler: the app's error handler would answer INTERNAL_ERROR and log
«update N failed», which `ErrorWatch` catches. Two tests keep the table complete: every
command of the menu (COMMAND_ROLES) and every CallbackData class has a row; menu commands
without a row of their own are checked against the roles COMMAND_ROLES promises.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import pytest
import pytest_asyncio
from aiogram.fsm.storage.base import StorageKey

from bot.app import create_app
from bot.callbacks import (
    CardAction,
    CardCallback,
    ChooseCallback,
    DraftAction,
    DraftCallback,
    ExtensionAction,
    ExtensionCallback,
    FormAction,
    FormCallback,
    ImportAction,
    ImportCallback,
    ListKind,
    ManageAction,
    ManageCallback,
    PageCallback,
    ProtocolAction,
    ProtocolCallback,
    ReviewAction,
    ReviewCallback,
)
from bot.texts import core as t
from handlers.menu import COMMAND_ROLES
from storage.models import Person, Role
from tests.e2e.conftest import ADMIN_ID, INVITE, START, Harness, make_settings
from tests.fakebot import (
    CallbackAnswer,
    ChatReader,
    FakeTelegramServer,
    GroupHandle,
    MessageView,
    UserHandle,
    run_polling,
)
from tests.security.conftest import (
    POLITE,
    ErrorWatch,
    changed_tables,
    db_path,
    running,
    settle,
    snapshot,
)
from tracking.clock import ManualClock
from tracking.service import NewAssignment

pytestmark = pytest.mark.asyncio(loop_scope="module")

SECRET = "Секретная справка 7731"
VICTIM = "Хнычева Дарья Сергеевна"
#: What must never reach someone who may not see the victim's assignments.
LEAKS = (SECRET, "Хнычев", "7731")
MISSING = 424242  # an id nothing has
HUGE = 10**22  # an id no SQLite integer can hold

LINKED = ("admin", "secretary", "coordinator", "controller", "executor")
UNLINKED = ("stranger", "spent_invite", "removed")
ACTORS = (*LINKED, *UNLINKED, "group")
EVERYONE = frozenset(LINKED)
CREATORS = frozenset({"admin", "secretary"})
OVERSEERS = frozenset({"admin", "secretary", "coordinator"})
#: The roles each linked actor holds (checked when the team is built).
ACTOR_ROLES = {
    "admin": {Role.ADMIN},
    "secretary": {Role.SECRETARY, Role.EXECUTOR},
    "coordinator": {Role.COORDINATOR, Role.EXECUTOR},
    "controller": {Role.CONTROLLER, Role.EXECUTOR},
    "executor": {Role.EXECUTOR},
}


# --- the team ------------------------------------------------------------------------------


@dataclass
class Actor:
    key: str
    user: UserHandle
    person_id: int | None
    group: GroupHandle | None = None

    @property
    def chat(self) -> ChatReader:
        return self.group if self.group is not None else self.user

    @property
    def chats(self) -> list[ChatReader]:
        return [self.user] if self.group is None else [self.group, self.user]

    async def send(self, text: str) -> None:
        if self.group is not None:
            await self.group.send(self.user, text)
        else:
            await self.user.send(text)

    async def send_document(self, content: bytes, name: str) -> None:
        if self.group is not None:
            await self.group.send_document(self.user, content, name)
        else:
            await self.user.send_document(content, name)

    def press(self, message_id: int, data: str) -> str:
        if self.group is not None:
            return self.group.send_callback(self.user, message_id, data)
        return self.user.send_callback(message_id, data)


@dataclass
class World:
    h: Harness
    watch: ErrorWatch
    author: Person
    victim: Person
    victim_user: UserHandle
    spent_token: str
    actors: dict[str, Actor] = field(default_factory=dict)
    item: int = 0  # the victim's open assignment
    assignee: int = 0  # ... and her part of it
    overdue_item: int = 0
    reported: int = 0  # an assignee whose report waits for review
    accepted: int = 0  # an assignee whose report was accepted
    request: int = 0  # a pending deadline request
    decided: int = 0  # a deadline request approved already
    draft: int = 0  # the author's open draft

    @property
    def db(self) -> Path:
        return db_path(self.h)

    async def assign(
        self, person_id: int, text: str, offset_days: int = 30, controller_id: int | None = None
    ) -> tuple[int, int]:
        created = await self.h.app.tracker.create(
            self.author,
            [
                NewAssignment(
                    text=text,
                    deadline_date=START.date() + dt.timedelta(days=offset_days),
                    deadline_time=None,
                    deadline_kind="date",
                    deadline_raw="",
                    person_ids=(person_id,),
                    controller_id=controller_id,
                )
            ],
        )
        assert created is not None
        return created.assignment_ids[0], created.assignee_ids[0]

    async def reported_item(self) -> int:
        _, assignee = await self.assign(self.victim.id, f"{SECRET}: отчёт")
        result = await self.h.app.tracker.report(
            self.victim, assignee, kind="report", text=f"{SECRET}: готово"
        )
        assert result.ok
        return assignee

    async def pending_request(self) -> int:
        _, assignee = await self.assign(self.victim.id, f"{SECRET}: перенос")
        new_date = START.date() + dt.timedelta(days=90)
        result = await self.h.app.tracker.request_extension(
            self.victim, assignee, new_date, f"{SECRET}: причина"
        )
        assert result.ok
        rows = snapshot(self.db)["deadline_requests"]
        return max(int(r[0]) for r in rows)

    async def anchor(self, actor: Actor) -> int:
        """A fresh bot message in the actor's chat to press forged buttons on."""
        actor.chat.skip_unread()
        await actor.send("/help")
        view = await actor.chat.next_message()
        return view.message_id

    async def clear_form(self, actor: Actor) -> None:
        key = StorageKey(bot_id=self.h.app.bot.id, chat_id=actor.chat.id, user_id=actor.user.id)
        storage = self.h.app.dispatcher.storage
        await storage.set_state(key, None)
        await storage.set_data(key, {})


def invite_token(h: Harness, person_id: int) -> str:
    for view in reversed(h.admin.messages):
        text = view.plain_text or ""
        match = INVITE.search(text)
        if match and f"(ID {person_id})" in text:
            return match.group(1)
    raise AssertionError(f"no invite for person {person_id}")


@pytest_asyncio.fixture(loop_scope="module", scope="module")
async def world(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[World]:
    watch = ErrorWatch()
    logging.getLogger().addHandler(watch)
    tmp = tmp_path_factory.mktemp("access")
    try:
        async with FakeTelegramServer() as tg:
            clock = ManualClock(START)
            settings = make_settings(tg, tmp, backup_dir=tmp / "backups")
            app = create_app(settings, clock=clock, start_scheduler=False)
            admin = tg.user(ADMIN_ID, "Анна", "Админова", "admin")
            async with run_polling(app.dispatcher, app.bot, tg) as run:
                h = Harness(tg, app, clock, run, admin)
                await admin.send("/start")
                await h.expect(admin, "Ваши роли")
                yield await _build(h, watch)
    finally:
        logging.getLogger().removeHandler(watch)


async def _build(h: Harness, watch: ErrorWatch) -> World:
    tg = h.tg
    author, author_id = await h.enroll("Авторова Ольга Петровна", "секретарь")
    victim_user, victim_id = await h.enroll(VICTIM, organisation="Департамент")
    secretary, secretary_id = await h.enroll("Секретарева Нина Ивановна", "секретарь")
    coordinator, coordinator_id = await h.enroll("Координатова Анна Сергеевна", "координатор")
    controller, controller_id = await h.enroll("Контролёров Пётр Ильич", "контролёр")
    executor, executor_id = await h.enroll("Исполнителев Иван Иванович")
    removed, removed_id = await h.enroll("Удалёнов Роман Петрович", "координатор")
    await h.admin.send(f"/remove {removed_id}")
    await h.expect(h.admin, "убран")

    w = World(
        h=h,
        watch=watch,
        author=await h.person(author_id),
        victim=await h.person(victim_id),
        victim_user=victim_user,
        spent_token=invite_token(h, victim_id),
    )

    stranger = tg.user(9001, "Иван", "Чужой")
    holder = tg.user(9002, "Пётр", "Перехватов")
    for token in (w.spent_token, "not-a-real-token"):
        await holder.send(f"/start {token}")
        await h.expect(holder, "недействительна")
    group = tg.group(-500, "Совещание", members=[secretary], bot_is_admin=True)
    w.actors = {
        "admin": Actor("admin", h.admin, 1),
        "secretary": Actor("secretary", secretary, secretary_id),
        "coordinator": Actor("coordinator", coordinator, coordinator_id),
        "controller": Actor("controller", controller, controller_id),
        "executor": Actor("executor", executor, executor_id),
        "stranger": Actor("stranger", stranger, None),
        "spent_invite": Actor("spent_invite", holder, None),
        "removed": Actor("removed", removed, removed_id),
        "group": Actor("group", secretary, secretary_id, group),
    }

    for key, actor in w.actors.items():
        if key in ACTOR_ROLES:
            assert actor.person_id is not None
            assert (await h.person(actor.person_id)).roles == ACTOR_ROLES[key], key

    w.item, w.assignee = await w.assign(victim_id, f"{SECRET}: открытое")
    w.overdue_item, _ = await w.assign(victim_id, f"{SECRET}: просрочено", offset_days=-3)
    w.reported = await w.reported_item()
    w.accepted = await w.reported_item()
    assert (await h.app.tracker.accept(w.author, w.accepted)).ok
    w.request = await w.pending_request()
    w.decided = await w.pending_request()
    decided, _ = await h.app.tracker.decide_extension(w.author, w.decided, True)
    assert decided.ok

    await author.send("/new")
    await h.expect(author, "Пришлите поручение")
    await author.send(f"{SECRET}. Срок: до 27.01.2027. Ответственный: Хнычева Д.С.")
    preview = await h.expect(author, "Проверьте поручение")
    w.draft = DraftCallback.unpack(preview.button("Сохранить").callback_data or "").draft_id
    return w


# --- the rows ------------------------------------------------------------------------------

Payload = Callable[[World, Actor], Awaitable[str]]
Kind = Literal["command", "text", "document", "callback"]
Refusal = str | Mapping[str, str]  # by role key, "*" for the other roles


@dataclass(frozen=True)
class Row:
    id: str
    kind: Kind
    payload: Payload
    allowed: frozenset[str] = frozenset()
    #: Any of these in an answer shows the allowed action happened.
    ok: tuple[str, ...] = ()
    #: What a linked person without the right gets.
    refusal: Refusal = ""
    #: What a stranger, a spent-invite holder and a removed person get.
    unlinked: str = t.NOT_LINKED

    def refusal_for(self, role: str) -> str:
        if isinstance(self.refusal, str):
            return self.refusal
        return self.refusal.get(role, self.refusal["*"])


def _ok(ok: str | tuple[str, ...]) -> tuple[str, ...]:
    return (ok,) if isinstance(ok, str) else ok


def cmd(
    template: str,
    allowed: frozenset[str] = frozenset(),
    ok: str | tuple[str, ...] = (),
    refusal: Refusal = t.FORBIDDEN,
    unlinked: str = t.NOT_LINKED,
    *,
    kind: Kind = "command",
    name: str | None = None,
) -> Row:
    """A message; `{item}`, `{victim}`, `{me}`, `{spent}` are filled from the world."""

    async def make(w: World, a: Actor) -> str:
        return template.format(
            item=w.item, victim=w.victim.id, me=a.person_id or w.victim.id, spent=w.spent_token
        )

    return Row(name or template, kind, make, allowed, _ok(ok), refusal, unlinked)


def btn(
    name: str,
    data: Payload | str,
    allowed: frozenset[str] = frozenset(),
    ok: str | tuple[str, ...] = (),
    refusal: Refusal = t.FORBIDDEN,
    unlinked: str = t.NOT_LINKED,
) -> Row:
    """A button press with this callback data (a string, or made from the world)."""
    if isinstance(data, str):
        raw = data

        async def fixed(w: World, a: Actor) -> str:
            return raw

        data = fixed
    return Row(name, "callback", data, allowed, _ok(ok), refusal, unlinked)


def card(action: CardAction, target: str = "assignee") -> Payload:
    async def make(w: World, a: Actor) -> str:
        return CardCallback(action=action, assignee_id=getattr(w, target)).pack()

    return make


def review(action: ReviewAction, target: str) -> Payload:
    """`target` "fresh": a new report for every press (an allowed press accepts it)."""

    async def make(w: World, a: Actor) -> str:
        assignee = await w.reported_item() if target == "fresh" else getattr(w, target)
        return ReviewCallback(action=action, assignee_id=assignee).pack()

    return make


def extension(action: ExtensionAction, target: str) -> Payload:
    async def make(w: World, a: Actor) -> str:
        request = await w.pending_request() if target == "fresh" else getattr(w, target)
        return ExtensionCallback(action=action, request_id=request).pack()

    return make


def manage(action: ManageAction) -> Payload:
    async def make(w: World, a: Actor) -> str:
        return ManageCallback(action=action, assignment_id=w.item).pack()

    return make


def draft(action: DraftAction, arg: int = 0) -> Payload:
    async def make(w: World, a: Actor) -> str:
        return DraftCallback(action=action, draft_id=w.draft, arg=arg).pack()

    return make


def import_(action: ImportAction) -> Payload:
    async def make(w: World, a: Actor) -> str:
        return ImportCallback(action=action, draft_id=w.draft).pack()

    return make


async def choose(w: World, a: Actor) -> str:
    return ChooseCallback(draft_id=w.draft, item=0, slot=0, person_id=a.person_id or 1).pack()


ADMIN = frozenset({"admin"})
SECRETARY = frozenset({"secretary"})
NOT_YOUR_DRAFT = {"admin": t.DRAFT_NOT_YOURS, "secretary": t.DRAFT_NOT_YOURS, "*": t.FORBIDDEN}
NO_SUCH_DRAFT = {"admin": t.DRAFT_CLOSED, "secretary": t.DRAFT_CLOSED, "*": t.FORBIDDEN}
STALE_FOR_SECRETARY = {
    "admin": t.REFUSED_STALE,
    "secretary": t.REFUSED_STALE,
    "*": t.REFUSED_NOT_CONTROLLER,
}
NOT_CONTROLLER = t.REFUSED_NOT_CONTROLLER
OVERDUE_LIST = "Просроченные поручения ("
HISTORY = "История поручения №"
PROTOCOL = f"{SECRET}. Срок: до 27.01.2027. Ответственный: Хнычева Д.С."
PROTOCOL_FILE = (
    "ПРОТОКОЛ № 5\n\nРЕШИЛИ:\n"
    f"1. {SECRET}: подготовить справку. Срок: до 27.01.2027. Ответственный: Хнычева Д.С.\n"
    "2. Провести совещание. Срок: до 01.02.2027. Ответственный: Хнычева Д.С.\n"
)

# fmt: off
COMMANDS = [
    cmd("/start", EVERYONE, "Ваши роли", unlinked=t.GREETING_STRANGER),
    cmd("/help", EVERYONE, "Команды:", unlinked=t.GREETING_STRANGER),
    cmd("/cancel", EVERYONE, t.NOTHING_TO_CANCEL, unlinked=t.NOTHING_TO_CANCEL),
    # A linked person with a spent link (theirs from an old message, say) is greeted as linked.
    cmd("/start {spent}", EVERYONE, t.INVITE_ALREADY_YOURS, unlinked=t.INVITE_INVALID,
        name="/start spent-invite"),
    cmd("/my", EVERYONE, t.MY_EMPTY),
    cmd("/new", CREATORS, "Пришлите поручение"),
    cmd("/overdue", OVERSEERS, OVERDUE_LIST),
    cmd("/digest", OVERSEERS, "Сводка"),
    cmd("/person", CREATORS, "Формат: /person"),
    cmd("/people", CREATORS, "Справочник"),
    cmd("/role", ADMIN, "Формат: /role"),
    cmd("/role {me} администратор", ADMIN, "Готово", name="/role me admin"),
    cmd(f"/role {HUGE} администратор", ADMIN, "не найден", name="/role huge"),
    cmd("/role ² администратор", ADMIN, "Формат: /role", name="/role unicode-digit"),
    cmd("/invite", CREATORS, "Формат: /invite"),
    # Moving a linked account to a new Telegram user is for administrators only.
    cmd(
        "/invite {victim}",
        ADMIN,
        "Новая ссылка",
        {"secretary": t.INVITE_ADMIN_ONLY, "*": t.FORBIDDEN},
        name="/invite victim",
    ),
    cmd(f"/invite {HUGE}", CREATORS, "не найден", name="/invite huge"),
    cmd("/invite ²", CREATORS, "Формат: /invite", name="/invite unicode-digit"),
    cmd("/invited", CREATORS, ("Приглашены", "Все приглашённые")),
    cmd("/remove", CREATORS, "Формат: /remove"),
    cmd(f"/remove {MISSING}", CREATORS, "не найден", name="/remove missing"),
    cmd(f"/remove {HUGE}", CREATORS, "не найден", name="/remove huge"),
    cmd("/remove ²", CREATORS, "Формат: /remove", name="/remove unicode-digit"),
    cmd("/history {item}", OVERSEERS, HISTORY, t.HISTORY_NOT_FOUND, name="/history item"),
    cmd(f"/history {MISSING}", refusal=t.HISTORY_NOT_FOUND, name="/history missing"),
    cmd(f"/history {HUGE}", refusal=t.HISTORY_NOT_FOUND, name="/history huge"),
    cmd("/history ²", refusal=t.HISTORY_USAGE, name="/history unicode-digit"),
    cmd("/a {item}", CREATORS, "🛠 Поручение №", t.MANAGE_FORBIDDEN, name="/a item"),
    cmd(f"/a {MISSING}", refusal=t.MANAGE_NOT_FOUND, name="/a missing"),
    cmd(f"/a {HUGE}", refusal=t.MANAGE_NOT_FOUND, name="/a huge"),
    cmd("/a ²", refusal=t.MANAGE_USAGE, name="/a unicode-digit"),
    cmd("/drop_table people", refusal=t.UNKNOWN_INPUT, name="/unknown"),
    cmd(PROTOCOL, CREATORS, "Проверьте поручение", t.UNKNOWN_INPUT, kind="text",
        name="plain text"),
    cmd(PROTOCOL_FILE, CREATORS, "Протокол", t.UNKNOWN_INPUT, kind="document",
        name="protocol file"),
]

BUTTONS = [
    btn("card done", card(CardAction.DONE), refusal=t.REFUSED_NOT_YOURS),
    btn("card report", card(CardAction.REPORT), refusal=t.REFUSED_NOT_YOURS),
    btn("card snooze", card(CardAction.SNOOZE), refusal=t.REFUSED_NOT_YOURS),
    btn("card extend", card(CardAction.EXTEND), refusal=t.REFUSED_NOT_YOURS),
    btn("card open", card(CardAction.OPEN), OVERSEERS, "📌 Поручение №", t.REFUSED_NOT_YOURS),
    btn("card history", card(CardAction.HISTORY), OVERSEERS, HISTORY, t.HISTORY_NOT_FOUND),
    btn("card done on reported", card(CardAction.DONE, "reported"),
        refusal=t.REFUSED_NOT_YOURS),
    btn("review accept", review(ReviewAction.ACCEPT, "fresh"), CREATORS, t.ACCEPT_DONE,
        NOT_CONTROLLER),
    btn("review return", review(ReviewAction.RETURN, "reported"), CREATORS,
        "что нужно доработать", NOT_CONTROLLER),
    btn("review accept replayed", review(ReviewAction.ACCEPT, "accepted"),
        refusal=STALE_FOR_SECRETARY),
    btn("review return replayed", review(ReviewAction.RETURN, "accepted"),
        refusal=STALE_FOR_SECRETARY),
    btn("extension approve", extension(ExtensionAction.APPROVE, "fresh"), CREATORS,
        "Перенос одобрен", NOT_CONTROLLER),
    btn("extension decline", extension(ExtensionAction.DECLINE, "fresh"), CREATORS,
        "отказано", NOT_CONTROLLER),
    btn("extension approve replayed", extension(ExtensionAction.APPROVE, "decided"),
        refusal=STALE_FOR_SECRETARY),
    btn("manage deadline", manage(ManageAction.DEADLINE), CREATORS, "Пришлите новый срок",
        t.MANAGE_FORBIDDEN),
    btn("manage text", manage(ManageAction.TEXT), CREATORS, "Пришлите новый текст",
        t.MANAGE_FORBIDDEN),
    btn("manage controller", manage(ManageAction.CONTROLLER), CREATORS,
        "Кто будет контролёром", t.MANAGE_FORBIDDEN),
    btn("manage add", manage(ManageAction.ADD), CREATORS, "Кого добавить", t.MANAGE_FORBIDDEN),
    btn("manage cancel", manage(ManageAction.CANCEL), CREATORS, "Почему отменяется",
        t.MANAGE_FORBIDDEN),
    btn("manage history", manage(ManageAction.HISTORY), OVERSEERS, HISTORY,
        t.HISTORY_NOT_FOUND),
    btn("draft save", draft(DraftAction.SAVE), refusal=NOT_YOUR_DRAFT),
    btn("draft save without deadline", draft(DraftAction.SAVE_NO_DEADLINE),
        refusal=NOT_YOUR_DRAFT),
    btn("draft edit", draft(DraftAction.EDIT), refusal=NOT_YOUR_DRAFT),
    btn("draft cancel", draft(DraftAction.CANCEL), refusal=NOT_YOUR_DRAFT),
    btn("draft recheck", draft(DraftAction.RECHECK), refusal=NOT_YOUR_DRAFT),
    btn("draft item", draft(DraftAction.ITEM), refusal=NOT_YOUR_DRAFT),
    btn("draft drop item", draft(DraftAction.DROP), refusal=NOT_YOUR_DRAFT),
    btn("draft item deadline", draft(DraftAction.ITEM_DEADLINE), refusal=NOT_YOUR_DRAFT),
    btn("draft choose person", choose, refusal=NOT_YOUR_DRAFT),
    btn("import apply someone's draft", import_(ImportAction.APPLY), refusal=NOT_YOUR_DRAFT),
    btn("import cancel someone's draft", import_(ImportAction.CANCEL), refusal=NOT_YOUR_DRAFT),
    btn("protocol open", ProtocolCallback(action=ProtocolAction.OPEN, protocol_id=0).pack(),
        OVERSEERS),
    btn("protocol export", ProtocolCallback(action=ProtocolAction.EXPORT, protocol_id=0).pack(),
        OVERSEERS),
    btn("page my", PageCallback(kind=ListKind.MY, page=1).pack(), EVERYONE, t.MY_EMPTY),
    btn("page overdue", PageCallback(kind=ListKind.OVERDUE, page=0).pack(), OVERSEERS,
        OVERDUE_LIST),
    btn("page protocols", PageCallback(kind=ListKind.PROTOCOLS, page=1).pack(), OVERSEERS,
        ("Протоколы (", t.PROTOCOLS_EMPTY)),
    btn("form cancel", FormCallback(action=FormAction.CANCEL).pack(), EVERYONE, t.CANCELLED),
    btn("form no comment outside the form", FormCallback(action=FormAction.NO_COMMENT).pack(),
        refusal=t.REFUSED_STALE, unlinked=t.REFUSED_STALE),
]

NOT_FOUND = t.REFUSED_NOT_FOUND
FORGED = [
    btn("forged done missing", f"c:1:{MISSING}", refusal=NOT_FOUND),
    btn("forged snooze missing", f"c:3:{MISSING}", refusal=NOT_FOUND),
    btn("forged open missing", f"c:4:{MISSING}", refusal=NOT_FOUND),
    btn("forged history missing", f"c:6:{MISSING}", refusal=NOT_FOUND),
    btn("forged done zero", "c:1:0", refusal=NOT_FOUND),
    btn("forged done negative", "c:1:-1", refusal=NOT_FOUND),
    btn("forged done huge", f"c:1:{HUGE}", refusal=NOT_FOUND),
    btn("forged open huge", f"c:4:{HUGE}", refusal=NOT_FOUND),
    btn("forged accept missing", f"r:1:{MISSING}", refusal=NOT_FOUND),
    btn("forged accept huge", f"r:1:{HUGE}", refusal=NOT_FOUND),
    btn("forged approve missing", f"x:1:{MISSING}", refusal=NOT_FOUND),
    btn("forged approve huge", f"x:1:{HUGE}", refusal=NOT_FOUND),
    btn("forged manage missing", f"m:1:{MISSING}", refusal=t.MANAGE_NOT_FOUND),
    btn("forged manage huge", f"m:5:{HUGE}", refusal=t.MANAGE_NOT_FOUND),
    btn("forged manage history huge", f"m:6:{HUGE}", refusal=t.HISTORY_NOT_FOUND),
    btn("forged draft missing", f"d:1:{MISSING}:0", refusal=NO_SUCH_DRAFT),
    btn("forged draft huge", f"d:1:{HUGE}:0", refusal=NO_SUCH_DRAFT),
    btn("forged protocol missing", f"pr:1:{MISSING}:0", OVERSEERS, t.PROTOCOL_NOT_FOUND),
    btn("forged protocol huge", f"pr:1:{HUGE}:0", OVERSEERS, t.PROTOCOL_NOT_FOUND),
    btn("forged import huge", f"im:1:{HUGE}", refusal=NOT_YOUR_DRAFT),
    btn("forged page negative", "p:1:-7", EVERYONE, t.MY_EMPTY),
    btn("forged overdue page huge", f"p:2:{HUGE}", OVERSEERS, OVERDUE_LIST),
]
# fmt: on

#: Callback data no handler can read: everyone (strangers too) gets «the button is stale».
GARBAGE = [
    "",
    "garbage",
    "c:",
    "c:1",
    "c:9:1",
    "c:1:abc",
    "c:1:1:1",
    "c:1:1.5",
    "r:1:1 OR 1=1",
    "'; DROP TABLE people; --",
    "z:1:1",
    "p:9:0",
    "x" * 64,
    "🙂" * 16,
    "c:1:\u200b1",
]
GARBAGE_ROWS = [
    btn(f"garbage {data!r}"[:40], data, refusal=t.REFUSED_STALE, unlinked=t.REFUSED_STALE)
    for data in GARBAGE
]


def _command_name(row: Row) -> str | None:
    match = re.match(r"/(\w+)", row.id)
    return match.group(1) if match else None


def menu_rows() -> list[Row]:
    """Commands of the menu the table above does not name: who may use them follows
    COMMAND_ROLES (what /help promises), anyone else is refused."""
    named = {_command_name(row) for row in COMMANDS}
    rows = []
    for name, roles in COMMAND_ROLES.items():
        if name in named:
            continue
        allowed = (
            EVERYONE
            if roles is None
            else frozenset(k for k, held in ACTOR_ROLES.items() if held & set(roles))
        )
        rows.append(cmd(f"/{name}", allowed, name=f"/{name} (menu)"))
    return rows


ROWS = [*COMMANDS, *menu_rows(), *BUTTONS, *FORGED, *GARBAGE_ROWS]


# --- running one cell ----------------------------------------------------------------------


@dataclass(frozen=True)
class Expect:
    kind: Literal["allowed", "refused", "group_button", "silent"]
    texts: tuple[str, ...] = ()


def expectation(row: Row, actor: Actor) -> Expect:
    if actor.group is not None:
        if row.kind == "callback":
            return Expect("group_button")
        if row.kind == "command":
            return Expect("refused", (t.PRIVATE_ONLY,))
        return Expect("silent")
    if actor.key in UNLINKED:
        return Expect("refused", (row.unlinked,))
    if actor.key in row.allowed:
        return Expect("allowed", row.ok)
    return Expect("refused", (row.refusal_for(actor.key),))


@dataclass
class Seen:
    answer: CallbackAnswer | None
    messages: list[MessageView]
    changed: list[str]
    crashes: str

    @property
    def responses(self) -> list[str]:
        answer = [self.answer.text] if self.answer is not None and self.answer.text else []
        return answer + [m.plain_text or "" for m in self.messages]


async def perform(w: World, actor: Actor, row: Row) -> Seen:
    payload = await row.payload(w, actor)
    anchor = await w.anchor(actor) if row.kind == "callback" else 0
    for chat in actor.chats:
        chat.skip_unread()
    errors_from = len(w.watch.records)
    before = snapshot(w.db)
    answer: CallbackAnswer | None = None
    if row.kind == "callback":
        query = actor.press(anchor, payload)
        answer = await w.h.tg.wait_callback_answer(query)
    elif row.kind == "document":
        await actor.send_document(payload.encode(), "протокол.txt")
    elif actor.group is not None and row.kind == "text":
        await actor.send(f"@{w.h.tg.bot.username} {payload}")
    else:
        await actor.send(payload)
    await settle(w.h)
    messages = [m for chat in actor.chats for m in chat.unread()]
    after = snapshot(w.db)
    await w.clear_form(actor)
    crashes = ErrorWatch.describe(w.watch.since(errors_from))
    return Seen(answer, messages, changed_tables(before, after), crashes)


def problems(row: Row, actor: Actor, expect: Expect, seen: Seen) -> list[str]:
    """What is wrong with one cell of the table (nothing when it behaves as expected)."""
    if seen.crashes:
        return [f"a handler crashed:\n{seen.crashes}"]
    responses = seen.responses
    if t.INTERNAL_ERROR in responses:
        return [f"answered with the internal error: {responses}"]
    if expect.kind == "allowed":
        if expect.texts:
            happened = any(ok in r for r in responses for ok in expect.texts)
        else:  # a command of the menu without a row of its own: anything but a refusal
            happened = bool(responses) and not set(responses) & {t.FORBIDDEN, t.NOT_LINKED}
        return [] if happened else [f"expected it to happen ({expect.texts}), got {responses}"]
    found = [f"leaked {secret!r}: {r!r}" for r in responses for secret in LEAKS if secret in r]
    if seen.changed:
        found.append(f"changed {seen.changed} though refused")
    if expect.kind == "refused" and responses != list(expect.texts):
        found.append(f"expected only {list(expect.texts)}, got {responses}")
    elif expect.kind == "group_button":
        if seen.messages:
            found.append(f"a button pressed in a group posted or edited {responses}")
        if seen.answer is None or seen.answer.text not in POLITE:
            found.append(f"expected a polite refusal, got {seen.answer}")
    elif expect.kind == "silent" and responses:
        found.append(f"expected silence, got {responses}")
    return found


def check(row: Row, actor: Actor, expect: Expect, seen: Seen) -> None:
    found = problems(row, actor, expect, seen)
    if found:
        pytest.fail(f"{row.id} × {actor.key}: " + "; ".join(found), pytrace=False)


@pytest.mark.parametrize("actor_key", ACTORS)
@pytest.mark.parametrize("row", ROWS, ids=[r.id for r in ROWS])
async def test_access(world: World, row: Row, actor_key: str) -> None:
    actor = world.actors[actor_key]
    seen = await perform(world, actor, row)
    check(row, actor, expectation(row, actor), seen)


# --- the other side of the table: what one may do with one's own ---------------------------


async def test_assignee_uses_every_button_of_their_own_card_and_replays_are_stale(
    world: World,
) -> None:
    executor = world.actors["executor"]
    assert executor.person_id is not None
    _, mine = await world.assign(executor.person_id, "Своё поручение")
    expected = {
        CardAction.OPEN: "📌 Поручение №",
        CardAction.HISTORY: "История поручения",
        CardAction.EXTEND: "Пришлите новую дату",
        CardAction.REPORT: "Пришлите отчёт",
        CardAction.DONE: "напишите комментарий",
        CardAction.SNOOZE: t.SNOOZED,
    }
    for action, text in expected.items():
        row = btn(f"own {action.name}", card_of(action, mine), EVERYONE, text)
        check(row, executor, Expect("allowed", (text,)), await perform(world, executor, row))

    person = await world.h.person(executor.person_id)
    assert (await world.h.app.tracker.report(person, mine, kind="done", text="")).ok
    assert (await world.h.app.tracker.accept(world.author, mine)).ok
    for action in (CardAction.DONE, CardAction.REPORT, CardAction.SNOOZE, CardAction.EXTEND):
        row = btn(f"own {action.name} accepted", card_of(action, mine))
        seen = await perform(world, executor, row)
        assert not seen.crashes, seen.crashes
        assert seen.answer is not None and seen.answer.text == t.REFUSED_STALE, seen.responses
        assert not seen.changed, seen.changed


def card_of(action: CardAction, assignee: int) -> str:
    return CardCallback(action=action, assignee_id=assignee).pack()


async def test_the_assignments_controller_reviews_and_manages_it_without_other_roles(
    world: World,
) -> None:
    controller = world.actors["controller"]
    assert controller.person_id is not None
    item, assignee = await world.assign(
        world.victim.id, "Контролируемое поручение", controller_id=controller.person_id
    )
    assert (await world.h.app.tracker.report(world.victim, assignee, kind="done", text="")).ok
    accept = ReviewCallback(action=ReviewAction.ACCEPT, assignee_id=assignee).pack()
    rows = [
        cmd(f"/a {item}", ok="🛠 Поручение №"),
        cmd(f"/history {item}", ok=HISTORY),
        btn("open controlled", card_of(CardAction.OPEN, assignee), ok="📌 Поручение №"),
        btn("accept controlled", accept, ok=t.ACCEPT_DONE),
    ]
    for row in rows:
        check(row, controller, Expect("allowed", row.ok), await perform(world, controller, row))


async def test_a_removed_person_who_is_added_again_can_link_the_same_account(
    world: World,
) -> None:
    h = world.h
    user, person_id = await h.enroll("Возвращенцева Мария Олеговна")
    await h.admin.send(f"/remove {person_id}")
    await h.expect(h.admin, "убран")
    await user.send("/my")
    assert (await user.next_message()).plain_text == t.NOT_LINKED
    await h.admin.send("/person Возвращенцева Мария Олеговна")
    added = await h.expect(h.admin, "Сотрудник добавлен")
    match = INVITE.search(added.plain_text or "")
    assert match is not None
    errors_from = len(world.watch.records)
    await user.send(f"/start {match.group(1)}")
    answer = await user.next_message()
    await settle(h)
    crashes = ErrorWatch.describe(world.watch.since(errors_from))
    assert not crashes, f"opening the new invite crashed:\n{crashes}"
    assert "аккаунт подключён" in (answer.plain_text or ""), answer.plain_text


async def test_the_table_covers_every_command_of_the_menu() -> None:
    covered = {_command_name(row) for row in ROWS}
    assert set(COMMAND_ROLES) <= covered, set(COMMAND_ROLES) - covered


async def test_the_table_covers_every_kind_of_button(world: World) -> None:
    from aiogram.filters.callback_data import CallbackData

    import bot.callbacks

    prefixes = {
        cls.__prefix__
        for cls in vars(bot.callbacks).values()
        if isinstance(cls, type) and issubclass(cls, CallbackData) and cls is not CallbackData
    }
    actor = world.actors["executor"]
    pressed = {
        (await row.payload(world, actor)).split(":")[0] for row in ROWS if row.kind == "callback"
    }
    assert prefixes <= pressed, prefixes - pressed


# --- the directory editors and the administrator ---------------------------------------------


async def test_a_secretary_cannot_hand_the_administrators_account_to_another_telegram_user(
    tmp_path: Path,
) -> None:
    async with FakeTelegramServer() as tg, running(tg, tmp_path) as h:
        secretary, _ = await h.enroll("Секретарева Ольга Петровна", "секретарь")
        await secretary.send("/invite 1")  # person 1 is the administrator
        answer = (await secretary.next_message()).plain_text or ""
        match = INVITE.search(answer)
        if match is None:
            assert answer in (t.FORBIDDEN, t.INVITE_ADMIN_ONLY), answer
            return
        # The secretary got a link that logs in as the administrator: use it.
        second = tg.user(9401, "Второй", "Аккаунт")
        await second.send(f"/start {match.group(1)}")
        linked = await second.next_message()
        await settle(h)
        actor = await h.app.tracker.actor(second.id)
    roles = sorted(r.value for r in actor.roles) if actor else None
    pytest.fail(
        "a secretary got an invite link for the administrator (/invite 1); opened from another "
        f"Telegram account it answered {linked.plain_text!r} and that account now holds the "
        f"roles {roles}",
        pytrace=False,
    )


async def test_a_secretary_cannot_remove_the_administrator(tmp_path: Path) -> None:
    errors = ErrorWatch()
    async with FakeTelegramServer() as tg, running(tg, tmp_path) as h:
        secretary, _ = await h.enroll("Секретарева Ольга Петровна", "секретарь")
        await secretary.send("/remove 1")
        answer = (await secretary.next_message()).plain_text or ""
        if "убран" not in answer:
            assert answer in (t.FORBIDDEN, t.REMOVE_NOT_FOUND.format(id=1)), answer
            return
        logging.getLogger().addHandler(errors)
        try:
            h.admin.skip_unread()
            await h.admin.send("/start")
            after = (await h.admin.next_message()).plain_text
            await settle(h)
        finally:
            logging.getLogger().removeHandler(errors)
    pytest.fail(
        f"a secretary removed the administrator ({answer!r}); the administrator's /start then "
        f"answered {after!r}"
        + (f", crashing: {ErrorWatch.describe(errors.records)}" if errors.records else ""),
        pytrace=False,
    )
