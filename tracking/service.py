"""Services: every action is one transaction that checks the rule, changes state, logs the
event and queues the notifications it causes. Handlers call these and answer after commit."""

from __future__ import annotations

import asyncio
import datetime as dt
import secrets
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any

from storage.db import Database
from storage.models import (
    AssigneeStatus,
    AssigneeView,
    Draft,
    Event,
    Person,
    Protocol,
    ReminderCandidate,
    Report,
    ReportFile,
    Role,
)
from storage.repos import DeadlineRequest, Tx
from tracking.calendar import RUSSIA, WorkCalendar
from tracking.clock import Clock
from tracking.directory_io import DirectoryRow
from tracking.directory_io import name_key as directory_key
from tracking.export import PersonStats
from tracking.reports import DisciplineTally, Progress, progress
from tracking.resolve import Resolver
from tracking.rules import (
    CREATORS,
    DIGEST_RECEIVERS,
    OVERSEERS,
    ROLE_EDITORS,
    Action,
    Digest,
    ListPage,
    Outcome,
    ReminderPolicy,
    build_digest,
    clamp_page,
    due_slot,
    may_act,
    may_manage,
    may_see,
)

S = AssigneeStatus
#: A reminder due: the assignee, the slot's day and its kind.
_Due = tuple[ReminderCandidate, dt.date, str]


class Notice(StrEnum):
    """Kinds of outbox messages; the delivery worker renders each from the database."""

    CARD = "card"
    CARD_REFRESH = "card_refresh"
    REVIEW = "review"
    ACCEPTED = "accepted"
    RETURNED = "returned"
    REMINDER = "reminder"
    REMINDERS = "reminders"  # several at once, one message
    DIGEST = "digest"
    EXTENSION_REQUEST = "extension_request"
    EXTENSION_DECIDED = "extension_decided"
    CANCELLED = "cancelled"
    CHANGED = "changed"
    UNREACHABLE = "unreachable"
    CONTROLLER = "controller"
    UNASSIGNED = "unassigned"


def _username_change_refused(actor: Person, person: Person, username: str | None) -> bool:
    """Whether `actor` may not set `person`'s @username to `username` (an import's cell):
    only an administrator moves a linked account, or an administrator's record, to whoever
    holds a username."""
    if not username or username.lstrip("@").casefold() == (
        (person.telegram_username or "").lstrip("@").casefold()
    ):
        return False
    return (person.linked or Role.ADMIN in person.roles) and Role.ADMIN not in actor.roles


def short_name(full_name: str) -> str:
    """«Фамилия Имя Отчество» → «Фамилия И.О.»; anything else unchanged."""
    parts = full_name.split()
    if len(parts) < 2 or not all(p[:1].isalpha() for p in parts):
        return full_name.strip()
    return parts[0] + " " + "".join(p[0].upper() + "." for p in parts[1:3])


@dataclass(frozen=True, slots=True)
class NewAssignment:
    text: str
    deadline_date: dt.date | None
    deadline_time: dt.time | None
    deadline_kind: str
    deadline_raw: str
    person_ids: tuple[int, ...]
    item_number: str | None = None
    recommendation: bool = False
    controller_id: int | None = None


@dataclass(frozen=True, slots=True)
class NewProtocol:
    title: str | None
    number: str | None
    meeting_date: dt.date | None
    source_text: str
    source_hash: str | None


class DuplicateProtocolError(Exception):
    """The protocol's text was saved before (as protocol `protocol_id`): nothing is saved."""

    def __init__(self, protocol_id: int) -> None:
        super().__init__(f"protocol {protocol_id} has the same text")
        self.protocol_id = protocol_id


@dataclass(frozen=True, slots=True)
class Created:
    assignment_ids: tuple[int, ...]
    assignee_ids: tuple[int, ...]
    unlinked: tuple[Person, ...]
    protocol_id: int | None = None


@dataclass(frozen=True, slots=True)
class Removal:
    """A person taken out of the directory: the assignments they were taken off (their part
    was open), and how many assignments they reviewed passed to whoever removed them."""

    person: Person
    taken_off: tuple[int, ...]
    control_passed: int


@dataclass(frozen=True, slots=True)
class ActionResult:
    outcome: Outcome
    view: AssigneeView | None = None

    @property
    def ok(self) -> bool:
        return self.outcome is Outcome.OK


class InviteOutcome(StrEnum):
    LINKED = "linked"
    INVALID = "invalid"
    EXPIRED = "expired"
    ACCOUNT_TAKEN = "account_taken"
    ALREADY_YOURS = "already_yours"


@dataclass(frozen=True, slots=True)
class InviteResult:
    outcome: InviteOutcome
    person: Person | None = None


@dataclass(slots=True)
class Tracker:
    """The domain services, bound to a database, a clock and the reminder policy."""

    db: Database
    clock: Clock
    policy: ReminderPolicy
    digest_time: dt.time
    due_soon_days: int = 3
    #: The digest lists at most this many overdue items and as many due soon (totals are given).
    digest_lines: int = 40
    #: The reminder scan writes about this many reminders per transaction.
    scan_chunk: int = 500
    #: Someone due this many reminders at once or more gets them in one message.
    bundle_from: int = 4
    admin_ids: frozenset[int] = field(default_factory=frozenset)
    invite_ttl_days: int = 14
    #: Reminders and digests go out only on working days within these hours (None: any time).
    working_hours: tuple[dt.time, dt.time] | None = None
    calendar: WorkCalendar = RUSSIA
    #: How many Telegram accounts `actor` remembers.
    actor_cache_size: int = 10_000
    _actors: OrderedDict[int, tuple[int, Person | None]] = field(
        default_factory=OrderedDict, init=False, repr=False, compare=False
    )

    # --- time ---------------------------------------------------------------------------

    def now(self) -> dt.datetime:
        return self.clock.now()

    def today(self) -> dt.date:
        return self.now().astimezone(self.policy.tz).date()

    def quiet_now(self) -> bool:
        """Outside working days and hours nobody is reminded; the next scan catches up."""
        if self.working_hours is None:
            return False
        start, end = self.working_hours
        local = self.now().astimezone(self.policy.tz)
        return not self.calendar.within_working_hours(local, start, end)

    def non_working(self, day: dt.date) -> bool:
        return not self.calendar.is_working_day(day)

    # --- directory ------------------------------------------------------------------------

    async def actor(self, telegram_id: int) -> Person | None:
        """The linked person behind a Telegram account, asked for by every update.

        Kept in memory until the database's people change (any write to people or roles,
        committed or not, moves `Database.people_generation`); an entry is stored under the
        database lock, so it can never be older than the last such write."""
        hit = self._actors.get(telegram_id)
        if hit is not None and hit[0] == self.db.people_generation:
            self._actors.move_to_end(telegram_id)
            return hit[1]
        async with self.db.read() as tx:
            person = await tx.people.by_telegram(telegram_id)
            self._actors[telegram_id] = (self.db.people_generation, person)
        while len(self._actors) > self.actor_cache_size:
            self._actors.popitem(last=False)
        return person

    async def bootstrap_admin(
        self, telegram_id: int, full_name: str, username: str | None
    ) -> Person | None:
        """Give an ADMIN_IDS account its administrator record on first contact."""
        if telegram_id not in self.admin_ids:
            return None
        async with self.db.transaction() as tx:
            person = await tx.people.by_telegram(telegram_id)
            if person is None:
                person = await tx.people.add(
                    full_name=full_name,
                    short_name=short_name(full_name),
                    position=None,
                    organisation=None,
                    invite_token=None,
                    telegram_id=telegram_id,
                    roles=(Role.ADMIN,),
                    now=self.now(),
                )
                await tx.people.link(person.id, telegram_id, username)
                await tx.events.add("person_created", now=self.now(), actor_id=person.id)
            elif Role.ADMIN not in person.roles:
                await tx.people.add_role(person.id, Role.ADMIN)
            return await tx.people.get(person.id)

    async def add_person(
        self, actor: Person, full_name: str, position: str | None, organisation: str | None
    ) -> Person:
        async with self.db.transaction() as tx:
            person = await tx.people.add(
                full_name=full_name,
                short_name=short_name(full_name),
                position=position,
                organisation=organisation,
                invite_token=None,
                now=self.now(),
            )
            person = await self._new_invite(tx, person.id)
            await tx.events.add(
                "person_created", now=self.now(), actor_id=actor.id, person_id=person.id
            )
            return person

    async def _new_invite(self, tx: Tx, person_id: int) -> Person:
        expires = self.now() + dt.timedelta(days=self.invite_ttl_days)
        await tx.people.set_invite(person_id, secrets.token_urlsafe(12), expires)
        person = await tx.people.get(person_id)
        assert person is not None
        return person

    async def reissue_invite(self, actor: Person, person_id: int) -> tuple[Outcome, Person | None]:
        """A fresh one-time link (the old one stops working); opening it (re)links an account.

        Moving an already linked account, or an administrator's record, to whoever opens the
        link is for administrators only: a secretary could otherwise take over anyone."""
        async with self.db.transaction() as tx:
            person = await tx.people.get(person_id)
            if person is None or person.removed_at is not None:
                return Outcome.NOT_FOUND, None
            if (person.linked or Role.ADMIN in person.roles) and Role.ADMIN not in actor.roles:
                return Outcome.FORBIDDEN, None
            await tx.events.add(
                "invite_issued", now=self.now(), actor_id=actor.id, person_id=person_id
            )
            return Outcome.OK, await self._new_invite(tx, person_id)

    async def invited(self) -> list[tuple[Person, dt.datetime | None]]:
        """People invited who never opened the bot, with their link's expiry."""
        async with self.db.read() as tx:
            return await tx.people.invited_not_linked()

    async def remove_person(self, actor: Person, person_id: int) -> Removal | None:
        """Remove from the directory (history stays). Their open parts of assignments are
        cancelled (nobody could take them off later: the directory no longer finds them), and
        the assignments whose reports went to them pass to the actor, with what waits for a
        decision on them."""
        now = self.now()
        async with self.db.transaction() as tx:
            person = await tx.people.get(person_id)
            if person is None or person.removed_at is not None or person.id == actor.id:
                return None
            if Role.ADMIN in person.roles and Role.ADMIN not in actor.roles:
                return None
            views, _ = await tx.assignments.open_for_person(person_id)
            for view in views:
                await tx.assignments.set_status(view.assignee.id, S.CANCELLED, now)
                await tx.events.add(
                    "unassigned",
                    now=now,
                    actor_id=actor.id,
                    assignment_id=view.assignment.id,
                    assignee_id=view.assignee.id,
                    person=person.short_name,
                )
            await tx.people.remove(person_id, now)
            await tx.outbox.drop_for(person_id, now, "recipient removed")
            reviewed = await tx.assignments.reviewed_by(person_id)
            for assignment_id in reviewed:
                await tx.assignments.set_controller(assignment_id, actor.id)
                await self._hand_over_reviews(tx, assignment_id, now)
            await tx.events.add(
                "person_removed",
                now=now,
                actor_id=actor.id,
                person_id=person_id,
                control_to=actor.id if reviewed else None,
                assignments=reviewed,
            )
            return Removal(person, tuple(v.assignment.id for v in views), len(reviewed))

    async def mark_reachable(self, person: Person) -> Person:
        """The person wrote to the bot after it could not reach them: they can be reached, and
        the cards they never got (of their open items) are sent again."""
        async with self.db.transaction() as tx:
            await tx.people.set_unreachable(person.id, None)
            event_id = await tx.events.add("reachable", now=self.now(), person_id=person.id)
            views, _ = await tx.assignments.open_for_person(person.id)
            for view in views:
                if view.assignee.card_message_id is None:
                    await self._queue_card(tx, person.id, view.assignee.id, event_id)
        return replace(person, unreachable_since=None)

    async def note_username(self, person: Person, username: str | None) -> Person:
        """The linked person's Telegram @username as their account has it now (it can be
        changed at any time): an @mention in a protocol finds them by the new one, and the old
        one, free for anyone to take, no longer names them — nor anyone else who had it."""
        async with self.db.transaction() as tx:
            if username:
                await tx.people.drop_username(username, keep=person.id)
            await tx.people.set_username(person.id, username)
        return replace(person, telegram_username=username)

    async def mark_unreachable(self, person_id: int, assignee_ids: Sequence[int] = ()) -> None:
        """Delivery failed for good (blocked, never started): tell whoever can act on it, the
        authors and reviewers of the assignments the message was about (`assignee_ids`)."""
        now = self.now()
        async with self.db.transaction() as tx:
            person = await tx.people.get(person_id)
            if person is None:
                return
            await tx.people.set_unreachable(person_id, now)
            await tx.events.add("unreachable", now=now, person_id=person_id)
            # Whoever wrote or reviews the assignments; when that is the unreachable person
            # themselves (a blocked controller), or there is no assignment, the secretaries.
            receivers: set[int] = set()
            for view in await tx.assignments.views(list(dict.fromkeys(assignee_ids))):
                a = view.assignment
                receivers |= {pid for pid in (a.created_by, a.reviewer_id) if pid is not None}
            for pid in list(receivers):  # someone who left the directory learns nothing
                found = await tx.people.get(pid)
                if found is None or found.removed_at is not None:
                    receivers.discard(pid)
            receivers.discard(person_id)
            if not receivers:
                for role in (Role.SECRETARY, Role.ADMIN):
                    receivers |= {p.id for p in await tx.people.with_role(role)}
                receivers.discard(person_id)
            for receiver in receivers:
                await tx.outbox.add(
                    Notice.UNREACHABLE,
                    dedupe_key=f"unreachable:{person_id}:{receiver}:{self.today().isoformat()}",
                    now=now,
                    person_id=receiver,
                    unreachable_id=person_id,
                )

    async def import_plan(
        self, actor: Person, rows: Sequence[DirectoryRow]
    ) -> tuple[int, int, list[str]]:
        """How many rows would add a person and how many would update one, and the short
        names of those whose @username the file would change but `actor` may not."""
        async with self.db.read() as tx:
            known = {directory_key(p.full_name): p for p in await tx.people.active()}
        updates = 0
        locked: list[str] = []
        for row in rows:
            person = known.get(directory_key(row.full_name))
            if person is None:
                continue
            updates += 1
            if _username_change_refused(actor, person, row.username):
                locked.append(person.short_name)
        return len(rows) - updates, updates, locked

    async def apply_import(
        self, actor: Person, rows: Sequence[DirectoryRow]
    ) -> tuple[list[Person], int]:
        """Add new people (with invite links) and update known ones, in one transaction.

        Roles and groups are added, never taken away; empty cells keep what is there. Roles
        come from the file only when an administrator imports it, as only they may grant roles
        (`/role`); anyone else's import adds people as executors and keeps known people's
        roles, and changes no @username of a linked account or an administrator's record
        (whoever has that username would be linked to it on their /start, as with
        `reissue_invite`)."""
        now = self.now()
        added: list[Person] = []
        updated = 0
        may_grant = actor.has_any(*ROLE_EDITORS)
        async with self.db.transaction() as tx:
            known = {directory_key(p.full_name): p for p in await tx.people.active()}
            for row in rows:
                person = known.get(directory_key(row.full_name))
                roles = row.roles if may_grant else frozenset()
                if person is None:
                    person = await tx.people.add(
                        full_name=row.full_name,
                        short_name=short_name(row.full_name),
                        position=row.position,
                        organisation=row.organisation,
                        invite_token=None,
                        now=now,
                        roles=roles or {Role.EXECUTOR},
                    )
                    person = await self._new_invite(tx, person.id)
                    added.append(person)
                    known[directory_key(row.full_name)] = person
                else:
                    updated += 1
                    for role in roles:
                        await tx.people.add_role(person.id, role)
                username = row.username
                if _username_change_refused(actor, person, username):
                    username = None  # kept as it is
                await tx.people.update_details(
                    person.id,
                    position=row.position,
                    organisation=row.organisation,
                    username=username,
                    phone=row.phone,
                )
                for group in row.groups:
                    group_id = await tx.groups.ensure(group, now)
                    await tx.groups.add_members(group_id, [person.id])
            await tx.events.add(
                "directory_imported", now=now, actor_id=actor.id, added=len(added), updated=updated
            )
        return added, updated

    async def directory_rows(self) -> list[DirectoryRow]:
        """The directory as import rows, so an export can be edited and imported back."""
        async with self.db.read() as tx:
            people = await tx.people.active()
            groups = await tx.groups.all()
            phones = await tx.people.phones()
        member_of: dict[int, list[str]] = {}
        for group in groups:
            for pid in group.member_ids:
                member_of.setdefault(pid, []).append(group.name)
        return [
            DirectoryRow(
                line=index + 2,
                full_name=p.full_name,
                position=p.position,
                organisation=p.organisation,
                roles=p.roles,
                groups=tuple(member_of.get(p.id, ())),
                username=p.telegram_username,
                phone=phones.get(p.id),
            )
            for index, p in enumerate(people)
        ]

    async def link_by_username(self, telegram_id: int, username: str | None) -> Person | None:
        """A person imported with this @username opens the bot: link them without a token."""
        if not username:
            return None
        async with self.db.transaction() as tx:
            if await tx.people.by_telegram(telegram_id) is not None:
                return None
            person = await tx.people.unlinked_by_username(username)
            if person is None:
                return None
            await tx.people.link(person.id, telegram_id, username)
            await tx.events.add("person_linked", now=self.now(), actor_id=person.id, by="username")
            tx.wake_delivery()
            return await tx.people.get(person.id)

    async def redeem_invite(
        self, token: str, telegram_id: int, username: str | None
    ) -> InviteResult:
        async with self.db.transaction() as tx:
            person = await tx.people.by_invite(token)
            if person is None:
                return InviteResult(InviteOutcome.INVALID)
            expires = await tx.people.invite_expires_at(person.id)
            if expires is not None and expires < self.now():
                return InviteResult(InviteOutcome.EXPIRED)
            current = await tx.people.by_telegram(telegram_id)
            if current is not None:
                outcome = (
                    InviteOutcome.ALREADY_YOURS
                    if current.id == person.id
                    else InviteOutcome.ACCOUNT_TAKEN
                )
                return InviteResult(outcome, current)
            await tx.people.link(person.id, telegram_id, username)
            event_id = await tx.events.add("person_linked", now=self.now(), actor_id=person.id)
            if person.telegram_id is not None and person.telegram_id != telegram_id:
                await self._cards_to_new_account(tx, person.id, event_id)
            tx.wake_delivery()  # cards queued before the person joined can go now
            return InviteResult(InviteOutcome.LINKED, await tx.people.get(person.id))

    async def _cards_to_new_account(self, tx: Tx, person_id: int, event_id: int) -> None:
        """A person moved to another Telegram account: their open cards live in the old chat,
        where edits would go (or fail and flag them unreachable). Each open item gets a new
        card in the new chat, which from then on is the one kept up to date."""
        views, _ = await tx.assignments.open_for_person(person_id)
        for view in views:
            await tx.assignments.forget_card(view.assignee.id)
            await self._queue_card(tx, person_id, view.assignee.id, event_id)

    async def set_role(self, actor: Person, person_id: int, role: Role, grant: bool) -> Outcome:
        """Grant or take a role. The administrator role is not taken from the last linked
        administrator (nobody could grant it back but an `ADMIN_IDS` account)."""
        async with self.db.transaction() as tx:
            person = await tx.people.get(person_id)
            if person is None or person.removed_at is not None:
                return Outcome.NOT_FOUND
            if not grant and role is Role.ADMIN and Role.ADMIN in person.roles:
                others = [
                    p
                    for p in await tx.people.with_role(Role.ADMIN)
                    if p.id != person_id and p.linked
                ]
                if not others:
                    return Outcome.FORBIDDEN
            if grant:
                await tx.people.add_role(person_id, role)
            else:
                await tx.people.remove_role(person_id, role)
            await tx.events.add(
                "role_granted" if grant else "role_revoked",
                now=self.now(),
                actor_id=actor.id,
                person_id=person_id,
                role=role.value,
            )
            return Outcome.OK

    async def resolver(self) -> Resolver:
        """The directory, groups and aliases, loaded once for resolving a draft's doers."""
        async with self.db.read() as tx:
            return Resolver(await tx.people.active(), await tx.groups.lookup_table())

    async def _remember_mapping(
        self, tx: Tx, actor: Person, text: str, person_ids: Sequence[int]
    ) -> None:
        """The secretary said who «text» means: kept as a group (exactly these people) for
        the next protocol."""
        group_id = await tx.groups.ensure(text, self.now())
        await tx.groups.set_members(group_id, person_ids)
        await tx.groups.remember_alias(text, group_id, actor.id, self.now())
        await tx.events.add(
            "alias_remembered",
            now=self.now(),
            actor_id=actor.id,
            alias=text,
            people=list(person_ids),
        )

    async def directory(self) -> list[Person]:
        async with self.db.read() as tx:
            return await tx.people.active()

    async def person(self, person_id: int) -> Person | None:
        async with self.db.read() as tx:
            return await tx.people.get(person_id)

    # --- creating ---------------------------------------------------------------------------

    async def create(
        self,
        actor: Person,
        items: Sequence[NewAssignment],
        protocol: NewProtocol | None = None,
        *,
        draft_id: int | None = None,
        mappings: Mapping[str, Sequence[int]] | None = None,
    ) -> Created | None:
        """Save assignments (of one protocol, if given) and queue a card for every assignee.

        With `draft_id` the draft is closed in the same transaction; None when it was closed
        already (a second tap on «Сохранить» saves nothing twice). A protocol whose text was
        saved before raises `DuplicateProtocolError` (two previews of one text, or two
        secretaries with the same file, would otherwise send every card twice). `mappings`
        (a group's name → its people, as the secretary fixed the draft) are kept as groups.
        """
        if not actor.has_any(*CREATORS):
            raise PermissionError("only secretaries create assignments")
        now = self.now()
        assignment_ids: list[int] = []
        assignee_ids: list[int] = []
        unlinked: dict[int, Person] = {}
        async with self.db.transaction() as tx:
            if draft_id is not None and not await tx.drafts.close(draft_id, now):
                return None
            if protocol is not None and protocol.source_hash:
                earlier = await tx.protocols.by_hash(protocol.source_hash)
                if earlier is not None:
                    raise DuplicateProtocolError(earlier.id)
            for text, person_ids in (mappings or {}).items():
                await self._remember_mapping(tx, actor, text, person_ids)
            protocol_id = None
            if protocol is not None:
                protocol_id = await tx.protocols.add(
                    title=protocol.title,
                    number=protocol.number,
                    meeting_date=protocol.meeting_date,
                    source_text=protocol.source_text,
                    source_hash=protocol.source_hash,
                    created_by=actor.id,
                    now=now,
                )
            for item in items:
                assignment_id = await tx.assignments.add(
                    protocol_id=protocol_id,
                    item_number=item.item_number,
                    text=item.text,
                    deadline_date=item.deadline_date,
                    deadline_time=item.deadline_time,
                    deadline_kind=item.deadline_kind,
                    deadline_raw=item.deadline_raw,
                    recommendation=item.recommendation,
                    controller_id=item.controller_id or actor.id,
                    created_by=actor.id,
                    now=now,
                )
                assignment_ids.append(assignment_id)
                await tx.events.add(
                    "created", now=now, actor_id=actor.id, assignment_id=assignment_id
                )
                for person_id in dict.fromkeys(item.person_ids):
                    person = await tx.people.get(person_id)
                    if person is None or person.removed_at is not None:
                        raise LookupError(f"person {person_id} is not in the directory")
                    if not person.linked:
                        unlinked[person.id] = person
                    # The card is today's news: no reminder on top of it the same day.
                    assignee_ids.append(
                        await self._assign(
                            tx,
                            actor,
                            assignment_id,
                            person,
                            item.deadline_date,
                            reminded_on=self.today(),
                        )
                    )
        return Created(
            tuple(assignment_ids), tuple(assignee_ids), tuple(unlinked.values()), protocol_id
        )

    async def save_draft(self, author: Person, kind: str, payload: dict[str, Any]) -> Draft:
        async with self.db.transaction() as tx:
            return await tx.drafts.add(author.id, kind, payload, self.now())

    async def draft(self, draft_id: int) -> Draft | None:
        async with self.db.read() as tx:
            return await tx.drafts.get(draft_id)

    async def update_draft(self, draft_id: int, payload: dict[str, Any]) -> Draft | None:
        """Replace an open draft's content; None when it is closed or gone."""
        async with self.db.transaction() as tx:
            draft = await tx.drafts.get(draft_id)
            if draft is None or draft.closed_at is not None:
                return None
            await tx.drafts.update(draft_id, payload)
            return await tx.drafts.get(draft_id)

    async def close_draft(self, draft_id: int) -> bool:
        async with self.db.transaction() as tx:
            return await tx.drafts.close(draft_id, self.now())

    async def protocol_by_hash(self, source_hash: str) -> int | None:
        async with self.db.read() as tx:
            found = await tx.protocols.by_hash(source_hash)
            return found.id if found else None

    # --- acting on an assignee -------------------------------------------------------------

    async def view(self, assignee_id: int) -> AssigneeView | None:
        async with self.db.read() as tx:
            return await tx.assignments.view(assignee_id)

    async def views(self, assignee_ids: Sequence[int]) -> list[AssigneeView]:
        async with self.db.read() as tx:
            return await tx.assignments.views(assignee_ids)

    async def check(
        self, actor: Person, assignee_id: int, action: Action, *, report_id: int = 0
    ) -> ActionResult:
        """Whether the action is allowed now, without changing anything (e.g. before a form).
        With `report_id`, a decision on that report: refused when a later one came."""
        async with self.db.read() as tx:
            return await self._check(tx, actor, assignee_id, action, report_id)

    async def _check(
        self, tx: Tx, actor: Person, assignee_id: int, action: Action, report_id: int = 0
    ) -> ActionResult:
        view = await tx.assignments.view(assignee_id)
        if view is None:
            return ActionResult(Outcome.NOT_FOUND)
        outcome = may_act(actor, view, action)
        if outcome is Outcome.OK and report_id:
            latest = (await tx.reports.latest_ids([assignee_id])).get(assignee_id)
            if latest != report_id:
                outcome = Outcome.OLD_REPORT
        return ActionResult(outcome, view)

    async def _act(
        self,
        actor: Person,
        assignee_id: int,
        action: Action,
        change: Callable[[Tx, AssigneeView, dt.datetime], Awaitable[None]],
        report_id: int = 0,
    ) -> ActionResult:
        """Check, then act, in one transaction: the rule is checked on the very state `change`
        is applied to, so a stale button or two people pressing at once cannot both win.
        Returns the assignee as it is after the change."""
        now = self.now()
        async with self.db.transaction() as tx:
            checked = await self._check(tx, actor, assignee_id, action, report_id)
            if not checked.ok or checked.view is None:
                return checked
            await change(tx, checked.view, now)
            return ActionResult(Outcome.OK, await tx.assignments.view(assignee_id))

    async def report(
        self,
        actor: Person,
        assignee_id: int,
        *,
        kind: str,
        text: str,
        files: Sequence[ReportFile] = (),
    ) -> ActionResult:
        """The assignee reports (with a file, photo or text) or marks done with a comment."""

        async def change(tx: Tx, view: AssigneeView, now: dt.datetime) -> None:
            report_id = await tx.reports.add(
                assignee_id=assignee_id,
                author_id=actor.id,
                kind=kind,
                text=text,
                files=files,
                now=now,
            )
            await tx.assignments.set_status(assignee_id, S.REPORTED, now)
            event_id = await tx.events.add(
                "reported" if kind == "report" else "marked_done",
                now=now,
                actor_id=actor.id,
                assignment_id=view.assignment.id,
                assignee_id=assignee_id,
                report_id=report_id,
                text=text[:500],
                files=[f.file_name or f.kind for f in files],
            )
            await self._tell_reviewer(
                tx, view, Notice.REVIEW, f"review:{report_id}", now, report_id=report_id
            )
            await self._refresh_card(tx, view, event_id)

        return await self._act(actor, assignee_id, Action.REPORT, change)

    @staticmethod
    async def _tell_reviewer(
        tx: Tx,
        view: AssigneeView,
        notice: Notice,
        key: str,
        now: dt.datetime,
        **payload: Any,
    ) -> None:
        """Queue `notice` about the assignee for whoever reviews the assignment's work (its
        controller, else its author), if anyone does; once per `key` and reviewer."""
        reviewer = view.assignment.reviewer_id
        if reviewer is not None:
            await tx.outbox.add(
                notice,
                dedupe_key=f"{key}:{reviewer}",
                now=now,
                person_id=reviewer,
                assignee_id=view.assignee.id,
                **payload,
            )

    async def accept(self, actor: Person, assignee_id: int, report_id: int = 0) -> ActionResult:
        """Accept the assignee's report (`report_id`, when given, must be the latest)."""
        return await self._review(
            actor, assignee_id, S.ACCEPTED, Notice.ACCEPTED, "accepted", report_id=report_id
        )

    async def return_for_rework(
        self, actor: Person, assignee_id: int, reason: str, report_id: int = 0
    ) -> ActionResult:
        return await self._review(
            actor,
            assignee_id,
            S.RETURNED,
            Notice.RETURNED,
            "returned",
            reason=reason,
            report_id=report_id,
        )

    async def _review(
        self,
        actor: Person,
        assignee_id: int,
        status: AssigneeStatus,
        notice: Notice,
        event: str,
        reason: str | None = None,
        report_id: int = 0,
    ) -> ActionResult:
        """The controller's decision on a report: the new status, the event, the assignee told
        (by whom, and why when a reason is given) and the card refreshed."""
        details: dict[str, Any] = {} if reason is None else {"reason": reason}

        async def change(tx: Tx, view: AssigneeView, now: dt.datetime) -> None:
            await tx.assignments.set_status(assignee_id, status, now)
            event_id = await tx.events.add(
                event,
                now=now,
                actor_id=actor.id,
                assignment_id=view.assignment.id,
                assignee_id=assignee_id,
                **details,
            )
            await tx.outbox.add(
                notice,
                dedupe_key=f"{event}:{event_id}",
                now=now,
                person_id=view.person.id,
                assignee_id=assignee_id,
                by=actor.short_name,
                **details,
            )
            await self._refresh_card(tx, view, event_id)

        return await self._act(actor, assignee_id, Action.REVIEW, change, report_id)

    async def snooze(self, actor: Person, assignee_id: int) -> ActionResult:
        """«Напомнить завтра»: a reminder the next morning it may go out (the next working day
        when reminders keep to working days); the person has seen the card."""

        async def change(tx: Tx, view: AssigneeView, now: dt.datetime) -> None:
            tomorrow = self.today() + dt.timedelta(days=1)
            if self.working_hours is not None:
                tomorrow = self.calendar.working_day_on_or_after(tomorrow)
            await tx.assignments.snooze(assignee_id, tomorrow)
            if view.assignee.status is S.NEW:
                await tx.assignments.set_status(assignee_id, S.IN_PROGRESS, now)
            await tx.events.add(
                "snoozed",
                now=now,
                actor_id=actor.id,
                assignment_id=view.assignment.id,
                assignee_id=assignee_id,
                until=tomorrow.isoformat(),
            )

        return await self._act(actor, assignee_id, Action.SNOOZE, change)

    async def report_by_id(self, report_id: int) -> Report | None:
        async with self.db.read() as tx:
            return await tx.reports.get(report_id)

    async def request_extension(
        self, actor: Person, assignee_id: int, new_date: dt.date, reason: str
    ) -> ActionResult:
        """The assignee asks for a new deadline; the controller gets a card to decide."""

        async def change(tx: Tx, view: AssigneeView, now: dt.datetime) -> None:
            request_id = await tx.deadline_requests.add(
                assignee_id, actor.id, new_date, reason, now
            )
            await tx.events.add(
                "extension_requested",
                now=now,
                actor_id=actor.id,
                assignment_id=view.assignment.id,
                assignee_id=assignee_id,
                old=view.deadline.isoformat() if view.deadline else None,
                new=new_date.isoformat(),
                reason=reason,
            )
            await self._tell_reviewer(
                tx,
                view,
                Notice.EXTENSION_REQUEST,
                f"extension:{request_id}",
                now,
                request_id=request_id,
            )

        return await self._act(actor, assignee_id, Action.EXTEND, change)

    async def decide_extension(
        self, actor: Person, request_id: int, approve: bool
    ) -> tuple[ActionResult, DeadlineRequest | None]:
        now = self.now()
        async with self.db.transaction() as tx:
            request = await tx.deadline_requests.get(request_id)
            if request is None:
                return ActionResult(Outcome.NOT_FOUND), None
            checked = await self._check(tx, actor, request.assignee_id, Action.DECIDE)
            if checked.outcome is Outcome.FORBIDDEN or checked.view is None:
                return checked, request
            current = checked.view.deadline
            pending = request.status == "pending"
            if pending and approve and current is not None and request.new_date <= current:
                # Outdated: the deadline was moved since (by a secretary or another request)
                # to this date or later; approving must not move it back. It can be declined.
                return ActionResult(Outcome.SUPERSEDED, checked.view), request
            status = "approved" if approve else "declined"
            if not checked.ok or not await tx.deadline_requests.decide(
                request_id, status, actor.id, now
            ):
                return ActionResult(Outcome.STALE, checked.view), request
            view = checked.view
            if approve:
                await tx.assignments.set_assignee_deadline(view.assignee.id, request.new_date)
            event_id = await tx.events.add(
                "deadline_moved" if approve else "extension_declined",
                now=now,
                actor_id=actor.id,
                assignment_id=view.assignment.id,
                assignee_id=view.assignee.id,
                old=view.deadline.isoformat() if view.deadline else None,
                new=request.new_date.isoformat(),
                reason=request.reason,
            )
            await tx.outbox.add(
                Notice.EXTENSION_DECIDED,
                dedupe_key=f"extension-decided:{request_id}",
                now=now,
                person_id=view.person.id,
                assignee_id=view.assignee.id,
                request_id=request_id,
                by=actor.short_name,
            )
            if approve:
                await self._refresh_card(tx, view, event_id)
            return ActionResult(Outcome.OK, await tx.assignments.view(view.assignee.id)), request

    # --- secretary / controller changes -------------------------------------------------------

    async def _managed(
        self, tx: Tx, actor: Person, assignment_id: int
    ) -> tuple[Outcome, list[AssigneeView]]:
        views = await tx.assignments.views_of_assignment(assignment_id)
        if not views:
            return Outcome.NOT_FOUND, []
        a = views[0].assignment
        if not may_manage(actor, a):
            return Outcome.FORBIDDEN, views
        if a.cancelled_at is not None:
            return Outcome.STALE, views
        return Outcome.OK, views

    async def assignment(
        self, actor: Person, assignment_id: int
    ) -> tuple[Outcome, list[AssigneeView]]:
        """The assignment with every assignee, for its controller and secretaries."""
        async with self.db.read() as tx:
            outcome, views = await self._managed(tx, actor, assignment_id)
            if outcome is Outcome.STALE:
                outcome = Outcome.OK  # a cancelled assignment can still be looked at
            return outcome, views

    async def _notify_open(
        self, tx: Tx, views: Sequence[AssigneeView], event_id: int, kind: Notice, **payload: Any
    ) -> None:
        for view in views:
            if not view.assignee.is_open:
                continue
            await tx.outbox.add(
                kind,
                dedupe_key=f"{kind.value}:{event_id}:{view.assignee.id}",
                now=self.now(),
                person_id=view.person.id,
                assignee_id=view.assignee.id,
                **payload,
            )
            await self._refresh_card(tx, view, event_id)

    async def cancel_assignment(self, actor: Person, assignment_id: int, reason: str) -> Outcome:
        now = self.now()
        async with self.db.transaction() as tx:
            outcome, views = await self._managed(tx, actor, assignment_id)
            if outcome is not Outcome.OK:
                return outcome
            if not any(v.assignee.is_open for v in views):
                # Done and accepted (or everyone taken off): cancelling would only hide the
                # work from the figures.
                return Outcome.NOTHING_OPEN
            event_id = await tx.events.add(
                "cancelled",
                now=now,
                actor_id=actor.id,
                assignment_id=assignment_id,
                reason=reason,
            )
            await tx.assignments.cancel(assignment_id, now)
            await self._notify_open(
                tx, views, event_id, Notice.CANCELLED, reason=reason, by=actor.short_name
            )
            return Outcome.OK

    async def change_deadline(
        self, actor: Person, assignment_id: int, day: dt.date, time: dt.time | None, raw: str
    ) -> tuple[Outcome, list[str]]:
        """Move the assignment's deadline; returns the outcome and the short names of those
        who keep a later deadline of their own (a move approved for them)."""
        now = self.now()
        async with self.db.transaction() as tx:
            outcome, views = await self._managed(tx, actor, assignment_id)
            if outcome is not Outcome.OK:
                return outcome, []
            common = views[0].assignment.deadline_date
            keeping = [
                v
                for v in views
                if v.assignee.is_open
                and v.deadline is not None
                and v.deadline != common
                and v.deadline > day
            ]
            kind = "datetime" if time is not None else "date"
            await tx.assignments.set_deadline(
                assignment_id,
                day=day,
                time=time,
                kind=kind,
                raw=raw,
                keep=[v.assignee.id for v in keeping],
            )
            event_id = await tx.events.add(
                "deadline_changed",
                now=now,
                actor_id=actor.id,
                assignment_id=assignment_id,
                old=common.isoformat() if common else None,
                new=day.isoformat(),
            )
            moved = [v for v in views if v not in keeping]
            await self._notify_open(
                tx, moved, event_id, Notice.CHANGED, what="deadline", by=actor.short_name
            )
            return Outcome.OK, [v.person.short_name for v in keeping]

    async def change_text(self, actor: Person, assignment_id: int, text: str) -> Outcome:
        now = self.now()
        async with self.db.transaction() as tx:
            outcome, views = await self._managed(tx, actor, assignment_id)
            if outcome is not Outcome.OK:
                return outcome
            await tx.assignments.set_text(assignment_id, text)
            event_id = await tx.events.add(
                "text_changed",
                now=now,
                actor_id=actor.id,
                assignment_id=assignment_id,
                old=views[0].assignment.text[:500],
            )
            await self._notify_open(
                tx, views, event_id, Notice.CHANGED, what="text", by=actor.short_name
            )
            return Outcome.OK

    async def change_controller(
        self, actor: Person, assignment_id: int, person_id: int
    ) -> Outcome:
        now = self.now()
        async with self.db.transaction() as tx:
            outcome, _ = await self._managed(tx, actor, assignment_id)
            person = await tx.people.get(person_id)
            if outcome is not Outcome.OK or person is None or person.removed_at is not None:
                return outcome if outcome is not Outcome.OK else Outcome.NOT_FOUND
            await tx.assignments.set_controller(assignment_id, person_id)
            await self._hand_over_reviews(tx, assignment_id, now)
            event_id = await tx.events.add(
                "controller_changed",
                now=now,
                actor_id=actor.id,
                assignment_id=assignment_id,
                controller=person.short_name,
            )
            await tx.outbox.add(
                Notice.CONTROLLER,
                dedupe_key=f"controller:{event_id}",
                now=now,
                person_id=person_id,
                assignment_id=assignment_id,
                by=actor.short_name,
            )
            return Outcome.OK

    async def _hand_over_reviews(self, tx: Tx, assignment_id: int, now: dt.datetime) -> None:
        """The assignment's reviewer changed: the reports waiting for a decision and the
        deadline requests still pending go to the new one (once each: the outbox keys carry
        the reviewer), whose buttons are then the ones that work."""
        views = await tx.assignments.views_of_assignment(assignment_id)
        waiting = [v for v in views if v.assignee.status is S.REPORTED]
        latest = await tx.reports.latest_ids([v.assignee.id for v in waiting])
        for view in waiting:
            report_id = latest.get(view.assignee.id)
            if report_id is not None:
                await self._tell_reviewer(
                    tx, view, Notice.REVIEW, f"review:{report_id}", now, report_id=report_id
                )
        open_views = {v.assignee.id: v for v in views if v.assignee.is_open}
        for request_id, assignee_id in await tx.deadline_requests.pending_of(list(open_views)):
            await self._tell_reviewer(
                tx,
                open_views[assignee_id],
                Notice.EXTENSION_REQUEST,
                f"extension:{request_id}",
                now,
                request_id=request_id,
            )

    async def remove_assignees(
        self, actor: Person, assignment_id: int, person_ids: Sequence[int]
    ) -> tuple[Outcome, list[str]]:
        """Take people off an assignment; they are told, their part is cancelled. Returns the
        outcome and the short names of those named who have no open part in it (not on it,
        or done); the last people on an assignment are not taken off (it is cancelled
        instead)."""
        now = self.now()
        async with self.db.transaction() as tx:
            outcome, views = await self._managed(tx, actor, assignment_id)
            if outcome is not Outcome.OK:
                return outcome, []
            leaving = [v for v in views if v.person.id in person_ids and v.assignee.is_open]
            staying = [
                v for v in views if v.assignee.status is not S.CANCELLED and v not in leaving
            ]
            leaving_ids = {v.person.id for v in leaving}
            skipped: list[str] = []
            for person_id in dict.fromkeys(person_ids):
                if person_id not in leaving_ids:
                    person = await tx.people.get(person_id)
                    skipped.append(person.short_name if person else str(person_id))
            if not leaving:
                return Outcome.NOTHING_OPEN, skipped
            if not staying:
                return Outcome.LAST_ASSIGNEE, skipped
            for view in leaving:
                await tx.assignments.set_status(view.assignee.id, S.CANCELLED, now)
                event_id = await tx.events.add(
                    "unassigned",
                    now=now,
                    actor_id=actor.id,
                    assignment_id=assignment_id,
                    assignee_id=view.assignee.id,
                    person=view.person.short_name,
                )
                await self._notify_open(
                    tx, [view], event_id, Notice.UNASSIGNED, by=actor.short_name
                )
            return Outcome.OK, skipped

    async def add_assignees(
        self, actor: Person, assignment_id: int, person_ids: Sequence[int]
    ) -> tuple[Outcome, list[str]]:
        """Put people on an assignment; returns the outcome and the short names of those left
        as they were because they are on it already (open, or done and accepted: adding them
        again must not undo that). Someone taken off it earlier comes back."""
        async with self.db.transaction() as tx:
            outcome, views = await self._managed(tx, actor, assignment_id)
            if outcome is not Outcome.OK:
                return outcome, []
            deadline = views[0].assignment.deadline_date
            present = {
                v.person.id: v.person for v in views if v.assignee.status is not S.CANCELLED
            }
            kept: list[str] = []
            for person_id in dict.fromkeys(person_ids):
                if person_id in present:
                    kept.append(present[person_id].short_name)
                    continue
                person = await tx.people.get(person_id)
                if person is None or person.removed_at is not None:
                    continue
                # Their card is today's news: no reminder on top of it today (the slots of a
                # running assignment are reckoned from when it was made).
                await self._assign(
                    tx, actor, assignment_id, person, deadline, reminded_on=self.today()
                )
            return Outcome.OK, kept

    async def _assign(
        self,
        tx: Tx,
        actor: Person,
        assignment_id: int,
        person: Person,
        deadline: dt.date | None,
        *,
        reminded_on: dt.date | None = None,
    ) -> int:
        """Put a person on an assignment, log it and queue their card."""
        now = self.now()
        assignee_id = await tx.assignments.add_assignee(
            assignment_id, person.id, deadline, now, reminded_on=reminded_on
        )
        event_id = await tx.events.add(
            "assigned",
            now=now,
            actor_id=actor.id,
            assignment_id=assignment_id,
            assignee_id=assignee_id,
            person=person.short_name,
        )
        await self._queue_card(tx, person.id, assignee_id, event_id)
        return assignee_id

    async def _queue_card(self, tx: Tx, person_id: int, assignee_id: int, event_id: int) -> None:
        """Queue the assignee's card as a new message, once per event that calls for it."""
        await tx.outbox.add(
            Notice.CARD,
            dedupe_key=f"card:{assignee_id}:{event_id}",
            now=self.now(),
            person_id=person_id,
            assignee_id=assignee_id,
        )

    async def deadline_request(self, request_id: int) -> DeadlineRequest | None:
        async with self.db.read() as tx:
            return await tx.deadline_requests.get(request_id)

    async def history(
        self, actor: Person, assignment_id: int
    ) -> tuple[list[AssigneeView], list[Event], dict[int, Person]] | None:
        """An assignment's assignees and full event log, for those who may see it."""
        async with self.db.read() as tx:
            views = await tx.assignments.views_of_assignment(assignment_id)
            if not views or not may_see(actor, views):
                return None
            # The log and the reminders, in time order (a sort is stable: the log keeps its own
            # order among events of the same instant).
            events = sorted(
                await tx.events.for_assignment(assignment_id)
                + await tx.reminders.for_assignment(assignment_id),
                key=lambda event: event.at,
            )
            people = {p.id: p for p in await tx.people.active()}
            for event in events:
                if event.actor_id is not None and event.actor_id not in people:
                    person = await tx.people.get(event.actor_id)
                    if person is not None:
                        people[person.id] = person
            return views, events, people

    async def record_card(self, assignee_id: int, chat_id: int, message_id: int) -> None:
        async with self.db.statement() as tx:
            await tx.assignments.set_card(assignee_id, chat_id, message_id)

    async def _refresh_card(self, tx: Tx, view: AssigneeView, event_id: int) -> None:
        await tx.outbox.add(
            Notice.CARD_REFRESH,
            dedupe_key=f"refresh:{view.assignee.id}:{event_id}",
            now=self.now(),
            person_id=view.person.id,
            assignee_id=view.assignee.id,
        )

    # --- lists --------------------------------------------------------------------------------

    async def my_page(self, actor: Person, page: int, size: int) -> ListPage:
        """A page of the actor's open assignments, nearest deadline first: only the page is
        read, however many there are."""
        page = max(page, 0)
        async with self.db.read() as tx:
            views, total = await tx.assignments.open_for_person(
                actor.id, limit=size, offset=page * size
            )
            shown, pages = clamp_page(page, total, size)
            if shown != page and total:  # a stale button past the end: its last page
                views, total = await tx.assignments.open_for_person(
                    actor.id, limit=size, offset=shown * size
                )
                shown, pages = clamp_page(shown, total, size)
        return ListPage(tuple(views), total, shown, pages)

    async def overdue_page(self, actor: Person, page: int, size: int) -> ListPage | None:
        """A page of the overdue items by person, for overseers only (None for anyone else).

        Counted and paged in SQL: a page costs the same with a hundred overdue items or ten
        thousand."""
        if not actor.has_any(*OVERSEERS):
            return None
        local = self.now().astimezone(self.policy.tz)
        async with self.db.read() as tx:
            total, _, assignments = await tx.assignments.overdue_count(local)
            page, pages = clamp_page(page, total, size)
            views = await tx.assignments.overdue(
                local, by_person=True, limit=size, offset=page * size
            )
        return ListPage(tuple(views), total, page, pages, assignments)

    async def digest(self) -> Digest:
        """Today's digest: the `digest_lines` most overdue items and the nearest due ones, with
        the totals (a neglected database must not turn the digest into a hundred messages)."""
        now = self.now()
        local = now.astimezone(self.policy.tz)
        horizon = local.date() + dt.timedelta(days=self.due_soon_days)
        async with self.db.read() as tx:
            (
                overdue_total,
                overdue_people,
                overdue_assignments,
            ) = await tx.assignments.overdue_count(local)
            views = await tx.assignments.overdue(local, by_person=False, limit=self.digest_lines)
            soon_total = await tx.assignments.due_soon_count(local, horizon)
            views += await tx.assignments.due_soon(local, horizon, limit=self.digest_lines)
            not_reached = await tx.people.not_reached()
        return build_digest(
            views,
            now,
            self.policy.tz,
            self.due_soon_days,
            not_reached,
            overdue_total=overdue_total,
            overdue_people=overdue_people,
            overdue_assignments=overdue_assignments,
            due_soon_total=soon_total,
        )

    # --- coordination: protocols, control sheets, discipline ---------------------------------

    async def protocols_page(self, page: int, size: int) -> tuple[list[Progress], int, int, int]:
        """A page of the protocols with their progress, newest first, the assignments made one
        by one last: (items, how many in all, the page shown, pages). Only the page's
        protocols are read: a region's years of protocols must not be loaded to show ten."""
        now = self.now()
        async with self.db.read() as tx:
            protocols = await tx.protocols.count()
            singles = await tx.assignments.any_without_protocol()
            total = protocols + int(singles)
            page, pages = clamp_page(page, total, size)
            start = page * size
            result = []
            for protocol in await tx.protocols.all(limit=size, offset=start):
                views = await tx.assignments.views_of_protocol(protocol.id)
                result.append(progress(protocol, views, now, self.policy.tz))
            if singles and start <= protocols < start + size:
                views = await tx.assignments.views_of_protocol(None)
                result.append(progress(None, views, now, self.policy.tz))
        return result, total, page, pages

    async def protocol_views(
        self, protocol_id: int | None
    ) -> tuple[Protocol | None, list[AssigneeView]] | None:
        async with self.db.read() as tx:
            protocol = await tx.protocols.get(protocol_id) if protocol_id is not None else None
            if protocol_id is not None and protocol is None:
                return None
            return protocol, await tx.assignments.views_of_protocol(protocol_id)

    async def export_data(
        self,
        protocol_id: int | None = None,
        *,
        everything: bool = False,
        limit: int = 100,
        file_kinds: Mapping[str, str] | None = None,
    ) -> tuple[list[tuple[Protocol | None, list[AssigneeView]]], dict[int, str], int]:
        """What a control sheet shows, with the latest report line of each assignee (a file
        without a name, a photo, is called by `file_kinds` of its kind).

        One protocol (None: the assignments made one by one), or with `everything` the
        protocols that still have open items, most urgent first, at most `limit` of them (the
        third value says how many there are): a control sheet is for what is still being
        chased, and years of closed protocols must not make a workbook of thousands of sheets.
        """
        async with self.db.read() as tx:
            if everything:
                ids = await tx.assignments.protocols_with_open()
                total = len(ids)
                protocols: list[Protocol | None] = [
                    await tx.protocols.get(pid) if pid is not None else None for pid in ids[:limit]
                ]
            else:
                total = 1
                protocols = [await tx.protocols.get(protocol_id) if protocol_id else None]
            groups = []
            for protocol in protocols:
                views = await tx.assignments.views_of_protocol(protocol.id if protocol else None)
                if views or protocol is not None:
                    groups.append((protocol, views))
            assignees = [v.assignee.id for _, views in groups for v in views]
            reports = await tx.reports.latest_texts(assignees, file_kinds or {})
        return groups, reports, total

    async def discipline(
        self, first: dt.date, last: dt.date, chunk: int = 5000
    ) -> tuple[list[PersonStats], list[PersonStats]]:
        """Discipline over the deadlines from `first` to `last`, per person and organisation.

        Read in chunks, each under the lock on its own, and counted as they come: two years
        of a big region are a hundred thousand deadlines, and neither memory nor the other
        users should wait for them all."""
        tally = DisciplineTally(self.now(), self.policy.tz)
        after = 0
        while True:
            async with self.db.read() as tx:
                outcomes = await tx.assignments.deadline_outcomes(
                    first, last, after_id=after, limit=chunk
                )
            tally.add(outcomes)
            if len(outcomes) < chunk:
                break
            after = outcomes[-1].assignee_id
            await asyncio.sleep(0)
        async with self.db.read() as tx:
            people = await tx.people.by_ids(tally.people())
        return tally.result(people)

    # --- jobs ---------------------------------------------------------------------------------

    async def scan_reminders(self) -> int:
        """Queue every reminder that is due now; returns how many were queued.

        Idempotent: the reminder record and the outbox dedupe key make a second run, or a run
        after a restart, queue nothing that was queued before. The candidates are read once;
        their reminders are written in transactions of about `scan_chunk`, each checking again
        that its assignees are still to remind, and updates waiting for the database get their
        turn between them (the lock is fair), so nobody's button waits for the whole morning's
        writes. Someone due `bundle_from` reminders or more at once gets them in one message
        rather than one each; a person's reminders are never split between transactions.
        """
        if self.quiet_now():
            return 0
        now = self.now()
        today = self.policy.last_reachable_day(now)
        async with self.db.read() as tx:
            candidates = await tx.assignments.reminder_candidates(self.policy.horizon(now), today)
        by_person: dict[int, list[_Due]] = {}
        for c in candidates:
            slot = due_slot(
                deadline=c.deadline,
                snoozed_until=c.snoozed_until,
                last_reminder_on=c.last_reminder_on,
                created_at=c.created_at,
                now=now,
                policy=self.policy,
            )
            if slot is not None:
                by_person.setdefault(c.person_id, []).append((c, slot[0], slot[1].value))
        queued = 0
        batch: list[_Due] = []
        for entries in by_person.values():
            batch += entries
            if len(batch) >= self.scan_chunk:
                queued += await self._queue_reminders(batch, today, now)
                batch = []
                await asyncio.sleep(0)
        if batch:
            queued += await self._queue_reminders(batch, today, now)
        return queued

    async def _queue_reminders(self, due: list[_Due], today: dt.date, now: dt.datetime) -> int:
        """One transaction of the scan: the reminders of whole people; returns how many."""
        async with self.db.transaction() as tx:
            fresh = await tx.assignments.still_to_remind([c.assignee_id for c, _, _ in due], today)
            due = [entry for entry in due if entry[0].assignee_id in fresh]
            if not due:
                return 0
            # One statement per table, not per reminder.
            await tx.assignments.set_last_reminders([(c.assignee_id, day) for c, day, _ in due])
            # The reminder row is also its entry in the assignment's history.
            await tx.reminders.add_many([(c.assignee_id, day, kind) for c, day, kind in due], now)
            by_person: dict[int, list[_Due]] = {}
            for entry in due:
                by_person.setdefault(entry[0].person_id, []).append(entry)
            single: list[tuple[str, int | None, dict[str, object]]] = []
            bundled: list[tuple[str, int | None, dict[str, object]]] = []
            for person_id, entries in by_person.items():
                if len(entries) < self.bundle_from:
                    single += [
                        (
                            f"reminder:{c.assignee_id}:{day.isoformat()}",
                            person_id,
                            {
                                "assignee_id": c.assignee_id,
                                "slot": day.isoformat(),
                                "slot_kind": kind,
                            },
                        )
                        for c, day, kind in entries
                    ]
                    continue
                first, day, _ = entries[0]
                bundled.append(
                    (
                        f"reminders:{person_id}:{day.isoformat()}:{first.assignee_id}",
                        person_id,
                        {"assignee_ids": [c.assignee_id for c, _, _ in entries]},
                    )
                )
            await tx.outbox.add_many(Notice.REMINDER, single, now)
            await tx.outbox.add_many(Notice.REMINDERS, bundled, now)
        return len(due)

    def digest_due(self) -> bool:
        local = self.now().astimezone(self.policy.tz)
        return local.time() >= self.digest_time

    async def queue_digests(self) -> int:
        """Queue today's digest for every linked coordinator once the digest time has come
        (not for one who has not joined yet: digests would pile up for them, one a day, all
        showing the same day when they finally arrive)."""
        if not self.digest_due() or self.quiet_now():
            return 0
        today = self.today()
        queued = 0
        async with self.db.transaction() as tx:
            receivers: dict[int, Person] = {}
            for role in DIGEST_RECEIVERS:
                for person in await tx.people.with_role(role):
                    if person.linked:
                        receivers[person.id] = person
            for person in receivers.values():
                queued += await tx.outbox.add(
                    Notice.DIGEST,
                    dedupe_key=f"digest:{person.id}:{today.isoformat()}",
                    now=self.now(),
                    person_id=person.id,
                    day=today.isoformat(),
                )
        return queued
