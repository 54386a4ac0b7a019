"""Filters that read the acting person loaded by `ActorMiddleware`."""

from __future__ import annotations

from aiogram import F
from aiogram.filters import Filter
from aiogram.types import TelegramObject

from storage.models import Person, Role


class HasRole(Filter):
    """Matches when the actor holds any of the roles (routes input, unlike the roles flag,
    which refuses)."""

    def __init__(self, *roles: Role) -> None:
        self.roles = roles

    async def __call__(self, event: TelegramObject, actor: Person | None = None) -> bool:
        return actor is not None and actor.has_any(*self.roles)


#: A message that is not a command (text messages starting with "/" are commands).
NOT_COMMAND = ~F.text.startswith("/")
