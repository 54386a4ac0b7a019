"""aiogram routers, one module per feature; `routers()` builds fresh ones in order."""

from __future__ import annotations

from aiogram import Router

from handlers import (
    admin,
    cards,
    coordination,
    directory,
    drafts,
    extensions,
    fallback,
    lists,
    manage,
    people,
    review,
    start,
)


def routers() -> list[Router]:
    return [
        fallback.group_router(),
        start.router(),
        # Commands first, so that /my during a form is a command, not the form's input.
        people.router(),
        admin.router(),
        directory.router(),
        lists.router(),
        coordination.router(),
        cards.router(),
        review.router(),
        extensions.router(),
        manage.router(),
        drafts.router(),
        fallback.router(),
    ]
