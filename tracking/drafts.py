"""Drafts: what the parser read from a secretary's message or file, resolved against the
directory, with the problems still to fix before saving. Stored as JSON in the `drafts` table."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import Any

from protocols import MatchKind, ParsedAssignment, ParsedProtocol
from tracking.resolve import Doer, Resolver
from tracking.service import NewAssignment, NewProtocol


class Problem(StrEnum):
    NO_TEXT = "no_text"
    NO_DEADLINE = "no_deadline"
    BAD_DEADLINE = "bad_deadline"
    PAST_DEADLINE = "past_deadline"
    NOBODY = "nobody"
    UNKNOWN = "unknown"
    AMBIGUOUS = "ambiguous"
    GROUP = "group"


#: Problems that a button can waive; the rest must be fixed by editing.
WAIVABLE = frozenset({Problem.NO_DEADLINE, Problem.PAST_DEADLINE})


@dataclass(slots=True)
class ItemDraft:
    text: str
    deadline_date: dt.date | None
    deadline_time: dt.time | None
    deadline_kind: str
    deadline_raw: str
    doers: list[Doer]
    number: str | None = None
    recommendation: bool = False

    def person_ids(self) -> tuple[int, ...]:
        return tuple(dict.fromkeys(pid for d in self.doers for pid in d.person_ids))

    def problems(self, now_local: dt.datetime) -> list[Problem]:
        found: list[Problem] = []
        if not self.text.strip():
            found.append(Problem.NO_TEXT)
        if self.deadline_date is None:
            if self.deadline_raw.strip() and self.deadline_kind == "none":
                found.append(Problem.BAD_DEADLINE)
            elif self.deadline_kind == "none":
                found.append(Problem.NO_DEADLINE)
        elif self._deadline_passed(now_local):
            found.append(Problem.PAST_DEADLINE)
        if not self.doers:
            found.append(Problem.NOBODY)
        kinds = {d.kind for d in self.doers if not d.resolved}
        for kind, problem in (
            (MatchKind.NONE, Problem.UNKNOWN),
            (MatchKind.AMBIGUOUS, Problem.AMBIGUOUS),
            (MatchKind.GROUP, Problem.GROUP),
        ):
            if kind.value in kinds:
                found.append(problem)
        return found

    def _deadline_passed(self, now_local: dt.datetime) -> bool:
        assert self.deadline_date is not None
        if self.deadline_time is not None:
            deadline = dt.datetime.combine(
                self.deadline_date, self.deadline_time, now_local.tzinfo
            )
            return deadline < now_local
        return self.deadline_date < now_local.date()

    def to_new(self, controller_id: int | None = None) -> NewAssignment:
        return NewAssignment(
            text=self.text,
            deadline_date=self.deadline_date,
            deadline_time=self.deadline_time,
            deadline_kind=self.deadline_kind,
            deadline_raw=self.deadline_raw,
            person_ids=self.person_ids(),
            item_number=self.number,
            recommendation=self.recommendation,
            controller_id=controller_id,
        )


@dataclass(slots=True)
class DraftContent:
    """A single assignment (`protocol is None`, one item) or a whole protocol."""

    items: list[ItemDraft]
    protocol: dict[str, Any] | None = None
    source_hash: str | None = None
    waived: list[str] = field(default_factory=list)  # Problem values confirmed by buttons
    source_text: str = ""
    duplicate_of: int | None = None  # a protocol saved before from the same text
    #: Names of groups the secretary said the people of («руководители ОО» → ids): kept as
    #: groups for the next protocols when the draft is saved, not before.
    mappings: dict[str, list[int]] = field(default_factory=dict)

    def blocking(self, now_local: dt.datetime) -> dict[int, list[Problem]]:
        """Problems per item index that still stop saving."""
        waived = {Problem(w) for w in self.waived}
        result = {}
        for index, item in enumerate(self.items):
            left = [p for p in item.problems(now_local) if p not in waived]
            if left:
                result[index] = left
        return result

    def to_payload(self) -> dict[str, Any]:
        payload: dict[str, Any] = _jsonable(asdict(self))
        return payload

    @classmethod
    def from_payload(cls, payload: dict[str, Any]) -> DraftContent:
        items = [
            ItemDraft(
                text=i["text"],
                deadline_date=dt.date.fromisoformat(i["deadline_date"])
                if i["deadline_date"]
                else None,
                deadline_time=dt.time.fromisoformat(i["deadline_time"])
                if i["deadline_time"]
                else None,
                deadline_kind=i["deadline_kind"],
                deadline_raw=i["deadline_raw"],
                doers=[Doer(**d) for d in i["doers"]],
                number=i.get("number"),
                recommendation=bool(i.get("recommendation")),
            )
            for i in payload["items"]
        ]
        return cls(
            items=items,
            protocol=payload.get("protocol"),
            source_hash=payload.get("source_hash"),
            waived=list(payload.get("waived", [])),
            source_text=payload.get("source_text", ""),
            duplicate_of=payload.get("duplicate_of"),
            mappings={str(k): [int(i) for i in v] for k, v in payload.get("mappings", {}).items()},
        )

    def new_protocol(self) -> NewProtocol | None:
        if self.protocol is None:
            return None
        date = self.protocol.get("date")
        return NewProtocol(
            title=self.protocol.get("title"),
            number=self.protocol.get("number"),
            meeting_date=dt.date.fromisoformat(date) if date else None,
            source_text=self.source_text,
            source_hash=self.source_hash,
        )


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return value


def item_from_parsed(parsed: ParsedAssignment, resolver: Resolver, source: str = "") -> ItemDraft:
    """`source` is the text as sent, for names printed in an ambiguous case."""
    d = parsed.deadline
    return ItemDraft(
        text=parsed.text,
        deadline_date=d.date,
        deadline_time=d.time,
        deadline_kind=d.kind.value,
        deadline_raw=d.raw,
        doers=resolver.resolve(parsed.responsible, source or parsed.text),
        number=parsed.number,
        recommendation=parsed.recommendation,
    )


def source_hash(text: str) -> str:
    """Whitespace-insensitive fingerprint to detect the same protocol sent twice."""
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()


def protocol_draft(parsed: ParsedProtocol, text: str, resolver: Resolver) -> DraftContent:
    h = parsed.header
    return DraftContent(
        items=[item_from_parsed(a, resolver) for a in parsed.assignments],
        protocol={
            "title": h.title,
            "number": h.number,
            "date": h.date.isoformat() if h.date else None,
        },
        source_hash=source_hash(text),
        source_text=text,
    )
