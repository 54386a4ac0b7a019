"""Middlewares: who is acting, what a handler requires, structured log context."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Collection
from typing import Any

from aiogram import BaseMiddleware
from aiogram.dispatcher.flags import get_flag
from aiogram.types import CallbackQuery, Message, TelegramObject, Update, User
from aiogram.utils.callback_answer import CallbackAnswer

from bot import logs
from bot.texts import core as t
from storage.models import Person, Role
from tracking.service import Tracker

log = logging.getLogger(__name__)

Handler = Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]]

#: Handler flag: roles any of which the handler needs. Absent: any linked person.
ROLES_FLAG = "roles"
#: Handler flag: the handler is open to people who are not linked yet (/start, /help).
PUBLIC_FLAG = "public"


class ActorMiddleware(BaseMiddleware):
    """Outer middleware on updates: loads the acting person and their roles once per update."""

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        user: User | None = data.get("event_from_user")
        tracker: Tracker = data["tracker"]
        actor = await tracker.actor(user.id) if user is not None and not user.is_bot else None
        if actor is not None and actor.unreachable_since is not None:
            # Writing to the bot again means they unblocked it: no longer listed as blocked.
            actor = await tracker.mark_reachable(actor)
        if (
            actor is not None
            and user is not None
            and (user.username or "").casefold() != (actor.telegram_username or "").casefold()
        ):
            actor = await tracker.note_username(actor, user.username)
        data["actor"] = actor
        update_token = logs.update_id.set(event.update_id if isinstance(event, Update) else None)
        person_token = logs.person_id.set(actor.id if actor else None)
        try:
            log.debug("update from user %s", user.id if user else None)
            return await handler(event, data)
        finally:
            logs.update_id.reset(update_token)
            logs.person_id.reset(person_token)


class InFlightMiddleware(BaseMiddleware):
    """Counts updates being handled, so shutdown can let them finish before closing the
    database (aiogram stops polling without waiting for handler tasks)."""

    def __init__(self) -> None:
        self.active = 0
        self.peak = 0  # the most at once since start, logged at shutdown
        self._idle = asyncio.Event()
        self._idle.set()

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        self.active += 1
        self.peak = max(self.peak, self.active)
        self._idle.clear()
        try:
            return await handler(event, data)
        finally:
            self.active -= 1
            if self.active == 0:
                self._idle.set()

    async def wait_idle(self, grace: float) -> bool:
        try:
            async with asyncio.timeout(grace):
                await self._idle.wait()
        except TimeoutError:
            log.warning("%d updates still running at shutdown", self.active)
            return False
        return True


class AccessMiddleware(BaseMiddleware):
    """Inner middleware: refuses, politely and without data, what the actor may not do.

    Handlers declare their needs with flags: `flags={"roles": (...)}` or `{"public": True}`.
    """

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        if get_flag(data, PUBLIC_FLAG):
            return await handler(event, data)
        actor: Person | None = data.get("actor")
        if actor is None:
            return await _refuse(event, data, t.NOT_LINKED)
        roles: Collection[Role] | None = get_flag(data, ROLES_FLAG)
        if roles and not actor.has_any(*roles):
            return await _refuse(event, data, t.FORBIDDEN)
        return await handler(event, data)


async def _refuse(event: TelegramObject, data: dict[str, Any], text: str) -> None:
    if isinstance(event, CallbackQuery):
        answer: CallbackAnswer | None = data.get("callback_answer")
        if answer is not None:
            answer.text = text
            answer.show_alert = True
        else:  # pragma: no cover - CallbackAnswerMiddleware is always installed
            await event.answer(text, show_alert=True)
    elif isinstance(event, Message):
        await event.answer(text)
