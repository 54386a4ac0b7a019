"""/protocols with progress, a protocol's card, /export control sheets, /discipline."""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import Command, CommandObject
from aiogram.types import (
    BufferedInputFile,
    CallbackQuery,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Message,
)
from aiogram.utils.callback_answer import CallbackAnswer

from bot import render
from bot.callbacks import ListKind, PageCallback, ProtocolAction, ProtocolCallback
from bot.exports import control_workbook, discipline_workbook
from bot.filters import Pressed, PrivateChat
from bot.middlewares import ROLES_FLAG
from bot.texts import core as t
from handlers.feedback import edit, pressed_message, refuse
from storage.models import AssigneeStatus, AssigneeView, Protocol
from tracking.reports import Progress, assignment_done, by_assignment, progress, report_period
from tracking.rules import OVERSEERS, clamp_page, is_overdue
from tracking.service import Tracker

PAGE_SIZE = 8
PROTOCOLS_PAGE_SIZE = 10


def router() -> Router:
    r = Router(name=__name__)
    r.message.filter(PrivateChat())
    overseers = {ROLES_FLAG: OVERSEERS}
    r.message.register(cmd_protocols, Command("protocols"), flags=overseers)
    r.message.register(cmd_export, Command("export"), flags=overseers)
    r.message.register(cmd_discipline, Command("discipline"), flags=overseers)
    r.callback_query.register(on_protocol, Pressed(ProtocolCallback), flags=overseers)
    r.callback_query.register(
        on_protocols_page,
        Pressed(PageCallback, kind=ListKind.PROTOCOLS),
        flags=overseers,
    )
    return r


def _title(protocol: Protocol | None) -> str:
    if protocol is None:
        return t.SINGLES_TITLE
    return render.protocol_ru(protocol) or f"#{protocol.id}"


def protocols_page(
    items: list[Progress], total: int, page: int, pages: int
) -> tuple[str, InlineKeyboardMarkup | None]:
    """A page of `/protocols`: each protocol with its progress and a button to open it."""
    if not total:
        return render.esc(t.PROTOCOLS_EMPTY), None
    blocks = [f"<b>{render.esc(t.PROTOCOLS_HEADER.format(count=total))}</b>"]
    buttons = []
    for number, item in enumerate(items, start=page * PROTOCOLS_PAGE_SIZE + 1):
        line = t.PROTOCOL_LINE.format(
            title=render.snippet(_title(item.protocol), 200),
            done=item.done,
            total=item.total,
            overdue=item.overdue,
        )
        blocks.append(f"{number}. " + render.esc(line))
        pid = item.protocol.id if item.protocol else 0
        data = ProtocolCallback(action=ProtocolAction.OPEN, protocol_id=pid).pack()
        buttons.append(InlineKeyboardButton(text=str(number), callback_data=data))
    if pages > 1:
        blocks.append(render.esc(t.PAGE.format(page=page + 1, pages=pages)))
    rows = [buttons[i : i + 5] for i in range(0, len(buttons), 5)]
    nav = []
    if page > 0:
        back = PageCallback(kind=ListKind.PROTOCOLS, page=page - 1).pack()
        nav.append(InlineKeyboardButton(text=t.BTN_PREV, callback_data=back))
    if page + 1 < pages:
        forward = PageCallback(kind=ListKind.PROTOCOLS, page=page + 1).pack()
        nav.append(InlineKeyboardButton(text=t.BTN_NEXT, callback_data=forward))
    if nav:
        rows.append(nav)
    return "\n\n".join(blocks), InlineKeyboardMarkup(inline_keyboard=rows)


async def cmd_protocols(message: Message, tracker: Tracker) -> None:
    text, markup = protocols_page(*await tracker.protocols_page(0, PROTOCOLS_PAGE_SIZE))
    await message.answer(text, reply_markup=markup)


async def on_protocols_page(
    callback: CallbackQuery, callback_data: PageCallback, tracker: Tracker
) -> None:
    message = pressed_message(callback)
    if message is not None:
        listed = await tracker.protocols_page(callback_data.page, PROTOCOLS_PAGE_SIZE)
        text, markup = protocols_page(*listed)
        await edit(message, text, markup)


def protocol_card(
    protocol: Protocol | None, views: list[AssigneeView], page: int, tracker: Tracker
) -> tuple[str, InlineKeyboardMarkup]:
    now, tz = tracker.now(), tracker.policy.tz
    stats = progress(protocol, views, now, tz)
    groups = by_assignment(views)
    page, pages = clamp_page(page, len(groups), PAGE_SIZE)
    lines = [
        f"<b>{render.esc(t.PROTOCOL_CARD_TITLE.format(title=_title(protocol)))}</b>",
        render.esc(
            t.PROTOCOL_CARD_PROGRESS.format(
                done=stats.done, total=stats.total, overdue=stats.overdue
            )
        ),
    ]
    for group in groups[page * PAGE_SIZE : (page + 1) * PAGE_SIZE]:
        a = group[0].assignment
        late = any(is_overdue(v, now, tz) for v in group)
        # As the progress line counts: done when everyone not taken off was accepted; an
        # assignment everyone was taken off is nobody's any more, as a cancelled one.
        gone = a.cancelled_at is not None or all(
            v.assignee.status is AssigneeStatus.CANCELLED for v in group
        )
        mark = "❌" if gone else "✅" if assignment_done(group) else "🔴" if late else "▫️"
        people = render.listing(
            [f"{v.person.short_name} ({t.STATUS_NAMES[v.assignee.status.value]})" for v in group],
            shown=5,
        )
        lines.append(
            render.esc(
                t.PROTOCOL_CARD_ITEM.format(
                    mark=mark,
                    id=a.id,
                    number=f" (п. {a.item_number})" if a.item_number else "",
                    deadline=render.short_date(group[0].deadline),
                    text=render.snippet(a.text, 150),
                    people=people,
                )
            )
        )
    if pages > 1:
        lines.append(render.esc(t.PAGE.format(page=page + 1, pages=pages)))
    pid = protocol.id if protocol else 0

    def cb(action: ProtocolAction, to_page: int = 0) -> str:
        return ProtocolCallback(action=action, protocol_id=pid, page=to_page).pack()

    nav = []
    if page > 0:
        nav.append(
            InlineKeyboardButton(text=t.BTN_PREV, callback_data=cb(ProtocolAction.OPEN, page - 1))
        )
    nav.append(InlineKeyboardButton(text=t.BTN_EXPORT, callback_data=cb(ProtocolAction.EXPORT)))
    if page + 1 < pages:
        nav.append(
            InlineKeyboardButton(text=t.BTN_NEXT, callback_data=cb(ProtocolAction.OPEN, page + 1))
        )
    return "\n\n".join(lines), InlineKeyboardMarkup(inline_keyboard=[nav])


async def on_protocol(
    callback: CallbackQuery,
    callback_data: ProtocolCallback,
    tracker: Tracker,
    callback_answer: CallbackAnswer,
) -> None:
    message = pressed_message(callback)
    found = await tracker.protocol_views(callback_data.protocol_id or None)
    if found is None or message is None:
        refuse(callback_answer, t.PROTOCOL_NOT_FOUND)
        return
    protocol, views = found
    if callback_data.action is ProtocolAction.EXPORT:
        name, data, caption = await control_workbook(tracker, protocol.id if protocol else None)
        await message.answer_document(
            BufferedInputFile(data, filename=name), caption=render.esc(caption)
        )
        return
    text, markup = protocol_card(protocol, views, callback_data.page, tracker)
    if message.text and message.text.startswith("📄"):
        await edit(message, text, markup)
    else:
        await message.answer(text, reply_markup=markup)


async def cmd_export(message: Message, tracker: Tracker) -> None:
    name, data, caption = await control_workbook(tracker, everything=True)
    await message.answer_document(
        BufferedInputFile(data, filename=name), caption=render.esc(caption)
    )


async def cmd_discipline(message: Message, command: CommandObject, tracker: Tracker) -> None:
    period = report_period(command.args or "", tracker.today())
    if period is None:
        await message.answer(render.esc(t.DISCIPLINE_USAGE))
        return
    first, last = period
    name, data = await discipline_workbook(tracker, first, last)
    caption = t.DISCIPLINE_CAPTION.format(
        start=render.short_date(first), end=render.short_date(last)
    )
    await message.answer_document(
        BufferedInputFile(data, filename=name), caption=render.esc(caption)
    )
