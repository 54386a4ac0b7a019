"""/import a directory from .xlsx/.csv (preview, then apply), /people_export it back."""

from __future__ import annotations

import asyncio

from aiogram import Bot, Router
from aiogram.filters import Command, StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.types import (
    BufferedInputFile,
    CallbackQuery,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Message,
)
from aiogram.utils.callback_answer import CallbackAnswer
from aiogram.utils.deep_linking import create_start_link

from bot import render
from bot.callbacks import ImportAction, ImportCallback
from bot.config import Settings
from bot.filters import HAS_DOCUMENT, NOT_COMMAND, Pressed, PrivateChat
from bot.middlewares import ROLES_FLAG
from bot.texts import core as t
from bot.texts import directory as d
from handlers.feedback import download, edit, pressed_message, refuse
from handlers.states import ImportFlow
from storage.models import Person, Role
from tracking.directory_io import (
    DirectoryFileError,
    DirectoryRow,
    read_directory,
    write_directory,
)
from tracking.rules import DIRECTORY_EDITORS, ROLE_EDITORS
from tracking.service import Tracker

KIND = "directory"


def router() -> Router:
    r = Router(name=__name__)
    r.message.filter(PrivateChat())
    editors = {ROLES_FLAG: DIRECTORY_EDITORS}
    r.message.register(cmd_import, Command("import"), flags=editors)
    r.message.register(cmd_export_people, Command("people_export"), flags=editors)
    r.message.register(on_file, StateFilter(ImportFlow.file), HAS_DOCUMENT, flags=editors)
    r.message.register(on_not_file, StateFilter(ImportFlow.file), NOT_COMMAND, flags=editors)
    r.callback_query.register(on_import_button, Pressed(ImportCallback), flags=editors)
    return r


def _row_payload(row: DirectoryRow) -> dict[str, object]:
    return {
        "line": row.line,
        "full_name": row.full_name,
        "position": row.position,
        "organisation": row.organisation,
        "roles": sorted(r.value for r in row.roles),
        "groups": list(row.groups),
        "username": row.username,
        "phone": row.phone,
    }


def _row(data: dict[str, object]) -> DirectoryRow:
    roles = data.get("roles") or []
    groups = data.get("groups") or []
    assert isinstance(roles, list) and isinstance(groups, list)
    return DirectoryRow(
        line=int(str(data["line"])),
        full_name=str(data["full_name"]),
        position=str(data["position"]) if data.get("position") else None,
        organisation=str(data["organisation"]) if data.get("organisation") else None,
        roles=frozenset(Role(str(r)) for r in roles),
        groups=tuple(str(g) for g in groups),
        username=str(data["username"]) if data.get("username") else None,
        phone=str(data["phone"]) if data.get("phone") else None,
    )


async def cmd_import(message: Message, state: FSMContext) -> None:
    await state.set_state(ImportFlow.file)
    await message.answer(render.esc(t.IMPORT_PROMPT))


async def on_not_file(message: Message) -> None:
    await message.answer(render.esc(t.IMPORT_EXPECTS_FILE))


async def on_file(
    message: Message,
    state: FSMContext,
    tracker: Tracker,
    actor: Person,
    bot: Bot,
    settings: Settings,
) -> None:
    document = message.document
    assert document is not None
    data = await download(message, bot, settings)
    if data is None:
        return
    try:
        result = await asyncio.to_thread(read_directory, data, document.file_name or "file")
    except DirectoryFileError as exc:
        template = d.FILE_PROBLEMS[exc.code]
        await message.answer(render.esc(template.format_map(_Defaults(exc.params))))
        return
    await state.clear()
    blocks = []
    if result.missing_columns:
        names = ", ".join(d.COLUMN_NAMES[c] for c in result.missing_columns)
        blocks.append(render.esc(d.MISSING_COLUMNS.format(columns=names)))
    if result.unknown_columns:
        blocks.append(
            render.esc(d.UNKNOWN_COLUMNS.format(columns=", ".join(result.unknown_columns)))
        )
    if result.errors:
        lines = [render.esc(t.IMPORT_ERRORS.format(count=len(result.errors)))]
        for error in result.errors[:100]:
            reason = d.ROW_PROBLEMS[error.reason].format(value=error.value)
            lines.append(render.esc(d.ROW_ERROR.format(line=error.line, reason=reason)))
        blocks.append("\n".join(lines))
    if not result.rows:
        blocks.insert(0, render.esc(t.IMPORT_NOTHING))
        for chunk in render.pack(blocks):
            await message.answer(chunk)
        return
    added, updated, locked = await tracker.import_plan(actor, result.rows)
    blocks.insert(0, f"<b>{render.esc(t.IMPORT_PREVIEW.format(added=added, updated=updated))}</b>")
    if not actor.has_any(*ROLE_EDITORS) and any(r.roles - {Role.EXECUTOR} for r in result.rows):
        blocks.insert(1, render.esc(t.IMPORT_ROLES_IGNORED))
    if locked:
        names = render.snippet(render.listing(locked), 1000)
        blocks.insert(1, render.esc(t.IMPORT_USERNAMES_KEPT.format(names=names)))
    draft = await tracker.save_draft(actor, KIND, {"rows": [_row_payload(r) for r in result.rows]})

    def cb(action: ImportAction) -> str:
        return ImportCallback(action=action, draft_id=draft.id).pack()

    markup = InlineKeyboardMarkup(
        inline_keyboard=[
            [
                InlineKeyboardButton(text=t.BTN_APPLY, callback_data=cb(ImportAction.APPLY)),
                InlineKeyboardButton(text=t.BTN_CANCEL, callback_data=cb(ImportAction.CANCEL)),
            ]
        ]
    )
    chunks = render.pack(blocks)
    for chunk in chunks[:-1]:
        await message.answer(chunk)
    await message.answer(chunks[-1], reply_markup=markup)


class _Defaults(dict[str, object]):
    def __missing__(self, key: str) -> str:
        return "?"


async def on_import_button(
    callback: CallbackQuery,
    callback_data: ImportCallback,
    tracker: Tracker,
    actor: Person,
    bot: Bot,
    callback_answer: CallbackAnswer,
) -> None:
    draft = await tracker.draft(callback_data.draft_id)
    message = pressed_message(callback)
    if draft is None or draft.kind != KIND or draft.author_id != actor.id or message is None:
        refuse(callback_answer, t.DRAFT_NOT_YOURS)
        return
    if not await tracker.close_draft(draft.id):
        refuse(callback_answer, t.DRAFT_CLOSED)
        return
    await edit(message, message.html_text, None)
    if callback_data.action is ImportAction.CANCEL:
        await message.answer(render.esc(t.DRAFT_CANCELLED))
        return
    raw_rows = draft.payload.get("rows")
    assert isinstance(raw_rows, list)
    rows = [_row(r) for r in raw_rows]
    added, updated = await tracker.apply_import(actor, rows)
    blocks = [render.esc(t.IMPORT_DONE.format(added=len(added), updated=updated))]
    if added:
        lines = [render.esc(t.IMPORT_LINKS)]
        for person in added:
            assert person.invite_token is not None
            link = await create_start_link(bot, person.invite_token)
            lines.append(render.esc(t.IMPORT_LINK_LINE.format(name=person.full_name, link=link)))
        blocks.append("\n".join(lines))
        if any(r.username for r in rows):
            blocks.append(render.esc(t.IMPORT_AUTO_LINK))
    for chunk in render.pack(blocks):
        await message.answer(chunk)


async def cmd_export_people(message: Message, tracker: Tracker) -> None:
    rows = await tracker.directory_rows()
    data = write_directory(rows, "xlsx", d.LABELS)
    await message.answer_document(
        BufferedInputFile(data, filename=d.EXPORT_FILENAME.format(fmt="xlsx")),
        caption=render.esc(t.EXPORT_PEOPLE_CAPTION),
    )
