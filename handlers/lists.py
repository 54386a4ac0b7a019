"""/my, /overdue and /digest, with inline pagination."""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import Command
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot import keyboards, render
from bot.callbacks import ListKind, PageCallback
from bot.filters import Pressed, PrivateChat
from bot.middlewares import ROLES_FLAG
from bot.notifications import digest_messages
from bot.texts import core as t
from handlers.feedback import edit, pressed_message, refuse
from storage.models import Person
from tracking.rules import OVERSEERS, ListPage
from tracking.service import Tracker

PAGE_SIZE = 10


def router() -> Router:
    r = Router(name=__name__)
    r.message.filter(PrivateChat())
    r.message.register(cmd_my, Command("my"))
    r.message.register(cmd_overdue, Command("overdue"), flags={ROLES_FLAG: OVERSEERS})
    r.message.register(cmd_digest, Command("digest"), flags={ROLES_FLAG: OVERSEERS})
    r.callback_query.register(on_my_page, Pressed(PageCallback, kind=ListKind.MY))
    r.callback_query.register(
        on_overdue_page,
        Pressed(PageCallback, kind=ListKind.OVERDUE),
        flags={ROLES_FLAG: OVERSEERS},
    )
    return r


def _footer(page: int, pages: int) -> str:
    return "\n\n" + render.esc(t.PAGE.format(page=page + 1, pages=pages)) if pages > 1 else ""


def my_page(listed: ListPage, tracker: Tracker) -> tuple[str, InlineKeyboardMarkup | None]:
    if not listed.total:
        return render.esc(t.MY_EMPTY), None
    now, tz = tracker.now(), tracker.policy.tz
    lines = [f"<b>{render.esc(t.MY_HEADER.format(count=listed.total))}</b>"]
    lines += [render.list_line(v, now, tz) for v in listed.items]
    opens = [(v.assignment.id, v.assignee.id) for v in listed.items]
    return "\n\n".join(lines) + _footer(listed.page, listed.pages), keyboards.pages(
        ListKind.MY, listed.page, listed.pages, opens
    )


def overdue_page(listed: ListPage, tracker: Tracker) -> tuple[str, InlineKeyboardMarkup | None]:
    if not listed.total:
        return render.esc(t.OVERDUE_EMPTY), None
    head = f"<b>{render.esc(render.overdue_head(listed.total, listed.assignments))}</b>"
    blocks = render.overdue_blocks(listed.items, tracker.now(), tracker.policy.tz)
    opens = [(v.assignment.id, v.assignee.id) for v in listed.items]
    text = "\n\n".join([head, *blocks]) + _footer(listed.page, listed.pages)
    return text, keyboards.pages(ListKind.OVERDUE, listed.page, listed.pages, opens)


async def cmd_my(message: Message, tracker: Tracker, actor: Person) -> None:
    text, markup = my_page(await tracker.my_page(actor, 0, PAGE_SIZE), tracker)
    await message.answer(text, reply_markup=markup)


async def on_my_page(
    callback: CallbackQuery, callback_data: PageCallback, tracker: Tracker, actor: Person
) -> None:
    message = pressed_message(callback)
    if message is not None:
        text, markup = my_page(
            await tracker.my_page(actor, callback_data.page, PAGE_SIZE), tracker
        )
        await edit(message, text, markup)


async def cmd_overdue(message: Message, tracker: Tracker, actor: Person) -> None:
    listed = await tracker.overdue_page(actor, 0, PAGE_SIZE)
    if listed is None:  # pragma: no cover - the roles flag lets only overseers in
        return
    text, markup = overdue_page(listed, tracker)
    await message.answer(text, reply_markup=markup)


async def on_overdue_page(
    callback: CallbackQuery,
    callback_data: PageCallback,
    tracker: Tracker,
    actor: Person,
    callback_answer: CallbackAnswer,
) -> None:
    listed = await tracker.overdue_page(actor, callback_data.page, PAGE_SIZE)
    message = pressed_message(callback)
    if listed is None or message is None:
        refuse(callback_answer, t.FORBIDDEN)
        return
    text, markup = overdue_page(listed, tracker)
    await edit(message, text, markup)


async def cmd_digest(message: Message, tracker: Tracker) -> None:
    for part in await digest_messages(tracker):
        await message.answer(part.text, reply_markup=part.markup)
