"""A faster start for every aiogram Telegram object: its bot set in one step.

Every Telegram type derives from aiogram's `BotContextController`, whose only private
attribute is the bot the object belongs to, set in `model_post_init`. Pydantic wraps that
method, in each of the ~400 subclasses, with a generic initialisation of private attributes
that looks up the attribute's (absent) default through an import and a deep copy, then calls
the parent's, itself wrapped the same way. Each object of an answer from Telegram (a list
message brings its chat, its sender, its entities and a dozen buttons) paid for that: about
half the time of parsing such an answer, a tenth of the bot's CPU per update
(`bench/bench_updates.py`).

`speed_up_post_init` gives each such class a `model_post_init` that leaves the object exactly
as the wrapped chain did: ``__pydantic_private__ == {"_bot": <the bot or None>}``. A class
with any other private attribute or its own `model_post_init` keeps pydantic's.
"""

from __future__ import annotations

import inspect
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # imported when called: aiogram must be imported by bot/aiogram_lazy.py
    from aiogram.client.context_controller import BotContextController


def _post_init(self: BotContextController, context: Any, /) -> None:
    bot = context.get("bot") if context else None
    private = getattr(self, "__pydantic_private__", None)
    if private is None:
        object.__setattr__(self, "__pydantic_private__", {"_bot": bot})
    else:  # set already (a copy, or a subclass's own attributes): only the bot changes
        private["_bot"] = bot


def _subclasses(cls: type[BotContextController]) -> Iterator[type[BotContextController]]:
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


def speed_up_post_init() -> int:
    """Patch the Telegram types defined so far; returns how many were patched."""
    from aiogram.client.context_controller import BotContextController

    original = inspect.unwrap(BotContextController.model_post_init)
    patched = 0
    # Not the base class itself: a subclass declared later wraps the base's method, and
    # keeps pydantic's way for whatever private attributes it adds.
    for cls in set(_subclasses(BotContextController)):
        if cls.model_post_init is _post_init or set(cls.__private_attributes__) != {"_bot"}:
            continue
        if inspect.unwrap(cls.model_post_init) is original:
            cls.model_post_init = _post_init  # type: ignore[method-assign, assignment]
            patched += 1
    return patched
