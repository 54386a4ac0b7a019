"""Telegram objects get their bot in one step (bot/aiogram_fast.py), as pydantic's chain did."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from typing import Any

from aiogram.client.context_controller import BotContextController
from aiogram.dispatcher.middlewares.manager import MiddlewareManager
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from pydantic import BaseModel, PrivateAttr

from bot import aiogram_fast
from bot.aiogram_fast import _post_init, speed_up_post_init
from tests.unit.test_aiogram_lazy import UPDATES

#: Prints, for every Telegram object inside the updates and a keyboard built by hand, its
#: type, its private attributes and whether its bot is the one given.
WALK = """
import json
{prelude}
from aiogram.client.context_controller import BotContextController
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup, Update
from pydantic import BaseModel

BOT = object()

def walk(value, found):
    if isinstance(value, BotContextController):
        bot = value.__pydantic_private__.get("_bot", "missing")
        found.append([type(value).__name__, sorted(value.__pydantic_private__),
                      "given" if bot is BOT else repr(bot)])
    if isinstance(value, BaseModel):
        for name in type(value).model_fields:
            walk(getattr(value, name), found)
    elif isinstance(value, (list, tuple)):
        for item in value:
            walk(item, found)
    return found

updates = [Update.model_validate(u, context={{"bot": BOT}}) for u in json.loads({updates!r})]
markup = InlineKeyboardMarkup(
    inline_keyboard=[[InlineKeyboardButton(text="✅", callback_data="d:3:4")]]
)
bound = markup.as_(BOT)
print(json.dumps([walk(updates, []), walk(markup, []), walk(markup.model_copy(), []),
                  bound is markup and markup.bot is BOT]))
"""


def _run(prelude: str) -> Any:
    code = WALK.format(prelude=prelude, updates=json.dumps(UPDATES, ensure_ascii=False))
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_objects_end_up_as_pydantic_leaves_them() -> None:
    fast = _run("import bot")
    plain = _run("import aiogram")  # pydantic's own initialisation, nothing patched
    assert fast == plain
    parsed, built, copied, bound = fast
    assert copied == built
    assert len(parsed) > 15 and all(entry[1:] == [["_bot"], "given"] for entry in parsed)
    assert [entry[0] for entry in built] == ["InlineKeyboardMarkup", "InlineKeyboardButton"]
    assert bound is True


def test_the_telegram_types_take_the_short_way() -> None:
    assert Message.model_post_init is _post_init
    assert Update.model_post_init is _post_init
    assert InlineKeyboardButton.model_post_init is _post_init
    assert InlineKeyboardMarkup.model_post_init is _post_init
    assert speed_up_post_init() == 0  # patched once, at import


def test_a_type_with_more_to_initialise_keeps_pydantics_way() -> None:
    class Extra(BotContextController):
        _extra: int = PrivateAttr(default=7)

    class OwnInit(BotContextController):
        def model_post_init(self, context: Any, /) -> None:
            super().model_post_init(context)
            object.__setattr__(self, "marked", True)

    assert speed_up_post_init() == 0
    assert Extra.model_post_init is not _post_init
    assert OwnInit.model_post_init is not _post_init
    extra = Extra.model_validate({}, context={"bot": "B"})
    assert extra.__pydantic_private__ == {"_bot": "B", "_extra": 7}
    assert OwnInit.model_validate({}).__dict__.get("marked") is True
    assert isinstance(extra, BaseModel)


def test_the_bot_is_read_back_as_pydantic_reads_it() -> None:
    assert aiogram_fast.speed_up_bot_property() is False  # patched once, at import
    original = aiogram_fast._pydantic_bot
    assert original is not None and original is not aiogram_fast._bot

    class Extra(BotContextController):
        _extra: int = PrivateAttr(default=7)

    bot = object()
    update = Update.model_validate(UPDATES[0], context={"bot": bot})
    objects: list[BotContextController] = [
        update,
        update.model_copy(),
        Message.model_validate(UPDATES[0]["message"]),  # no bot given
        InlineKeyboardMarkup(inline_keyboard=[]).as_(bot),  # type: ignore[arg-type]
        Extra.model_validate({}, context={"bot": bot}),
        Extra(),
    ]
    for value in objects:
        assert value.bot is original(value)
    assert objects[0].bot is bot and objects[2].bot is None and objects[3].bot is bot

    bare = Message.model_construct()  # type: ignore[call-arg]  # never initialised: pydantic's own answer, whatever it is
    try:
        expected: Any = original(bare)
    except AttributeError as error:
        expected = type(error)
    try:
        got: Any = bare.bot
    except AttributeError as error:
        got = type(error)
    assert got == expected


async def test_handlers_are_wrapped_in_middlewares_as_aiogram_does() -> None:
    assert aiogram_fast.speed_up_middleware_wrapping() is False  # patched once, at import
    original = aiogram_fast._aiogram_wrap_middlewares
    assert original is not None
    assert MiddlewareManager.wrap_middlewares is aiogram_fast._wrap_middlewares

    def run(wrap: Any) -> tuple[list[str], Any]:
        seen: list[str] = []

        def middleware(name: str) -> Any:
            def call(handler: Any, event: Any, data: dict[str, Any]) -> Any:
                seen.append(f"{name}>{event}:{sorted(data)}")
                data[name] = True
                result = handler(event, data)
                seen.append(f"<{name}")
                return result

            return call

        def handler(event: Any, **kwargs: Any) -> Any:
            seen.append(f"handler:{event}:{sorted(kwargs)}")
            return ("done", event, sorted(kwargs))

        chain = wrap([middleware("outer"), middleware("inner")], handler)
        return seen, chain("update", {"bot": 1})

    fast = run(aiogram_fast._wrap_middlewares)
    assert fast == run(original)
    assert fast[1] == ("done", "update", ["bot", "inner", "outer"])
    assert fast[0][:2] == ["outer>update:['bot']", "inner>update:['bot', 'outer']"]
