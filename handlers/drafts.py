"""/new: a single assignment or a whole protocol (text or file) → preview → «Сохранить»."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import weakref
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from aiogram import Bot, Router
from aiogram.exceptions import TelegramBadRequest
from aiogram.filters import Command, StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot import draft_view, render
from bot.callbacks import ChooseCallback, DraftAction, DraftCallback
from bot.config import Settings
from bot.filters import (
    CAPTIONED_PHOTO,
    HAS_DOCUMENT,
    HAS_TEXT,
    NOT_COMMAND,
    HasRole,
    Pressed,
    PrivateChat,
)
from bot.middlewares import ROLES_FLAG
from bot.texts import core as t
from bot.texts.parser import document_error
from handlers.feedback import download, edit, pressed_message, refuse
from handlers.states import DraftEdit, NewFlow
from protocols import (
    DeadlineKind,
    DocumentError,
    MatchKind,
    parse_deadline,
    parse_single_assignment,
    parse_text,
    read_document,
)
from storage.models import Draft, Person
from storage.repos import name_key
from tracking.drafts import (
    DraftContent,
    Problem,
    item_from_parsed,
    protocol_draft,
)
from tracking.resolve import Doer, Resolver, split_names
from tracking.rules import CREATORS
from tracking.service import DuplicateProtocolError, Tracker

KIND_SINGLE = "single"
KIND_PROTOCOL = "protocol"

#: Payload fields kept next to DraftContent's: each item's key (by position) and the next key
#: to hand out. Buttons and forms name an item by its key, never by its position, so a press
#: on an old message after an item was dropped acts on its own item or on none.
ITEM_KEYS = "item_keys"
NEXT_ITEM_KEY = "next_item_key"


@dataclass(slots=True)
class Loaded:
    """A draft's content with its items' stable keys."""

    content: DraftContent
    keys: list[int]
    next_key: int

    @classmethod
    def fresh(cls, content: DraftContent, first_key: int = 0) -> Loaded:
        keys = list(range(first_key, first_key + len(content.items)))
        return cls(content, keys, first_key + len(keys))

    @classmethod
    def of(cls, draft: Draft) -> Loaded:
        content = DraftContent.from_payload(draft.payload)
        keys = draft.payload.get(ITEM_KEYS)
        if not (
            isinstance(keys, list)
            and len(keys) == len(content.items)
            and all(type(k) is int for k in keys)
        ):
            # A draft saved before items had keys: its buttons carry positions.
            keys = list(range(len(content.items)))
        next_key = draft.payload.get(NEXT_ITEM_KEY)
        start = next_key if type(next_key) is int else 0
        return cls(content, keys, max(start, max(keys, default=-1) + 1))

    def index(self, key: int) -> int | None:
        """The item's position, None when it was dropped (or the key is forged)."""
        try:
            return self.keys.index(key)
        except ValueError:
            return None

    def drop(self, index: int) -> None:
        del self.content.items[index]
        del self.keys[index]

    def payload(self) -> dict[str, Any]:
        payload = self.content.to_payload()
        payload[ITEM_KEYS] = list(self.keys)
        payload[NEXT_ITEM_KEY] = self.next_key
        return payload


#: One change at a time per draft: a double tap must not read the draft before the first
#: tap has written it. Weak values, so a lock lives only while someone holds it.
_LOCKS: weakref.WeakValueDictionary[int, asyncio.Lock] = weakref.WeakValueDictionary()


def _lock(draft_id: int) -> asyncio.Lock:
    lock = _LOCKS.get(draft_id)
    if lock is None:
        lock = _LOCKS[draft_id] = asyncio.Lock()
    return lock


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
    r.message.register(
        on_captioned_photo, StateFilter(NewFlow.waiting_text), CAPTIONED_PHOTO, flags=creators
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
    r.message.register(
        on_captioned_photo, StateFilter(None), CAPTIONED_PHOTO, HasRole(*CREATORS), flags=creators
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


def _without_gone(doer: Doer, resolver: Resolver, present: set[int]) -> Doer:
    """The doer looked up again when someone it named left the directory (`present`: the ids
    still in it); the rest of the draft's doers and choices stay. A namesake the secretary
    chose is not replaced by the one who is left: the choice is asked again."""
    if doer.resolved and all(pid in present for pid in doer.person_ids):
        return doer
    again = resolver.resolve([doer.text])[0]
    if doer.chosen is not None and again.resolved and again.kind == MatchKind.PERSON.value:
        return Doer(text=doer.text, kind=MatchKind.AMBIGUOUS.value, candidates=again.candidates)
    return again


def _group_named(
    doers: Sequence[Doer], typed: Sequence[Doer], mappings: Mapping[str, list[int]]
) -> str | None:
    """The group's name a typed fix of an item says the people of: its one unresolved group
    («руководители ОО»), or the group already named in this draft (a fix of that fix). A
    person's name that fit several people, or nobody, is fixed for the item alone: later
    protocols would otherwise all go to the one chosen."""
    if not typed or not all(d.resolved for d in typed):
        return None
    unresolved = [d for d in doers if not d.resolved]
    if len(unresolved) == 1 and unresolved[0].kind == MatchKind.GROUP.value:
        return unresolved[0].text
    mapped = [d for d in doers if d.kind == MatchKind.GROUP.value and d.text in mappings]
    if not unresolved and len(mapped) == 1:
        return mapped[0].text
    return None


def _kind(content: DraftContent) -> str:
    return KIND_PROTOCOL if content.protocol is not None else KIND_SINGLE


async def _preview(
    tracker: Tracker,
    draft: Draft,
    people: Mapping[int, Person] | None = None,
    *,
    page: int | None = None,
    compact: bool = False,
) -> tuple[list[str], InlineKeyboardMarkup]:
    loaded = Loaded.of(draft)
    content = loaded.content
    people = people if people is not None else await _people(tracker)
    now_local = tracker.now().astimezone(tracker.policy.tz)
    if draft.kind == KIND_SINGLE:
        text, markup = draft_view.single(
            draft.id, content, people, now_local, tracker.calendar, key=loaded.keys[0]
        )
        return [text], markup
    return draft_view.protocol(
        draft.id,
        content,
        people,
        now_local,
        content.duplicate_of,
        tracker.calendar,
        keys=loaded.keys,
        page=page,
        compact=compact,
    )


async def send_preview(
    message: Message,
    tracker: Tracker,
    draft: Draft,
    *,
    page: int | None = None,
    after_fix: bool = False,
) -> None:
    """The preview as new messages; `page` is the page of a long protocol's item buttons
    (by default the one with the first item to fix). After a fix, a protocol too long for
    one message shows only what is left to fix (the whole of it is a button away): sending
    six messages after each of a dozen fixes buried the chat."""
    people = await _people(tracker)
    chunks, markup = await _preview(tracker, draft, people, page=page)
    if after_fix and len(chunks) > 1:
        chunks, markup = await _preview(tracker, draft, people, page=page, compact=True)
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
    await send_preview(message, tracker, draft, after_fix=True)


async def start_draft(message: Message, tracker: Tracker, actor: Person, text: str) -> None:
    content = await build_content(tracker, text)
    if _kind(content) == KIND_SINGLE and not content.items[0].text and not content.items[0].doers:
        await message.answer(render.esc(t.PROTOCOL_NONE_FOUND))
        return
    draft = await tracker.save_draft(actor, _kind(content), Loaded.fresh(content).payload())
    await send_preview(message, tracker, draft)


# --- input ---------------------------------------------------------------------------------


async def cmd_new(message: Message, state: FSMContext) -> None:
    await state.set_state(NewFlow.waiting_text)
    await message.answer(render.esc(t.NEW_PROMPT))


async def on_text(message: Message, state: FSMContext, tracker: Tracker, actor: Person) -> None:
    await state.clear()
    text = await _gather_paste(message)
    if text is not None:
        await start_draft(message, tracker, actor, text)


#: Telegram's apps cut a pasted text longer than one message (4,096 characters) into several,
#: sent one right after another: a message this long may be the first of them.
PASTE_SPLIT_FROM = 3500
#: Seconds to wait for the rest of such a paste.
PASTE_WAIT = 1.5
#: Pastes being gathered: chat → their messages so far.
_pastes: dict[int, list[Message]] = {}


async def _gather_paste(message: Message) -> str | None:
    """The whole of a long paste: the first part's call waits for the parts that follow it in
    the chat and returns their texts joined in order; a later part adds itself and gets None.
    A message too short to be cut from a longer one is its own text at once."""
    chat_id = message.chat.id
    gathering = _pastes.get(chat_id)
    if gathering is not None:
        gathering.append(message)
        return None
    text = message.text or ""
    if len(text) < PASTE_SPLIT_FROM:
        return text
    _pastes[chat_id] = gathering = [message]
    try:
        await asyncio.sleep(PASTE_WAIT)
    finally:
        del _pastes[chat_id]
    return "\n".join(part.text or "" for part in sorted(gathering, key=lambda m: m.message_id))


async def on_captioned_photo(
    message: Message, state: FSMContext, tracker: Tracker, actor: Person
) -> None:
    """A photographed letter with the assignment typed in its caption: the caption is the
    assignment (the picture itself is not read, and she is told so)."""
    await state.clear()
    await message.answer(render.esc(t.PHOTO_CAPTION_USED))
    await start_draft(message, tracker, actor, message.caption or "")


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
    caption = (message.caption or "").strip()
    if caption and not content.items:  # the file is the material, the assignment its caption
        await message.answer(render.esc(t.CAPTION_USED))
        await start_draft(message, tracker, actor, caption)
        return
    header = content.protocol or {}
    headed = any(header.get(key) for key in ("title", "number", "date"))
    if caption and len(content.items) == 1 and not headed:
        # One assignment, not a protocol: its deadline or doers typed in the caption.
        await message.answer(render.esc(t.CAPTION_JOINED))
        await start_draft(message, tracker, actor, f"{text.strip()}\n{caption}")
        return
    if not content.items:
        await message.answer(render.esc(t.PROTOCOL_NONE_FOUND))
        return
    draft = await tracker.save_draft(actor, KIND_PROTOCOL, Loaded.fresh(content).payload())
    await send_preview(message, tracker, draft)
    if caption:
        await message.answer(render.esc(t.CAPTION_NOT_USED))


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
    async with _lock(callback_data.draft_id):
        draft = await _own_open_draft(tracker, actor, callback_data.draft_id, callback_answer)
        message = pressed_message(callback)
        if draft is None or message is None:
            return
        await _draft_action(
            callback, message, callback_data, tracker, actor, state, draft, callback_answer
        )


async def _draft_action(
    callback: CallbackQuery,
    message: Message,
    callback_data: DraftCallback,
    tracker: Tracker,
    actor: Person,
    state: FSMContext,
    draft: Draft,
    callback_answer: CallbackAnswer,
) -> None:
    action = callback_data.action
    loaded = Loaded.of(draft)
    if action in (DraftAction.SAVE, DraftAction.SAVE_NO_DEADLINE, DraftAction.SAVE_PAST):
        if (
            draft.kind == KIND_SINGLE
            and callback_data.arg
            and callback_data.arg != draft_view.save_version(loaded.keys[0])
        ):
            refuse(callback_answer, t.DRAFT_OLD_PREVIEW)
            return
        await _save(callback, message, tracker, actor, draft, loaded, action, callback_answer)
    elif action is DraftAction.CANCEL:
        await tracker.close_draft(draft.id)
        await state.clear()
        await edit(message, render.esc(t.DRAFT_CANCELLED), None)
    elif action is DraftAction.EDIT:
        await state.set_state(DraftEdit.whole)
        await state.set_data({"draft_id": draft.id, "item": loaded.keys[0]})
        await message.answer(render.esc(t.PREVIEW_EDIT_PROMPT))
    elif action is DraftAction.RECHECK:
        resolver = await tracker.resolver()
        for it in loaded.content.items:
            it.doers = [d if d.resolved else resolver.resolve([d.text])[0] for d in it.doers]
        updated = await tracker.update_draft(draft.id, loaded.payload())
        if updated is not None:
            await refresh_preview(callback, tracker, updated)
    elif action is DraftAction.PAGE:
        if draft.kind == KIND_PROTOCOL:
            # The compact preview after a fix stays compact on another page.
            shown = message.reply_markup.inline_keyboard if message.reply_markup else []
            compact = t.BTN_WHOLE in [b.text for row in shown for b in row]
            _, markup = await _preview(tracker, draft, page=callback_data.arg, compact=compact)
            with contextlib.suppress(TelegramBadRequest):
                await message.edit_reply_markup(reply_markup=markup)
    elif action is DraftAction.BACK:
        index = loaded.index(callback_data.arg)
        await edit(message, message.html_text, None)
        await send_preview(
            message, tracker, draft, page=draft_view.page_of(index or 0), after_fix=True
        )
    elif action is DraftAction.WHOLE:
        await edit(message, message.html_text, None)
        await send_preview(message, tracker, draft)
    else:
        index = loaded.index(callback_data.arg)
        if index is None:
            refuse(callback_answer, t.DRAFT_ITEM_GONE)
            return
        await _item_action(message, tracker, draft, loaded, action, index, state)


async def _item_action(
    message: Message,
    tracker: Tracker,
    draft: Draft,
    loaded: Loaded,
    action: DraftAction,
    index: int,
    state: FSMContext,
) -> None:
    """An item's button; `index` is where the pressed item's key is now."""
    key = loaded.keys[index]
    if action is DraftAction.ITEM:
        people = await _people(tracker)
        now_local = tracker.now().astimezone(tracker.policy.tz)
        text, markup = draft_view.item(draft.id, loaded.content, index, people, now_local, key=key)
        await message.answer(text, reply_markup=markup)
    elif action is DraftAction.DROP:
        loaded.drop(index)
        updated = await tracker.update_draft(draft.id, loaded.payload())
        await edit(message, message.html_text, None)
        if updated is None:
            return
        if not loaded.content.items:
            await tracker.close_draft(draft.id)
            await message.answer(render.esc(t.PROTOCOL_ALL_DROPPED))
            return
        await send_preview(message, tracker, updated, after_fix=True)
    elif action in (DraftAction.ITEM_DEADLINE, DraftAction.ITEM_RESPONSIBLE):
        deadline = action is DraftAction.ITEM_DEADLINE
        await state.set_state(DraftEdit.deadline if deadline else DraftEdit.responsible)
        # "item" is the item's key: the draft may change before the answer comes.
        await state.set_data({"draft_id": draft.id, "item": key})
        prompt = t.ITEM_DEADLINE_PROMPT if deadline else t.ITEM_RESPONSIBLE_PROMPT
        await message.answer(render.esc(prompt.format(index=index + 1)))


async def _save(
    callback: CallbackQuery,
    message: Message,
    tracker: Tracker,
    actor: Person,
    draft: Draft,
    loaded: Loaded,
    action: DraftAction,
    callback_answer: CallbackAnswer,
) -> None:
    content = loaded.content
    if action is DraftAction.SAVE_NO_DEADLINE:
        content.waived.append(Problem.NO_DEADLINE.value)
    if action is DraftAction.SAVE_PAST:
        content.waived.append(Problem.PAST_DEADLINE.value)
    if draft.kind == KIND_PROTOCOL:
        # Protocol items without a calendar date are normal («в установленные сроки»).
        content.waived.append(Problem.NO_DEADLINE.value)
    now_local = tracker.now().astimezone(tracker.policy.tz)
    if content.duplicate_of is not None:
        refuse(callback_answer, t.PROTOCOL_SAVED_BEFORE.format(id=content.duplicate_of))
        await refresh_preview(callback, tracker, draft)
        return
    if content.blocking(now_local):
        refuse(callback_answer, t.DRAFT_NOT_READY)
        await refresh_preview(callback, tracker, draft)
        return
    try:
        created = await tracker.create(
            actor,
            [item.to_new() for item in content.items],
            content.new_protocol(),
            draft_id=draft.id,
            mappings=content.mappings,
        )
    except DuplicateProtocolError as duplicate:
        # The same text was saved from another preview since this one was built.
        content.duplicate_of = duplicate.protocol_id
        updated = await tracker.update_draft(draft.id, loaded.payload())
        refuse(callback_answer, t.PROTOCOL_SAVED_BEFORE.format(id=duplicate.protocol_id))
        if updated is not None:
            await refresh_preview(callback, tracker, updated)
        return
    except LookupError:
        # Someone in the draft left the directory since the preview: look them up again.
        resolver = await tracker.resolver()
        present = {p.id for p in resolver.people}
        for it in content.items:
            it.doers = [_without_gone(d, resolver, present) for d in it.doers]
        for name, members in list(content.mappings.items()):
            kept = [pid for pid in members if pid in present]
            if kept:
                content.mappings[name] = kept
            else:
                del content.mappings[name]
        updated = await tracker.update_draft(draft.id, loaded.payload())
        refuse(callback_answer, t.DRAFT_PERSON_GONE)
        if updated is not None:
            await refresh_preview(callback, tracker, updated)
        return
    if created is None:
        refuse(callback_answer, t.DRAFT_CLOSED)
        return
    people = await _people(tracker)
    if draft.kind == KIND_SINGLE:
        names = render.listing(
            [people[p].short_name for p in content.items[0].person_ids() if p in people]
        )
        summary = t.SAVED.format(id=created.assignment_ids[0], who=names)
    else:
        summary = t.PROTOCOL_SAVED.format(
            count=len(created.assignment_ids), people=len(created.assignee_ids)
        )
    if created.unlinked:
        summary += "\n\n" + t.SAVED_UNLINKED.format(
            names=render.listing([p.short_name for p in created.unlinked])
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
    async with _lock(callback_data.draft_id):
        draft = await _own_open_draft(tracker, actor, callback_data.draft_id, callback_answer)
        if draft is None:
            return
        await _choose(callback, callback_data, tracker, draft, callback_answer)


async def _choose(
    callback: CallbackQuery,
    callback_data: ChooseCallback,
    tracker: Tracker,
    draft: Draft,
    callback_answer: CallbackAnswer,
) -> None:
    loaded = Loaded.of(draft)
    index = loaded.index(callback_data.item)
    if index is None:
        refuse(callback_answer, t.DRAFT_ITEM_GONE)
        return
    try:
        doer = loaded.content.items[index].doers[callback_data.slot]
    except IndexError:
        refuse(callback_answer, t.REFUSED_STALE)
        return
    if callback_data.person_id not in doer.candidates or doer.resolved:
        refuse(callback_answer, t.REFUSED_STALE)
        return
    doer.chosen = callback_data.person_id
    updated = await tracker.update_draft(draft.id, loaded.payload())
    if updated is None:
        return
    if draft.kind == KIND_SINGLE:
        await refresh_preview(callback, tracker, updated)
        return
    message = pressed_message(callback)
    if message is not None:
        await edit(message, message.html_text, None)
        await send_preview(message, tracker, updated, after_fix=True)


# --- edits ---------------------------------------------------------------------------------


async def _edit_target(state: FSMContext, tracker: Tracker) -> tuple[Draft, int] | None:
    """The open draft a typed fix is for and the item's key ("item" in the form's data)."""
    data = await state.get_data()
    await state.clear()
    draft = await tracker.draft(int(data.get("draft_id", 0)))
    if draft is None or draft.closed_at is not None:
        return None
    return draft, int(data.get("item", 0))


async def _edit_item(
    message: Message, state: FSMContext, tracker: Tracker
) -> tuple[Draft, Loaded, int] | None:
    """The open draft and the position of the item a fix is for; None (the user told) when
    the draft is closed or the item was dropped meanwhile."""
    target = await _edit_target(state, tracker)
    if target is None:
        await message.answer(render.esc(t.DRAFT_CLOSED))
        return None
    draft, key = target
    loaded = Loaded.of(draft)
    index = loaded.index(key)
    if index is None:
        await message.answer(render.esc(t.DRAFT_ITEM_GONE))
        return None
    return draft, loaded, index


async def _draft_id(state: FSMContext) -> int:
    return int((await state.get_data()).get("draft_id", 0))


async def on_edit_whole(
    message: Message, state: FSMContext, tracker: Tracker, actor: Person
) -> None:
    async with _lock(await _draft_id(state)):
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
        # New items, new keys: buttons of the text before the edit no longer match anything.
        loaded = Loaded.fresh(content, Loaded.of(draft).next_key)
        updated = await tracker.update_draft(draft.id, loaded.payload())
        if updated is not None:
            await send_preview(message, tracker, updated)


async def on_edit_deadline(message: Message, state: FSMContext, tracker: Tracker) -> None:
    data = await state.get_data()
    async with _lock(await _draft_id(state)):
        found = await _edit_item(message, state, tracker)
        if found is None:
            return
        draft, loaded, index = found
        content = loaded.content
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
        updated = await tracker.update_draft(draft.id, loaded.payload())
        if updated is not None:
            await send_preview(message, tracker, updated, after_fix=True)


async def on_edit_responsible(
    message: Message, state: FSMContext, tracker: Tracker, actor: Person
) -> None:
    async with _lock(await _draft_id(state)):
        found = await _edit_item(message, state, tracker)
        if found is None:
            return
        draft, loaded, index = found
        content = loaded.content
        item = content.items[index]
        resolver = await tracker.resolver()
        new_doers = resolver.resolve(split_names(message.text or ""))
        group = _group_named(item.doers, new_doers, content.mappings)
        kept = {pid for d in item.doers if d.resolved and d.text != group for pid in d.person_ids}
        members = list(
            dict.fromkeys(pid for d in new_doers for pid in d.person_ids if pid not in kept)
        )
        if group is None or not members:
            item.doers = new_doers
        else:
            # «руководители ИКТ-компаний» → these people: the same words in the other items
            # mean them too, and the next protocols will know them once this one is saved
            # (a fix corrected or a draft cancelled teaches nothing).
            content.mappings[group] = members
            for other in content.items:
                other.doers = [
                    Doer(text=d.text, kind=MatchKind.GROUP.value, members=list(members))
                    if name_key(d.text) == name_key(group)
                    and (not d.resolved or d.text in content.mappings)
                    else d
                    for d in other.doers
                ]
            named = Doer(text=group, kind=MatchKind.GROUP.value, members=list(members))
            item.doers = [d for d in new_doers if not set(d.person_ids) <= set(members)]
            item.doers.append(named)
        updated = await tracker.update_draft(draft.id, loaded.payload())
        if updated is not None:
            await send_preview(message, tracker, updated, after_fix=True)
