"""The directory: /person adds someone and gives an invite link, /people lists, /role."""

from __future__ import annotations

import datetime as dt

from aiogram import Bot, Router
from aiogram.filters import Command, CommandObject
from aiogram.types import Message
from aiogram.utils.deep_linking import create_start_link

from bot import render
from bot.filters import PrivateChat
from bot.middlewares import ROLES_FLAG
from bot.texts import core as t
from handlers.feedback import parse_id
from storage.models import Person, Role
from tracking.rules import DIRECTORY_EDITORS, ROLE_EDITORS, Outcome
from tracking.service import Tracker

ROLE_WORDS: dict[str, Role] = {name: Role(key) for key, name in t.ROLE_NAMES.items()} | {
    "контролер": Role.CONTROLLER,
    **{r.value: r for r in Role},
}


def router() -> Router:
    r = Router(name=__name__)
    r.message.filter(PrivateChat())
    r.message.register(cmd_person, Command("person"), flags={ROLES_FLAG: DIRECTORY_EDITORS})
    r.message.register(cmd_people, Command("people"), flags={ROLES_FLAG: DIRECTORY_EDITORS})
    r.message.register(cmd_role, Command("role"), flags={ROLES_FLAG: ROLE_EDITORS})
    r.message.register(cmd_invite, Command("invite"), flags={ROLES_FLAG: DIRECTORY_EDITORS})
    r.message.register(cmd_invited, Command("invited"), flags={ROLES_FLAG: DIRECTORY_EDITORS})
    r.message.register(cmd_remove, Command("remove"), flags={ROLES_FLAG: DIRECTORY_EDITORS})
    return r


MAX_NAME = 200
MAX_FIELD = 300


def parse_person_args(args: str | None) -> tuple[str, str | None, str | None] | None:
    """`Фамилия Имя Отчество; должность; организация` → parts; None when there is no name."""
    parts = [p.strip() for p in (args or "").split(";")]
    name = " ".join(parts[0].split()) if parts else ""
    if len(name) < 2 or not any(ch.isalpha() for ch in name) or len(parts) > 3:
        return None
    if len(name) > MAX_NAME or any(len(p) > MAX_FIELD for p in parts[1:]):
        return None
    position = parts[1] or None if len(parts) > 1 else None
    organisation = parts[2] or None if len(parts) > 2 else None
    return name, position, organisation


async def cmd_person(
    message: Message, command: CommandObject, tracker: Tracker, actor: Person, bot: Bot
) -> None:
    parsed = parse_person_args(command.args)
    if parsed is None:
        await message.answer(render.esc(t.PERSON_USAGE))
        return
    person = await tracker.add_person(actor, *parsed)
    assert person.invite_token is not None
    link = await create_start_link(bot, person.invite_token)
    text = t.PERSON_ADDED.format(name=person.full_name, id=person.id, link=link)
    # The same «Фамилия И.О.»: protocols name both alike, so the secretary will be asked.
    namesakes = [
        p
        for p in await tracker.directory()
        if p.id != person.id and p.short_name.casefold() == person.short_name.casefold()
    ]
    if namesakes:
        listed = render.listing([f"{p.full_name} (ID {p.id})" for p in namesakes])
        text += "\n\n" + t.PERSON_NAMESAKES.format(short=person.short_name, names=listed)
    await message.answer(render.esc(text))


async def cmd_people(message: Message, tracker: Tracker, bot: Bot) -> None:
    people = await tracker.directory()
    if not people:
        await message.answer(render.esc(t.PEOPLE_EMPTY))
        return
    blocks = [render.esc(t.PEOPLE_HEADER.format(count=len(people)))]
    now = tracker.now()
    expired = {p.id for p, expires in await tracker.invited() if expires and expires < now}
    for p in people:
        state = ""
        if not p.linked:
            state = t.PERSON_NOT_LINKED_MARK
        elif p.unreachable_since is not None:
            state = t.PERSON_UNREACHABLE_MARK
        line = t.PEOPLE_LINE.format(
            id=p.id,
            name=p.full_name,
            position=f", {p.position}" if p.position else "",
            org=f", {p.organisation}" if p.organisation else "",
            roles=render.roles_ru(p.roles),
            state=state,
        )
        if p.id in expired:  # the link would only say so
            line += "\n" + t.PEOPLE_LINK_EXPIRED.format(id=p.id)
        elif not p.linked and p.invite_token:
            line += "\n" + await create_start_link(bot, p.invite_token)
        blocks.append(render.esc(line))
    for chunk in render.pack(blocks):
        await message.answer(chunk)


async def cmd_role(
    message: Message, command: CommandObject, tracker: Tracker, actor: Person
) -> None:
    words = (command.args or "").split()
    person_id = parse_id(words[0]) if len(words) == 2 else None
    if person_id is None:
        await message.answer(render.esc(t.ROLE_USAGE))
        return
    word = words[1].lower()
    grant = not word.startswith("-")
    role = ROLE_WORDS.get(word.lstrip("-+").replace("ё", "е")) or ROLE_WORDS.get(word.lstrip("-+"))
    if role is None:
        await message.answer(render.esc(t.ROLE_USAGE))
        return
    outcome = await tracker.set_role(actor, person_id, role, grant)
    if outcome is Outcome.FORBIDDEN:
        await message.answer(render.esc(t.ROLE_LAST_ADMIN))
        return
    if outcome is not Outcome.OK:
        await message.answer(render.esc(t.ROLE_PERSON_NOT_FOUND.format(id=person_id)))
        return
    person = await tracker.person(person_id)
    assert person is not None
    await message.answer(
        render.esc(t.ROLE_DONE.format(name=person.short_name, roles=render.roles_ru(person.roles)))
    )


def _person_id(command: CommandObject) -> int | None:
    return parse_id(command.args)


async def cmd_invite(
    message: Message, command: CommandObject, tracker: Tracker, actor: Person, bot: Bot
) -> None:
    person_id = _person_id(command)
    if person_id is None:
        await message.answer(render.esc(t.INVITE_USAGE))
        return
    outcome, person = await tracker.reissue_invite(actor, person_id)
    if outcome is Outcome.FORBIDDEN:
        await message.answer(render.esc(t.INVITE_ADMIN_ONLY))
        return
    if person is None or person.invite_token is None:
        await message.answer(render.esc(t.ROLE_PERSON_NOT_FOUND.format(id=person_id)))
        return
    link = await create_start_link(bot, person.invite_token)
    until = tracker.today() + dt.timedelta(days=tracker.invite_ttl_days)
    await message.answer(
        render.esc(
            t.INVITE_REISSUED.format(
                name=person.full_name, until=render.short_date(until), link=link
            )
        )
    )


async def cmd_invited(message: Message, tracker: Tracker) -> None:
    invited = await tracker.invited()
    if not invited:
        await message.answer(render.esc(t.INVITED_NONE))
        return
    now = tracker.now()
    blocks = [render.esc(t.INVITED_HEADER.format(count=len(invited)))]
    for person, expires in invited:
        if expires is not None and expires < now:
            state = t.INVITED_EXPIRED.format(id=person.id)
        else:
            local = expires.astimezone(tracker.policy.tz).date() if expires else None
            state = t.INVITED_VALID.format(until=render.short_date(local))
        blocks.append(
            render.esc(t.INVITED_LINE.format(id=person.id, name=person.full_name, state=state))
        )
    for chunk in render.pack(blocks):
        await message.answer(chunk)


async def cmd_remove(
    message: Message, command: CommandObject, tracker: Tracker, actor: Person
) -> None:
    person_id = _person_id(command)
    if person_id is None:
        await message.answer(render.esc(t.REMOVE_USAGE))
        return
    removed = await tracker.remove_person(actor, person_id)
    if removed is None:
        await message.answer(render.esc(t.REMOVE_NOT_FOUND.format(id=person_id)))
        return
    text = t.REMOVE_DONE.format(name=removed.person.full_name)
    if removed.taken_off:
        numbers = render.listing([f"№{n}" for n in removed.taken_off], shown=20)
        text += "\n" + t.REMOVE_TAKEN_OFF.format(numbers=numbers)
    if removed.control_passed:
        text += "\n" + t.REMOVE_CONTROL_PASSED.format(count=removed.control_passed)
    await message.answer(render.esc(text))
