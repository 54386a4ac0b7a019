"""The assignee's card: «✅ Выполнено», «📎 Отчёт», «🕓 Напомнить завтра», and the report forms."""

from __future__ import annotations

import asyncio
import datetime as dt

from aiogram import Router
from aiogram.filters import StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot import keyboards, render
from bot.callbacks import CardAction, CardCallback, FormAction, FormCallback
from bot.config import Settings
from bot.filters import HAS_TEXT, NOT_COMMAND, Pressed, PrivateChat
from bot.texts import core as t
from handlers.feedback import edit, pressed_message, refusal, refuse
from handlers.states import ReportFlow
from storage.models import Person, ReportFile
from tracking.rules import OVERSEERS, Action, Outcome
from tracking.service import ActionResult, Tracker


def router() -> Router:
    r = Router(name=__name__)
    r.message.filter(PrivateChat())
    r.callback_query.register(on_snooze, Pressed(CardCallback, action=CardAction.SNOOZE))
    r.callback_query.register(
        on_start_report, Pressed(CardCallback, action=(CardAction.DONE, CardAction.REPORT))
    )
    r.callback_query.register(on_open, Pressed(CardCallback, action=CardAction.OPEN))
    r.callback_query.register(on_form_cancel, Pressed(FormCallback, action=FormAction.CANCEL))
    r.callback_query.register(
        on_no_comment,
        StateFilter(ReportFlow.done_comment),
        Pressed(FormCallback, action=FormAction.NO_COMMENT),
    )
    r.message.register(on_report_message, StateFilter(ReportFlow.report), NOT_COMMAND)
    r.message.register(
        on_done_comment, StateFilter(ReportFlow.done_comment), HAS_TEXT, NOT_COMMAND
    )
    r.message.register(on_done_not_text, StateFilter(ReportFlow.done_comment), NOT_COMMAND)
    return r


async def _show_card(callback: CallbackQuery, tracker: Tracker, result: ActionResult) -> None:
    message = pressed_message(callback)
    if message is None or result.view is None:
        return
    view = result.view
    await edit(
        message,
        render.card(view, tracker.now(), tracker.policy.tz),
        keyboards.card(view.assignee.id, view.assignee.status),
    )


async def on_snooze(
    callback: CallbackQuery,
    callback_data: CardCallback,
    tracker: Tracker,
    actor: Person,
    callback_answer: CallbackAnswer,
) -> None:
    result = await tracker.snooze(actor, callback_data.assignee_id)
    if not result.ok:
        refuse(callback_answer, refusal(result.outcome))
        if result.outcome is Outcome.STALE:
            await _show_card(callback, tracker, await _current(tracker, actor, callback_data))
        return
    until = result.view.assignee.snoozed_until if result.view is not None else None
    if until is None or until == tracker.today() + dt.timedelta(days=1):
        callback_answer.text = t.SNOOZED
    else:
        callback_answer.text = t.SNOOZED_UNTIL.format(day=render.deadline_ru(until, None))
    await _show_card(callback, tracker, result)


async def _current(tracker: Tracker, actor: Person, data: CardCallback) -> ActionResult:
    return await tracker.check(actor, data.assignee_id, Action.REPORT)


async def on_start_report(
    callback: CallbackQuery,
    callback_data: CardCallback,
    tracker: Tracker,
    actor: Person,
    state: FSMContext,
    callback_answer: CallbackAnswer,
) -> None:
    result = await _current(tracker, actor, callback_data)
    if not result.ok or result.view is None:
        refuse(callback_answer, refusal(result.outcome))
        if result.outcome is Outcome.STALE:
            await _show_card(callback, tracker, result)
        return
    assignment_id = result.view.assignment.id
    done = callback_data.action is CardAction.DONE
    await state.set_state(ReportFlow.done_comment if done else ReportFlow.report)
    await state.set_data({"assignee_id": callback_data.assignee_id})
    prompt = (t.DONE_PROMPT if done else t.REPORT_PROMPT).format(id=assignment_id)
    message = pressed_message(callback)
    if message is not None:
        no_comment_for = callback_data.assignee_id if done else None
        await message.answer(
            render.esc(prompt), reply_markup=keyboards.form(no_comment_for=no_comment_for)
        )


async def on_open(
    callback: CallbackQuery,
    callback_data: CardCallback,
    tracker: Tracker,
    actor: Person,
    callback_answer: CallbackAnswer,
) -> None:
    view = await tracker.view(callback_data.assignee_id)
    own = view is not None and view.person.id == actor.id
    may_see = view is not None and (
        own or view.assignment.controller_id == actor.id or actor.has_any(*OVERSEERS)
    )
    message = pressed_message(callback)
    if view is None or not may_see or message is None:
        refuse(callback_answer, t.REFUSED_NOT_FOUND if view is None else t.REFUSED_NOT_YOURS)
        return
    markup = keyboards.card(view.assignee.id, view.assignee.status) if own else None
    sent = await message.answer(
        render.card(view, tracker.now(), tracker.policy.tz), reply_markup=markup
    )
    if own:
        await tracker.record_card(view.assignee.id, sent.chat.id, sent.message_id)


async def on_form_cancel(
    callback: CallbackQuery, state: FSMContext, callback_answer: CallbackAnswer
) -> None:
    await state.clear()
    callback_answer.text = t.CANCELLED
    message = pressed_message(callback)
    if message is not None:
        await edit(message, render.esc(t.CANCELLED), None)


def _other_media(message: Message) -> bool:
    """Media a report cannot carry: video, audio, a voice or video note, a GIF, a sticker."""
    return any(
        getattr(message, kind) is not None
        for kind in ("video", "audio", "voice", "video_note", "animation", "sticker")
    )


def _report_file(message: Message) -> ReportFile | None:
    if message.document is not None:
        d = message.document
        return ReportFile(
            kind="document",
            file_id=d.file_id,
            file_unique_id=d.file_unique_id,
            file_name=d.file_name,
            mime_type=d.mime_type,
            file_size=d.file_size,
        )
    if message.photo:
        p = message.photo[-1]
        return ReportFile(
            kind="photo",
            file_id=p.file_id,
            file_unique_id=p.file_unique_id,
            file_name=None,
            file_size=p.file_size,
        )
    return None


async def _finish(
    message: Message,
    state: FSMContext,
    tracker: Tracker,
    actor: Person,
    *,
    kind: str,
    text: str,
    files: tuple[ReportFile, ...] = (),
) -> None:
    data = await state.get_data()
    assignee_id = int(data.get("assignee_id", 0))
    result = await tracker.report(actor, assignee_id, kind=kind, text=text, files=files)
    await state.clear()
    if not result.ok or result.view is None:
        await message.answer(render.esc(refusal(result.outcome)))
        return
    reviewer_id = result.view.assignment.reviewer_id
    reviewer = await tracker.person(reviewer_id) if reviewer_id else None
    await message.answer(
        render.esc(
            t.REPORT_SENT.format(
                id=result.view.assignment.id, reviewer=reviewer.short_name if reviewer else "—"
            )
        )
    )


async def on_report_message(
    message: Message, state: FSMContext, tracker: Tracker, actor: Person, settings: Settings
) -> None:
    file = _report_file(message)
    text = (message.text or message.caption or "").strip()
    if file is None and _other_media(message):
        # Its caption alone would go as the report, the video or recording lost.
        await message.answer(render.esc(t.REPORT_MEDIA_UNSUPPORTED), reply_markup=keyboards.form())
        return
    if file is None and not text:
        await message.answer(render.esc(t.REPORT_UNSUPPORTED), reply_markup=keyboards.form())
        return
    if file is not None and (file.file_size or 0) > settings.max_file_bytes:
        await message.answer(
            render.esc(t.REPORT_TOO_LARGE.format(mb=settings.max_file_mb)),
            reply_markup=keyboards.form(),
        )
        return
    files: tuple[ReportFile, ...] = (file,) if file is not None else ()
    if message.media_group_id is not None:
        gathered = await _gather_album(message.chat.id, message.media_group_id, files, text)
        if gathered is None:
            return  # a later part of the album: its first part's handler sends them all
        files, text = gathered
    await _finish(message, state, tracker, actor, kind="report", text=text, files=files)


#: Seconds to wait for the rest of an album (Telegram sends its parts as separate messages,
#: within a fraction of a second of each other).
ALBUM_WAIT = 1.0
#: Albums being gathered: (chat, album) → files and captions so far.
_albums: dict[tuple[int, str], tuple[list[ReportFile], list[str]]] = {}


async def _gather_album(
    chat_id: int, album: str, files: tuple[ReportFile, ...], text: str
) -> tuple[tuple[ReportFile, ...], str] | None:
    """One report of a whole album: the first part's call waits for the others and returns
    all files and captions; a later part adds itself and gets None."""
    key = (chat_id, album)
    gathering = _albums.get(key)
    if gathering is not None:
        gathering[0].extend(files)
        if text:
            gathering[1].append(text)
        return None
    _albums[key] = gathering = (list(files), [text] if text else [])
    try:
        await asyncio.sleep(ALBUM_WAIT)
    finally:
        del _albums[key]
    return tuple(gathering[0]), "\n".join(gathering[1])


async def on_done_comment(
    message: Message, state: FSMContext, tracker: Tracker, actor: Person
) -> None:
    await _finish(message, state, tracker, actor, kind="done", text=(message.text or "").strip())


async def on_done_not_text(message: Message, state: FSMContext) -> None:
    assignee_id = (await state.get_data()).get("assignee_id")
    await message.answer(
        render.esc(t.DONE_EXPECTS_TEXT),
        reply_markup=keyboards.form(no_comment_for=assignee_id if assignee_id else None),
    )


async def on_no_comment(
    callback: CallbackQuery,
    callback_data: FormCallback,
    state: FSMContext,
    tracker: Tracker,
    actor: Person,
    callback_answer: CallbackAnswer,
) -> None:
    message = pressed_message(callback)
    if message is None:
        return
    if (await state.get_data()).get("assignee_id") != callback_data.assignee_id:
        refuse(callback_answer, t.REFUSED_STALE)  # the prompt of an earlier form
        return
    await edit(message, render.esc(t.BTN_NO_COMMENT), None)
    await _finish(message, state, tracker, actor, kind="done", text="")
