"""FSM states of the conversations (stored in SQLite, so they survive a restart)."""

from aiogram.fsm.state import State, StatesGroup


class NewFlow(StatesGroup):
    waiting_text = State()


class DraftEdit(StatesGroup):
    whole = State()  # data: draft_id, item
    deadline = State()  # data: draft_id, item
    responsible = State()  # data: draft_id, item


class ReportFlow(StatesGroup):
    report = State()  # data: assignee_id
    done_comment = State()  # data: assignee_id


class ReviewFlow(StatesGroup):
    return_reason = State()  # data: assignee_id


class ExtendFlow(StatesGroup):
    date = State()  # data: assignee_id
    reason = State()  # data: assignee_id, new_date


class ManageFlow(StatesGroup):
    deadline = State()  # data: assignment_id
    text = State()
    controller = State()
    add = State()
    remove = State()
    cancel = State()


class ImportFlow(StatesGroup):
    file = State()
