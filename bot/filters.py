"""The bot's own filters.

All of them are async. aiogram runs a filter that is a plain function in a worker thread,
and a magic filter (``F.text``) or a bare ``State`` is one: a round trip through the thread
pool for every update that reaches it. So states are matched with ``StateFilter`` and magic
filters go through `Magic`.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import Enum, IntEnum
from typing import Any, Literal

from aiogram import Bot, F
from aiogram.enums import ChatType
from aiogram.filters import Filter
from aiogram.filters.callback_data import CallbackData
from aiogram.types import CallbackQuery, Message, TelegramObject
from aiogram.utils.magic_filter import MagicFilter

from storage.models import Person, Role


class Magic(Filter):
    """A magic filter resolved on the event loop."""

    def __init__(self, rule: MagicFilter) -> None:
        self.rule = rule

    async def __call__(self, event: TelegramObject) -> bool:
        return bool(self.rule.resolve(event))


class Pressed(Filter):
    """A button of the `data` kind, optionally with given values of its fields:
    ``Pressed(CardCallback, action=CardAction.SNOOZE)``.

    What ``CardCallback.filter(F.action == ...)`` does, except that the prefix and the
    values are checked on the raw string: aiogram's filter builds the callback data model
    (a pydantic validation) for every handler it is tried on before the rule can refuse.
    The handler gets the parsed ``callback_data`` as it would from aiogram's filter.

    A button sent before fields with defaults were added at the end of its kind (a message
    still on someone's screen since) parses with those defaults: aiogram's ``unpack`` wants
    every field.
    """

    def __init__(self, data: type[CallbackData], **where: IntEnum | Iterable[IntEnum]) -> None:
        self.data = data
        self.separator = data.__separator__
        self.head = data.__prefix__ + data.__separator__
        fields = list(data.model_fields)
        self.parts = len(fields) + 1  # the prefix and a value per field
        #: The packed defaults of the fields at the end that have one.
        self.defaults: list[str] = []
        for name in reversed(fields):
            field = data.model_fields[name]
            if field.is_required():
                break
            default = field.default
            self.defaults.insert(0, str(default.value if isinstance(default, Enum) else default))
        self.where: list[tuple[int, frozenset[str]]] = []
        for name, values in where.items():
            chosen = [values] if isinstance(values, IntEnum) else list(values)
            self.where.append((fields.index(name) + 1, frozenset(str(v.value) for v in chosen)))

    async def __call__(self, query: CallbackQuery) -> Literal[False] | dict[str, Any]:
        raw = query.data
        if not raw or not raw.startswith(self.head):
            return False
        missing = self.parts - (raw.count(self.separator) + 1)
        if 0 < missing <= len(self.defaults):
            raw = self.separator.join([raw, *self.defaults[len(self.defaults) - missing :]])
        if self.where:
            parts = raw.split(self.separator)
            for index, allowed in self.where:
                if index >= len(parts) or parts[index] not in allowed:
                    return False
        try:
            return {"callback_data": self.data.unpack(raw)}
        except (TypeError, ValueError):
            return False


class HasRole(Filter):
    """Matches when the acting person (loaded by `ActorMiddleware`) holds any of the roles.
    It routes input, unlike the roles flag, which refuses."""

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


class CommandToUs(Filter):
    """A command for this bot: "/my", or "/my@this_bot", but not "/help@other_bot" (in a
    group every bot sees the others' commands when it sees all messages)."""

    async def __call__(self, message: Message, bot: Bot) -> bool:
        text = message.text or ""
        if not text.startswith("/"):
            return False
        _, _, mention = text.split(maxsplit=1)[0].partition("@")
        if not mention:
            return True
        me = await bot.me()  # asked once, then kept by aiogram
        return mention.lower() == (me.username or "").lower()


NOT_COMMAND = NotCommand()
COMMAND_TO_US = CommandToUs()
HAS_TEXT = Magic(F.text)
HAS_DOCUMENT = Magic(F.document)
CAPTIONED_PHOTO = Magic(F.photo & F.caption)
