"""State and value types of the fake Bot API server.

Mutable ``Stored*`` classes are the server's state; frozen ``*View`` classes are snapshots handed
to tests, so an assertion never changes under its feet when the bot edits a message later.
"""

from __future__ import annotations

import copy
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, Literal

__all__ = [
    "ApiCall",
    "ApiError",
    "Button",
    "CallbackAnswer",
    "ChatEvent",
    "FakeTimeoutError",
    "FileView",
    "MessageView",
    "QueuedUpdate",
    "StoredChat",
    "StoredFile",
    "StoredMessage",
    "UserInfo",
]

JsonDict = dict[str, Any]
ChatType = Literal["private", "group", "supergroup", "channel"]
EventKind = Literal["sent", "edited", "deleted"]


class ApiError(Exception):
    """A Bot API error answer: ``{"ok": false, "error_code": status, "description": ...}``."""

    def __init__(self, status: int, description: str, parameters: JsonDict | None = None) -> None:
        super().__init__(f"{status} {description}")
        self.status = status
        self.description = description
        self.parameters = parameters

    def to_json(self) -> JsonDict:
        body: JsonDict = {"ok": False, "error_code": self.status, "description": self.description}
        if self.parameters:
            body["parameters"] = self.parameters
        return body

    @classmethod
    def bad_request(cls, reason: str) -> ApiError:
        return cls(400, f"Bad Request: {reason}")

    @classmethod
    def forbidden(cls, reason: str) -> ApiError:
        return cls(403, f"Forbidden: {reason}")


class FakeTimeoutError(AssertionError):
    """Something a test waited for did not happen in time.

    An ``AssertionError`` so pytest shows it as a failed expectation with its message.
    """


@dataclass(frozen=True, slots=True)
class UserInfo:
    """A Telegram user (a person or the bot itself)."""

    id: int
    first_name: str
    last_name: str | None = None
    username: str | None = None
    language_code: str | None = "ru"
    is_bot: bool = False

    def to_api(self) -> JsonDict:
        data: JsonDict = {"id": self.id, "is_bot": self.is_bot, "first_name": self.first_name}
        if self.last_name:
            data["last_name"] = self.last_name
        if self.username:
            data["username"] = self.username
        if self.language_code and not self.is_bot:
            data["language_code"] = self.language_code
        return data

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}" if self.last_name else self.first_name


@dataclass(slots=True)
class ApiCall:
    """One HTTP request the bot made to the Bot API."""

    method: str
    params: JsonDict
    status: int
    response: JsonDict
    timestamp: float  # the server's wall clock (``time.time()`` by default)
    files: dict[str, str] = field(default_factory=dict)  # part name -> uploaded file name
    body_type: str = ""  # the request's Content-Type without parameters ("" without a body)

    @property
    def ok(self) -> bool:
        return bool(self.response.get("ok"))

    @property
    def result(self) -> Any:
        return self.response.get("result")

    @property
    def chat_id(self) -> Any:
        return self.params.get("chat_id")


@dataclass(slots=True)
class StoredFile:
    """A file known to the server: uploaded by the bot or sent by a test user."""

    file_id: str
    file_unique_id: str
    file_path: str
    content: bytes
    file_name: str | None = None
    mime_type: str | None = None
    width: int | None = None
    height: int | None = None

    @property
    def file_size(self) -> int:
        return len(self.content)

    def document_api(self) -> JsonDict:
        data: JsonDict = {
            "file_id": self.file_id,
            "file_unique_id": self.file_unique_id,
            "file_size": self.file_size,
        }
        if self.file_name is not None:
            data["file_name"] = self.file_name
        if self.mime_type is not None:
            data["mime_type"] = self.mime_type
        return data

    def photo_size_api(self) -> JsonDict:
        return {
            "file_id": self.file_id,
            "file_unique_id": self.file_unique_id,
            "file_size": self.file_size,
            "width": self.width or 0,
            "height": self.height or 0,
        }

    def file_api(self) -> JsonDict:
        return {
            "file_id": self.file_id,
            "file_unique_id": self.file_unique_id,
            "file_size": self.file_size,
            "file_path": self.file_path,
        }


@dataclass(frozen=True, slots=True)
class FileView:
    """A document or photo attached to a message, with its bytes."""

    file_id: str
    file_name: str | None
    mime_type: str | None
    content: bytes

    @property
    def size(self) -> int:
        return len(self.content)

    @classmethod
    def of(cls, stored: StoredFile) -> FileView:
        return cls(stored.file_id, stored.file_name, stored.mime_type, stored.content)


@dataclass(frozen=True, slots=True)
class Button:
    """An inline keyboard button (``callback_data`` or ``url`` set, or neither for other kinds)."""

    text: str
    callback_data: str | None = None
    url: str | None = None

    @classmethod
    def from_api(cls, data: JsonDict) -> Button:
        return cls(str(data.get("text", "")), data.get("callback_data"), data.get("url"))


def _find_button(rows: list[list[Button]], query: str) -> Button:
    """Exact text, then exact callback_data, then a unique text substring."""
    flat = [button for row in rows for button in row]
    for matcher in (
        lambda b: b.text == query,
        lambda b: b.callback_data == query,
        lambda b: query in b.text,
    ):
        found = [b for b in flat if matcher(b)]
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            raise AssertionError(
                f"{len(found)} buttons match {query!r}: {[b.text for b in found]}"
            )
    raise AssertionError(f"no button matches {query!r}; buttons: {[b.text for b in flat]}")


@dataclass(frozen=True, slots=True)
class MessageView:
    """A snapshot of one message as a user's client would show it.

    ``text`` is the raw string the bot sent (text or caption, HTML markup included);
    ``plain_text`` is what the user sees (tags stripped, character references decoded).
    """

    message_id: int
    chat_id: int
    from_bot: bool
    text: str | None
    plain_text: str | None
    parse_mode: str | None
    entities: tuple[JsonDict, ...]
    buttons: list[list[Button]]
    reply_keyboard: list[list[str]] | None
    document: FileView | None
    photo: FileView | None
    edited: bool
    deleted: bool
    raw: JsonDict  # the Message object in Bot API JSON shape

    def button(self, query: str) -> Button:
        """The inline button whose text equals or uniquely contains ``query``, or whose
        ``callback_data`` equals it. Raises ``AssertionError`` listing the buttons otherwise."""
        return _find_button(self.buttons, query)

    @property
    def button_texts(self) -> list[list[str]]:
        return [[b.text for b in row] for row in self.buttons]

    def __str__(self) -> str:
        flags = " (edited)" if self.edited else ""
        return f"#{self.message_id}{flags}: {self.plain_text!r} buttons={self.button_texts}"


@dataclass(slots=True)
class StoredMessage:
    """A message in a chat, in its current state."""

    message_id: int
    chat_id: int
    sender: UserInfo
    from_bot: bool
    date: int
    text: str | None = None  # raw text or caption as sent
    plain_text: str | None = None
    parse_mode: str | None = None
    entities: list[JsonDict] = field(default_factory=list)
    is_caption: bool = False
    reply_markup: JsonDict | None = None  # as sent, any kind of markup
    document: StoredFile | None = None
    photo: StoredFile | None = None
    photo_thumb: StoredFile | None = None
    reply_to: StoredMessage | None = None
    edit_date: int | None = None
    deleted: bool = False
    extra: JsonDict = field(default_factory=dict)

    @property
    def inline_keyboard(self) -> list[list[JsonDict]] | None:
        if self.reply_markup and "inline_keyboard" in self.reply_markup:
            keyboard: list[list[JsonDict]] = self.reply_markup["inline_keyboard"]
            return keyboard
        return None

    def content_key(self) -> tuple[Any, ...]:
        """What Telegram compares to decide that an edit changes nothing."""
        return (self.plain_text, self.entities, self.inline_keyboard or [])

    def to_api(self, chat: JsonDict, *, with_reply: bool = True) -> JsonDict:
        data: JsonDict = {
            "message_id": self.message_id,
            "from": self.sender.to_api(),
            "chat": chat,
            "date": self.date,
        }
        if self.edit_date is not None:
            data["edit_date"] = self.edit_date
        if with_reply and self.reply_to is not None and not self.reply_to.deleted:
            data["reply_to_message"] = self.reply_to.to_api(chat, with_reply=False)
        text_key, entities_key = (
            ("caption", "caption_entities") if self.is_caption else ("text", "entities")
        )
        if self.plain_text is not None:
            data[text_key] = self.plain_text
        if self.entities:
            data[entities_key] = copy.deepcopy(self.entities)
        if self.document is not None:
            data["document"] = self.document.document_api()
        if self.photo is not None:
            sizes = [self.photo_thumb, self.photo]
            data["photo"] = [size.photo_size_api() for size in sizes if size is not None]
        if self.inline_keyboard is not None:
            data["reply_markup"] = {"inline_keyboard": copy.deepcopy(self.inline_keyboard)}
        return data

    def view(self, chat: JsonDict, *, edited: bool) -> MessageView:
        keyboard = self.inline_keyboard or []
        reply_keyboard = None
        if self.reply_markup and "keyboard" in self.reply_markup:
            reply_keyboard = [
                [str(b["text"]) if isinstance(b, dict) else str(b) for b in row]
                for row in self.reply_markup["keyboard"]
            ]
        return MessageView(
            message_id=self.message_id,
            chat_id=self.chat_id,
            from_bot=self.from_bot,
            text=self.text,
            plain_text=self.plain_text,
            parse_mode=self.parse_mode,
            entities=tuple(copy.deepcopy(self.entities)),
            buttons=[[Button.from_api(b) for b in row] for row in keyboard],
            reply_keyboard=reply_keyboard,
            document=FileView.of(self.document) if self.document else None,
            photo=FileView.of(self.photo) if self.photo else None,
            edited=edited,
            deleted=self.deleted,
            raw=self.to_api(chat),
        )


@dataclass(frozen=True, slots=True)
class ChatEvent:
    """Something the bot did in a chat, in order: sent, edited or deleted a message."""

    kind: EventKind
    message: MessageView
    timestamp: float = field(default_factory=time.time)


@dataclass(slots=True)
class StoredChat:
    """A chat with the bot: a private chat with one user, or a group."""

    id: int
    type: ChatType
    title: str | None = None
    user: UserInfo | None = None  # the other side of a private chat
    messages: dict[int, StoredMessage] = field(default_factory=dict)
    events: list[ChatEvent] = field(default_factory=list)
    last_message_id: int = 0
    started: bool = True  # a private chat exists once the user has written to the bot
    bot_blocked: bool = False  # the user blocked the bot / the bot was removed from the group
    members: dict[int, str] = field(default_factory=dict)  # user id -> chat member status

    def next_message_id(self) -> int:
        self.last_message_id += 1
        return self.last_message_id

    def to_api(self) -> JsonDict:
        data: JsonDict = {"id": self.id, "type": self.type}
        if self.type == "private" and self.user is not None:
            data["first_name"] = self.user.first_name
            if self.user.last_name:
                data["last_name"] = self.user.last_name
            if self.user.username:
                data["username"] = self.user.username
        elif self.title is not None:
            data["title"] = self.title
        return data

    def live_messages(self) -> Iterator[StoredMessage]:
        for message_id in sorted(self.messages):
            message = self.messages[message_id]
            if not message.deleted:
                yield message


@dataclass(slots=True)
class QueuedUpdate:
    """An update waiting to be fetched (or confirmed) through getUpdates."""

    update_id: int
    type: str
    payload: JsonDict  # the full Update object
    delivered: bool = False


@dataclass(frozen=True, slots=True)
class CallbackAnswer:
    """The bot's ``answerCallbackQuery`` for a button press."""

    callback_query_id: str
    text: str | None
    show_alert: bool
    url: str | None
    cache_time: int | None
