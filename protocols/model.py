"""Plain data returned by the protocol parser."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from enum import StrEnum


class DeadlineKind(StrEnum):
    """How a deadline was expressed; decides how ``Deadline.date`` was computed."""

    DATE = "date"
    DATETIME = "datetime"
    PERIOD = "period"
    MONTH = "month"
    QUARTER = "quarter"
    HALF_YEAR = "half_year"
    YEAR = "year"
    RELATIVE = "relative"
    RECURRING = "recurring"
    PERMANENT = "permanent"
    NONE = "none"


#: Kinds that always carry a calendar date.
DATED_KINDS = frozenset(
    {
        DeadlineKind.DATE,
        DeadlineKind.DATETIME,
        DeadlineKind.PERIOD,
        DeadlineKind.MONTH,
        DeadlineKind.QUARTER,
        DeadlineKind.HALF_YEAR,
        DeadlineKind.YEAR,
    }
)


@dataclass(frozen=True, slots=True)
class Deadline:
    """A deadline normalised to the last allowed day.

    ``date`` is ``None`` for relative deadlines without a calendar anchor, recurring, permanent
    and missing deadlines; ``raw`` keeps the words as printed ("" when nothing was printed).
    """

    date: datetime.date | None
    time: datetime.time | None
    kind: DeadlineKind
    raw: str
    timezone: str | None = None


NO_DEADLINE = Deadline(date=None, time=None, kind=DeadlineKind.NONE, raw="")


@dataclass(frozen=True, slots=True)
class ParsedAssignment:
    """One assignment (поручение) found in a protocol or typed by a secretary."""

    number: str | None
    text: str
    deadline: Deadline
    responsible: tuple[str, ...]
    recommendation: bool


@dataclass(frozen=True, slots=True)
class ProtocolHeader:
    """What the protocol says about itself."""

    title: str | None
    number: str | None
    date: datetime.date | None
    place: str | None


@dataclass(frozen=True, slots=True)
class ParsedProtocol:
    """A parsed protocol or work plan."""

    header: ProtocolHeader
    assignments: tuple[ParsedAssignment, ...]
