"""Test-side handles: users and groups that talk to the bot and read its answers."""

# Waiting helpers take a `timeout` on purpose: it is the test-facing API.
# ruff: noqa: ASYNC109

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from .models import (
    CallbackAnswer,
    ChatEvent,
    FakeTimeoutError,
    JsonDict,
    MessageView,
    StoredChat,
    StoredFile,
    StoredMessage,
    UserInfo,
)
from .parse_mode import utf16_len

if TYPE_CHECKING:
    from .server import FakeTelegramServer

__all__ = ["ChatReader", "GroupHandle", "UserHandle"]

_COMMAND = re.compile(r"/[A-Za-z0-9_]{1,32}(?:@[A-Za-z0-9_]{3,32})?")

MessageRef = MessageView | int


class ChatReader:
    """What the bot did in one chat: history, current message states and a read cursor."""

    def __init__(self, server: FakeTelegramServer, chat: StoredChat) -> None:
        self._server = server
        self.stored = chat
        self._cursor = 0

    @property
    def id(self) -> int:
        return self.stored.id

    def message(self, message_id: int) -> MessageView:
        """Current state of a message (after all edits); ``deleted`` is set if it was deleted."""
        stored = self.stored.messages.get(message_id)
        if stored is None:
            raise AssertionError(f"no message #{message_id} in chat {self.id}")
        return stored.view(self.stored.to_api(), edited=stored.edit_date is not None)

    @property
    def messages(self) -> list[MessageView]:
        """Current state of every message not deleted, oldest first (the user's too)."""
        chat = self.stored.to_api()
        return [m.view(chat, edited=m.edit_date is not None) for m in self.stored.live_messages()]

    @property
    def bot_messages(self) -> list[MessageView]:
        """Current state of the bot's messages that were not deleted, oldest first."""
        return [m for m in self.messages if m.from_bot]

    @property
    def events(self) -> list[ChatEvent]:
        """Everything the bot did here, in order (sent / edited / deleted snapshots)."""
        return list(self.stored.events)

    def _take(self, *, include_edits: bool) -> MessageView | None:
        events = self.stored.events
        while self._cursor < len(events):
            event = events[self._cursor]
            self._cursor += 1
            if event.kind == "sent" or (event.kind == "edited" and include_edits):
                return event.message
        return None

    def unread(self, *, include_edits: bool = True) -> list[MessageView]:
        """Everything sent (and edited) since the last read, without waiting."""
        views: list[MessageView] = []
        while (view := self._take(include_edits=include_edits)) is not None:
            views.append(view)
        return views

    def skip_unread(self) -> None:
        """Move the cursor past everything the bot has done so far."""
        self._cursor = len(self.stored.events)

    async def next_message(
        self, timeout: float = 5.0, *, include_edits: bool = True
    ) -> MessageView:
        """The next message the bot sent (or edited) here since the last read.

        Snapshots are returned in the order things happened; ``view.edited`` tells an edit
        from a new message. Raises :class:`FakeTimeoutError` after ``timeout`` seconds.
        """
        try:
            return await self._server.changes.wait_for(
                lambda: self._take(include_edits=include_edits), timeout
            )
        except TimeoutError:
            calls = self._server.calls
            errors = [c.response.get("description") for c in calls if not c.ok][-3:]
            raise FakeTimeoutError(
                f"the bot sent nothing to chat {self.id} within {timeout}s; "
                f"last calls: {[c.method for c in calls[-8:]]}; last errors: {errors}"
            ) from None

    async def expect_no_message(self, within: float = 0.3, *, include_edits: bool = True) -> None:
        """Assert the bot sends (or edits) nothing here in the next ``within`` seconds."""
        try:
            view = await self.next_message(timeout=within, include_edits=include_edits)
        except FakeTimeoutError:
            return
        raise AssertionError(f"expected no message in chat {self.id}, but the bot sent {view}")

    @property
    def last_bot_message(self) -> MessageView:
        """Current state of the newest bot message that is not deleted."""
        messages = self.bot_messages
        if not messages:
            raise AssertionError(f"the bot has sent nothing to chat {self.id}")
        return messages[-1]

    # --- acting in the chat

    def _add_user_message(
        self,
        sender: UserInfo,
        *,
        text: str | None = None,
        entities: list[JsonDict] | None = None,
        caption: str | None = None,
        document: StoredFile | None = None,
        photo: tuple[StoredFile, StoredFile] | None = None,
        reply_to: MessageRef | None = None,
    ) -> JsonDict:
        chat = self.stored
        if chat.bot_blocked:
            raise AssertionError(
                f"chat {chat.id}: the bot is blocked/removed; call tg.unblock({chat.id}) first"
            )
        if chat.type == "private":
            chat.started = True
        else:
            chat.members.setdefault(sender.id, "member")
        self._server.users.setdefault(sender.id, sender)
        reply_target: StoredMessage | None = None
        if reply_to is not None:
            reply_id = reply_to if isinstance(reply_to, int) else reply_to.message_id
            reply_target = chat.messages.get(reply_id)
            if reply_target is None:
                raise AssertionError(f"no message #{reply_id} to reply to in chat {chat.id}")
        is_caption = text is None
        shown = text if text is not None else caption
        if entities is None and shown is not None:
            entities = _command_entities(shown) if text is not None else []
        message = StoredMessage(
            message_id=chat.next_message_id(),
            chat_id=chat.id,
            sender=sender,
            from_bot=False,
            date=int(self._server.wall_clock()),
            text=shown,
            plain_text=shown,
            entities=entities or [],
            is_caption=is_caption,
            document=document,
            photo=photo[1] if photo else None,
            photo_thumb=photo[0] if photo else None,
            reply_to=reply_target,
        )
        chat.messages[message.message_id] = message
        payload = message.to_api(chat.to_api())
        if self._bot_sees(shown or "", reply_target):
            self._server.queue_update("message", payload)
        else:
            self._server.privacy_filtered.append(payload)
        return payload

    def _bot_sees(self, text: str, reply_target: StoredMessage | None) -> bool:
        """Whether Telegram delivers a message to the bot (group privacy mode)."""
        server, chat = self._server, self.stored
        if chat.type == "private" or not server.privacy_mode:
            return True
        if chat.members.get(server.bot.id) in ("administrator", "creator"):
            return True
        if reply_target is not None and reply_target.from_bot:
            return True
        username = (server.bot.username or "").lower()
        command = _COMMAND.match(text)
        if command is not None:
            _, _, addressee = command.group().partition("@")
            return not addressee or addressee.lower() == username
        return f"@{username}" in text.lower()

    def _send_text(
        self,
        sender: UserInfo,
        text: str,
        entities: list[JsonDict] | None,
        reply_to: MessageRef | None,
    ) -> JsonDict:
        if not text.strip():
            raise ValueError("Telegram clients do not send empty messages")
        return self._add_user_message(sender, text=text, entities=entities, reply_to=reply_to)

    def _send_document(
        self,
        sender: UserInfo,
        content: bytes,
        file_name: str,
        mime_type: str | None,
        caption: str | None,
    ) -> JsonDict:
        import mimetypes

        mime = mime_type or mimetypes.guess_type(file_name)[0] or "application/octet-stream"
        stored = self._server.register_file(content, file_name=file_name, mime_type=mime)
        return self._add_user_message(sender, caption=caption, document=stored)

    def _send_photo(self, sender: UserInfo, content: bytes, caption: str | None) -> JsonDict:
        sizes = self._server.register_photo(content)
        return self._add_user_message(sender, caption=caption, photo=sizes)

    def _press_nowait(self, sender: UserInfo, message: MessageRef, button: str) -> str:
        return self._queue_press(sender, message, button)[0]

    def _queue_press(self, sender: UserInfo, message: MessageRef, button: str) -> tuple[str, int]:
        message_id = message if isinstance(message, int) else message.message_id
        stored = self.stored.messages.get(message_id)
        if stored is None or stored.deleted:
            raise AssertionError(f"message #{message_id} is not in chat {self.id} (deleted?)")
        current = stored.view(self.stored.to_api(), edited=False)
        found = current.button(button)
        if found.callback_data is None:
            raise AssertionError(f"button {found.text!r} has no callback_data (url={found.url})")
        return self._queue_callback(sender, message_id, found.callback_data)

    def _queue_callback(self, sender: UserInfo, message_id: int, data: str) -> tuple[str, int]:
        stored = self.stored.messages.get(message_id)
        if stored is None:
            raise AssertionError(f"no message #{message_id} in chat {self.id}")
        query_id = self._server._new_callback_id()
        update_id = self._server.queue_update(
            "callback_query",
            {
                "id": query_id,
                "from": sender.to_api(),
                "message": stored.to_api(self.stored.to_api()),
                "chat_instance": str(abs(hash((self.id, self._server.bot.id)))),
                "data": data,
            },
        )
        return query_id, update_id

    async def _press(
        self, sender: UserInfo, message: MessageRef, button: str, timeout: float
    ) -> CallbackAnswer:
        query_id, update_id = self._queue_press(sender, message, button)
        return await self._server.wait_callback_answer(
            query_id, update_id=update_id, timeout=timeout, label=repr(button)
        )


class UserHandle(ChatReader):
    """A user and their private chat with the bot.

    Reading methods (``next_message``, ``messages`` ...) refer to the private chat; ``chat``
    is the same object, kept for readability (``alice.chat.message(42)``).
    """

    def __init__(self, server: FakeTelegramServer, info: UserInfo, chat: StoredChat) -> None:
        super().__init__(server, chat)
        self.info = info

    @property
    def id(self) -> int:
        return self.info.id

    @property
    def chat(self) -> UserHandle:
        return self

    @property
    def blocked(self) -> bool:
        return self.stored.bot_blocked

    async def send(
        self,
        text: str,
        *,
        entities: list[JsonDict] | None = None,
        reply_to: MessageRef | None = None,
    ) -> JsonDict:
        """Send a text message to the bot; returns the Message as queued in the update.

        A leading ``/command`` (or ``/command@bot``) gets a ``bot_command`` entity, so
        ``"/start abc123"`` is a deep link with payload ``abc123``.
        """
        return self._send_text(self.info, text, entities, reply_to)

    async def send_document(
        self,
        content: bytes,
        file_name: str,
        *,
        mime_type: str | None = None,
        caption: str | None = None,
    ) -> JsonDict:
        """Send a file; its bytes are downloadable by the bot through getFile."""
        return self._send_document(self.info, content, file_name, mime_type, caption)

    async def send_photo(self, content: bytes, *, caption: str | None = None) -> JsonDict:
        """Send a photo (two sizes, same bytes)."""
        return self._send_photo(self.info, content, caption)

    async def press(
        self, message: MessageRef, button: str, *, timeout: float = 5.0
    ) -> CallbackAnswer:
        """Press an inline button of the message's *current* state and wait for the answer.

        ``button`` is an exact text, an exact callback_data, or a unique text substring.
        """
        return await self._press(self.info, message, button, timeout)

    def press_nowait(self, message: MessageRef, button: str) -> str:
        """Press a button without waiting for the answer; returns the callback query id."""
        return self._press_nowait(self.info, message, button)

    def send_callback(self, message: MessageRef, data: str) -> str:
        """Queue a callback_query with raw ``data`` on a message (e.g. a stale button).

        Returns the callback query id; wait with ``tg.wait_callback_answer(query_id)``.
        """
        return self._queue_callback(self.info, message_id_of(message), data)[0]

    def __repr__(self) -> str:
        return f"UserHandle({self.info.id}, {self.info.full_name!r})"


class GroupHandle(ChatReader):
    """A group chat with the bot; users post in it with ``group.send(alice, ...)``."""

    def add_member(self, user: UserHandle, status: str = "member") -> None:
        """Set a user's membership status (member, administrator, creator, left, kicked)."""
        self.stored.members[user.id] = status

    async def send(
        self,
        user: UserHandle,
        text: str,
        *,
        entities: list[JsonDict] | None = None,
        reply_to: MessageRef | None = None,
    ) -> JsonDict:
        """``user`` posts a text message in the group.

        In privacy mode (the default) the bot only receives it if it is a command for this
        bot, a reply to the bot or mentions it, unless the bot is a group admin; filtered
        messages land in ``tg.privacy_filtered``.
        """
        return self._send_text(user.info, text, entities, reply_to)

    async def send_document(
        self,
        user: UserHandle,
        content: bytes,
        file_name: str,
        *,
        mime_type: str | None = None,
        caption: str | None = None,
    ) -> JsonDict:
        """``user`` posts a file in the group."""
        return self._send_document(user.info, content, file_name, mime_type, caption)

    async def send_photo(
        self, user: UserHandle, content: bytes, *, caption: str | None = None
    ) -> JsonDict:
        """``user`` posts a photo in the group."""
        return self._send_photo(user.info, content, caption)

    def press_nowait(self, user: UserHandle, message: MessageRef, button: str) -> str:
        """``user`` presses a button without waiting; returns the callback query id."""
        return self._press_nowait(user.info, message, button)

    def send_callback(self, user: UserHandle, message: MessageRef, data: str) -> str:
        """``user`` sends a callback_query with raw ``data`` (e.g. from a stale button)."""
        return self._queue_callback(user.info, message_id_of(message), data)[0]

    async def press(
        self, user: UserHandle, message: MessageRef, button: str, *, timeout: float = 5.0
    ) -> CallbackAnswer:
        """``user`` presses an inline button of a message in the group; see UserHandle.press."""
        return await self._press(user.info, message, button, timeout)

    def __repr__(self) -> str:
        return f"GroupHandle({self.id}, {self.stored.title!r})"


def _command_entities(text: str) -> list[JsonDict]:
    match = _COMMAND.match(text)
    if match is None:
        return []
    return [{"type": "bot_command", "offset": 0, "length": utf16_len(match.group())}]


def message_id_of(message: MessageRef | JsonDict) -> int:
    """The message id of a view, a Message dict or an int."""
    if isinstance(message, int):
        return message
    if isinstance(message, MessageView):
        return message.message_id
    value: Any = message["message_id"]
    return int(value)
