"""Inline keyboards, built from texts and typed callback data."""

from __future__ import annotations

from collections.abc import Sequence

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from bot import render
from bot.callbacks import (
    CardAction,
    CardCallback,
    ChooseCallback,
    DraftAction,
    DraftCallback,
    ExtensionAction,
    ExtensionCallback,
    FormAction,
    FormCallback,
    ListKind,
    ManageAction,
    ManageCallback,
    PageCallback,
    ReviewAction,
    ReviewCallback,
)
from bot.texts import core as t
from storage.models import AssigneeStatus, Person
from tracking.rules import CAN_REPORT


def _button(text: str, data: str) -> InlineKeyboardButton:
    return InlineKeyboardButton(text=text, callback_data=data)


#: Namesakes offered for one ambiguous name, a row each (a longer list is narrowed by typing).
CHOICES_SHOWN = 8


def choices(
    draft_id: int, item: int, slot: int, people: Sequence[Person]
) -> list[list[InlineKeyboardButton]]:
    """A row per candidate for an ambiguous doer, named so that namesakes differ: the full
    name with the organisation and position («Иванов Иван Иванович, Департамент, директор»)."""
    rows = []
    for p in people[:CHOICES_SHOWN]:
        # The organisation before the position: it is what tells namesakes apart most often.
        label = ", ".join(part for part in (p.full_name, p.organisation, p.position) if part)
        data = ChooseCallback(draft_id=draft_id, item=item, slot=slot, person_id=p.id).pack()
        rows.append([_button(render.snippet(label, 60), data)])
    return rows


def card(assignee_id: int, status: AssigneeStatus) -> InlineKeyboardMarkup:
    """Buttons of an assignee's card; only «История» once nothing is left to do."""
    if status not in CAN_REPORT:
        return history_only(assignee_id)

    def cb(action: CardAction) -> str:
        return CardCallback(action=action, assignee_id=assignee_id).pack()

    return InlineKeyboardMarkup(
        inline_keyboard=[
            [
                _button(t.BTN_DONE, cb(CardAction.DONE)),
                _button(t.BTN_REPORT, cb(CardAction.REPORT)),
            ],
            [
                _button(t.BTN_SNOOZE, cb(CardAction.SNOOZE)),
                _button(t.BTN_EXTEND, cb(CardAction.EXTEND)),
            ],
            [_button(t.BTN_HISTORY, cb(CardAction.HISTORY))],
        ]
    )


def history_only(assignee_id: int) -> InlineKeyboardMarkup:
    data = CardCallback(action=CardAction.HISTORY, assignee_id=assignee_id).pack()
    return InlineKeyboardMarkup(inline_keyboard=[[_button(t.BTN_HISTORY, data)]])


def extension(request_id: int) -> InlineKeyboardMarkup:
    def cb(action: ExtensionAction) -> str:
        return ExtensionCallback(action=action, request_id=request_id).pack()

    return InlineKeyboardMarkup(
        inline_keyboard=[
            [
                _button(t.BTN_APPROVE, cb(ExtensionAction.APPROVE)),
                _button(t.BTN_DECLINE, cb(ExtensionAction.DECLINE)),
            ]
        ]
    )


def review(assignee_id: int, report_id: int = 0) -> InlineKeyboardMarkup:
    def cb(action: ReviewAction) -> str:
        return ReviewCallback(action=action, assignee_id=assignee_id, report_id=report_id).pack()

    return InlineKeyboardMarkup(
        inline_keyboard=[
            [
                _button(t.BTN_ACCEPT, cb(ReviewAction.ACCEPT)),
                _button(t.BTN_RETURN, cb(ReviewAction.RETURN)),
            ]
        ]
    )


def form(*, no_comment_for: int | None = None) -> InlineKeyboardMarkup:
    """«Отмена», and «Без комментария» for the «Выполнено» form of assignee `no_comment_for`."""
    row = []
    if no_comment_for is not None:
        data = FormCallback(action=FormAction.NO_COMMENT, assignee_id=no_comment_for)
        row.append(_button(t.BTN_NO_COMMENT, data.pack()))
    row.append(_button(t.BTN_CANCEL, FormCallback(action=FormAction.CANCEL).pack()))
    return InlineKeyboardMarkup(inline_keyboard=[row])


def draft(
    draft_id: int,
    *,
    save: str | None,
    save_action: DraftAction = DraftAction.SAVE,
    save_arg: int = 0,
    recheck: bool = False,
    candidates: Sequence[tuple[int, int, Sequence[Person]]] = (),
) -> InlineKeyboardMarkup:
    """Preview buttons. `candidates` are (item key, slot, people) for ambiguous doers;
    `save_arg` marks which version of the draft the save button belongs to."""

    def cb(action: DraftAction, arg: int = 0) -> str:
        return DraftCallback(action=action, draft_id=draft_id, arg=arg).pack()

    rows: list[list[InlineKeyboardButton]] = []
    for item, slot, people in candidates:
        rows += choices(draft_id, item, slot, people)
    first = []
    if save is not None:
        first.append(_button(save, cb(save_action, save_arg)))
    if recheck:
        first.append(_button(t.BTN_RECHECK, cb(DraftAction.RECHECK)))
    if first:
        rows.append(first)
    rows.append(
        [_button(t.BTN_EDIT, cb(DraftAction.EDIT)), _button(t.BTN_CANCEL, cb(DraftAction.CANCEL))]
    )
    return InlineKeyboardMarkup(inline_keyboard=rows)


def pages(
    kind: ListKind, page: int, total_pages: int, opens: Sequence[tuple[int, int]] = ()
) -> InlineKeyboardMarkup | None:
    """Pagination plus a button per listed item; `opens` are (assignment id, assignee id)."""
    rows: list[list[InlineKeyboardButton]] = []
    buttons = [
        _button(
            t.BTN_OPEN.format(id=assignment_id),
            CardCallback(action=CardAction.OPEN, assignee_id=assignee_id).pack(),
        )
        for assignment_id, assignee_id in opens
    ]
    for start in range(0, len(buttons), 5):
        rows.append(buttons[start : start + 5])
    nav = []
    if page > 0:
        nav.append(_button(t.BTN_PREV, PageCallback(kind=kind, page=page - 1).pack()))
    if page + 1 < total_pages:
        nav.append(_button(t.BTN_NEXT, PageCallback(kind=kind, page=page + 1).pack()))
    if nav:
        rows.append(nav)
    return InlineKeyboardMarkup(inline_keyboard=rows) if rows else None


def manage(
    assignment_id: int, *, cancelled: bool, open_parts: bool = True
) -> InlineKeyboardMarkup:
    """/a's buttons; «Отменить поручение» only while someone's part is open."""

    def cb(action: ManageAction) -> str:
        return ManageCallback(action=action, assignment_id=assignment_id).pack()

    history = [_button(t.BTN_HISTORY, cb(ManageAction.HISTORY))]
    if cancelled:
        return InlineKeyboardMarkup(inline_keyboard=[history])
    return InlineKeyboardMarkup(
        inline_keyboard=[
            [
                _button(t.BTN_M_DEADLINE, cb(ManageAction.DEADLINE)),
                _button(t.BTN_M_TEXT, cb(ManageAction.TEXT)),
                _button(t.BTN_M_CONTROLLER, cb(ManageAction.CONTROLLER)),
            ],
            [
                _button(t.BTN_M_ADD, cb(ManageAction.ADD)),
                _button(t.BTN_M_REMOVE, cb(ManageAction.REMOVE)),
            ],
            [_button(t.BTN_M_CANCEL, cb(ManageAction.CANCEL)), *history]
            if open_parts
            else history,
        ]
    )
