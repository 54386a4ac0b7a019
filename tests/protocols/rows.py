"""What a careful secretary reads off each parsed assignment, as the layout tests compare it."""

from __future__ import annotations

import datetime

from protocols import DeadlineKind, ParsedProtocol

#: (number, first four words, deadline, kind, deadline as printed, doers, recommendation)
Row = tuple[str | None, str, datetime.date | None, DeadlineKind, str, tuple[str, ...], bool]
#: A plan's row: the same without the recommendation flag.
PlanRow = tuple[str | None, str, datetime.date | None, DeadlineKind, str, tuple[str, ...]]


def rows(protocol: ParsedProtocol) -> list[Row]:
    return [
        (
            a.number,
            " ".join(a.text.split()[:4]),
            a.deadline.date,
            a.deadline.kind,
            a.deadline.raw,
            a.responsible,
            a.recommendation,
        )
        for a in protocol.assignments
    ]


def plan_rows(protocol: ParsedProtocol) -> list[PlanRow]:
    return [row[:6] for row in rows(protocol)]


def brief_rows(protocol: ParsedProtocol) -> list[tuple[object, ...]]:
    """(number, first four words, deadline, doers): enough for a test about one rule."""
    return [(row[0], row[1], row[2], row[5]) for row in rows(protocol)]


def full_rows(protocol: ParsedProtocol) -> list[tuple[object, ...]]:
    """(number, the whole text, deadline, doers): for tests about how a text is cut."""
    return [(a.number, a.text, a.deadline.date, a.responsible) for a in protocol.assignments]
