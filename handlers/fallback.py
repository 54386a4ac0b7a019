"""What nothing else took: group chats, unknown input, unknown buttons."""

from __future__ import annotations

from aiogram import Router
from aiogram.enums import ChatType
from aiogram.filters import Filter
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot import render
from bot.filters import COMMAND_TO_US, PrivateChat
from bot.middlewares import PUBLIC_FLAG
from bot.texts import core as t
from handlers.feedback import refuse


def group_router() -> Router:
    """In groups the bot stays quiet except to point commands to the private chat."""
    r = Router(name=__name__ + ".group")
    r.message.filter(~PrivateChat())
    r.message.register(on_group_command, COMMAND_TO_US, flags={PUBLIC_FLAG: True})
    r.message.register(on_group_other, flags={PUBLIC_FLAG: True})
    # Buttons of the bot's messages in a group do nothing there: no data goes into a group.
    r.callback_query.register(on_group_button, ~PrivateChatQuery(), flags={PUBLIC_FLAG: True})
    return r


def router() -> Router:
    r = Router(name=__name__)
    r.message.filter(PrivateChat())
    r.message.register(on_unknown)
    r.callback_query.register(on_unknown_button, flags={PUBLIC_FLAG: True})
    r.edited_message.register(on_edited, PrivateChat())
    return r


async def on_group_command(message: Message) -> None:
    await message.reply(render.esc(t.PRIVATE_ONLY))


async def on_group_other(message: Message) -> None:
    """Ordinary group chatter is none of the bot's business."""


class PrivateChatQuery(Filter):
    async def __call__(self, callback: CallbackQuery) -> bool:
        message = callback.message
        return message is None or message.chat.type == ChatType.PRIVATE


async def on_group_button(callback: CallbackQuery, callback_answer: CallbackAnswer) -> None:
    refuse(callback_answer, t.PRIVATE_ONLY)


async def on_edited(message: Message) -> None:
    """An edit changes nothing the bot did with the message: say so rather than keep silent
    while the draft or report keeps the old text."""
    await message.reply(render.esc(t.EDIT_NOT_SEEN))


async def on_unknown(message: Message) -> None:
    await message.answer(render.esc(t.UNKNOWN_INPUT))


async def on_unknown_button(callback: CallbackQuery, callback_answer: CallbackAnswer) -> None:
    refuse(callback_answer, t.REFUSED_STALE)
