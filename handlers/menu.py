"""Which commands a person sees (in /help and in Telegram's command menu)."""

from __future__ import annotations

from bot.texts import core as t
from storage.models import Person, Role
from tracking.rules import CREATORS, DIRECTORY_EDITORS, OVERSEERS, ROLE_EDITORS

COMMAND_ROLES: dict[str, tuple[Role, ...] | None] = {
    "my": None,
    "new": CREATORS,
    "overdue": OVERSEERS,
    "digest": OVERSEERS,
    "protocols": OVERSEERS,
    "export": OVERSEERS,
    "discipline": OVERSEERS,
    "history": None,
    "a": None,
    "person": DIRECTORY_EDITORS,
    "people": DIRECTORY_EDITORS,
    "import": DIRECTORY_EDITORS,
    "people_export": DIRECTORY_EDITORS,
    "role": ROLE_EDITORS,
    "invite": DIRECTORY_EDITORS,
    "invited": DIRECTORY_EDITORS,
    "remove": DIRECTORY_EDITORS,
    "backup": (Role.ADMIN,),
    "cancel": None,
    "help": None,
}


def commands_for(person: Person) -> list[tuple[str, str]]:
    return [
        (name, t.COMMAND_HELP[name])
        for name, roles in COMMAND_ROLES.items()
        if roles is None or person.has_any(*roles)
    ]


def menu() -> list[tuple[str, str]]:
    """The command menu everyone sees; commands one may not use answer with a refusal."""
    return [(name, t.COMMAND_HELP[name][:256]) for name in COMMAND_ROLES]
