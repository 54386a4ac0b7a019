"""Previews of drafts: a single assignment or a whole protocol, with what is left to fix."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from bot import keyboards, render
from bot.callbacks import ChooseCallback, DraftAction, DraftCallback
from bot.texts import core as t
from storage.models import Person
from tracking.calendar import RUSSIA, WorkCalendar
from tracking.drafts import WAIVABLE, DraftContent, ItemDraft, Problem
from tracking.resolve import Doer

ITEM_BUTTONS_PER_ROW = 8
MAX_ITEM_BUTTONS = 96


NAME_LIMIT = 100


def doer_label(doer: Doer, people: Mapping[int, Person]) -> str:
    names = [people[pid].short_name for pid in doer.person_ids if pid in people]
    text = render.snippet(doer.text, NAME_LIMIT)
    if names and doer.members:
        return t.DOER_GROUP_RESOLVED.format(name=text, people=", ".join(names))
    if names:
        return ", ".join(names)
    if doer.kind == "ambiguous":
        return t.DOER_AMBIGUOUS.format(name=text)
    if doer.kind == "group":
        return t.DOER_GROUP.format(name=text)
    return t.DOER_UNKNOWN.format(name=text)


def who(item: ItemDraft, people: Mapping[int, Person]) -> str:
    return ", ".join(doer_label(d, people) for d in item.doers) or t.NOBODY


def deadline_text(item: ItemDraft) -> str:
    if item.deadline_date is not None:
        return render.deadline_ru(item.deadline_date, item.deadline_time)
    return render.snippet(item.deadline_raw, NAME_LIMIT) or t.DEADLINE_NONE


def problem_lines(item: ItemDraft, problems: list[Problem]) -> list[str]:
    lines = []
    for problem in problems:
        if problem is Problem.NO_TEXT:
            lines.append(t.PREVIEW_NO_TEXT)
        elif problem is Problem.NO_DEADLINE:
            lines.append(t.PREVIEW_NO_DEADLINE)
        elif problem is Problem.BAD_DEADLINE:
            lines.append(t.PREVIEW_BAD_DEADLINE.format(raw=render.snippet(item.deadline_raw, 100)))
        elif problem is Problem.PAST_DEADLINE:
            lines.append(t.PREVIEW_PAST_DEADLINE.format(deadline=deadline_text(item)))
        elif problem is Problem.NOBODY:
            lines.append(t.PREVIEW_NOBODY)
        elif problem is Problem.UNKNOWN:
            names = ", ".join(
                f"«{render.snippet(d.text, NAME_LIMIT)}»"
                for d in item.doers
                if d.kind == "none" and not d.resolved
            )
            lines.append(t.PREVIEW_UNKNOWN.format(names=names))
        elif problem is Problem.GROUP:
            for d in item.doers:
                if d.kind == "group" and not d.resolved:
                    lines.append(t.PREVIEW_GROUP.format(name=render.snippet(d.text, NAME_LIMIT)))
        elif problem is Problem.AMBIGUOUS:
            for d in item.doers:
                if d.kind == "ambiguous" and not d.resolved:
                    lines.append(
                        t.PREVIEW_AMBIGUOUS.format(name=render.snippet(d.text, NAME_LIMIT))
                    )
    return lines


def _choices(
    content: DraftContent, index: int, people: Mapping[int, Person]
) -> list[tuple[int, int, list[Person]]]:
    item = content.items[index]
    return [
        (index, slot, [people[c] for c in d.candidates if c in people])
        for slot, d in enumerate(item.doers)
        if d.kind == "ambiguous" and not d.resolved
    ]


def _day_off_note(item: ItemDraft, calendar: WorkCalendar) -> str | None:
    day = item.deadline_date
    if day is None or calendar.is_working_day(day):
        return None
    return t.PREVIEW_DAY_OFF.format(deadline=render.deadline_ru(day, None))


def single(
    draft_id: int,
    content: DraftContent,
    people: Mapping[int, Person],
    now_local: dt.datetime,
    calendar: WorkCalendar = RUSSIA,
) -> tuple[str, InlineKeyboardMarkup]:
    item = content.items[0]
    problems = content.blocking(now_local).get(0, [])
    lines = [
        f"<b>{render.esc(t.PREVIEW_TITLE)}</b>",
        "",
        render.esc(t.PREVIEW_TEXT.format(text=render.clip(item.text) or "—")),
        render.esc(t.PREVIEW_DEADLINE.format(deadline=deadline_text(item))),
        render.esc(t.PREVIEW_WHO.format(who=who(item, people))),
    ]
    notes = problem_lines(item, problems)
    day_off = _day_off_note(item, calendar)
    if day_off:
        notes.append(day_off)
    if notes:
        lines += ["", *map(render.esc, notes)]
    hard = [p for p in problems if p not in WAIVABLE]
    save: str | None = None
    action = DraftAction.SAVE
    if not hard:
        if Problem.NO_DEADLINE in problems:
            save, action = t.BTN_SAVE_NO_DEADLINE, DraftAction.SAVE_NO_DEADLINE
        elif Problem.PAST_DEADLINE in problems:
            save, action = t.BTN_SAVE_PAST, DraftAction.SAVE_PAST
        else:
            save = t.BTN_SAVE
    recheck = bool({Problem.UNKNOWN, Problem.GROUP} & set(problems))
    markup = keyboards.draft(
        draft_id,
        save=save,
        save_action=action,
        recheck=recheck,
        choices=_choices(content, 0, people),
    )
    return "\n".join(lines), markup


def protocol(
    draft_id: int,
    content: DraftContent,
    people: Mapping[int, Person],
    now_local: dt.datetime,
    duplicate_of: int | None,
    calendar: WorkCalendar = RUSSIA,
) -> tuple[list[str], InlineKeyboardMarkup]:
    header = content.protocol or {}
    number = t.PROTOCOL_NUMBER.format(number=header["number"]) if header.get("number") else ""
    date = ""
    if header.get("date"):
        date = t.PROTOCOL_DATE.format(
            date=dt.date.fromisoformat(str(header["date"])).strftime("%d.%m.%Y")
        )
    blocks = [f"<b>{render.esc(t.PROTOCOL_TITLE.format(number=number, date=date))}</b>"]
    if header.get("title"):
        blocks[0] += "\n" + render.esc(render.snippet(str(header["title"]), 300))
    blocks[0] += "\n" + render.esc(t.PROTOCOL_FOUND.format(count=len(content.items)))
    blocking = content.blocking(now_local)
    for index, item in enumerate(content.items):
        template = t.PROTOCOL_ITEM if item.number else t.PROTOCOL_ITEM_NO_NUMBER
        head = template.format(
            index=index + 1,
            number=item.number,
            deadline=deadline_text(item),
            who=who(item, people),
        )
        problems = [p for p in blocking.get(index, []) if p not in WAIVABLE]
        mark = " ⚠️" if problems else ""
        if _day_off_note(item, calendar):
            mark += " " + t.DAY_OFF_MARK
        blocks.append(
            f"<b>{render.esc(head)}</b>{mark}\n" + render.esc(render.snippet(item.text, 200))
        )
    hard_items = [
        i for i, problems in blocking.items() if any(p not in WAIVABLE for p in problems)
    ]
    past = any(Problem.PAST_DEADLINE in problems for problems in blocking.values())
    if duplicate_of is not None:
        blocks.append(render.esc(t.PROTOCOL_DUPLICATE.format(id=duplicate_of)))
    elif hard_items:
        blocks.append(render.esc(t.PROTOCOL_FIX_HINT))
    elif past:
        blocks.append(render.esc(t.PROTOCOL_PAST_HINT))

    def cb(action: DraftAction, arg: int = 0) -> str:
        return DraftCallback(action=action, draft_id=draft_id, arg=arg).pack()

    rows: list[list[InlineKeyboardButton]] = []
    numbers = [
        InlineKeyboardButton(
            text=f"{i + 1}{'⚠️' if i in hard_items else ''}", callback_data=cb(DraftAction.ITEM, i)
        )
        for i in range(min(len(content.items), MAX_ITEM_BUTTONS))
    ]
    for start in range(0, len(numbers), ITEM_BUTTONS_PER_ROW):
        rows.append(numbers[start : start + ITEM_BUTTONS_PER_ROW])
    first: list[InlineKeyboardButton] = []
    if duplicate_of is None and not hard_items and content.items:
        if past:
            first.append(
                InlineKeyboardButton(
                    text=t.BTN_SAVE_ALL_PAST, callback_data=cb(DraftAction.SAVE_PAST)
                )
            )
        else:
            first.append(
                InlineKeyboardButton(text=t.BTN_SAVE_ALL, callback_data=cb(DraftAction.SAVE))
            )
    if any({Problem.UNKNOWN, Problem.GROUP} & set(p) for p in blocking.values()):
        first.append(
            InlineKeyboardButton(text=t.BTN_RECHECK, callback_data=cb(DraftAction.RECHECK))
        )
    if first:
        rows.append(first)
    rows.append([InlineKeyboardButton(text=t.BTN_CANCEL, callback_data=cb(DraftAction.CANCEL))])
    return render.pack(blocks), InlineKeyboardMarkup(inline_keyboard=rows)


def item(
    draft_id: int,
    content: DraftContent,
    index: int,
    people: Mapping[int, Person],
    now_local: dt.datetime,
) -> tuple[str, InlineKeyboardMarkup]:
    it = content.items[index]
    problems = content.blocking(now_local).get(index, [])
    title = t.ITEM_TITLE.format(index=index + 1, count=len(content.items))
    if it.number:
        title += " · " + t.CARD_ITEM.format(number=it.number)
    lines = [
        f"<b>{render.esc(title)}</b>",
        "",
        render.esc(render.snippet(it.text, 1500)),
        "",
        render.esc(t.PREVIEW_DEADLINE.format(deadline=deadline_text(it))),
        render.esc(t.PREVIEW_WHO.format(who=who(it, people))),
    ]
    notes = [n for n in problem_lines(it, problems) if n]
    if notes:
        lines += ["", *map(render.esc, notes)]

    def cb(action: DraftAction) -> str:
        return DraftCallback(action=action, draft_id=draft_id, arg=index).pack()

    rows: list[list[InlineKeyboardButton]] = []
    for _, slot, candidates in _choices(content, index, people):
        rows.append(
            [
                InlineKeyboardButton(
                    text=p.short_name + (f" ({p.organisation})" if p.organisation else ""),
                    callback_data=ChooseCallback(
                        draft_id=draft_id, item=index, slot=slot, person_id=p.id
                    ).pack(),
                )
                for p in candidates[:3]
            ]
        )
    rows.append(
        [
            InlineKeyboardButton(
                text=t.BTN_ITEM_DEADLINE, callback_data=cb(DraftAction.ITEM_DEADLINE)
            ),
            InlineKeyboardButton(
                text=t.BTN_ITEM_RESPONSIBLE, callback_data=cb(DraftAction.ITEM_RESPONSIBLE)
            ),
        ]
    )
    rows.append(
        [
            InlineKeyboardButton(text=t.BTN_ITEM_DROP, callback_data=cb(DraftAction.DROP)),
            InlineKeyboardButton(text=t.BTN_BACK, callback_data=cb(DraftAction.BACK)),
        ]
    )
    return "\n".join(lines), InlineKeyboardMarkup(inline_keyboard=rows)
