"""Builds the Excel files coordinators ask for, with the Russian labels."""

from __future__ import annotations

import asyncio
import datetime as dt

from bot.texts import core as t
from bot.texts import export as x
from storage.models import AssigneeView, Protocol
from tracking.export import SheetProtocol, control_sheet, discipline_sheet
from tracking.reports import sheet_rows
from tracking.service import Tracker

#: `/export` makes a sheet for at most this many protocols (those with open items, most
#: urgent first); any one protocol's full sheet is a button on its card in /protocols.
EXPORT_PROTOCOLS = 100


def _sheet(
    protocol: Protocol | None, views: list[AssigneeView], reports: dict[int, str], tracker: Tracker
) -> SheetProtocol:
    # Named as /protocols names it: a protocol read without a title is still a protocol.
    if protocol is None:
        title = t.SINGLES_TITLE
    elif protocol.title or protocol.number or protocol.meeting_date:
        title = protocol.title or ""
    else:
        title = f"#{protocol.id}"
    return SheetProtocol(
        title=title,
        number=protocol.number if protocol else None,
        date=protocol.meeting_date if protocol else None,
        rows=sheet_rows(views, reports, tracker.now(), tracker.policy.tz, t.STATUS_NAMES),
    )


async def control_workbook(
    tracker: Tracker, protocol_id: int | None = None, *, everything: bool = False
) -> tuple[str, bytes, str]:
    """The control sheet's file name, bytes and the caption to send it with.

    The workbook is built on a worker thread: openpyxl takes seconds on a big one, and the
    event loop must go on answering everyone else meanwhile."""
    groups, reports, total = await tracker.export_data(
        protocol_id, everything=everything, limit=EXPORT_PROTOCOLS, file_kinds=t.FILE_KINDS
    )
    sheets = [_sheet(p, views, reports, tracker) for p, views in groups]
    now = tracker.now().astimezone(tracker.policy.tz)
    data = await asyncio.to_thread(
        control_sheet, sheets, generated_at=now, title=x.CONTROL_TITLE, labels=x.LABELS
    )
    caption = t.EXPORT_CAPTION
    if everything and total > len(groups):
        caption += " " + t.EXPORT_PARTIAL.format(shown=len(groups), total=total)
    elif everything:
        caption += " " + t.EXPORT_OPEN_ONLY
    return x.CONTROL_FILENAME.format(date=now.strftime("%Y-%m-%d")), data, caption


async def discipline_workbook(
    tracker: Tracker, first: dt.date, last: dt.date
) -> tuple[str, bytes]:
    people, organisations = await tracker.discipline(first, last)
    now = tracker.now().astimezone(tracker.policy.tz)
    data = await asyncio.to_thread(
        discipline_sheet,
        people,
        organisations,
        period=(first, last),
        generated_at=now,
        labels=x.LABELS,
    )
    name = x.DISCIPLINE_FILENAME.format(start=first.isoformat(), end=last.isoformat())
    return name, data
