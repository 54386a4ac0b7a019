"""Typed records returned by the repositories."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum


class Role(StrEnum):
    ADMIN = "admin"
    SECRETARY = "secretary"
    COORDINATOR = "coordinator"
    CONTROLLER = "controller"
    EXECUTOR = "executor"


class AssigneeStatus(StrEnum):
    NEW = "new"
    IN_PROGRESS = "in_progress"
    REPORTED = "reported"
    ACCEPTED = "accepted"
    RETURNED = "returned"
    CANCELLED = "cancelled"


OPEN_STATUSES: frozenset[AssigneeStatus] = frozenset(
    {
        AssigneeStatus.NEW,
        AssigneeStatus.IN_PROGRESS,
        AssigneeStatus.REPORTED,
        AssigneeStatus.RETURNED,
    }
)


@dataclass(frozen=True, slots=True)
class Person:
    id: int
    full_name: str
    short_name: str
    position: str | None
    organisation: str | None
    telegram_id: int | None
    telegram_username: str | None
    invite_token: str | None
    unreachable_since: dt.datetime | None
    removed_at: dt.datetime | None
    roles: frozenset[Role] = field(default_factory=frozenset)

    @property
    def linked(self) -> bool:
        return self.telegram_id is not None

    def has_any(self, *roles: Role) -> bool:
        return bool(self.roles.intersection(roles))


@dataclass(frozen=True, slots=True)
class Protocol:
    id: int
    title: str | None
    number: str | None
    meeting_date: dt.date | None
    source_hash: str | None
    created_at: dt.datetime


@dataclass(frozen=True, slots=True)
class Assignment:
    id: int
    protocol_id: int | None
    item_number: str | None
    text: str
    deadline_date: dt.date | None
    deadline_time: dt.time | None
    deadline_kind: str
    deadline_raw: str
    recommendation: bool
    controller_id: int | None
    created_by: int | None
    created_at: dt.datetime
    cancelled_at: dt.datetime | None

    @property
    def reviewer_id(self) -> int | None:
        """Who receives reports and deadline requests: the controller, else the author."""
        return self.controller_id or self.created_by


@dataclass(frozen=True, slots=True)
class Assignee:
    id: int
    assignment_id: int
    person_id: int
    status: AssigneeStatus
    status_changed_at: dt.datetime
    deadline_date: dt.date | None
    snoozed_until: dt.date | None
    last_reminder_on: dt.date | None
    card_chat_id: int | None
    card_message_id: int | None

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


@dataclass(frozen=True, slots=True)
class AssigneeView:
    """An assignee joined with its assignment, person and protocol: what cards and lists show."""

    assignee: Assignee
    assignment: Assignment
    person: Person
    protocol: Protocol | None

    @property
    def deadline(self) -> dt.date | None:
        """This assignee's deadline (an approved extension moves it for them alone)."""
        return self.assignee.deadline_date

    @property
    def deadline_time(self) -> dt.time | None:
        a = self.assignment
        return a.deadline_time if self.assignee.deadline_date == a.deadline_date else None


@dataclass(frozen=True, slots=True)
class DeadlineOutcome:
    """How one assignee's deadline went, as the discipline report reads it."""

    assignee_id: int
    person_id: int
    status: AssigneeStatus
    status_changed_at: dt.datetime
    deadline: dt.date
    deadline_time: dt.time | None  # kept only while the deadline is the assignment's own
    #: When the latest report (or «выполнено») came: for an accepted assignee, the one accepted.
    reported_at: dt.datetime | None = None


@dataclass(frozen=True, slots=True)
class ReminderCandidate:
    """What the reminder rule reads of an assignee still to act."""

    assignee_id: int
    person_id: int
    deadline: dt.date | None
    snoozed_until: dt.date | None
    last_reminder_on: dt.date | None
    created_at: dt.datetime


@dataclass(frozen=True, slots=True)
class ReportFile:
    kind: str  # "document" | "photo"
    file_id: str
    file_unique_id: str
    file_name: str | None = None
    mime_type: str | None = None
    file_size: int | None = None


@dataclass(frozen=True, slots=True)
class Report:
    id: int
    assignee_id: int
    author_id: int
    kind: str  # "report" | "done"
    text: str
    created_at: dt.datetime
    files: tuple[ReportFile, ...] = ()


@dataclass(frozen=True, slots=True)
class Event:
    id: int
    at: dt.datetime
    actor_id: int | None
    assignment_id: int | None
    assignee_id: int | None
    kind: str
    details: dict[str, object]


@dataclass(frozen=True, slots=True)
class OutboxItem:
    id: int
    person_id: int | None
    chat_id: int | None
    kind: str
    payload: dict[str, object]
    dedupe_key: str
    not_before: dt.datetime
    attempts: int
    parts_sent: int = 0  # messages of it that went out in an earlier attempt


@dataclass(frozen=True, slots=True)
class Draft:
    id: int
    author_id: int
    kind: str
    payload: dict[str, object]
    created_at: dt.datetime
    closed_at: dt.datetime | None
