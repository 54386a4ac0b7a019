"""Turns records into Russian HTML messages (values escaped) using `bot.texts`."""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Iterable, Mapping, Sequence
from zoneinfo import ZoneInfo

from bot.texts import core as t
from storage.models import AssigneeStatus, AssigneeView, Event, Person, Protocol, Report, Role
from storage.repos import DeadlineRequest
from tracking.rules import Digest, days_overdue, is_overdue

TELEGRAM_LIMIT = 4096
SNIPPET = 160


def esc(text: str) -> str:
    """Text for an HTML message body. Quotes stay as they are: they need escaping only inside
    an attribute, and Telegram gives them back raw, so an escaped «"» would never compare
    equal to the message shown (an edit that changes nothing would be sent)."""
    return html.escape(text, quote=False)


#: Longest user text shown in one message: room is left for the card around it.
TEXT_LIMIT = 3000
VALUE_LIMIT = 1000


def clip(text: str, limit: int = TEXT_LIMIT) -> str:
    """User text cut to `limit` characters (line breaks kept), so a message stays legal."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


#: Names listed in a row before «… и ещё N», and the characters they may take.
NAMES_SHOWN = 10
NAMES_BUDGET = 300


def listing(parts: Sequence[str], *, shown: int = NAMES_SHOWN, budget: int = NAMES_BUDGET) -> str:
    """Parts joined with commas, cut after `shown` parts or about `budget` characters:
    «Хнычева Д.С., Матвеев Д.М., … и ещё 128». The first part is always there."""
    taken: list[str] = []
    used = 0
    for part in parts:
        if taken and (len(taken) >= shown or used + len(part) > budget):
            break
        taken.append(part)
        used += len(part) + 2
    if len(taken) == len(parts):
        return ", ".join(taken)
    return t.NAMES_MORE.format(names=", ".join(taken), count=len(parts) - len(taken))


def snippet(text: str, limit: int = SNIPPET) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def date_ru(day: dt.date) -> str:
    return t.DEADLINE_FORMAT.format(
        day=day.day, month=t.MONTHS_GENITIVE[day.month - 1], year=day.year
    )


def deadline_ru(day: dt.date | None, time: dt.time | None) -> str:
    if day is None:
        return "—"
    text = f"{date_ru(day)} ({t.WEEKDAYS[day.weekday()]})"
    if time is not None:
        return t.DEADLINE_TIME_FORMAT.format(time=time.strftime("%H:%M"), date=text)
    return text


def short_date(day: dt.date | None) -> str:
    return day.strftime("%d.%m.%Y") if day else "без срока"


def roles_ru(roles: Iterable[Role]) -> str:
    names = [t.ROLE_NAMES[r.value] for r in sorted(roles, key=list(Role).index)]
    return ", ".join(names) if names else t.NO_ROLES


def protocol_ru(protocol: Protocol | None) -> str | None:
    if protocol is None:
        return None
    parts = []
    if protocol.number:
        parts.append(f"№ {protocol.number}")
    if protocol.meeting_date:
        parts.append(f"от {protocol.meeting_date.strftime('%d.%m.%Y')}")
    if protocol.title:
        parts.append(snippet(protocol.title, 120))
    return " ".join(parts) or None


def late(days: int) -> str:
    """How late an item is: «3 дн.», or «сегодня» when its hour passed today."""
    return t.LATE_DAYS.format(days=days) if days else t.LATE_TODAY


def status_mark(view: AssigneeView, now: dt.datetime, tz: ZoneInfo) -> str:
    deadline = view.deadline
    if deadline is not None and is_overdue(view, now, tz):
        days = days_overdue(deadline, now.astimezone(tz).date())
        return t.OVERDUE_MARK.format(days=days) if days else t.OVERDUE_MARK_TODAY
    if deadline is not None and view.assignee.is_open and deadline == now.astimezone(tz).date():
        return t.DUE_TODAY_MARK
    return ""


def card(view: AssigneeView, now: dt.datetime, tz: ZoneInfo) -> str:
    a = view.assignment
    lines = [f"<b>{esc(t.CARD_TITLE.format(id=a.id))}</b>"]
    protocol = protocol_ru(view.protocol)
    if protocol:
        lines.append(esc(t.CARD_PROTOCOL.format(protocol=protocol)))
    if a.item_number:
        item = t.CARD_ITEM.format(number=a.item_number)
        if a.recommendation:
            item += " " + t.CARD_RECOMMENDATION
        lines.append(esc(item))
    lines += ["", esc(clip(a.text)), ""]
    if view.deadline is not None:
        lines.append(
            esc(t.CARD_DEADLINE.format(deadline=deadline_ru(view.deadline, view.deadline_time)))
        )
    elif a.deadline_raw:
        lines.append(esc(t.CARD_DEADLINE.format(deadline=a.deadline_raw)))
    else:
        lines.append(esc(t.CARD_NO_DEADLINE))
    lines.append(esc(t.CARD_WHO.format(who=view.person.short_name)))
    status = t.CARD_STATUS.format(status=t.STATUS_NAMES[view.assignee.status.value])
    mark = status_mark(view, now, tz)
    lines.append(esc(status + (f" · {mark}" if mark else "")))
    return "\n".join(lines)


def review(view: AssigneeView, report: Report | None) -> str:
    a = view.assignment
    title = t.REVIEW_DONE_TITLE if report is not None and report.kind == "done" else t.REVIEW_TITLE
    lines = [f"<b>{esc(title.format(id=a.id, who=view.person.short_name))}</b>"]
    lines.append(esc(snippet(a.text, 300)))
    if view.deadline:
        lines.append(
            esc(t.CARD_DEADLINE.format(deadline=deadline_ru(view.deadline, view.deadline_time)))
        )
    if report is not None:
        if report.text:
            lines.append(esc(t.REVIEW_TEXT.format(text=clip(report.text, 2500))))
        if report.files:
            names = ", ".join(
                f.file_name or t.FILE_KINDS.get(f.kind, f.kind) for f in report.files
            )
            lines.append(esc(t.REVIEW_FILES.format(files=names)))
    return "\n".join(lines)


def reminder(view: AssigneeView, now: dt.datetime, tz: ZoneInfo, kind: str) -> str:
    a = view.assignment
    today = now.astimezone(tz).date()
    deadline = view.deadline
    when = deadline_ru(deadline, view.deadline_time)
    if kind == "snooze" or deadline is None:
        head = t.REMINDER_SNOOZE.format(id=a.id, deadline=when)
    elif deadline < today:
        head = t.REMINDER_OVERDUE.format(
            id=a.id, days=days_overdue(deadline, today), deadline=when
        )
    elif deadline == today and view.deadline_time and is_overdue(view, now, tz):
        time = view.deadline_time.strftime("%H:%M")
        head = t.REMINDER_TODAY_PASSED.format(id=a.id, time=time)
    elif deadline == today:
        head = t.REMINDER_TODAY.format(id=a.id)
    else:
        head = t.REMINDER_BEFORE.format(id=a.id, deadline=when, days=(deadline - today).days)
    return f"<b>{esc(head)}</b>\n\n" + card(view, now, tz)


#: A message of several reminders lists at most this many (each line is up to ~200 characters).
REMINDERS_LISTED = 15


def reminders(views: Sequence[AssigneeView], now: dt.datetime, tz: ZoneInfo) -> str:
    """Several reminders due at once, in one message: a line each, nearest deadline first."""
    blocks = [f"<b>{esc(t.REMINDERS_HEAD.format(count=len(views)))}</b>"]
    blocks += [list_line(v, now, tz) for v in views[:REMINDERS_LISTED]]
    if len(views) > REMINDERS_LISTED:
        blocks.append(esc(t.LINES_MORE.format(count=len(views) - REMINDERS_LISTED)))
    blocks.append(esc(t.REMINDERS_HINT))
    return "\n\n".join(blocks)


def list_line(view: AssigneeView, now: dt.datetime, tz: ZoneInfo) -> str:
    a = view.assignment
    mark = status_mark(view, now, tz) or "▫️"
    return esc(
        t.LIST_LINE.format(
            mark=mark,
            id=a.id,
            deadline=short_date(view.deadline),
            status=t.STATUS_NAMES[view.assignee.status.value],
            text=snippet(a.text),
        )
    )


def overdue_blocks(views: Sequence[AssigneeView], now: dt.datetime, tz: ZoneInfo) -> list[str]:
    """One block per person: the name, then their overdue items, most overdue first."""
    today = now.astimezone(tz).date()
    by_person: dict[int, list[AssigneeView]] = {}
    people: dict[int, Person] = {}
    for view in views:
        by_person.setdefault(view.person.id, []).append(view)
        people[view.person.id] = view.person
    blocks = []
    for pid in sorted(by_person, key=lambda p: people[p].short_name):
        lines = [f"<b>{esc(t.OVERDUE_PERSON.format(name=people[pid].short_name))}</b>"]
        for view in sorted(by_person[pid], key=lambda v: v.deadline or today):
            deadline = view.deadline
            assert deadline is not None
            lines.append(
                esc(
                    t.OVERDUE_LINE.format(
                        id=view.assignment.id,
                        late=late(days_overdue(deadline, today)),
                        deadline=short_date(deadline),
                        state=t.OVERDUE_STATES.get(view.assignee.status.value, ""),
                        text=snippet(view.assignment.text, 100),
                    )
                )
            )
        blocks.append("\n".join(lines))
    return blocks


def overdue_head(parts: int, assignments: int, *, digest: bool = False) -> str:
    """«Просроченные поручения (3):», or, when an assignment of several people is among them,
    how many assignments and how many people's parts (as /protocols counts assignments)."""
    if assignments and assignments != parts:
        template = t.DIGEST_OVERDUE_PARTS if digest else t.OVERDUE_HEADER_PARTS
        return template.format(assignments=assignments, count=parts)
    return (t.DIGEST_OVERDUE if digest else t.OVERDUE_HEADER).format(count=parts)


def digest(d: Digest, due_soon_days: int) -> list[str]:
    """The digest as messages, each under Telegram's limit."""
    blocks = [f"<b>{esc(t.DIGEST_TITLE.format(date=date_ru(d.day)))}</b>"]
    if not d.overdue:
        blocks.append(esc(t.DIGEST_CLEAN))
    else:
        head = overdue_head(d.overdue_total, d.overdue_assignments, digest=True)
        blocks.append(f"<b>{esc(head)}</b>")
        for group in d.overdue:
            lines = [esc(t.OVERDUE_PERSON.format(name=group.person.short_name))]
            for line in group.lines:
                a = line.view.assignment
                lines.append(
                    esc(
                        t.OVERDUE_LINE.format(
                            id=a.id,
                            late=late(line.days),
                            deadline=short_date(line.view.deadline),
                            state=t.OVERDUE_STATES.get(line.view.assignee.status.value, ""),
                            text=snippet(a.text, 100),
                        )
                    )
                )
            blocks.append("\n".join(lines))
        if d.overdue_total > d.overdue_listed:
            more = t.DIGEST_OVERDUE_MORE.format(
                count=d.overdue_total - d.overdue_listed, people=d.overdue_people
            )
            blocks.append(f"<i>{esc(more)}</i>")
    if d.due_soon:
        blocks.append(
            f"<b>{esc(t.DIGEST_SOON.format(days=due_soon_days, count=d.due_soon_total))}</b>"
        )
        for line in d.due_soon:
            a = line.view.assignment
            blocks.append(
                esc(
                    t.DIGEST_SOON_LINE.format(
                        id=a.id,
                        who=line.view.person.short_name,
                        deadline=short_date(line.view.deadline),
                        state=t.OVERDUE_STATES.get(line.view.assignee.status.value, ""),
                        text=snippet(a.text, 100),
                    )
                )
            )
        if d.due_soon_total > len(d.due_soon):
            more = t.DIGEST_SOON_MORE.format(count=d.due_soon_total - len(d.due_soon))
            blocks.append(f"<i>{esc(more)}</i>")
    else:
        blocks.append(esc(t.DIGEST_SOON_NONE.format(days=due_soon_days)))
    if d.not_reached:
        lines = [f"<b>{esc(t.DIGEST_NOT_REACHED.format(count=len(d.not_reached)))}</b>"]
        for person in d.not_reached[:DIGEST_NOT_REACHED_LISTED]:
            why = t.WHY_NOT_LINKED if not person.linked else t.WHY_UNREACHABLE
            lines.append(esc(t.DIGEST_NOT_REACHED_LINE.format(name=person.short_name, why=why)))
        if len(d.not_reached) > DIGEST_NOT_REACHED_LISTED:
            rest = len(d.not_reached) - DIGEST_NOT_REACHED_LISTED
            lines.append(esc(t.DIGEST_NOT_REACHED_MORE.format(count=rest)))
        blocks.append("\n".join(lines))
    return pack(blocks)


#: The digest names at most this many people it cannot reach (a big group never linked would
#: otherwise turn every coordinator's morning digest into several messages).
DIGEST_NOT_REACHED_LISTED = 20


def units(text: str) -> int:
    """Length as Telegram counts it: UTF-16 code units (an emoji is two)."""
    return len(text.encode("utf-16-le")) // 2


def _head(line: str, limit: int) -> str:
    """The longest start of `line` that takes at most `limit` units."""
    head = line[:limit]
    while units(head) > limit:
        head = head[: len(head) - (units(head) - limit + 1) // 2 - 1]
    return head


def pack(blocks: Sequence[str], limit: int = TELEGRAM_LIMIT) -> list[str]:
    """Join blocks with blank lines into as few messages as fit under `limit`, measured as
    Telegram counts (the HTML is never shorter than the text it shows).

    A block longer than the limit on its own is cut at line boundaries (and a single huge line
    at the limit), so nothing is ever rejected by Telegram for length.
    """
    pieces: list[str] = []
    for block in blocks:
        if units(block) <= limit:
            pieces.append(block)
            continue
        chunk = ""  # the block's lines regrouped, single line breaks kept inside a piece
        for line in block.split("\n"):
            while units(line) > limit:
                head = _head(line, limit)
                pieces += [chunk, head] if chunk else [head]
                chunk, line = "", line[len(head) :]
            if chunk and units(chunk) + 1 + units(line) > limit:
                pieces.append(chunk)
                chunk = line
            else:
                chunk = f"{chunk}\n{line}" if chunk else line
        if chunk:
            pieces.append(chunk)
    messages: list[str] = []
    current = ""
    for piece in pieces:
        candidate = f"{current}\n\n{piece}" if current else piece
        if units(candidate) <= limit:
            current = candidate
        else:
            messages.append(current)
            current = piece
    if current:
        messages.append(current)
    return messages


def extension_request(view: AssigneeView, request: DeadlineRequest) -> str:
    a = view.assignment
    head = t.EXTENSION_TITLE.format(id=a.id, who=view.person.short_name)
    body = t.EXTENSION_BODY.format(
        old=deadline_ru(view.deadline, view.deadline_time),
        new=deadline_ru(request.new_date, None),
        reason=clip(request.reason, VALUE_LIMIT) or "—",
    )
    return f"<b>{esc(head)}</b>\n{esc(snippet(a.text, 300))}\n\n{esc(body)}"


def _event_text(event: Event, people: Mapping[int, Person]) -> str:
    template = t.EVENT_NAMES.get(event.kind, event.kind)
    values = {k: _event_value(k, v, people) for k, v in event.details.items()}
    try:
        return template.format(**values)
    except (KeyError, IndexError):
        return template.split(":")[0]


def _event_value(key: str, value: object, people: Mapping[int, Person]) -> str:
    if key in ("old", "new") and isinstance(value, str):
        try:
            return short_date(dt.date.fromisoformat(value))
        except ValueError:
            return value
    if key == "controller" and isinstance(value, int) and value in people:
        return people[value].short_name
    return "—" if value is None else snippet(str(value), 300)


def history(
    views: Sequence[AssigneeView],
    events: Sequence[Event],
    people: Mapping[int, Person],
    tz: ZoneInfo,
) -> list[str]:
    """The assignment's people and its log, newest events kept when it is long: a
    months-long assignment of a big group has thousands of entries, and a dozen messages in a
    burst would run into Telegram's flood limit."""
    a = views[0].assignment
    head = [f"<b>{esc(t.HISTORY_TITLE.format(id=a.id))}</b>", esc(snippet(a.text, 300)), ""]
    rows = [
        esc(
            t.HISTORY_ASSIGNEE.format(
                who=v.person.short_name,
                status=t.STATUS_NAMES[v.assignee.status.value],
                deadline=short_date(v.deadline),
            )
        )
        for v in views
    ]
    blocks = ["\n".join([*head, *fit_lines(rows, HISTORY_PEOPLE_ROOM)])]
    lines = []
    # Whose part an event is about, when someone else acted on it («принято — Хнычева Д.С.»).
    part_of = {v.assignee.id: v.person for v in views}
    for event in events:
        actor = people.get(event.actor_id) if event.actor_id is not None else None
        who = actor.short_name if actor is not None else t.HISTORY_SYSTEM
        when = event.at.astimezone(tz).strftime("%d.%m.%Y %H:%M")
        what = _event_text(event, people)
        about = part_of.get(event.assignee_id) if event.assignee_id is not None else None
        if about is not None and about.id != event.actor_id and "person" not in event.details:
            what = t.HISTORY_ABOUT.format(what=what, who=about.short_name)
        lines.append(esc(t.HISTORY_LINE.format(when=when, who=who, what=what)))
    # The newest events that fit, the rest counted above them.
    kept = fit_lines(lines[::-1], HISTORY_EVENTS_ROOM)
    if len(kept) < len(lines):
        earlier = len(lines) - (len(kept) - 1)
        kept = [esc(t.HISTORY_EARLIER.format(count=earlier)), *kept[-2::-1]]
    else:
        kept = kept[::-1]
    blocks.append("\n".join(kept))
    return pack(blocks)


#: Room for the people of an assignment and for its events in /history (three messages).
HISTORY_PEOPLE_ROOM = 2500
HISTORY_EVENTS_ROOM = 2 * TELEGRAM_LIMIT - 400


def manage(views: Sequence[AssigneeView], controller: Person | None) -> str:
    a = views[0].assignment
    lines = [f"<b>{esc(t.MANAGE_TITLE.format(id=a.id))}</b>"]
    protocol = protocol_ru(views[0].protocol)
    if protocol:
        lines.append(esc(t.CARD_PROTOCOL.format(protocol=protocol)))
    if a.item_number:
        lines.append(esc(t.CARD_ITEM.format(number=a.item_number)))
    lines += ["", esc(clip(a.text, MANAGE_TEXT_LIMIT)), ""]
    lines.append(
        esc(t.CARD_DEADLINE.format(deadline=deadline_ru(a.deadline_date, a.deadline_time)))
    )
    lines.append(
        esc(t.MANAGE_CONTROLLER.format(name=controller.short_name if controller else "—"))
    )
    if a.cancelled_at is not None:
        lines.append(esc(t.MANAGE_CANCELLED))
    reported = sum(
        v.assignee.status in (AssigneeStatus.REPORTED, AssigneeStatus.ACCEPTED) for v in views
    )
    lines += ["", esc(t.MANAGE_ASSIGNEES.format(reported=reported, total=len(views)))]
    rows = []
    for v in views:
        status = t.STATUS_NAMES[v.assignee.status.value]
        if v.deadline != a.deadline_date:
            status += f", срок {short_date(v.deadline)}"
        rows.append(esc(t.MANAGE_ASSIGNEE.format(name=v.person.short_name, status=status)))
    head = "\n".join(lines)
    return "\n".join([head, *fit_lines(rows, TELEGRAM_LIMIT - units(head) - 1)])


#: The text of an assignment in its management view: room is left for a long list of people.
MANAGE_TEXT_LIMIT = 1500


def fit_lines(rows: Sequence[str], room: int) -> list[str]:
    """As many of `rows` as fit in `room` units (as Telegram counts them) joined by line
    breaks, and a last line «…и ещё N.» for the rest (a group of a hundred people is a long
    list)."""
    if sum(units(row) for row in rows) + len(rows) - 1 <= room:
        return list(rows)
    taken: list[str] = []
    used = 0  # the taken rows, each with the line break that follows it
    for index, row in enumerate(rows):
        rest = esc(t.LINES_MORE.format(count=len(rows) - index))
        if used + units(row) + 1 + units(rest) > room:
            return [*taken, rest]
        taken.append(row)
        used += units(row) + 1
    return taken
