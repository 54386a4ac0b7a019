"""Routing stays on the event loop and cheap.

aiogram runs a handler or filter that is a plain function in a worker thread
(`asyncio.to_thread`): a magic filter such as ``F.text`` and a bare ``State`` included. Each
check is then a round trip through the thread pool, contending for the GIL with the event
loop, for every update that reaches the handler. The bot's routers use async filters only.
"""

from __future__ import annotations

from collections.abc import Iterator

from aiogram import F, Router
from aiogram.dispatcher.event.handler import CallableObject
from aiogram.dispatcher.event.telegram import TelegramEventObserver
from aiogram.filters.callback_data import CallbackQueryFilter
from aiogram.types import CallbackQuery, User

import handlers
from bot.callbacks import (
    CardAction,
    CardCallback,
    ListKind,
    PageCallback,
    ProtocolAction,
    ProtocolCallback,
    ReviewAction,
    ReviewCallback,
)
from bot.filters import Pressed


def _observers(router: Router) -> Iterator[tuple[str, TelegramEventObserver]]:
    for name, observer in router.observers.items():
        yield f"{router.name}.{name}", observer
    for sub in router.sub_routers:
        yield from _observers(sub)


def _callables() -> Iterator[tuple[str, CallableObject]]:
    for router in handlers.routers():
        for where, observer in _observers(router):
            for check in observer._handler.filters or ():  # the router-level filters
                yield f"{where} (router filter)", check
            for handler in observer.handlers:
                name = getattr(handler.callback, "__name__", repr(handler.callback))
                yield f"{where}: {name}", handler
                for check in handler.filters or ():
                    yield f"{where}: {name}, filter {check.callback!r}", check


def test_every_handler_and_filter_is_awaited_on_the_event_loop() -> None:
    callables = list(_callables())
    assert len(callables) > 100  # the walk reached the routers' handlers and their filters
    in_threads = [where for where, callable_ in callables if not callable_.awaitable]
    assert in_threads == []


def _query(data: str | None) -> CallbackQuery:
    user = User(id=1, is_bot=False, first_name="Дарья")
    return CallbackQuery(id="1", from_user=user, chat_instance="1", data=data)


async def test_pressed_matches_what_the_callback_data_filter_matches() -> None:
    kinds = [CardCallback, PageCallback, ReviewCallback, ProtocolCallback]
    pressed = [CardCallback(action=action, assignee_id=7).pack() for action in CardAction] + [
        PageCallback(kind=ListKind.MY, page=2).pack(),
        ReviewCallback(action=ReviewAction.RETURN, assignee_id=5).pack(),
        ProtocolCallback(action=ProtocolAction.EXPORT, protocol_id=3).pack(),
        ProtocolCallback(action=ProtocolAction.OPEN, protocol_id=3, page=4).pack(),
    ]
    forged = ["", "c", "c:", "c:3", "c:3:x", "c:9:1", "c:3:1:1", "cc:3:1", "p:1", "pr:1:1:1:1"]
    filters: list[tuple[Pressed, CallbackQueryFilter]] = [
        (Pressed(kind), kind.filter()) for kind in kinds
    ]
    filters += [
        (Pressed(CardCallback, action=action), CardCallback.filter(F.action == action))
        for action in CardAction
    ]
    filters.append(
        (
            Pressed(CardCallback, action=(CardAction.DONE, CardAction.REPORT)),
            CardCallback.filter(F.action.in_({CardAction.DONE, CardAction.REPORT})),
        )
    )
    filters += [
        (Pressed(PageCallback, kind=kind), PageCallback.filter(F.kind == kind))
        for kind in ListKind
    ]
    matched = 0
    for raw in pressed + forged:
        for ours, theirs in filters:
            expected = await theirs(_query(raw))
            assert await ours(_query(raw)) == expected, (raw, ours.data, ours.where)
            matched += bool(expected)
    # Each by its kind; card buttons and the «my» page also by value; DONE and REPORT by the pair.
    assert matched == len(pressed) + len(CardAction) + 1 + 2
    assert await Pressed(CardCallback)(_query(None)) is False


async def test_a_button_packed_before_fields_were_added_parses_with_their_defaults() -> None:
    # A review message sent before review buttons carried the report: "r:1:5".
    accept = Pressed(ReviewCallback, action=ReviewAction.ACCEPT)
    assert await accept(_query("r:1:5")) == {
        "callback_data": ReviewCallback(action=ReviewAction.ACCEPT, assignee_id=5, report_id=0)
    }
    assert await accept(_query("r:1:5:9")) == {
        "callback_data": ReviewCallback(action=ReviewAction.ACCEPT, assignee_id=5, report_id=9)
    }
    # Only fields with a default may be missing, and no more than are there.
    assert await accept(_query("r:1")) is False
    assert await accept(_query("r:1:5:9:1")) is False
    assert await accept(_query("r:2:5")) is False  # the other action
    # A kind whose last field has a default.
    opened = Pressed(ProtocolCallback)
    assert await opened(_query("pr:1:3")) == {
        "callback_data": ProtocolCallback(action=ProtocolAction.OPEN, protocol_id=3, page=0)
    }
