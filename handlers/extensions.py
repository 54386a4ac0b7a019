"""Deadline changes («📅 Перенести срок» → controller approves or declines) and history."""

from __future__ import annotations

import datetime as dt

from aiogram import Router
from aiogram.filters import Command, CommandObject, StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot import keyboards, render
from bot.callbacks import CardAction, CardCallback, ExtensionAction, ExtensionCallback
from bot.filters import HAS_TEXT, NOT_COMMAND, Pressed, PrivateChat
from bot.texts import core as t
from handlers.feedback import edit, parse_id, pressed_message, refusal, refuse
from handlers.states import ExtendFlow
from protocols import parse_deadline
from storage.models import Person
from tracking.rules import Action
from tracking.service import Tracker


def router() -> Router:
    r = Router(name=__name__)
    r.message.filter(PrivateChat())
    r.callback_query.register(on_extend, Pressed(CardCallback, action=CardAction.EXTEND))
    r.callback_query.register(on_history_button, Pressed(CardCallback, action=CardAction.HISTORY))
    r.callback_query.register(on_decide, Pressed(ExtensionCallback))
    r.message.register(cmd_history, Command("history"))
    r.message.register(on_new_date, StateFilter(ExtendFlow.date), HAS_TEXT, NOT_COMMAND)
    r.message.register(on_reason, StateFilter(ExtendFlow.reason), HAS_TEXT, NOT_COMMAND)
    return r


async def on_extend(
    callback: CallbackQuery,
    callback_data: CardCallback,
    tracker: Tracker,
    actor: Person,
    state: FSMContext,
    callback_answer: CallbackAnswer,
) -> None:
    result = await tracker.check(actor, callback_data.assignee_id, Action.EXTEND)
    message = pressed_message(callback)
    if not result.ok or result.view is None or message is None:
        refuse(callback_answer, refusal(result.outcome))
        return
    view = result.view
    await state.set_state(ExtendFlow.date)
    await state.set_data({"assignee_id": view.assignee.id})
    prompt = t.EXTEND_DATE_PROMPT.format(
        id=view.assignment.id, deadline=render.deadline_ru(view.deadline, view.deadline_time)
    )
    await message.answer(render.esc(prompt), reply_markup=keyboards.form())


async def on_new_date(
    message: Message, state: FSMContext, tracker: Tracker, actor: Person
) -> None:
    data = await state.get_data()
    raw = (message.text or "").strip()
    deadline = parse_deadline(raw, tracker.today())
    if deadline.date is None:
        await message.answer(
            render.esc(t.EXTEND_DATE_UNREADABLE.format(raw=render.snippet(raw, 100))),
            reply_markup=keyboards.form(),
        )
        return
    view = await tracker.view(int(data["assignee_id"]))
    current = view.deadline if view is not None else None
    if deadline.date <= tracker.today() or (current is not None and deadline.date <= current):
        await message.answer(render.esc(t.EXTEND_DATE_NOT_LATER), reply_markup=keyboards.form())
        return
    await state.set_state(ExtendFlow.reason)
    await state.update_data(new_date=deadline.date.isoformat())
    prompt = t.EXTEND_REASON_PROMPT.format(deadline=render.date_ru(deadline.date))
    if tracker.non_working(deadline.date):
        prompt += "\n" + t.PREVIEW_DAY_OFF.format(deadline=render.date_ru(deadline.date))
    await message.answer(render.esc(prompt), reply_markup=keyboards.form())


async def on_reason(message: Message, state: FSMContext, tracker: Tracker, actor: Person) -> None:
    data = await state.get_data()
    await state.clear()
    result = await tracker.request_extension(
        actor,
        int(data["assignee_id"]),
        dt.date.fromisoformat(str(data["new_date"])),
        (message.text or "").strip(),
    )
    if not result.ok or result.view is None:
        await message.answer(render.esc(refusal(result.outcome)))
        return
    a = result.view.assignment
    reviewer = await tracker.person(a.reviewer_id) if a.reviewer_id else None
    await message.answer(
        render.esc(t.EXTEND_SENT.format(reviewer=reviewer.short_name if reviewer else "—"))
    )


async def on_decide(
    callback: CallbackQuery,
    callback_data: ExtensionCallback,
    tracker: Tracker,
    actor: Person,
    callback_answer: CallbackAnswer,
) -> None:
    approve = callback_data.action is ExtensionAction.APPROVE
    result, _ = await tracker.decide_extension(actor, callback_data.request_id, approve)
    if not result.ok:
        refuse(callback_answer, refusal(result.outcome, forbidden=t.REFUSED_NOT_CONTROLLER))
        return
    message = pressed_message(callback)
    if message is not None:
        line = (t.EXTENSION_APPROVED if approve else t.EXTENSION_DECLINED).format(
            by=actor.short_name
        )
        await edit(message, f"{message.html_text}\n\n{render.esc(line)}", None)


async def send_history(
    message: Message, tracker: Tracker, actor: Person, assignment_id: int
) -> None:
    found = await tracker.history(actor, assignment_id)
    if found is None:
        await message.answer(render.esc(t.HISTORY_NOT_FOUND))
        return
    views, events, people = found
    for chunk in render.history(views, events, people, tracker.policy.tz):
        await message.answer(chunk)


async def on_history_button(
    callback: CallbackQuery,
    callback_data: CardCallback,
    tracker: Tracker,
    actor: Person,
    callback_answer: CallbackAnswer,
) -> None:
    view = await tracker.view(callback_data.assignee_id)
    message = pressed_message(callback)
    if view is None or message is None:
        refuse(callback_answer, t.REFUSED_NOT_FOUND)
        return
    await send_history(message, tracker, actor, view.assignment.id)


async def cmd_history(
    message: Message, command: CommandObject, tracker: Tracker, actor: Person
) -> None:
    assignment_id = parse_id(command.args)
    if assignment_id is None:
        await message.answer(render.esc(t.HISTORY_USAGE))
        return
    await send_history(message, tracker, actor, assignment_id)
