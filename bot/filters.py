"""Filters that read the acting person loaded by `ActorMiddleware`."""

from __future__ import annotations

from aiogram.enums import ChatType
from aiogram.filters import Filter
from aiogram.types import Message, TelegramObject

from storage.models import Person, Role


class HasRole(Filter):
    """Matches when the actor holds any of the roles (routes input, unlike the roles flag,
    which refuses)."""

    def __init__(self, *roles: Role) -> None:
        self.roles = roles

    async def __call__(self, event: TelegramObject, actor: Person | None = None) -> bool:
        return actor is not None and actor.has_any(*self.roles)


class PrivateChat(Filter):
    """A private chat. An async filter: aiogram runs plain callables in a worker thread."""

    async def __call__(self, message: Message) -> bool:
        return message.chat.type == ChatType.PRIVATE


class NotCommand(Filter):
    """Anything but a command (a text starting with "/")."""

    async def __call__(self, message: Message) -> bool:
        return not (message.text or "").startswith("/")


NOT_COMMAND = NotCommand()
