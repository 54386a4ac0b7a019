"""/a N: the controller's or secretary's view of an assignment, and changes to it."""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import Command, CommandObject, StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot import keyboards, render
from bot.callbacks import ManageAction, ManageCallback
from bot.filters import HAS_TEXT, NOT_COMMAND, Pressed, PrivateChat
from bot.texts import core as t
from handlers.extensions import send_history
from handlers.feedback import parse_id, pressed_message, refuse
from handlers.states import ManageFlow
from protocols import parse_deadline
from storage.models import Person
from tracking.resolve import split_names
from tracking.rules import Outcome, deadline_passed
from tracking.service import Tracker

PROMPTS = {
    ManageAction.DEADLINE: (ManageFlow.deadline, t.M_DEADLINE_PROMPT),
    ManageAction.TEXT: (ManageFlow.text, t.M_TEXT_PROMPT),
    ManageAction.CONTROLLER: (ManageFlow.controller, t.M_CONTROLLER_PROMPT),
    ManageAction.ADD: (ManageFlow.add, t.M_ADD_PROMPT),
    ManageAction.REMOVE: (ManageFlow.remove, t.M_REMOVE_PROMPT),
    ManageAction.CANCEL: (ManageFlow.cancel, t.M_CANCEL_PROMPT),
}


def router() -> Router:
    r = Router(name=__name__)
    r.message.filter(PrivateChat())
    r.message.register(cmd_assignment, Command("a"))
    r.callback_query.register(on_manage, Pressed(ManageCallback))
    r.message.register(on_deadline, StateFilter(ManageFlow.deadline), HAS_TEXT, NOT_COMMAND)
    r.message.register(on_text, StateFilter(ManageFlow.text), HAS_TEXT, NOT_COMMAND)
    r.message.register(on_controller, StateFilter(ManageFlow.controller), HAS_TEXT, NOT_COMMAND)
    r.message.register(on_add, StateFilter(ManageFlow.add), HAS_TEXT, NOT_COMMAND)
    r.message.register(on_remove, StateFilter(ManageFlow.remove), HAS_TEXT, NOT_COMMAND)
    r.message.register(on_cancel, StateFilter(ManageFlow.cancel), HAS_TEXT, NOT_COMMAND)
    return r


def _refusal(outcome: Outcome) -> str:
    if outcome is Outcome.FORBIDDEN:
        return t.MANAGE_FORBIDDEN
    if outcome is Outcome.STALE:
        return t.REFUSED_STALE
    return t.MANAGE_NOT_FOUND


async def show(message: Message, tracker: Tracker, actor: Person, assignment_id: int) -> None:
    outcome, views = await tracker.assignment(actor, assignment_id)
    if outcome is not Outcome.OK:
        await message.answer(render.esc(_refusal(outcome)))
        return
    a = views[0].assignment
    controller = await tracker.person(a.controller_id) if a.controller_id else None
    await message.answer(
        render.manage(views, controller),
        reply_markup=keyboards.manage(
            a.id,
            cancelled=a.cancelled_at is not None,
            open_parts=any(v.assignee.is_open for v in views),
        ),
    )


async def cmd_assignment(
    message: Message, command: CommandObject, tracker: Tracker, actor: Person
) -> None:
    assignment_id = parse_id(command.args)
    if assignment_id is None:
        await message.answer(render.esc(t.MANAGE_USAGE))
        return
    await show(message, tracker, actor, assignment_id)


async def on_manage(
    callback: CallbackQuery,
    callback_data: ManageCallback,
    tracker: Tracker,
    actor: Person,
    state: FSMContext,
    callback_answer: CallbackAnswer,
) -> None:
    message = pressed_message(callback)
    if message is None:
        return
    assignment_id = callback_data.assignment_id
    if callback_data.action is ManageAction.HISTORY:
        await send_history(message, tracker, actor, assignment_id)
        return
    outcome, views = await tracker.assignment(actor, assignment_id)
    if outcome is not Outcome.OK or views[0].assignment.cancelled_at is not None:
        refuse(callback_answer, _refusal(Outcome.STALE if outcome is Outcome.OK else outcome))
        return
    if callback_data.action is ManageAction.CANCEL and not any(v.assignee.is_open for v in views):
        refuse(callback_answer, t.M_NOTHING_OPEN.format(id=assignment_id))
        return
    new_state, prompt = PROMPTS[callback_data.action]
    await state.set_state(new_state)
    await state.set_data({"assignment_id": assignment_id})
    await message.answer(
        render.esc(prompt.format(id=assignment_id)), reply_markup=keyboards.form()
    )


async def _target(state: FSMContext) -> int:
    data = await state.get_data()
    await state.clear()
    return int(data.get("assignment_id", 0))


async def _done(message: Message, outcome: Outcome, text: str) -> None:
    await message.answer(render.esc(text if outcome is Outcome.OK else _refusal(outcome)))


async def on_deadline(
    message: Message, state: FSMContext, tracker: Tracker, actor: Person
) -> None:
    raw = (message.text or "").strip()
    deadline = parse_deadline(raw, tracker.today())
    if deadline.date is None:
        await message.answer(
            render.esc(t.EXTEND_DATE_UNREADABLE.format(raw=render.snippet(raw, 100)))
        )
        return
    if deadline.date < tracker.today() or deadline_passed(
        deadline.date, deadline.time, tracker.now(), tracker.policy.tz
    ):  # «до 09:00» today at ten is past as well
        await message.answer(render.esc(t.M_DEADLINE_PAST))
        return
    assignment_id = await _target(state)
    outcome, keeping = await tracker.change_deadline(
        actor, assignment_id, deadline.date, deadline.time, deadline.raw or raw
    )
    done = t.M_DONE.format(id=assignment_id)
    if keeping:
        done += "\n" + t.M_DEADLINE_KEPT.format(names=render.listing(keeping))
    if tracker.non_working(deadline.date):
        done += "\n" + t.PREVIEW_DAY_OFF.format(deadline=render.date_ru(deadline.date))
    await _done(message, outcome, done)


async def on_text(message: Message, state: FSMContext, tracker: Tracker, actor: Person) -> None:
    assignment_id = await _target(state)
    outcome = await tracker.change_text(actor, assignment_id, (message.text or "").strip())
    await _done(message, outcome, t.M_DONE.format(id=assignment_id))


async def _people(message: Message, tracker: Tracker, text: str) -> list[int] | None:
    resolver = await tracker.resolver()
    doers = resolver.resolve(split_names(text))
    unresolved = [d.text for d in doers if not d.resolved]
    if unresolved or not doers:
        names = render.snippet(", ".join(f"«{n}»" for n in unresolved), 500) or "—"
        await message.answer(render.esc(t.M_PERSON_UNRESOLVED.format(names=names)))
        return None
    return [pid for d in doers for pid in d.person_ids]


async def on_controller(
    message: Message, state: FSMContext, tracker: Tracker, actor: Person
) -> None:
    ids = await _people(message, tracker, message.text or "")
    if ids is None:
        return
    if len(set(ids)) > 1:  # a group, or several names: the form stays open for one
        people = [p for p in [await tracker.person(i) for i in dict.fromkeys(ids)] if p]
        names = render.snippet(render.listing([p.short_name for p in people]), 500)
        await message.answer(
            render.esc(t.M_CONTROLLER_ONE.format(names=names)), reply_markup=keyboards.form()
        )
        return
    assignment_id = await _target(state)
    outcome = await tracker.change_controller(actor, assignment_id, ids[0])
    text = t.M_DONE.format(id=assignment_id)
    controller = await tracker.person(ids[0])
    if outcome is Outcome.OK and controller is not None and not controller.linked:
        text += "\n\n" + t.M_CONTROLLER_UNLINKED.format(
            name=controller.short_name, id=controller.id
        )
    await _done(message, outcome, text)


async def on_add(message: Message, state: FSMContext, tracker: Tracker, actor: Person) -> None:
    ids = await _people(message, tracker, message.text or "")
    if ids is None:
        return
    assignment_id = await _target(state)
    outcome, kept = await tracker.add_assignees(actor, assignment_id, ids)
    text = t.M_DONE.format(id=assignment_id)
    if kept:
        already = t.M_ALREADY_ON.format(names=render.listing(kept))
        text = already if len(kept) == len(set(ids)) else f"{text}\n{already}"
    await _done(message, outcome, text)


async def on_remove(message: Message, state: FSMContext, tracker: Tracker, actor: Person) -> None:
    ids = await _people(message, tracker, message.text or "")
    if ids is None:
        return
    assignment_id = int((await state.get_data()).get("assignment_id", 0))
    outcome, skipped = await tracker.remove_assignees(actor, assignment_id, ids)
    names = render.listing(skipped)
    if outcome is Outcome.NOTHING_OPEN:  # the form stays open for the right name
        text = t.M_REMOVE_NOT_ON.format(id=assignment_id, names=names)
        await message.answer(render.esc(text), reply_markup=keyboards.form())
        return
    await state.clear()
    if outcome is Outcome.LAST_ASSIGNEE:
        await message.answer(render.esc(t.M_REMOVE_LAST.format(id=assignment_id)))
        return
    text = t.M_DONE.format(id=assignment_id)
    if skipped:
        text += "\n" + t.M_REMOVE_SKIPPED.format(names=names)
    await _done(message, outcome, text)


async def on_cancel(message: Message, state: FSMContext, tracker: Tracker, actor: Person) -> None:
    assignment_id = await _target(state)
    outcome = await tracker.cancel_assignment(actor, assignment_id, (message.text or "").strip())
    if outcome is Outcome.NOTHING_OPEN:
        await message.answer(render.esc(t.M_NOTHING_OPEN.format(id=assignment_id)))
        return
    await _done(message, outcome, t.M_CANCEL_DONE.format(id=assignment_id))
