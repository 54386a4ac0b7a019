"""Previews of drafts: a single assignment or a whole protocol, with what is left to fix."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from bot import keyboards, render
from bot.callbacks import DraftAction, DraftCallback
from bot.texts import core as t
from storage.models import Person
from tracking.calendar import RUSSIA, WorkCalendar
from tracking.drafts import WAIVABLE, DraftContent, ItemDraft, Problem
from tracking.resolve import Doer

ITEM_BUTTONS_PER_ROW = 8
#: Item buttons on one page of a protocol preview: 11 rows of 8, so that with ◀️ ▶️, the save
#: row and «Отмена» the keyboard stays within Telegram's 100 inline buttons.
ITEMS_PER_PAGE = 88


NAME_LIMIT = 100
#: The responsible of one item, all doers together.
WHO_BUDGET = 600
#: Problem lines of one kind (and ambiguous doers offered buttons) shown at once.
PROBLEMS_SHOWN = 3
#: A preview message is kept this far under Telegram's limit.
MESSAGE_LIMIT = render.TELEGRAM_LIMIT - 96


def fit(text: str, limit: int, cut: Callable[[str, int], str] = render.clip) -> str:
    """`cut(text, limit)`, shortened further until it takes at most `limit` UTF-16 units."""
    limit = max(limit, 1)
    result = cut(text, limit)
    while render.units(result) > limit and limit > 1:
        limit = max(1, limit - (render.units(result) - limit))
        result = cut(text, limit)
    return result


def doer_label(doer: Doer, people: Mapping[int, Person]) -> str:
    names = [people[pid].short_name for pid in doer.person_ids if pid in people]
    text = render.snippet(doer.text, NAME_LIMIT)
    if names and doer.members:
        return t.DOER_GROUP_RESOLVED.format(name=text, people=render.listing(names))
    if names:
        return render.listing(names)
    if doer.kind == "ambiguous":
        return t.DOER_AMBIGUOUS.format(name=text)
    if doer.kind == "group":
        return t.DOER_GROUP.format(name=text)
    return t.DOER_UNKNOWN.format(name=text)


def who(item: ItemDraft, people: Mapping[int, Person]) -> str:
    labels = [doer_label(d, people) for d in item.doers]
    return render.listing(labels, shown=len(labels), budget=WHO_BUDGET) or t.NOBODY


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
            names = render.listing(
                [
                    f"«{render.snippet(d.text, NAME_LIMIT)}»"
                    for d in item.doers
                    if d.kind == "none" and not d.resolved
                ]
            )
            lines.append(t.PREVIEW_UNKNOWN.format(names=names))
        elif problem is Problem.GROUP:
            lines += _each(item, "group", t.PREVIEW_GROUP)
        elif problem is Problem.AMBIGUOUS:
            lines += _each(item, "ambiguous", t.PREVIEW_AMBIGUOUS)
    return lines


def _unresolved(item: ItemDraft, kind: str) -> list[tuple[int, Doer]]:
    return [(slot, d) for slot, d in enumerate(item.doers) if d.kind == kind and not d.resolved]


def _each(item: ItemDraft, kind: str, template: str) -> list[str]:
    """A line per unresolved doer of the kind: the first few, then how many more."""
    found = _unresolved(item, kind)
    lines = [
        template.format(name=render.snippet(d.text, NAME_LIMIT)) for _, d in found[:PROBLEMS_SHOWN]
    ]
    if len(found) > PROBLEMS_SHOWN:
        lines.append(t.PREVIEW_MORE_PROBLEMS.format(count=len(found) - PROBLEMS_SHOWN))
    return lines


def _choices(
    content: DraftContent, index: int, key: int, people: Mapping[int, Person]
) -> list[tuple[int, int, list[Person]]]:
    """(item key, slot, candidates) for the ambiguous doers listed by `problem_lines`."""
    item = content.items[index]
    return [
        (key, slot, [people[c] for c in d.candidates if c in people])
        for slot, d in _unresolved(item, "ambiguous")[:PROBLEMS_SHOWN]
    ]


def _fitted(
    head: Sequence[str],
    template: str,
    text: str,
    tail: Sequence[str],
    *,
    limit: int,
    cut: Callable[[str, int], str],
) -> str:
    """HTML lines: the bold title and the rest of `head`, the item text in `template` cut so
    that the whole message stays under MESSAGE_LIMIT (as long as `limit` allows), `tail`."""
    room = MESSAGE_LIMIT - render.units("\n".join([*head, template.format(text=""), *tail]))
    shown = template.format(text=fit(text, min(limit, room), cut) if text.strip() else "—")
    plain = [*head[1:], shown, *tail]
    return "\n".join([f"<b>{render.esc(head[0])}</b>", *map(render.esc, plain)])


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
    *,
    key: int = 0,
) -> tuple[str, InlineKeyboardMarkup]:
    """The preview of a single assignment; `key` is the item's key in the draft."""
    item = content.items[0]
    problems = content.blocking(now_local).get(0, [])
    tail = [
        t.PREVIEW_DEADLINE.format(deadline=deadline_text(item)),
        t.PREVIEW_WHO.format(who=who(item, people)),
    ]
    notes = problem_lines(item, problems)
    day_off = _day_off_note(item, calendar)
    if day_off:
        notes.append(day_off)
    if notes:
        tail += ["", *notes]
    text = _fitted(
        [t.PREVIEW_TITLE, ""],
        t.PREVIEW_TEXT,
        item.text,
        tail,
        limit=render.TEXT_LIMIT,
        cut=render.clip,
    )
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
        save_arg=save_version(key),
        recheck=recheck,
        candidates=_choices(content, 0, key, people),
    )
    return text, markup


def save_version(key: int) -> int:
    """What the save button of a single assignment's preview carries: its item's key, which
    «Изменить» replaces, so the button of a preview shown before an edit saves nothing
    (0, a button from before buttons carried it, is not checked)."""
    return key + 1


def page_of(index: int) -> int:
    """The page of a protocol preview's item buttons that holds the item."""
    return max(index, 0) // ITEMS_PER_PAGE


def protocol(
    draft_id: int,
    content: DraftContent,
    people: Mapping[int, Person],
    now_local: dt.datetime,
    duplicate_of: int | None,
    calendar: WorkCalendar = RUSSIA,
    *,
    keys: Sequence[int] | None = None,
    page: int | None = None,
    compact: bool = False,
) -> tuple[list[str], InlineKeyboardMarkup]:
    """The protocol preview as messages; the buttons (for the last one) number the items of
    one page and carry the items' keys (`keys`, by position; positions when not given).
    Without a `page`, the buttons start at the first item to fix. `compact` lists only the
    items still to fix, with a button for the whole list (after each fix of a long
    protocol, rather than all of it again)."""
    keys = list(keys) if keys is not None else list(range(len(content.items)))
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
    hard_items = {
        i for i, problems in blocking.items() if any(p not in WAIVABLE for p in problems)
    }
    for index, item in enumerate(content.items):
        if compact and index not in hard_items:
            continue
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
    if compact:
        rest = len(content.items) - len(hard_items)
        template = t.PROTOCOL_COMPACT_REST if hard_items else t.PROTOCOL_COMPACT_ALL_FINE
        blocks.append(render.esc(template.format(count=rest)))
    past = any(Problem.PAST_DEADLINE in problems for problems in blocking.values())
    if duplicate_of is not None:
        blocks.append(render.esc(t.PROTOCOL_DUPLICATE.format(id=duplicate_of)))
    elif hard_items:
        blocks.append(render.esc(t.PROTOCOL_FIX_HINT))
    elif past:
        blocks.append(render.esc(t.PROTOCOL_PAST_HINT))

    def cb(action: DraftAction, arg: int = 0) -> str:
        return DraftCallback(action=action, draft_id=draft_id, arg=arg).pack()

    count = len(content.items)
    last_page = page_of(count - 1)
    if page is None:
        page = page_of(min(hard_items, default=0))
    page = min(max(page, 0), last_page)
    first_shown = page * ITEMS_PER_PAGE
    shown = range(first_shown, min(count, first_shown + ITEMS_PER_PAGE))
    rows: list[list[InlineKeyboardButton]] = []
    numbers = [
        InlineKeyboardButton(
            text=f"{i + 1}{'⚠️' if i in hard_items else ''}",
            callback_data=cb(DraftAction.ITEM, keys[i]),
        )
        for i in shown
    ]
    for start in range(0, len(numbers), ITEM_BUTTONS_PER_ROW):
        rows.append(numbers[start : start + ITEM_BUTTONS_PER_ROW])
    nav: list[InlineKeyboardButton] = []
    if page > 0:
        before = range(first_shown - ITEMS_PER_PAGE, first_shown)
        mark = "⚠️" if any(i < first_shown for i in hard_items) else ""
        nav.append(
            InlineKeyboardButton(
                text=t.BTN_ITEMS_PREV.format(first=before[0] + 1, last=before[-1] + 1, mark=mark),
                callback_data=cb(DraftAction.PAGE, page - 1),
            )
        )
    if page < last_page:
        after = range(shown[-1] + 1, min(count, shown[-1] + 1 + ITEMS_PER_PAGE))
        mark = "⚠️" if any(i > shown[-1] for i in hard_items) else ""
        nav.append(
            InlineKeyboardButton(
                text=t.BTN_ITEMS_NEXT.format(first=after[0] + 1, last=after[-1] + 1, mark=mark),
                callback_data=cb(DraftAction.PAGE, page + 1),
            )
        )
    if nav:
        rows.append(nav)
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
    last = [InlineKeyboardButton(text=t.BTN_CANCEL, callback_data=cb(DraftAction.CANCEL))]
    if compact:
        last.insert(0, InlineKeyboardButton(text=t.BTN_WHOLE, callback_data=cb(DraftAction.WHOLE)))
    rows.append(last)
    return render.pack(blocks), InlineKeyboardMarkup(inline_keyboard=rows)


def item(
    draft_id: int,
    content: DraftContent,
    index: int,
    people: Mapping[int, Person],
    now_local: dt.datetime,
    *,
    key: int | None = None,
) -> tuple[str, InlineKeyboardMarkup]:
    """One item of a protocol draft; its buttons carry the item's `key` (its position when
    not given)."""
    key = index if key is None else key
    it = content.items[index]
    problems = content.blocking(now_local).get(index, [])
    title = t.ITEM_TITLE.format(index=index + 1, count=len(content.items))
    if it.number:
        title += " · " + t.CARD_ITEM.format(number=it.number)
    tail = [
        "",
        t.PREVIEW_DEADLINE.format(deadline=deadline_text(it)),
        t.PREVIEW_WHO.format(who=who(it, people)),
    ]
    notes = [n for n in problem_lines(it, problems) if n]
    if notes:
        tail += ["", *notes]
    text = _fitted([title, ""], "{text}", it.text, tail, limit=1500, cut=render.snippet)

    def cb(action: DraftAction) -> str:
        return DraftCallback(action=action, draft_id=draft_id, arg=key).pack()

    rows: list[list[InlineKeyboardButton]] = []
    for _, slot, candidates in _choices(content, index, key, people):
        rows += keyboards.choices(draft_id, key, slot, candidates)
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
    return text, InlineKeyboardMarkup(inline_keyboard=rows)
