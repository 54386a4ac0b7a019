"""The controller's side: «Принять» / «Вернуть на доработку» (with a reason)."""

from __future__ import annotations

import contextlib

from aiogram import Bot, Router
from aiogram.exceptions import TelegramBadRequest
from aiogram.filters import StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot import keyboards, render
from bot.callbacks import ReviewAction, ReviewCallback
from bot.filters import HAS_TEXT, NOT_COMMAND, Pressed, PrivateChat
from bot.notifications import CAPTION_LIMIT
from bot.texts import core as t
from handlers.feedback import edit, pressed_message, refusal, refuse
from handlers.states import ReviewFlow
from storage.models import Person
from tracking.rules import Action
from tracking.service import Tracker


def router() -> Router:
    r = Router(name=__name__)
    r.message.filter(PrivateChat())
    r.callback_query.register(on_accept, Pressed(ReviewCallback, action=ReviewAction.ACCEPT))
    r.callback_query.register(on_return, Pressed(ReviewCallback, action=ReviewAction.RETURN))
    r.message.register(
        on_return_reason, StateFilter(ReviewFlow.return_reason), HAS_TEXT, NOT_COMMAND
    )
    r.message.register(on_reason_not_text, StateFilter(ReviewFlow.return_reason), NOT_COMMAND)
    return r


def _closed(review_html: str, is_text: bool, line: str) -> str:
    """The review as it was plus the decision, if that still fits the message (a caption is
    shorter); otherwise the review alone: the buttons go, the text stays."""
    limit = render.TELEGRAM_LIMIT if is_text else CAPTION_LIMIT
    closed = f"{review_html}\n\n{render.esc(line)}"
    return closed if len(closed) <= limit else review_html


async def on_accept(
    callback: CallbackQuery,
    callback_data: ReviewCallback,
    tracker: Tracker,
    actor: Person,
    callback_answer: CallbackAnswer,
) -> None:
    result = await tracker.accept(actor, callback_data.assignee_id, callback_data.report_id)
    if not result.ok:
        refuse(callback_answer, refusal(result.outcome, forbidden=t.REFUSED_NOT_CONTROLLER))
        return
    callback_answer.text = t.ACCEPT_DONE
    message = pressed_message(callback)
    if message is not None:
        await edit(
            message,
            _closed(
                message.html_text,
                message.text is not None,
                t.REVIEW_ACCEPTED.format(by=actor.short_name),
            ),
            None,
        )


async def on_return(
    callback: CallbackQuery,
    callback_data: ReviewCallback,
    tracker: Tracker,
    actor: Person,
    state: FSMContext,
    callback_answer: CallbackAnswer,
) -> None:
    result = await tracker.check(
        actor, callback_data.assignee_id, Action.REVIEW, report_id=callback_data.report_id
    )
    message = pressed_message(callback)
    if not result.ok or result.view is None or message is None:
        refuse(callback_answer, refusal(result.outcome, forbidden=t.REFUSED_NOT_CONTROLLER))
        return
    await state.set_state(ReviewFlow.return_reason)
    await state.set_data(
        {
            "assignee_id": callback_data.assignee_id,
            "report_id": callback_data.report_id,
            "chat_id": message.chat.id,
            "message_id": message.message_id,
            "review_html": message.html_text,
            "is_text": message.text is not None,
        }
    )
    view = result.view
    await message.answer(
        render.esc(
            t.RETURN_REASON_PROMPT.format(id=view.assignment.id, who=view.person.short_name)
        ),
        reply_markup=keyboards.form(),
    )


async def on_return_reason(
    message: Message, state: FSMContext, tracker: Tracker, actor: Person, bot: Bot
) -> None:
    data = await state.get_data()
    reason = (message.text or "").strip()
    result = await tracker.return_for_rework(
        actor, int(data["assignee_id"]), reason, int(data.get("report_id", 0))
    )
    await state.clear()
    if not result.ok or result.view is None:
        await message.answer(
            render.esc(refusal(result.outcome, forbidden=t.REFUSED_NOT_CONTROLLER))
        )
        return
    await message.answer(render.esc(t.RETURN_DONE.format(who=result.view.person.short_name)))
    is_text = bool(data.get("is_text"))
    line = t.REVIEW_RETURNED.format(by=actor.short_name, reason=render.clip(reason, 200))
    closed = _closed(str(data["review_html"]), is_text, line)
    with contextlib.suppress(TelegramBadRequest):
        if is_text:
            await bot.edit_message_text(
                text=closed, chat_id=data["chat_id"], message_id=data["message_id"]
            )
        else:
            await bot.edit_message_caption(
                caption=closed, chat_id=data["chat_id"], message_id=data["message_id"]
            )


async def on_reason_not_text(message: Message) -> None:
    await message.answer(render.esc(t.RETURN_REASON_TEXT_ONLY), reply_markup=keyboards.form())
