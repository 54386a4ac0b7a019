"""/new: a single assignment or a whole protocol (text or file) → preview → «Сохранить»."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Mapping

from aiogram import Bot, Router
from aiogram.filters import Command, StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot import draft_view, render
from bot.callbacks import ChooseCallback, DraftAction, DraftCallback
from bot.config import Settings
from bot.filters import HAS_DOCUMENT, HAS_TEXT, NOT_COMMAND, HasRole, Pressed, PrivateChat
from bot.middlewares import ROLES_FLAG
from bot.texts import core as t
from bot.texts.parser import document_error
from handlers.feedback import download, edit, pressed_message, refuse
from handlers.states import DraftEdit, NewFlow
from protocols import (
    DeadlineKind,
    DocumentError,
    parse_deadline,
    parse_single_assignment,
    parse_text,
    read_document,
)
from storage.models import Draft, Person
from tracking.drafts import (
    DraftContent,
    Problem,
    item_from_parsed,
    protocol_draft,
)
from tracking.resolve import split_names
from tracking.rules import CREATORS
from tracking.service import Tracker

KIND_SINGLE = "single"
KIND_PROTOCOL = "protocol"


def router() -> Router:
    r = Router(name=__name__)
    r.message.filter(PrivateChat())
    creators = {ROLES_FLAG: CREATORS}
    r.message.register(cmd_new, Command("new"), flags=creators)
    r.message.register(
        on_edit_whole, StateFilter(DraftEdit.whole), HAS_TEXT, NOT_COMMAND, flags=creators
    )
    r.message.register(
        on_edit_deadline, StateFilter(DraftEdit.deadline), HAS_TEXT, NOT_COMMAND, flags=creators
    )
    r.message.register(
        on_edit_responsible,
        StateFilter(DraftEdit.responsible),
        HAS_TEXT,
        NOT_COMMAND,
        flags=creators,
    )
    r.message.register(
        on_document, StateFilter(NewFlow.waiting_text), HAS_DOCUMENT, flags=creators
    )
    r.message.register(
        on_text, StateFilter(NewFlow.waiting_text), HAS_TEXT, NOT_COMMAND, flags=creators
    )
    r.message.register(on_not_text, StateFilter(NewFlow.waiting_text), NOT_COMMAND, flags=creators)
    # Outside any form, what a secretary sends (not a command) is taken as a new draft.
    r.message.register(
        on_document, StateFilter(None), HAS_DOCUMENT, HasRole(*CREATORS), flags=creators
    )
    r.message.register(
        on_text,
        StateFilter(None),
        HAS_TEXT,
        NOT_COMMAND,
        HasRole(*CREATORS),
        flags=creators,
    )
    r.callback_query.register(on_draft_button, Pressed(DraftCallback), flags=creators)
    r.callback_query.register(on_choose, Pressed(ChooseCallback), flags=creators)
    return r


# --- building drafts -----------------------------------------------------------------------


async def _people(tracker: Tracker) -> dict[int, Person]:
    return {p.id: p for p in await tracker.directory()}


async def build_content(
    tracker: Tracker, text: str, *, whole_protocol: bool = False
) -> DraftContent:
    """A protocol when the text holds several assignments (or comes as a file), otherwise a
    single assignment typed as a message."""
    resolver = await tracker.resolver()
    parsed = await asyncio.to_thread(parse_text, text, tracker.today())
    if len(parsed.assignments) >= 2 or whole_protocol:
        content = protocol_draft(parsed, text, resolver)
        if content.source_hash:
            content.duplicate_of = await tracker.protocol_by_hash(content.source_hash)
        return content
    single = parse_single_assignment(text, tracker.today())
    return DraftContent(items=[item_from_parsed(single, resolver, text)])


def _kind(content: DraftContent) -> str:
    return KIND_PROTOCOL if content.protocol is not None else KIND_SINGLE


async def _preview(
    tracker: Tracker, draft: Draft, people: Mapping[int, Person] | None = None
) -> tuple[list[str], InlineKeyboardMarkup]:
    content = DraftContent.from_payload(draft.payload)
    people = people if people is not None else await _people(tracker)
    now_local = tracker.now().astimezone(tracker.policy.tz)
    if draft.kind == KIND_SINGLE:
        text, markup = draft_view.single(draft.id, content, people, now_local, tracker.calendar)
        return [text], markup
    return draft_view.protocol(
        draft.id, content, people, now_local, content.duplicate_of, tracker.calendar
    )


async def send_preview(message: Message, tracker: Tracker, draft: Draft) -> None:
    chunks, markup = await _preview(tracker, draft)
    for chunk in chunks[:-1]:
        await message.answer(chunk)
    await message.answer(chunks[-1], reply_markup=markup)


async def refresh_preview(callback: CallbackQuery, tracker: Tracker, draft: Draft) -> None:
    """Edit the pressed preview in place when it is one message, else send it anew."""
    message = pressed_message(callback)
    if message is None:
        return
    chunks, markup = await _preview(tracker, draft)
    if len(chunks) == 1:
        await edit(message, chunks[0], markup)
        return
    await edit(message, message.html_text, None)
    await send_preview(message, tracker, draft)


async def start_draft(message: Message, tracker: Tracker, actor: Person, text: str) -> None:
    content = await build_content(tracker, text)
    if _kind(content) == KIND_SINGLE and not content.items[0].text and not content.items[0].doers:
        await message.answer(render.esc(t.PROTOCOL_NONE_FOUND))
        return
    draft = await tracker.save_draft(actor, _kind(content), content.to_payload())
    await send_preview(message, tracker, draft)


# --- input ---------------------------------------------------------------------------------


async def cmd_new(message: Message, state: FSMContext) -> None:
    await state.set_state(NewFlow.waiting_text)
    await message.answer(render.esc(t.NEW_PROMPT))


async def on_text(message: Message, state: FSMContext, tracker: Tracker, actor: Person) -> None:
    await state.clear()
    await start_draft(message, tracker, actor, message.text or "")


async def on_not_text(message: Message) -> None:
    await message.answer(render.esc(t.NEW_EXPECTS_TEXT))


async def on_document(
    message: Message,
    state: FSMContext,
    tracker: Tracker,
    actor: Person,
    bot: Bot,
    settings: Settings,
) -> None:
    document = message.document
    assert document is not None
    await state.clear()
    data = await download(message, bot, settings)
    if data is None:
        return
    try:
        text = await asyncio.to_thread(read_document, data, document.file_name or "file")
    except DocumentError as exc:
        await message.answer(render.esc(document_error(exc.code, exc.params)))
        return
    content = await build_content(tracker, text, whole_protocol=True)
    if not content.items:
        await message.answer(render.esc(t.PROTOCOL_NONE_FOUND))
        return
    draft = await tracker.save_draft(actor, KIND_PROTOCOL, content.to_payload())
    await send_preview(message, tracker, draft)


# --- preview buttons -----------------------------------------------------------------------


async def _own_open_draft(
    tracker: Tracker, actor: Person, draft_id: int, answer: CallbackAnswer
) -> Draft | None:
    draft = await tracker.draft(draft_id)
    if draft is None or draft.author_id != actor.id:
        refuse(answer, t.DRAFT_NOT_YOURS if draft is not None else t.DRAFT_CLOSED)
        return None
    if draft.closed_at is not None:
        refuse(answer, t.DRAFT_CLOSED)
        return None
    return draft


async def on_draft_button(
    callback: CallbackQuery,
    callback_data: DraftCallback,
    tracker: Tracker,
    actor: Person,
    state: FSMContext,
    callback_answer: CallbackAnswer,
) -> None:
    draft = await _own_open_draft(tracker, actor, callback_data.draft_id, callback_answer)
    message = pressed_message(callback)
    if draft is None or message is None:
        return
    action = callback_data.action
    content = DraftContent.from_payload(draft.payload)
    index = callback_data.arg
    if action in (DraftAction.SAVE, DraftAction.SAVE_NO_DEADLINE, DraftAction.SAVE_PAST):
        await _save(callback, message, tracker, actor, draft, content, action, callback_answer)
    elif action is DraftAction.CANCEL:
        await tracker.close_draft(draft.id)
        await state.clear()
        await edit(message, render.esc(t.DRAFT_CANCELLED), None)
    elif action is DraftAction.EDIT:
        await state.set_state(DraftEdit.whole)
        await state.set_data({"draft_id": draft.id, "item": 0})
        await message.answer(render.esc(t.PREVIEW_EDIT_PROMPT))
    elif action is DraftAction.RECHECK:
        resolver = await tracker.resolver()
        for it in content.items:
            it.doers = [d if d.resolved else resolver.resolve([d.text])[0] for d in it.doers]
        updated = await tracker.update_draft(draft.id, content.to_payload())
        if updated is not None:
            await refresh_preview(callback, tracker, updated)
    elif 0 <= index < len(content.items):
        await _item_action(callback, message, tracker, draft, content, action, index, state)


async def _item_action(
    callback: CallbackQuery,
    message: Message,
    tracker: Tracker,
    draft: Draft,
    content: DraftContent,
    action: DraftAction,
    index: int,
    state: FSMContext,
) -> None:
    if action is DraftAction.ITEM:
        people = await _people(tracker)
        now_local = tracker.now().astimezone(tracker.policy.tz)
        text, markup = draft_view.item(draft.id, content, index, people, now_local)
        await message.answer(text, reply_markup=markup)
    elif action is DraftAction.BACK:
        await edit(message, message.html_text, None)
        await send_preview(message, tracker, draft)
    elif action is DraftAction.DROP:
        del content.items[index]
        updated = await tracker.update_draft(draft.id, content.to_payload())
        await edit(message, message.html_text, None)
        if updated is None:
            return
        if not content.items:
            await tracker.close_draft(draft.id)
            await message.answer(render.esc(t.PROTOCOL_ALL_DROPPED))
            return
        await send_preview(message, tracker, updated)
    elif action in (DraftAction.ITEM_DEADLINE, DraftAction.ITEM_RESPONSIBLE):
        deadline = action is DraftAction.ITEM_DEADLINE
        await state.set_state(DraftEdit.deadline if deadline else DraftEdit.responsible)
        await state.set_data({"draft_id": draft.id, "item": index})
        prompt = t.ITEM_DEADLINE_PROMPT if deadline else t.ITEM_RESPONSIBLE_PROMPT
        await message.answer(render.esc(prompt.format(index=index + 1)))


async def _save(
    callback: CallbackQuery,
    message: Message,
    tracker: Tracker,
    actor: Person,
    draft: Draft,
    content: DraftContent,
    action: DraftAction,
    callback_answer: CallbackAnswer,
) -> None:
    if action is DraftAction.SAVE_NO_DEADLINE:
        content.waived.append(Problem.NO_DEADLINE.value)
    if action is DraftAction.SAVE_PAST:
        content.waived.append(Problem.PAST_DEADLINE.value)
    if draft.kind == KIND_PROTOCOL:
        # Protocol items without a calendar date are normal («в установленные сроки»).
        content.waived.append(Problem.NO_DEADLINE.value)
    now_local = tracker.now().astimezone(tracker.policy.tz)
    if content.blocking(now_local) or content.duplicate_of is not None:
        refuse(callback_answer, t.DRAFT_NOT_READY)
        await refresh_preview(callback, tracker, draft)
        return
    try:
        created = await tracker.create(
            actor,
            [item.to_new() for item in content.items],
            content.new_protocol(),
            draft_id=draft.id,
        )
    except LookupError:
        # Someone in the draft left the directory since the preview: look them up again.
        resolver = await tracker.resolver()
        for it in content.items:
            it.doers = resolver.resolve([d.text for d in it.doers])
        updated = await tracker.update_draft(draft.id, content.to_payload())
        refuse(callback_answer, t.DRAFT_PERSON_GONE)
        if updated is not None:
            await refresh_preview(callback, tracker, updated)
        return
    if created is None:
        refuse(callback_answer, t.DRAFT_CLOSED)
        return
    people = await _people(tracker)
    if draft.kind == KIND_SINGLE:
        names = ", ".join(people[p].short_name for p in content.items[0].person_ids())
        summary = t.SAVED.format(id=created.assignment_ids[0], who=names)
    else:
        summary = t.PROTOCOL_SAVED.format(
            count=len(created.assignment_ids), people=len(created.assignee_ids)
        )
    if created.unlinked:
        summary += "\n\n" + t.SAVED_UNLINKED.format(
            names=", ".join(p.short_name for p in created.unlinked)
        )
    chunks, _ = await _preview(tracker, draft, people)
    if len(chunks) == 1 and draft.kind == KIND_SINGLE:
        await edit(message, chunks[0].split("\n\n⚠️")[0], None)
    else:
        await edit(message, message.html_text, None)
    await message.answer(render.esc(summary))


async def on_choose(
    callback: CallbackQuery,
    callback_data: ChooseCallback,
    tracker: Tracker,
    actor: Person,
    callback_answer: CallbackAnswer,
) -> None:
    draft = await _own_open_draft(tracker, actor, callback_data.draft_id, callback_answer)
    if draft is None:
        return
    content = DraftContent.from_payload(draft.payload)
    try:
        doer = content.items[callback_data.item].doers[callback_data.slot]
    except IndexError:
        refuse(callback_answer, t.REFUSED_STALE)
        return
    if callback_data.person_id not in doer.candidates or doer.resolved:
        refuse(callback_answer, t.REFUSED_STALE)
        return
    doer.chosen = callback_data.person_id
    updated = await tracker.update_draft(draft.id, content.to_payload())
    if updated is None:
        return
    if draft.kind == KIND_SINGLE:
        await refresh_preview(callback, tracker, updated)
        return
    message = pressed_message(callback)
    if message is not None:
        await edit(message, message.html_text, None)
        await send_preview(message, tracker, updated)


# --- edits ---------------------------------------------------------------------------------


async def _edit_target(state: FSMContext, tracker: Tracker) -> tuple[Draft, int] | None:
    data = await state.get_data()
    await state.clear()
    draft = await tracker.draft(int(data.get("draft_id", 0)))
    if draft is None or draft.closed_at is not None:
        return None
    return draft, int(data.get("item", 0))


async def _edit_item(
    message: Message, state: FSMContext, tracker: Tracker
) -> tuple[Draft, DraftContent, int] | None:
    """The open draft and item a fix is for; None (the user told) when it is gone."""
    target = await _edit_target(state, tracker)
    if target is not None:
        draft, index = target
        content = DraftContent.from_payload(draft.payload)
        if 0 <= index < len(content.items):
            return draft, content, index
    await message.answer(render.esc(t.DRAFT_CLOSED))
    return None


async def on_edit_whole(
    message: Message, state: FSMContext, tracker: Tracker, actor: Person
) -> None:
    target = await _edit_target(state, tracker)
    if target is None:
        await message.answer(render.esc(t.DRAFT_CLOSED))
        return
    draft, _ = target
    content = await build_content(tracker, message.text or "")
    if _kind(content) != draft.kind:
        await tracker.close_draft(draft.id)
        await start_draft(message, tracker, actor, message.text or "")
        return
    updated = await tracker.update_draft(draft.id, content.to_payload())
    if updated is not None:
        await send_preview(message, tracker, updated)


async def on_edit_deadline(message: Message, state: FSMContext, tracker: Tracker) -> None:
    data = await state.get_data()
    found = await _edit_item(message, state, tracker)
    if found is None:
        return
    draft, content, index = found
    raw = (message.text or "").strip()
    reference = tracker.today()
    if content.protocol and content.protocol.get("date"):
        reference = dt.date.fromisoformat(str(content.protocol["date"]))
    deadline = parse_deadline(raw, reference)
    if deadline.kind is DeadlineKind.NONE:
        await state.set_state(DraftEdit.deadline)
        await state.set_data(data)
        await message.answer(
            render.esc(t.ITEM_DEADLINE_UNREADABLE.format(raw=render.snippet(raw, 100)))
        )
        return
    it = content.items[index]
    it.deadline_date, it.deadline_time = deadline.date, deadline.time
    it.deadline_kind, it.deadline_raw = deadline.kind.value, deadline.raw or raw
    updated = await tracker.update_draft(draft.id, content.to_payload())
    if updated is not None:
        await send_preview(message, tracker, updated)


async def on_edit_responsible(
    message: Message, state: FSMContext, tracker: Tracker, actor: Person
) -> None:
    found = await _edit_item(message, state, tracker)
    if found is None:
        return
    draft, content, index = found
    item = content.items[index]
    names = split_names(message.text or "")
    resolver = await tracker.resolver()
    new_doers = resolver.resolve(names)
    unresolved = [d for d in item.doers if not d.resolved]
    kept = set(item.person_ids())
    item.doers = new_doers
    added = [pid for pid in item.person_ids() if pid not in kept]
    if len(unresolved) == 1 and added and all(d.resolved for d in new_doers):
        # «руководители ИКТ-компаний» → these people: remembered for the next protocol.
        await tracker.remember_mapping(actor, unresolved[0].text, added)
    updated = await tracker.update_draft(draft.id, content.to_payload())
    if updated is not None:
        await send_preview(message, tracker, updated)
