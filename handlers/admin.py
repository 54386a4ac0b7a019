"""Administrator tools: /backup sends a fresh copy of the database."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path

from aiogram import Router
from aiogram.filters import Command
from aiogram.types import FSInputFile, Message

from bot import render
from bot.filters import PrivateChat
from bot.middlewares import ROLES_FLAG
from bot.texts import core as t
from storage.models import Role

#: Bots may upload files up to 50 MB.
UPLOAD_LIMIT = 50 * 1024 * 1024


def router() -> Router:
    r = Router(name=__name__)
    r.message.filter(PrivateChat())
    r.message.register(cmd_backup, Command("backup"), flags={ROLES_FLAG: (Role.ADMIN,)})
    return r


async def cmd_backup(message: Message, backup: Callable[[], Awaitable[Path]]) -> None:
    path = await backup()
    size = path.stat().st_size
    if size > UPLOAD_LIMIT:
        await message.answer(render.esc(t.BACKUP_TOO_BIG.format(path=path, mb=size // 2**20)))
        return
    await message.answer_document(
        FSInputFile(path), caption=render.esc(t.BACKUP_DONE.format(name=path.name))
    )
