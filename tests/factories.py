"""Records for unit tests of pure logic: a person and an assignee's view, every field a
keyword with a plain default, so each test names only what it is about."""

from __future__ import annotations

import datetime as dt

from storage.models import Assignee, AssigneeStatus, AssigneeView, Assignment, Person, Role

#: When test assignments were made, unless a test says otherwise.
CREATED = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)


def person(
    pid: int,
    *,
    full_name: str | None = None,
    short_name: str | None = None,
    position: str | None = None,
    organisation: str | None = None,
    telegram_id: int | None = None,
    username: str | None = None,
    roles: frozenset[Role] = frozenset(),
) -> Person:
    """«Иванов<pid> Иван Иванович» unless named."""
    return Person(
        id=pid,
        full_name=full_name or f"Иванов{pid} Иван Иванович",
        short_name=short_name or f"Иванов{pid} И.И.",
        position=position,
        organisation=organisation,
        telegram_id=telegram_id,
        telegram_username=username,
        invite_token=None,
        unreachable_since=None,
        removed_at=None,
        roles=roles,
    )


def view(
    *,
    aid: int = 1,
    assignment_id: int | None = None,
    status: AssigneeStatus = AssigneeStatus.NEW,
    deadline: dt.date | None = None,
    assignment_deadline: dt.date | None = None,
    time: dt.time | None = None,
    kind: str | None = None,
    raw: str = "",
    item: str | None = None,
    text: str = "Подготовить отчёт",
    recommendation: bool = False,
    who: Person | None = None,
    controller: int | None = None,
    author: int | None = None,
    changed: dt.datetime = CREATED,
    cancelled_at: dt.datetime | None = None,
) -> AssigneeView:
    """Assignee `aid` of assignment `assignment_id` (the same number unless given), for
    `who` (person `aid` unless given); the assignment's deadline is the assignee's unless
    given."""
    who = who or person(aid)
    number = aid if assignment_id is None else assignment_id
    return AssigneeView(
        assignee=Assignee(
            id=aid,
            assignment_id=number,
            person_id=who.id,
            status=status,
            status_changed_at=changed.astimezone(dt.UTC),
            deadline_date=deadline,
            snoozed_until=None,
            last_reminder_on=None,
            card_chat_id=None,
            card_message_id=None,
        ),
        assignment=Assignment(
            id=number,
            protocol_id=None,
            item_number=item,
            text=text,
            deadline_date=assignment_deadline or deadline,
            deadline_time=time,
            deadline_kind=kind or ("date" if deadline else "none"),
            deadline_raw=raw,
            recommendation=recommendation,
            controller_id=controller,
            created_by=author,
            created_at=CREATED,
            cancelled_at=cancelled_at,
        ),
        person=who,
        protocol=None,
    )
