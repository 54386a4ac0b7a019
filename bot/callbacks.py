"""Every inline button's callback data: short prefixes, ids only; the database decides."""

from __future__ import annotations

from enum import IntEnum

from aiogram.filters.callback_data import CallbackData

#: A database id. Forged values (negative, beyond SQLite's range) simply match nothing.
Id = int


class CardAction(IntEnum):
    DONE = 1
    REPORT = 2
    SNOOZE = 3
    OPEN = 4
    EXTEND = 5
    HISTORY = 6


class CardCallback(CallbackData, prefix="c"):
    action: CardAction
    assignee_id: Id


class ReviewAction(IntEnum):
    ACCEPT = 1
    RETURN = 2


class ReviewCallback(CallbackData, prefix="r"):
    """`report_id` is the report the review message shows (0: not checked, a button from
    before it was carried): a decision applies to that report only, not to a later one."""

    action: ReviewAction
    assignee_id: Id
    report_id: Id = 0


class ManageAction(IntEnum):
    DEADLINE = 1
    TEXT = 2
    CONTROLLER = 3
    ADD = 4
    CANCEL = 5
    HISTORY = 6
    REMOVE = 7


class ManageCallback(CallbackData, prefix="m"):
    action: ManageAction
    assignment_id: Id


class ExtensionAction(IntEnum):
    APPROVE = 1
    DECLINE = 2


class ExtensionCallback(CallbackData, prefix="x"):
    action: ExtensionAction
    request_id: Id


class DraftAction(IntEnum):
    SAVE = 1
    EDIT = 2
    CANCEL = 3
    RECHECK = 4
    SAVE_NO_DEADLINE = 6
    SAVE_PAST = 7
    ITEM = 8  # show one item of a protocol draft: arg = item key
    DROP = 9  # drop an item: arg = item key
    BACK = 10  # back to the whole preview: arg = item key
    ITEM_DEADLINE = 11  # arg = item key
    ITEM_RESPONSIBLE = 12  # arg = item key
    PAGE = 13  # another page of a long protocol's item buttons: arg = page
    WHOLE = 14  # the whole protocol preview again (after a compact one)


class DraftCallback(CallbackData, prefix="d"):
    """An item key is stable within its draft (never reused, unlike a list position), so a
    button pressed on an old message acts on its own item or on none."""

    action: DraftAction
    draft_id: Id
    arg: Id = 0


class ChooseCallback(CallbackData, prefix="w"):
    """Pick one candidate for an ambiguous doer of a draft item (`item` is the item key)."""

    draft_id: Id
    item: Id
    slot: Id
    person_id: Id


class ProtocolAction(IntEnum):
    OPEN = 1
    EXPORT = 2


class ProtocolCallback(CallbackData, prefix="pr"):
    """protocol_id 0 stands for the assignments made one by one, without a protocol."""

    action: ProtocolAction
    protocol_id: Id
    page: Id = 0


class ImportAction(IntEnum):
    APPLY = 1
    CANCEL = 2


class ImportCallback(CallbackData, prefix="im"):
    action: ImportAction
    draft_id: Id


class ListKind(IntEnum):
    MY = 1
    OVERDUE = 2
    PROTOCOLS = 3


class PageCallback(CallbackData, prefix="p"):
    kind: ListKind
    page: Id


class FormAction(IntEnum):
    CANCEL = 1
    NO_COMMENT = 2


class FormCallback(CallbackData, prefix="f"):
    action: FormAction
    #: «Без комментария» names the assignee whose form it belongs to: an older prompt's
    #: button must not act on the form open now.
    assignee_id: Id = 0
