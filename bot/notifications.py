"""Renders an outbox row into what the delivery worker sends, from the database as it is now."""

from __future__ import annotations

from dataclasses import dataclass
from zoneinfo import ZoneInfo

from aiogram.types import InlineKeyboardMarkup

from bot import keyboards, render
from bot.callbacks import ListKind
from bot.texts import core as t
from storage.models import OutboxItem, Report
from tracking.service import Notice, Tracker

CAPTION_LIMIT = 1024
#: Buttons opening overdue cards under a digest (Telegram allows 100 per message).
DIGEST_BUTTONS = 50


@dataclass(frozen=True, slots=True)
class SendText:
    text: str
    markup: InlineKeyboardMarkup | None = None
    card_of: int | None = None  # assignee whose card this message is


@dataclass(frozen=True, slots=True)
class SendFile:
    kind: str  # "document" | "photo"
    file_id: str
    caption: str
    markup: InlineKeyboardMarkup | None = None


@dataclass(frozen=True, slots=True)
class EditCard:
    chat_id: int
    message_id: int
    text: str
    markup: InlineKeyboardMarkup | None


Outgoing = SendText | SendFile | EditCard


def _int(item: OutboxItem, key: str) -> int:
    value = item.payload[key]
    assert isinstance(value, int)
    return value


def _str(item: OutboxItem, key: str) -> str:
    return str(item.payload.get(key, ""))


async def render_item(tracker: Tracker, item: OutboxItem) -> list[Outgoing]:
    """What to send for one outbox row; empty when nothing is left to say."""
    now = tracker.now()
    tz: ZoneInfo = tracker.policy.tz
    kind = Notice(item.kind)
    if kind is Notice.DIGEST:
        return list(await digest_messages(tracker))
    if kind is Notice.UNREACHABLE:
        person = await tracker.person(_int(item, "unreachable_id"))
        if person is None:
            return []
        return [
            SendText(render.esc(t.NOTIFY_UNREACHABLE.format(name=person.short_name, id=person.id)))
        ]
    if kind is Notice.CONTROLLER:
        text = t.NOTIFY_CONTROLLER.format(id=_int(item, "assignment_id"), by=_str(item, "by"))
        return [SendText(render.esc(text))]
    if kind is Notice.REMINDERS:
        ids = item.payload.get("assignee_ids")
        wanted = [i for i in ids if isinstance(i, int)] if isinstance(ids, list) else []
        views = [v for v in await tracker.views(wanted) if v.assignee.is_open]
        if not views:
            return []
        opens = [(v.assignment.id, v.assignee.id) for v in views[: render.REMINDERS_LISTED]]
        markup = keyboards.pages(ListKind.MY, 0, 1, opens)
        return [SendText(render.reminders(views, now, tz), markup)]
    view = await tracker.view(_int(item, "assignee_id"))
    if view is None:
        return []
    a = view.assignment
    if kind is Notice.CARD:
        return [
            SendText(
                render.card(view, now, tz),
                keyboards.card(view.assignee.id, view.assignee.status),
                card_of=view.assignee.id,
            )
        ]
    if kind is Notice.CARD_REFRESH:
        s = view.assignee
        if s.card_chat_id is None or s.card_message_id is None:
            return []
        return [
            EditCard(
                s.card_chat_id,
                s.card_message_id,
                render.card(view, now, tz),
                keyboards.card(s.id, s.status),
            )
        ]
    if kind is Notice.REMINDER:
        if not view.assignee.is_open:
            return []
        return [
            SendText(
                render.reminder(view, now, tz, _str(item, "slot_kind")),
                keyboards.card(view.assignee.id, view.assignee.status),
                card_of=view.assignee.id,
            )
        ]
    if kind is Notice.REVIEW:
        report = await tracker.report_by_id(_int(item, "report_id"))
        return _review(view.assignee.id, render.review(view, report), report)
    if kind is Notice.EXTENSION_REQUEST:
        request = await tracker.deadline_request(_int(item, "request_id"))
        if request is None or request.status != "pending":
            return []
        return [SendText(render.extension_request(view, request), keyboards.extension(request.id))]
    if kind is Notice.EXTENSION_DECIDED:
        request = await tracker.deadline_request(_int(item, "request_id"))
        if request is None:
            return []
        by = _str(item, "by")
        if request.status == "approved":
            text = t.NOTIFY_EXTENSION_APPROVED.format(
                id=a.id, new=render.date_ru(request.new_date), by=by
            )
        else:
            text = t.NOTIFY_EXTENSION_DECLINED.format(
                id=a.id, by=by, old=render.deadline_ru(view.deadline, view.deadline_time)
            )
        return [SendText(render.esc(text))]
    if kind is Notice.CANCELLED:
        reason = render.clip(_str(item, "reason"), render.VALUE_LIMIT)
        text = t.NOTIFY_CANCELLED.format(id=a.id, by=_str(item, "by"), reason=reason)
        return [SendText(render.esc(text))]
    if kind is Notice.UNASSIGNED:
        return [SendText(render.esc(t.NOTIFY_UNASSIGNED.format(id=a.id, by=_str(item, "by"))))]
    if kind is Notice.CHANGED:
        if _str(item, "what") == "deadline":
            when = render.deadline_ru(view.deadline, view.deadline_time)
            text = t.NOTIFY_CHANGED_DEADLINE.format(id=a.id, by=_str(item, "by"), deadline=when)
        else:
            text = t.NOTIFY_CHANGED_TEXT.format(
                id=a.id, by=_str(item, "by"), text=render.clip(a.text)
            )
        return [SendText(render.esc(text))]
    if kind is Notice.ACCEPTED:
        return [SendText(render.esc(t.NOTIFY_ACCEPTED.format(id=a.id, by=_str(item, "by"))))]
    if kind is Notice.RETURNED:
        reason = render.clip(_str(item, "reason"), render.VALUE_LIMIT)
        text = t.NOTIFY_RETURNED.format(id=a.id, by=_str(item, "by"), reason=reason)
        return [SendText(render.esc(text))]
    raise ValueError(f"unknown outbox kind {item.kind}")  # pragma: no cover


async def digest_messages(tracker: Tracker) -> list[SendText]:
    """The digest, split under Telegram's limit; the last part has a button per overdue item."""
    digest = await tracker.digest()
    chunks = render.digest(digest, tracker.due_soon_days)
    opens = [
        (line.view.assignment.id, line.view.assignee.id)
        for group in digest.overdue
        for line in group.lines
    ][:DIGEST_BUTTONS]
    markup = keyboards.pages(ListKind.OVERDUE, 0, 1, opens)
    return [SendText(m) for m in chunks[:-1]] + [SendText(chunks[-1], markup)]


def _review(assignee_id: int, text: str, report: Report | None) -> list[Outgoing]:
    markup = keyboards.review(assignee_id, report.id if report is not None else 0)
    files = report.files if report is not None else ()
    if not files:
        return [SendText(text, markup)]
    out: list[Outgoing] = []
    # The decision buttons ride on the last file; the text goes as its caption when it fits.
    for index, f in enumerate(files):
        last = index == len(files) - 1
        caption = text if last and len(text) <= CAPTION_LIMIT else ""
        out.append(SendFile(f.kind, f.file_id, caption, markup if last and caption else None))
    if len(text) > CAPTION_LIMIT:
        out.append(SendText(text, markup))
    return out
