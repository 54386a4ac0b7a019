"""/start (greeting, invite links, first administrator), /help and /cancel."""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import Command, CommandObject, CommandStart
from aiogram.fsm.context import FSMContext
from aiogram.types import Message

from bot import render
from bot.filters import PrivateChat
from bot.middlewares import PUBLIC_FLAG
from bot.texts import core as t
from handlers.menu import commands_for
from storage.models import Person, Role
from tracking.service import InviteOutcome, Tracker


def router() -> Router:
    r = Router(name=__name__)
    r.message.filter(PrivateChat())
    r.message.register(cmd_start, CommandStart(), flags={PUBLIC_FLAG: True})
    r.message.register(cmd_help, Command("help"), flags={PUBLIC_FLAG: True})
    r.message.register(cmd_cancel, Command("cancel"), flags={PUBLIC_FLAG: True})
    return r


def greeting(person: Person) -> str:
    head = t.GREETING.format(name=person.full_name, roles=render.roles_ru(person.roles))
    lines = [render.esc(head), "", render.esc(t.COMMANDS_HEADER)]
    lines += [f"/{name} — {render.esc(text)}" for name, text in commands_for(person)]
    return "\n".join(lines)


async def cmd_start(
    message: Message,
    command: CommandObject,
    tracker: Tracker,
    actor: Person | None,
    state: FSMContext,
) -> None:
    user = message.from_user
    assert user is not None
    await state.clear()
    if command.args:
        result = await tracker.redeem_invite(command.args.strip(), user.id, user.username)
        if result.outcome is InviteOutcome.INVALID and actor is not None:
            # Their own link opened again: it was used up when it linked them.
            await message.answer(render.esc(t.INVITE_ALREADY_YOURS))
            await message.answer(greeting(actor))
            return
        if result.outcome is InviteOutcome.INVALID:
            await message.answer(render.esc(t.INVITE_INVALID))
            return
        if result.outcome is InviteOutcome.EXPIRED:
            await message.answer(render.esc(t.INVITE_EXPIRED))
            return
        if result.outcome is InviteOutcome.ACCOUNT_TAKEN:
            assert result.person is not None
            await message.answer(
                render.esc(t.INVITE_ACCOUNT_TAKEN.format(name=result.person.short_name))
            )
            return
        assert result.person is not None
        head = (
            t.INVITE_LINKED if result.outcome is InviteOutcome.LINKED else t.INVITE_ALREADY_YOURS
        )
        await message.answer(render.esc(head.format(name=result.person.full_name)))
        person = result.person
        # An ADMIN_IDS account is an administrator however it first came.
        admin = await tracker.bootstrap_admin(user.id, user.full_name, user.username)
        if admin is not None and Role.ADMIN not in person.roles:
            await message.answer(render.esc(t.ADMIN_WELCOME))
            person = admin
        await message.answer(greeting(person))
        return
    if actor is None:
        linked = await tracker.link_by_username(user.id, user.username)
        if linked is not None:
            await message.answer(render.esc(t.USERNAME_LINKED))
            actor = linked
    admin = await tracker.bootstrap_admin(user.id, user.full_name, user.username)
    if admin is not None and (actor is None or Role.ADMIN not in actor.roles):
        await message.answer(render.esc(t.ADMIN_WELCOME))
        actor = admin
    if actor is None:
        await message.answer(render.esc(t.GREETING_STRANGER))
        return
    await message.answer(greeting(actor))


async def cmd_help(message: Message, actor: Person | None) -> None:
    if actor is None:
        await message.answer(render.esc(t.GREETING_STRANGER))
        return
    await message.answer(greeting(actor))


async def cmd_cancel(message: Message, state: FSMContext) -> None:
    if await state.get_state() is None:
        await message.answer(render.esc(t.NOTHING_TO_CANCEL))
        return
    await state.clear()
    await message.answer(render.esc(t.CANCELLED))
