"""Three of aiogram's per-object and per-handler costs, made small without changing results.

A faster start for every aiogram Telegram object: its bot set in one step.

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

`speed_up_bot_property` reads that bot back from ``__pydantic_private__`` directly: pydantic's
route for a private attribute asks the attribute's descriptor for ``__get__`` through a
``__getattr__`` first (about 3 % of the bot's main thread, every ``message.answer`` and
every method call reads it).

`speed_up_middleware_wrapping`: aiogram wraps each handler call in its middlewares with a
fresh ``functools.wraps`` copy of the handler's metadata, per router on the way and per
handler called (about 4 % of the main thread); nothing reads that metadata, so the wrapper
is made without it. The chain itself (order, arguments, results) is aiogram's.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # imported when called: aiogram must be imported by bot/aiogram_lazy.py
    from aiogram import Bot
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


_MISSING = object()
_pydantic_bot: Callable[[Any], Bot | None] | None = None


def _bot(self: BotContextController) -> Bot | None:
    private = self.__pydantic_private__
    if private is not None:
        bot = private.get("_bot", _MISSING)
        if bot is not _MISSING:
            return bot  # type: ignore[no-any-return]
    assert _pydantic_bot is not None
    return _pydantic_bot(self)  # not initialised the usual way: as pydantic answers


def speed_up_bot_property() -> bool:
    """Give `BotContextController.bot` the direct read; False if it has it already."""
    global _pydantic_bot
    from aiogram.client.context_controller import BotContextController

    current = BotContextController.__dict__["bot"]
    if current.fget is _bot:
        return False
    _pydantic_bot = current.fget
    BotContextController.bot = property(_bot, doc=current.__doc__)  # type: ignore[method-assign, assignment]
    return True


def _wrap_middlewares(middlewares: Sequence[Any], handler: Callable[..., Any]) -> Any:
    """aiogram's `MiddlewareManager.wrap_middlewares` without ``functools.wraps``."""

    def handler_wrapper(event: Any, kwargs: dict[str, Any]) -> Any:
        return handler(event, **kwargs)

    middleware: Callable[..., Any] = handler_wrapper
    for m in reversed(middlewares):
        middleware = functools.partial(m, middleware)
    return middleware


_aiogram_wrap_middlewares: Callable[..., Any] | None = None


def speed_up_middleware_wrapping() -> bool:
    """Give `MiddlewareManager` the lighter wrapper; False if it has it already."""
    global _aiogram_wrap_middlewares
    from aiogram.dispatcher.middlewares.manager import MiddlewareManager

    current = MiddlewareManager.__dict__["wrap_middlewares"].__func__
    if current is _wrap_middlewares:
        return False
    _aiogram_wrap_middlewares = current
    MiddlewareManager.wrap_middlewares = staticmethod(_wrap_middlewares)  # type: ignore[method-assign]
    return True
