"""An in-process fake of the Telegram Bot API, served over real HTTP by aiohttp.

The bot under test talks to it exactly as to ``api.telegram.org`` (point aiogram at
:attr:`FakeTelegramServer.base_url` with ``TelegramAPIServer.from_base``); tests act as users
through :meth:`FakeTelegramServer.user` / :meth:`FakeTelegramServer.group` and read what the bot
did from the chats' histories and :attr:`FakeTelegramServer.calls`.
"""

# Waiting helpers take a `timeout` on purpose: it is the test-facing API.
# ruff: noqa: ASYNC109

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import logging
import mimetypes
import secrets
import struct
import time
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass
from types import TracebackType
from typing import TYPE_CHECKING, Any, Self, TypeVar

from aiohttp import web
from multidict import MultiDictProxy

from .faults import FaultRegistry, RateLimitConfig, RateLimiter, RateViolation
from .models import (
    ApiCall,
    ApiError,
    CallbackAnswer,
    ChatEvent,
    EventKind,
    FakeTimeoutError,
    JsonDict,
    QueuedUpdate,
    StoredChat,
    StoredFile,
    StoredMessage,
    UserInfo,
)
from .parse_mode import EntityParseError, parse_html, utf16_len

if TYPE_CHECKING:
    from .actors import GroupHandle, UserHandle

__all__ = ["DEFAULT_TOKEN", "FakeTelegramServer", "UploadedPart"]

DEFAULT_TOKEN = "123456789:AAFakeTokenForTests_abcdefghijklmnopq"
MAX_TEXT_LENGTH = 4096
MAX_CAPTION_LENGTH = 1024
MAX_DOWNLOAD_SIZE = 20 * 1024 * 1024
MAX_CALLBACK_DATA_BYTES = 64

log = logging.getLogger(__name__)
T = TypeVar("T")

_ALL_UPDATE_TYPES = frozenset(
    {
        "message",
        "edited_message",
        "channel_post",
        "edited_channel_post",
        "business_connection",
        "business_message",
        "edited_business_message",
        "deleted_business_messages",
        "message_reaction",
        "message_reaction_count",
        "inline_query",
        "chosen_inline_result",
        "callback_query",
        "shipping_query",
        "pre_checkout_query",
        "purchased_paid_media",
        "poll",
        "poll_answer",
        "my_chat_member",
        "chat_member",
        "chat_join_request",
        "chat_boost",
        "removed_chat_boost",
    }
)
# Update types Telegram leaves out when allowed_updates was never set (or set to []).
_DEFAULT_UPDATE_EXCLUDED = frozenset({"chat_member", "message_reaction", "message_reaction_count"})
# Request fields that are text and must never be JSON-decoded ("123" stays a string).
_STRING_FIELDS = frozenset(
    {
        "text",
        "caption",
        "parse_mode",
        "callback_query_id",
        "inline_message_id",
        "url",
        "action",
        "file_id",
        "secret_token",
        "ip_address",
        "language_code",
        "business_connection_id",
        "message_effect_id",
        "title",
        "description",
        "short_description",
        "name",
        "emoji",
        "question",
    }
)
_RATE_LIMITED_METHODS = frozenset(
    {
        "sendmessage",
        "senddocument",
        "sendphoto",
        "sendmediagroup",
        "copymessage",
        "forwardmessage",
    }
)
_CHAT_ACTIONS = frozenset(
    {
        "typing",
        "upload_photo",
        "record_video",
        "upload_video",
        "record_voice",
        "upload_voice",
        "upload_document",
        "choose_sticker",
        "find_location",
        "record_video_note",
        "upload_video_note",
    }
)
_INLINE_BUTTON_ACTIONS = (
    "callback_data",
    "url",
    "web_app",
    "login_url",
    "switch_inline_query",
    "switch_inline_query_current_chat",
    "switch_inline_query_chosen_chat",
    "copy_text",
    "callback_game",
    "pay",
)
# Methods that are accepted and recorded but have no visible effect in the fake.
_RECORD_ONLY_METHODS = (
    "setMyDescription",
    "setMyShortDescription",
    "setMyName",
    "setChatMenuButton",
    "setMyDefaultAdministratorRights",
    "close",
    "logOut",
)
_NOT_MODIFIED = (
    "message is not modified: specified new message content and reply markup are exactly the "
    "same as a current content and reply markup of the message"
)
_QUERY_TOO_OLD = "query is too old and response timeout expired or query ID is invalid"


@dataclass(frozen=True, slots=True)
class UploadedPart:
    """A file part of a multipart request."""

    name: str
    filename: str
    content: bytes
    content_type: str | None


@dataclass(slots=True)
class _Request:
    method: str
    params: JsonDict
    uploads: dict[str, UploadedPart]
    body_type: str = ""


_Handler = Callable[[_Request], Awaitable[Any]]


class ChangeSignal:
    """Wakes every waiter whenever the server state changes; waiters re-check a predicate.

    The event is created lazily so the server can be built outside a running loop, and a new
    one is used per round so a notify never leaks into the next wait.
    """

    def __init__(self) -> None:
        self._event: asyncio.Event | None = None
        self._loop: asyncio.AbstractEventLoop | None = None

    def notify(self) -> None:
        if self._event is not None:
            self._event.set()
            self._event = None

    async def wait_for(self, predicate: Callable[[], T | None], timeout: float) -> T:
        """Return the first truthy ``predicate()``; raise ``TimeoutError`` after ``timeout``."""
        async with asyncio.timeout(timeout):
            while True:
                result = predicate()
                if result:
                    return result
                loop = asyncio.get_running_loop()
                if self._event is None or self._loop is not loop:
                    # A fresh event per loop: pytest-asyncio gives each test its own loop.
                    self._event, self._loop = asyncio.Event(), loop
                await self._event.wait()


def _image_size(content: bytes) -> tuple[int, int] | None:
    """Width and height of a PNG, GIF, JPEG or WebP image, or ``None`` if it is not one."""
    if content.startswith(b"\x89PNG\r\n\x1a\n") and len(content) >= 24:
        width, height = struct.unpack(">II", content[16:24])
        return int(width), int(height)
    if content[:6] in (b"GIF87a", b"GIF89a") and len(content) >= 10:
        width, height = struct.unpack("<HH", content[6:10])
        return int(width), int(height)
    if content.startswith(b"RIFF") and content[8:12] == b"WEBP":
        return 512, 512
    if content.startswith(b"\xff\xd8"):
        index = 2
        while index + 9 < len(content):
            if content[index] != 0xFF:
                index += 1
                continue
            marker = content[index + 1]
            segment_length = int.from_bytes(content[index + 2 : index + 4], "big")
            if marker in (0xC0, 0xC1, 0xC2):
                height, width = struct.unpack(">HH", content[index + 5 : index + 9])
                return int(width), int(height)
            index += 2 + segment_length
        return None
    return None


def _as_int(value: Any, field: str) -> int:
    if isinstance(value, bool):
        raise ApiError.bad_request(f'field "{field}" must be a valid Number')
    if isinstance(value, int):
        return value
    try:
        return int(str(value))
    except ValueError:
        raise ApiError.bad_request(f'field "{field}" must be a valid Number') from None


def _as_bool(value: Any) -> bool:
    if isinstance(value, str):
        return value.lower() in ("true", "1")
    return bool(value)


def _decode_field(name: str, value: str) -> Any:
    """Undo aiogram's encoding of one form field: complex values and numbers are JSON."""
    if name in _STRING_FIELDS:
        return value
    try:
        return json.loads(value)
    except ValueError:
        return value


class FakeTelegramServer:
    """A fake Telegram Bot API server for one bot.

    Use as ``async with FakeTelegramServer() as tg:``; see the package docstring for the
    test-side API. All waiting is event based; nothing here sleeps to poll.

    ``strict_html`` also rejects a bare ``&`` (Telegram tolerates it). ``privacy_mode``, on by
    default as for real bots, hides plain group messages from a bot that is not a group admin:
    it only gets commands, replies to its messages and @mentions. ``clock`` (monotonic) drives
    the flood-limit checker, ``wall_clock`` the message dates.
    """

    def __init__(
        self,
        token: str = DEFAULT_TOKEN,
        *,
        bot_username: str = "decisions_test_bot",
        bot_first_name: str = "Decisions Test Bot",
        strict_html: bool = True,
        rate_limits: RateLimitConfig | None = None,
        enforce_rate_limits: bool = False,
        privacy_mode: bool = True,
        clock: Callable[[], float] = time.monotonic,
        wall_clock: Callable[[], float] = time.time,
        host: str = "127.0.0.1",
        port: int = 0,
    ) -> None:
        bot_id, _, secret = token.partition(":")
        if not bot_id.isdigit() or not secret:
            raise ValueError(f"token {token!r} does not look like a Telegram bot token")
        self.token = token
        self.bot = UserInfo(
            id=int(bot_id), first_name=bot_first_name, username=bot_username, is_bot=True
        )
        self.strict_html = strict_html
        self.privacy_mode = privacy_mode
        self.wall_clock = wall_clock
        self.faults = FaultRegistry()
        self.rate_limiter = RateLimiter(rate_limits, clock=clock, enforce=enforce_rate_limits)
        self.calls: list[ApiCall] = []
        self.chats: dict[int, StoredChat] = {}
        self.users: dict[int, UserInfo] = {}
        self.files: dict[str, StoredFile] = {}
        self.updates: list[QueuedUpdate] = []
        self.dropped_updates: list[QueuedUpdate] = []
        self.privacy_filtered: list[JsonDict] = []
        self.internal_errors: list[Exception] = []  # bugs of the fake, answered with 500
        self.webhook_url: str = ""
        self.commands: dict[tuple[str, str], list[JsonDict]] = {}
        self.callback_answers: dict[str, CallbackAnswer] = {}
        self.allowed_updates: list[str] | None = None
        self.changes = ChangeSignal()
        self._host = host
        self._port = port
        self._runner: web.AppRunner | None = None
        self._base_url: str | None = None
        self._stopping = False
        self._pending_callbacks: set[str] = set()
        self._files_by_path: dict[str, StoredFile] = {}
        self._update_ids = itertools.count(100_000_001)
        self._last_update_id = 0
        self._file_counter = itertools.count(1)
        self._callback_ids = itertools.count(4_200_000_000_000_000_001)
        self._poll_generation = 0
        self._user_handles: dict[int, UserHandle] = {}
        self._group_handles: dict[int, GroupHandle] = {}
        self._methods: dict[str, _Handler] = {}
        for name, handler in self._method_table().items():
            self._methods[name.lower()] = handler

    # ------------------------------------------------------------------ lifecycle

    async def start(self) -> None:
        """Start listening on a free port of ``host``."""
        if self._runner is not None:
            raise RuntimeError("FakeTelegramServer is already started")
        app = web.Application(client_max_size=64 * 1024 * 1024)
        app.router.add_route("*", "/bot{token}/{method}", self._handle_api)
        app.router.add_get("/file/bot{token}/{path:.+}", self._handle_file)
        # handler_cancellation: a long poll the client gave up on must not linger.
        runner = web.AppRunner(
            app, handler_cancellation=True, access_log=None, shutdown_timeout=1.0
        )
        await runner.setup()
        site = web.TCPSite(runner, self._host, self._port)
        await site.start()
        self._runner = runner
        host, port = runner.addresses[0][:2]
        self._base_url = f"http://{host}:{port}"
        self._stopping = False

    async def stop(self) -> None:
        """Release pending long polls and stop the HTTP server."""
        if self._runner is None:
            return
        self._stopping = True
        self.changes.notify()
        runner, self._runner = self._runner, None
        await runner.cleanup()

    async def __aenter__(self) -> Self:
        await self.start()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.stop()

    @property
    def base_url(self) -> str:
        """``http://127.0.0.1:PORT``, for ``TelegramAPIServer.from_base``."""
        if self._base_url is None:
            raise RuntimeError("FakeTelegramServer is not started")
        return self._base_url

    # ------------------------------------------------------------------ test-side API

    def user(
        self,
        user_id: int,
        first_name: str = "Test",
        last_name: str | None = None,
        username: str | None = None,
        *,
        language_code: str | None = "ru",
        started: bool = True,
    ) -> UserHandle:
        """A user with a private chat with the bot (same handle for the same id).

        ``started=False`` models someone who never opened the bot: sending to them fails
        with "chat not found" until they send something.
        """
        from .actors import UserHandle

        if user_id in self._user_handles:
            return self._user_handles[user_id]
        if user_id <= 0:
            raise ValueError("user ids are positive")
        info = UserInfo(user_id, first_name, last_name, username, language_code)
        self.users[user_id] = info
        chat = StoredChat(id=user_id, type="private", user=info, started=started)
        self.chats[user_id] = chat
        handle = UserHandle(self, info, chat)
        self._user_handles[user_id] = handle
        return handle

    def group(
        self,
        chat_id: int,
        title: str = "Test group",
        *,
        supergroup: bool | None = None,
        members: Iterable[UserHandle] = (),
        admins: Iterable[UserHandle] = (),
        bot_is_admin: bool = False,
    ) -> GroupHandle:
        """A group the bot is a member of (same handle for the same id).

        ``supergroup`` defaults to True for ids like -100XXXXXXXXXX (-100 and 10 digits).
        """
        from .actors import GroupHandle

        if chat_id in self._group_handles:
            return self._group_handles[chat_id]
        if chat_id >= 0:
            raise ValueError("group chat ids are negative")
        if supergroup is None:
            supergroup = str(chat_id).startswith("-100") and len(str(chat_id)) >= 14
        chat = StoredChat(id=chat_id, type="supergroup" if supergroup else "group", title=title)
        chat.members[self.bot.id] = "administrator" if bot_is_admin else "member"
        for member in members:
            chat.members[member.id] = "member"
        for admin in admins:
            chat.members[admin.id] = "administrator"
        self.chats[chat_id] = chat
        handle = GroupHandle(self, chat)
        self._group_handles[chat_id] = handle
        return handle

    def block(self, chat_id: int, *, notify: bool = True) -> None:
        """The user blocks the bot (or, for a group, removes it).

        Further sends answer 403. With ``notify`` a ``my_chat_member`` update is queued as
        Telegram does.
        """
        chat = self._chat_or_fail(chat_id)
        if chat.bot_blocked:
            return
        chat.bot_blocked = True
        if notify:
            self._queue_my_chat_member(chat, old="member", new="kicked")

    def unblock(self, chat_id: int, *, notify: bool = True) -> None:
        """The user unblocks the bot (restarts it) / adds it back to the group."""
        chat = self._chat_or_fail(chat_id)
        if not chat.bot_blocked:
            return
        chat.bot_blocked = False
        if notify:
            self._queue_my_chat_member(chat, old="kicked", new="member")

    def calls_of(self, method: str, **params: Any) -> list[ApiCall]:
        """Recorded calls of ``method`` (case-insensitive) whose params match ``params``.

        Values are compared as strings, so ``chat_id=1001`` matches ``"1001"``.
        """
        return [call for call in self.calls if self._call_matches(call, method, params, None)]

    async def wait_for_call(
        self,
        method: str,
        *,
        predicate: Callable[[ApiCall], bool] | None = None,
        timeout: float = 5.0,
        since: int = 0,
        **params: Any,
    ) -> ApiCall:
        """Wait for a call of ``method`` matching ``params`` and ``predicate``.

        Calls already recorded count too, from index ``since`` on; pass
        ``since=len(tg.calls)`` to wait only for new ones.
        """

        def find() -> ApiCall | None:
            for call in self.calls[since:]:
                if self._call_matches(call, method, params, predicate):
                    return call
            return None

        try:
            return await self.changes.wait_for(find, timeout)
        except TimeoutError:
            recent = [f"{c.method}({c.params.get('chat_id', '')})" for c in self.calls[-10:]]
            raise FakeTimeoutError(
                f"no {method} call matching {params} within {timeout}s; recent calls: {recent}"
            ) from None

    @property
    def polls_started(self) -> int:
        """How many getUpdates requests reached the server (finished or still waiting)."""
        return self._poll_generation

    async def wait_polling(self, *, after: int = 0, timeout: float = 5.0) -> None:
        """Wait until getUpdates request number ``after + 1`` has reached the server."""
        try:
            await self.changes.wait_for(lambda: self._poll_generation > after, timeout)
        except TimeoutError:
            raise FakeTimeoutError(f"the bot did not call getUpdates within {timeout}s") from None

    async def wait_confirmed(self, *, timeout: float = 5.0) -> None:
        """Wait until the bot confirmed (via ``offset``) every update queued so far.

        aiogram asks for the next batch only after it has dispatched the previous one, so
        afterwards every queued update is at least being handled.
        """
        target = self._last_update_id

        def confirmed() -> bool:
            return self._stopping or not any(u.update_id <= target for u in self.updates)

        try:
            await self.changes.wait_for(confirmed, timeout)
        except TimeoutError:
            raise FakeTimeoutError(
                f"the bot did not confirm its updates within {timeout}s"
            ) from None

    async def wait_delivered(self, update_id: int | None = None, *, timeout: float = 5.0) -> None:
        """Wait until the bot fetched ``update_id`` (default: every queued update)."""

        def done() -> bool:
            if self._stopping:
                return True
            return all(
                u.delivered for u in self.updates if update_id is None or u.update_id == update_id
            )

        try:
            await self.changes.wait_for(done, timeout)
        except TimeoutError:
            raise FakeTimeoutError(
                f"updates were not fetched by the bot within {timeout}s"
            ) from None

    async def wait_callback_answer(
        self,
        query_id: str,
        *,
        update_id: int | None = None,
        timeout: float = 5.0,
        label: str = "",
    ) -> CallbackAnswer:
        """Wait for the bot's answerCallbackQuery to ``query_id``.

        Fails at once if the update carrying the query was dropped by ``allowed_updates``.
        """

        def answered() -> CallbackAnswer | None:
            if update_id is not None and self._is_dropped(update_id):
                raise AssertionError(
                    "the callback_query update was dropped: the bot polls with "
                    f"allowed_updates={self.allowed_updates}"
                )
            return self.callback_answers.get(query_id)

        try:
            return await self.changes.wait_for(answered, timeout)
        except TimeoutError:
            raise FakeTimeoutError(
                f"the bot did not answer callback query {query_id} {label} within {timeout}s"
            ) from None

    def queue_update(self, update_type: str, payload: JsonDict) -> int:
        """Queue a raw update of ``update_type`` (e.g. ``"message"``); return its update_id."""
        update_id = self._last_update_id = next(self._update_ids)
        update = QueuedUpdate(
            update_id, update_type, {"update_id": update_id, update_type: payload}
        )
        if self.allowed_updates is not None and update_type not in self._allowed_set():
            self.dropped_updates.append(update)
        else:
            self.updates.append(update)
        self.changes.notify()
        return update_id

    def file_content(self, file_id: str) -> bytes:
        """Bytes of a stored file."""
        return self.files[file_id].content

    def register_file(
        self,
        content: bytes,
        *,
        file_name: str | None = None,
        mime_type: str | None = None,
        kind: str = "documents",
    ) -> StoredFile:
        """Store a file as Telegram would after an upload; it gets a file_id and a path."""
        number = next(self._file_counter)
        prefix = "AgAC" if kind == "photos" else "BQAC"
        extension = ""
        if file_name and "." in file_name:
            extension = "." + file_name.rsplit(".", 1)[1]
        elif kind == "photos":
            extension = ".jpg"
        stored = StoredFile(
            file_id=f"{prefix}{secrets.token_urlsafe(24)}",
            file_unique_id=f"AQAD{secrets.token_urlsafe(8)}",
            file_path=f"{kind}/file_{number}{extension}",
            content=content,
            file_name=file_name,
            mime_type=mime_type,
        )
        self.files[stored.file_id] = stored
        self._files_by_path[stored.file_path] = stored
        return stored

    def register_photo(self, content: bytes) -> tuple[StoredFile, StoredFile]:
        """Store a photo; returns (thumbnail, full size). Both hold the same bytes."""
        width, height = _image_size(content) or (800, 600)
        full = self.register_file(content, kind="photos")
        full.width, full.height = width, height
        thumb = self.register_file(content, kind="photos")
        scale = min(1.0, 90 / max(width, height, 1))
        thumb.width, thumb.height = max(1, round(width * scale)), max(1, round(height * scale))
        return thumb, full

    @property
    def rate_violations(self) -> list[RateViolation]:
        """Every message that went over Telegram's flood limits (enforced or not)."""
        return self.rate_limiter.violations

    def get_commands(self, scope: JsonDict | None = None, language_code: str = "") -> list[str]:
        """Command names the bot registered with setMyCommands for a scope."""
        key = (self._scope_key(scope), language_code)
        return [str(command["command"]) for command in self.commands.get(key, [])]

    # ------------------------------------------------------------------ internals used by actors

    def _record_event(self, chat: StoredChat, kind: EventKind, message: StoredMessage) -> None:
        view = message.view(chat.to_api(), edited=kind == "edited")
        chat.events.append(ChatEvent(kind, view))
        self.changes.notify()

    def _new_callback_id(self) -> str:
        callback_id = str(next(self._callback_ids))
        self._pending_callbacks.add(callback_id)
        return callback_id

    def _is_dropped(self, update_id: int) -> bool:
        return any(u.update_id == update_id for u in self.dropped_updates)

    def _chat_or_fail(self, chat_id: int) -> StoredChat:
        try:
            return self.chats[chat_id]
        except KeyError:
            raise KeyError(f"chat {chat_id} is not registered; use tg.user()/tg.group()") from None

    def _queue_my_chat_member(self, chat: StoredChat, *, old: str, new: str) -> None:
        actor = chat.user if chat.user is not None else self.bot
        bot = self.bot.to_api()
        old_member: JsonDict = {"status": old, "user": bot}
        new_member: JsonDict = {"status": new, "user": bot}
        for member in (old_member, new_member):
            if member["status"] == "kicked":
                member["until_date"] = 0
        self.queue_update(
            "my_chat_member",
            {
                "chat": chat.to_api(),
                "from": actor.to_api(),
                "date": int(self.wall_clock()),
                "old_chat_member": old_member,
                "new_chat_member": new_member,
            },
        )

    def _allowed_set(self) -> frozenset[str]:
        if not self.allowed_updates:
            return _ALL_UPDATE_TYPES - _DEFAULT_UPDATE_EXCLUDED
        return frozenset(self.allowed_updates)

    @staticmethod
    def _call_matches(
        call: ApiCall,
        method: str,
        params: dict[str, Any],
        predicate: Callable[[ApiCall], bool] | None,
    ) -> bool:
        if call.method.lower() != method.lower():
            return False
        for key, expected in params.items():
            if str(call.params.get(key)) != str(expected):
                return False
        return predicate is None or predicate(call)

    # ------------------------------------------------------------------ HTTP plumbing

    async def _handle_api(self, request: web.Request) -> web.StreamResponse:
        method = request.match_info["method"]
        if request.match_info["token"] != self.token:
            return self._json(ApiError(401, "Unauthorized").to_json(), 401)
        try:
            params, uploads = await self._read_params(request)
        except ValueError as error:
            body = ApiError.bad_request(f"can't parse request: {error}")
            return self._json(body.to_json(), 400)
        call = _Request(
            method, params, uploads, request.content_type if request.body_exists else ""
        )
        handler = self._methods.get(method.lower())
        status = 200
        if handler is None:
            status, body_json = 404, ApiError(404, "Not Found: method not found").to_json()
            self._record_call(call, status, body_json)
            return self._json(body_json, status)
        fault = self.faults.take(method, params)
        if fault is not None:
            body_json = fault.error().to_json()
            self._record_call(call, fault.status, body_json)
            if fault.disconnect:
                if request.transport is not None:
                    request.transport.close()
                # What aiohttp does to a handler whose client went away (handler_cancellation);
                # it ends the request quietly, without a response.
                raise asyncio.CancelledError
            if fault.raw_body is not None:
                return web.Response(status=fault.status, text=fault.raw_body)
            return self._json(body_json, fault.status)
        try:
            result = await handler(call)
            body_json = {"ok": True, "result": result}
        except ApiError as error:
            status, body_json = error.status, error.to_json()
        except Exception as error:  # a bug in the fake itself: keep serving, but keep it
            log.exception("fake Telegram server failed on %s", method)
            self.internal_errors.append(error)
            status = 500
            body_json = ApiError(
                500, f"Internal Server Error: fake server bug: {error!r}"
            ).to_json()
        self._record_call(call, status, body_json)
        return self._json(body_json, status)

    async def _handle_file(self, request: web.Request) -> web.StreamResponse:
        if request.match_info["token"] != self.token:
            return self._json(ApiError(401, "Unauthorized").to_json(), 401)
        stored = self._files_by_path.get(request.match_info["path"])
        if stored is None:
            return self._json(ApiError(404, "Not Found").to_json(), 404)
        return web.Response(body=stored.content, content_type="application/octet-stream")

    @staticmethod
    def _json(body: JsonDict, status: int) -> web.Response:
        return web.Response(
            status=status,
            text=json.dumps(body, ensure_ascii=False),
            content_type="application/json",
        )

    def _record_call(self, call: _Request, status: int, body: JsonDict) -> None:
        files = {name: part.filename for name, part in call.uploads.items()}
        call_record = ApiCall(
            call.method, call.params, status, body, self.wall_clock(), files, call.body_type
        )
        self.calls.append(call_record)
        self.changes.notify()

    @staticmethod
    async def _read_params(request: web.Request) -> tuple[JsonDict, dict[str, UploadedPart]]:
        params: JsonDict = dict(request.query)
        params = {name: _decode_field(name, value) for name, value in params.items()}
        uploads: dict[str, UploadedPart] = {}
        if request.content_type == "application/json":
            raw = await request.text()
            if raw.strip():
                decoded = json.loads(raw)
                if not isinstance(decoded, dict):
                    raise ValueError("JSON body must be an object")
                params.update(decoded)
            return params, uploads
        if request.method != "POST" or not request.body_exists:
            return params, uploads
        form: MultiDictProxy[Any] = await request.post()
        for name, value in form.items():
            if isinstance(value, web.FileField):
                uploads[name] = UploadedPart(
                    name, value.filename, value.file.read(), value.content_type
                )
            elif isinstance(value, bytes):
                params[name] = _decode_field(name, value.decode("utf-8"))
            else:
                params[name] = _decode_field(name, str(value))
        return params, uploads

    # ------------------------------------------------------------------ method table

    def _method_table(self) -> dict[str, _Handler]:
        table: dict[str, _Handler] = {
            "getMe": self._get_me,
            "getUpdates": self._get_updates,
            "setWebhook": self._set_webhook,
            "deleteWebhook": self._delete_webhook,
            "getWebhookInfo": self._get_webhook_info,
            "setMyCommands": self._set_my_commands,
            "getMyCommands": self._get_my_commands,
            "deleteMyCommands": self._delete_my_commands,
            "sendMessage": self._send_message,
            "sendDocument": self._send_document,
            "sendPhoto": self._send_photo,
            "sendChatAction": self._send_chat_action,
            "editMessageText": self._edit_message_text,
            "editMessageCaption": self._edit_message_caption,
            "editMessageReplyMarkup": self._edit_message_reply_markup,
            "deleteMessage": self._delete_message,
            "answerCallbackQuery": self._answer_callback_query,
            "getFile": self._get_file,
            "getChat": self._get_chat,
            "getChatMember": self._get_chat_member,
            "getChatAdministrators": self._get_chat_administrators,
        }
        for name in _RECORD_ONLY_METHODS:
            table[name] = self._accept
        return table

    async def _accept(self, call: _Request) -> bool:
        return True

    async def _get_me(self, call: _Request) -> JsonDict:
        return self.bot.to_api() | {
            "can_join_groups": True,
            "can_read_all_group_messages": not self.privacy_mode,
            "supports_inline_queries": False,
            "can_connect_to_business": False,
            "has_main_web_app": False,
        }

    # --- updates

    async def _get_updates(self, call: _Request) -> list[JsonDict]:
        params = call.params
        if self.webhook_url:
            raise ApiError(
                409,
                "Conflict: can't use getUpdates method while webhook is active; "
                "use deleteWebhook to delete the webhook first",
            )
        offset = _as_int(params.get("offset", 0), "offset")
        limit = min(max(_as_int(params.get("limit", 100), "limit"), 1), 100)
        timeout = max(_as_int(params.get("timeout", 0), "timeout"), 0)
        if "allowed_updates" in params:
            allowed = params["allowed_updates"]
            if not isinstance(allowed, list):
                raise ApiError.bad_request("can't parse allowed updates JSON array")
            self.allowed_updates = [str(item) for item in allowed]
        self._confirm(offset)

        self._poll_generation += 1
        generation = self._poll_generation
        self.changes.notify()  # wakes a superseded long poll and wait_polling()

        def ready() -> bool:
            return (
                self._stopping
                or generation != self._poll_generation
                or bool(self._deliverable(limit))
            )

        if timeout > 0:
            with contextlib.suppress(TimeoutError):
                await self.changes.wait_for(ready, timeout)
        if generation != self._poll_generation:
            raise ApiError(
                409,
                "Conflict: terminated by other getUpdates request; "
                "make sure that only one bot instance is running",
            )
        batch = self._deliverable(limit)
        for update in batch:
            update.delivered = True
        if batch:
            self.changes.notify()
        return [update.payload for update in batch]

    def _confirm(self, offset: int) -> None:
        if offset > 0:
            self.updates = [u for u in self.updates if u.update_id >= offset]
        elif offset < 0:
            self.updates = self.updates[offset:]

    def _deliverable(self, limit: int) -> list[QueuedUpdate]:
        allowed = self._allowed_set()
        kept: list[QueuedUpdate] = []
        for update in self.updates:
            if update.type in allowed:
                kept.append(update)
            else:
                self.dropped_updates.append(update)
        if len(kept) != len(self.updates):
            self.updates = kept
            self.changes.notify()
        return kept[:limit]

    async def _set_webhook(self, call: _Request) -> bool:
        self.webhook_url = str(call.params.get("url", ""))
        if _as_bool(call.params.get("drop_pending_updates", False)):
            self.updates.clear()
        return True

    async def _delete_webhook(self, call: _Request) -> bool:
        self.webhook_url = ""
        if _as_bool(call.params.get("drop_pending_updates", False)):
            self.updates.clear()
        return True

    async def _get_webhook_info(self, call: _Request) -> JsonDict:
        info: JsonDict = {
            "url": self.webhook_url,
            "has_custom_certificate": False,
            "pending_update_count": len(self.updates),
        }
        if self.allowed_updates:
            info["allowed_updates"] = list(self.allowed_updates)
        return info

    # --- commands

    @staticmethod
    def _scope_key(scope: Any) -> str:
        if not scope:
            return "default"
        if not isinstance(scope, dict):
            raise ApiError.bad_request("can't parse BotCommandScope JSON object")
        return json.dumps(scope, sort_keys=True)

    async def _set_my_commands(self, call: _Request) -> bool:
        commands = call.params.get("commands")
        if not isinstance(commands, list):
            raise ApiError.bad_request("can't parse commands JSON array")
        for command in commands:
            name = str(command.get("command", "")) if isinstance(command, dict) else ""
            description = str(command.get("description", "")) if isinstance(command, dict) else ""
            valid_name = name.removeprefix("/")
            if not (
                1 <= len(valid_name) <= 32
                and all(c.islower() or c.isdigit() or c == "_" for c in valid_name)
                and valid_name.isascii()
            ):
                raise ApiError.bad_request("BOT_COMMAND_INVALID")
            if not 1 <= len(description) <= 256:
                raise ApiError.bad_request("BOT_COMMAND_DESCRIPTION_INVALID")
        key = (
            self._scope_key(call.params.get("scope")),
            str(call.params.get("language_code", "")),
        )
        self.commands[key] = [dict(command) for command in commands]
        return True

    async def _get_my_commands(self, call: _Request) -> list[JsonDict]:
        key = (
            self._scope_key(call.params.get("scope")),
            str(call.params.get("language_code", "")),
        )
        return list(self.commands.get(key, []))

    async def _delete_my_commands(self, call: _Request) -> bool:
        key = (
            self._scope_key(call.params.get("scope")),
            str(call.params.get("language_code", "")),
        )
        self.commands.pop(key, None)
        return True

    # --- chats and messages

    def _target_chat(self, params: JsonDict, *, check_blocked: bool = True) -> StoredChat:
        raw = params.get("chat_id")
        if raw is None or raw == "":
            raise ApiError.bad_request("chat_id is empty")
        try:
            chat_id = int(raw)
        except (TypeError, ValueError):
            raise ApiError.bad_request("chat not found") from None
        chat = self.chats.get(chat_id)
        if chat is None or (chat.type == "private" and not chat.started):
            raise ApiError.bad_request("chat not found")
        if check_blocked and chat.bot_blocked:
            if chat.type == "private":
                raise ApiError.forbidden("bot was blocked by the user")
            raise ApiError.forbidden(f"bot was kicked from the {chat.type} chat")
        return chat

    def _render(
        self, text: str, parse_mode: Any, entities: Any
    ) -> tuple[str, list[JsonDict], str | None]:
        """Visible text and entities of a text/caption, validating the parse mode."""
        mode = str(parse_mode) if parse_mode else None
        if mode is None:
            if entities is not None and not isinstance(entities, list):
                raise ApiError.bad_request("can't parse entities JSON object")
            return text, [dict(e) for e in entities or []], None
        if mode.lower() == "html":
            try:
                parsed = parse_html(text, strict_ampersand=self.strict_html)
            except EntityParseError as error:
                raise ApiError.bad_request(str(error)) from None
            return parsed.text, parsed.entities, mode
        if mode.lower() in ("markdown", "markdownv2"):
            # Not validated by the fake: the text is shown as sent.
            return text, [], mode
        raise ApiError.bad_request(f"unsupported parse_mode {mode}")

    def _validate_markup(self, raw: Any) -> JsonDict | None:
        if raw is None or raw == "":
            return None
        if not isinstance(raw, dict):
            raise ApiError.bad_request("can't parse reply keyboard markup JSON object")
        if "inline_keyboard" in raw:
            rows = raw["inline_keyboard"]
            if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
                raise ApiError.bad_request("can't parse inline keyboard button: array expected")
            for row in rows:
                for button in row:
                    self._validate_inline_button(button)
        return dict(raw)

    @staticmethod
    def _validate_inline_button(button: Any) -> None:
        if not isinstance(button, dict) or not isinstance(button.get("text"), str):
            raise ApiError.bad_request("can't parse inline keyboard button: Text must be String")
        actions = [key for key in _INLINE_BUTTON_ACTIONS if key in button]
        if not actions:
            raise ApiError.bad_request("text buttons are unallowed in the inline keyboard")
        if "callback_data" in button:
            size = len(str(button["callback_data"]).encode("utf-8"))
            if not 1 <= size <= MAX_CALLBACK_DATA_BYTES:
                raise ApiError.bad_request("BUTTON_DATA_INVALID")
        if "url" in button:
            url = str(button["url"])
            if not url.startswith(("http://", "https://", "tg://")):
                raise ApiError.bad_request(
                    f"inline keyboard button URL '{url}' is invalid: Wrong HTTP URL"
                )

    def _reply_target(self, chat: StoredChat, params: JsonDict) -> StoredMessage | None:
        reply = params.get("reply_parameters")
        if isinstance(reply, dict):
            message_id = reply.get("message_id")
            allow_missing = _as_bool(reply.get("allow_sending_without_reply", False))
        else:
            message_id = params.get("reply_to_message_id")
            allow_missing = _as_bool(params.get("allow_sending_without_reply", False))
        if message_id is None:
            return None
        target = chat.messages.get(_as_int(message_id, "message_id"))
        if target is None or target.deleted:
            if allow_missing:
                return None
            raise ApiError.bad_request("message to be replied not found")
        return target

    def _check_rate(self, method: str, chat: StoredChat) -> None:
        if method.lower() not in _RATE_LIMITED_METHODS:
            return
        violation = self.rate_limiter.check(method, chat.id, chat.type)
        if violation is not None and self.rate_limiter.enforce:
            raise ApiError(
                429,
                f"Too Many Requests: retry after {violation.retry_after}",
                {"retry_after": violation.retry_after},
            )

    def _store_bot_message(self, chat: StoredChat, message: StoredMessage) -> JsonDict:
        chat.messages[message.message_id] = message
        self._record_event(chat, "sent", message)
        return message.to_api(chat.to_api())

    def _new_bot_message(self, chat: StoredChat, params: JsonDict) -> StoredMessage:
        extra: JsonDict = {
            key: params[key]
            for key in ("disable_notification", "protect_content", "link_preview_options")
            if key in params
        }
        return StoredMessage(
            message_id=chat.next_message_id(),
            chat_id=chat.id,
            sender=self.bot,
            from_bot=True,
            date=int(self.wall_clock()),
            reply_to=self._reply_target(chat, params),
            extra=extra,
        )

    def _text_fields(self, params: JsonDict, *, caption: bool) -> tuple[str, str, list[JsonDict]]:
        """(raw, plain, entities) of the text or caption, validated; parse mode is in params."""
        key, entities_key = ("caption", "caption_entities") if caption else ("text", "entities")
        raw = params.get(key)
        raw_text = "" if raw is None else str(raw)
        if not caption and raw_text == "":
            raise ApiError.bad_request("message text is empty")
        plain, entities, _ = self._render(
            raw_text, params.get("parse_mode"), params.get(entities_key)
        )
        if caption:
            if utf16_len(plain) > MAX_CAPTION_LENGTH:
                raise ApiError.bad_request("message caption is too long")
        else:
            if not plain.strip():
                raise ApiError.bad_request("message text is empty")
            if utf16_len(plain) > MAX_TEXT_LENGTH:
                raise ApiError.bad_request("message is too long")
        return raw_text, plain, entities

    async def _send_message(self, call: _Request) -> JsonDict:
        chat = self._target_chat(call.params)
        raw, plain, entities = self._text_fields(call.params, caption=False)
        markup = self._validate_markup(call.params.get("reply_markup"))
        message = self._new_bot_message(chat, call.params)
        self._check_rate(call.method, chat)
        message.text, message.plain_text, message.entities = raw, plain, entities
        message.parse_mode = call.params.get("parse_mode") or None
        message.reply_markup = markup
        return self._store_bot_message(chat, message)

    def _input_file(
        self, call: _Request, field: str
    ) -> tuple[StoredFile | None, UploadedPart | None]:
        """An existing file (re-sent by file_id) or a new upload for ``field``."""
        value = call.params.get(field)
        if isinstance(value, str) and value.startswith("attach://"):
            part = call.uploads.get(value.removeprefix("attach://"))
            if part is None:
                raise ApiError.bad_request(f"file {value} not found in the request")
            return None, part
        if value is None:
            part = call.uploads.get(field)
            if part is None:
                raise ApiError.bad_request(f"there is no {field} in the request")
            return None, part
        file_id = str(value)
        if file_id.startswith(("http://", "https://")):
            raise ApiError.bad_request("failed to get HTTP URL content")
        stored = self.files.get(file_id)
        if stored is None:
            raise ApiError.bad_request("wrong file identifier/HTTP URL specified")
        return stored, None

    def _caption_message(self, call: _Request, chat: StoredChat) -> StoredMessage:
        raw, plain, entities = self._text_fields(call.params, caption=True)
        markup = self._validate_markup(call.params.get("reply_markup"))
        message = self._new_bot_message(chat, call.params)
        message.is_caption = True
        if plain:
            message.text, message.plain_text, message.entities = raw, plain, entities
            message.parse_mode = call.params.get("parse_mode") or None
        message.reply_markup = markup
        return message

    async def _send_document(self, call: _Request) -> JsonDict:
        chat = self._target_chat(call.params)
        stored, part = self._input_file(call, "document")
        message = self._caption_message(call, chat)
        if part is not None and not part.content:
            raise ApiError.bad_request("file must be non-empty")
        self._check_rate(call.method, chat)
        if part is not None:
            mime_type = mimetypes.guess_type(part.filename)[0] or "application/octet-stream"
            stored = self.register_file(part.content, file_name=part.filename, mime_type=mime_type)
        message.document = stored
        return self._store_bot_message(chat, message)

    async def _send_photo(self, call: _Request) -> JsonDict:
        chat = self._target_chat(call.params)
        stored, part = self._input_file(call, "photo")
        message = self._caption_message(call, chat)
        thumb: StoredFile | None = None
        if part is not None and _image_size(part.content) is None:
            raise ApiError.bad_request("IMAGE_PROCESS_FAILED")
        self._check_rate(call.method, chat)
        if part is not None:
            thumb, stored = self.register_photo(part.content)
        message.photo, message.photo_thumb = stored, thumb
        return self._store_bot_message(chat, message)

    async def _send_chat_action(self, call: _Request) -> bool:
        self._target_chat(call.params)
        if str(call.params.get("action", "")) not in _CHAT_ACTIONS:
            raise ApiError.bad_request("wrong parameter action in request")
        return True

    def _editable(self, call: _Request) -> tuple[StoredChat, StoredMessage]:
        if "inline_message_id" in call.params:
            raise ApiError.bad_request("MESSAGE_ID_INVALID")
        chat = self._target_chat(call.params)
        if call.params.get("message_id") is None:
            raise ApiError.bad_request("message identifier is not specified")
        message = chat.messages.get(_as_int(call.params["message_id"], "message_id"))
        if message is None or message.deleted:
            raise ApiError.bad_request("message to edit not found")
        if not message.from_bot:
            raise ApiError.bad_request("message can't be edited")
        return chat, message

    def _apply_edit(
        self,
        chat: StoredChat,
        message: StoredMessage,
        *,
        raw: str | None,
        plain: str | None,
        entities: list[JsonDict],
        parse_mode: str | None,
        markup: JsonDict | None,
    ) -> JsonDict:
        if markup is not None and "inline_keyboard" not in markup:
            raise ApiError.bad_request("inline keyboard expected")
        new_keyboard = markup["inline_keyboard"] if markup else []
        if (plain, entities, new_keyboard) == message.content_key():
            raise ApiError.bad_request(_NOT_MODIFIED)
        message.text, message.plain_text, message.entities = raw, plain, entities
        message.parse_mode = parse_mode
        message.reply_markup = markup
        message.edit_date = int(self.wall_clock())
        self._record_event(chat, "edited", message)
        return message.to_api(chat.to_api())

    async def _edit_message_text(self, call: _Request) -> JsonDict:
        chat, message = self._editable(call)
        if message.is_caption:
            raise ApiError.bad_request("there is no text in the message to edit")
        raw, plain, entities = self._text_fields(call.params, caption=False)
        markup = self._validate_markup(call.params.get("reply_markup"))
        return self._apply_edit(
            chat,
            message,
            raw=raw,
            plain=plain,
            entities=entities,
            parse_mode=call.params.get("parse_mode") or None,
            markup=markup,
        )

    async def _edit_message_caption(self, call: _Request) -> JsonDict:
        chat, message = self._editable(call)
        if not message.is_caption:
            raise ApiError.bad_request("there is no caption in the message to edit")
        raw, plain, entities = self._text_fields(call.params, caption=True)
        markup = self._validate_markup(call.params.get("reply_markup"))
        return self._apply_edit(
            chat,
            message,
            raw=raw or None,
            plain=plain or None,
            entities=entities,
            parse_mode=call.params.get("parse_mode") or None,
            markup=markup,
        )

    async def _edit_message_reply_markup(self, call: _Request) -> JsonDict:
        chat, message = self._editable(call)
        markup = self._validate_markup(call.params.get("reply_markup"))
        return self._apply_edit(
            chat,
            message,
            raw=message.text,
            plain=message.plain_text,
            entities=message.entities,
            parse_mode=message.parse_mode,
            markup=markup,
        )

    async def _delete_message(self, call: _Request) -> bool:
        chat = self._target_chat(call.params, check_blocked=False)
        if call.params.get("message_id") is None:
            raise ApiError.bad_request("message identifier is not specified")
        message = chat.messages.get(_as_int(call.params["message_id"], "message_id"))
        if message is None or message.deleted:
            raise ApiError.bad_request("message to delete not found")
        message.deleted = True
        self._record_event(chat, "deleted", message)
        return True

    async def _answer_callback_query(self, call: _Request) -> bool:
        query_id = str(call.params.get("callback_query_id", ""))
        if query_id not in self._pending_callbacks:
            raise ApiError.bad_request(_QUERY_TOO_OLD)
        self._pending_callbacks.discard(query_id)
        text = call.params.get("text")
        if text is not None and len(str(text)) > 200:
            raise ApiError.bad_request("MESSAGE_TOO_LONG")
        cache_time = call.params.get("cache_time")
        self.callback_answers[query_id] = CallbackAnswer(
            callback_query_id=query_id,
            text=None if text is None else str(text),
            show_alert=_as_bool(call.params.get("show_alert", False)),
            url=call.params.get("url"),
            cache_time=None if cache_time is None else _as_int(cache_time, "cache_time"),
        )
        self.changes.notify()
        return True

    async def _get_file(self, call: _Request) -> JsonDict:
        stored = self.files.get(str(call.params.get("file_id", "")))
        if stored is None:
            raise ApiError.bad_request("invalid file_id")
        if stored.file_size > MAX_DOWNLOAD_SIZE:
            raise ApiError.bad_request("file is too big")
        return stored.file_api()

    async def _get_chat(self, call: _Request) -> JsonDict:
        chat = self._target_chat(call.params, check_blocked=False)
        return chat.to_api() | {
            "accent_color_id": 0,
            "max_reaction_count": 11,
            "accepted_gift_types": {
                "unlimited_gifts": False,
                "limited_gifts": False,
                "unique_gifts": False,
                "premium_subscription": False,
                "gifts_from_channels": False,
            },
        }

    def _member_json(self, chat: StoredChat, user: UserInfo) -> JsonDict:
        if chat.type == "private":
            status = "member" if user.id in (chat.id, self.bot.id) else "left"
        else:
            status = chat.members.get(user.id, "left")
        data: JsonDict = {"status": status, "user": user.to_api()}
        if status == "creator":
            data["is_anonymous"] = False
        elif status == "administrator":
            data |= {
                "can_be_edited": False,
                "is_anonymous": False,
                "can_manage_chat": True,
                "can_delete_messages": True,
                "can_manage_video_chats": True,
                "can_restrict_members": True,
                "can_promote_members": False,
                "can_change_info": True,
                "can_invite_users": True,
                "can_post_stories": False,
                "can_edit_stories": False,
                "can_delete_stories": False,
                "can_send_welcome_messages": False,
                "can_pin_messages": True,
            }
        elif status == "kicked":
            data["until_date"] = 0
        return data

    async def _get_chat_member(self, call: _Request) -> JsonDict:
        chat = self._target_chat(call.params, check_blocked=False)
        user_id = _as_int(call.params.get("user_id"), "user_id")
        user = self.bot if user_id == self.bot.id else self.users.get(user_id)
        if user is None:
            raise ApiError.bad_request("user not found")
        return self._member_json(chat, user)

    async def _get_chat_administrators(self, call: _Request) -> list[JsonDict]:
        chat = self._target_chat(call.params, check_blocked=False)
        if chat.type == "private":
            raise ApiError.bad_request("there are no administrators in the private chat")
        admins = []
        for user_id, status in chat.members.items():
            if status in ("creator", "administrator"):
                user = self.bot if user_id == self.bot.id else self.users.get(user_id)
                if user is not None:
                    admins.append(self._member_json(chat, user))
        return admins
