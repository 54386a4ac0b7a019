"""A fake Telegram Bot API server for end-to-end tests of the bot.

The bot's real aiogram polling loop talks real HTTP to it; tests act as users and read what the
bot did. Typical use::

    async with FakeTelegramServer() as tg:
        alice = tg.user(1001, "Алиса", "Петрова", "alice")
        async with run_polling(build_dispatcher(), make_bot(tg), tg):
            await alice.send("/start abc123")
            reply = await alice.next_message()          # MessageView snapshot
            answer = await alice.press(reply, "Сохранить")  # CallbackAnswer
            edited = await alice.next_message()         # edited.edited is True
            await alice.expect_no_message()

Where to look:

* :class:`FakeTelegramServer` - lifecycle, ``user()``/``group()``, ``block()``, ``calls``,
  ``wait_for_call()``, ``faults``, ``rate_violations``, files, raw ``queue_update()``.
* :class:`UserHandle` / :class:`GroupHandle` (both :class:`ChatReader`) - sending as users,
  pressing buttons, ``next_message()``, ``messages``, ``message(id)``.
* :func:`run_polling` / :func:`make_bot` - running a Dispatcher against the server.
"""

from .actors import ChatReader, GroupHandle, UserHandle
from .faults import Fault, FaultRegistry, RateLimitConfig, RateViolation
from .models import (
    ApiCall,
    ApiError,
    Button,
    CallbackAnswer,
    ChatEvent,
    FakeTimeoutError,
    FileView,
    MessageView,
)
from .parse_mode import EntityParseError, parse_html
from .runner import PollingRun, make_bot, run_polling
from .server import DEFAULT_TOKEN, FakeTelegramServer

# The smallest valid PNG (1x1): sendPhoto rejects bytes that are not an image, like Telegram.
TINY_PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
    "0000000b49444154789c6360000200000500017a5eab3f0000000049454e44ae426082"
)

__all__ = [
    "DEFAULT_TOKEN",
    "TINY_PNG",
    "ApiCall",
    "ApiError",
    "Button",
    "CallbackAnswer",
    "ChatEvent",
    "ChatReader",
    "EntityParseError",
    "FakeTelegramServer",
    "FakeTimeoutError",
    "Fault",
    "FaultRegistry",
    "FileView",
    "GroupHandle",
    "MessageView",
    "PollingRun",
    "RateLimitConfig",
    "RateViolation",
    "UserHandle",
    "make_bot",
    "parse_html",
    "run_polling",
]
