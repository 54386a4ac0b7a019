"""Excel control sheets for coordinators: a protocol's execution and a discipline summary.

Pure functions from plain dataclasses to `.xlsx` bytes (openpyxl). Every word shown in the
workbook comes from a `SheetLabels` given by the caller (the Russian ones live in
`bot.texts.export`). The sheets are laid out to print on A4 landscape, one page wide, with the
header row repeated on every page, and to open in Excel and LibreOffice alike.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.worksheet import Worksheet

DATE_FORMAT = "DD.MM.YYYY"
DATETIME_FORMAT = "DD.MM.YYYY HH:MM"
PERCENT_FORMAT = "0%"

#: Excel's limits: a cell holds at most this many characters, a sheet title at most 31.
MAX_CELL_CHARS = 32767
MAX_TITLE_CHARS = 31
_BAD_TITLE_CHARS = re.compile(r"[\[\]:*?/\\]")
#: Excel reserves this sheet name.
_RESERVED_TITLES = frozenset({"history"})

OVERDUE_FILL = PatternFill(fill_type="solid", start_color="FFC7CE", end_color="FFC7CE")
HEADER_FILL = PatternFill(fill_type="solid", start_color="D9E1F2", end_color="D9E1F2")
TOTAL_FILL = PatternFill(fill_type="solid", start_color="F2F2F2", end_color="F2F2F2")
_THIN = Side(style="thin", color="808080")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_WRAP_TOP = Alignment(wrap_text=True, vertical="top")
_CENTER_TOP = Alignment(wrap_text=True, vertical="top", horizontal="center")
_HEADER_ALIGN = Alignment(wrap_text=True, vertical="center", horizontal="center")

#: Title row, the generated-at row, then the table header.
HEADER_ROW = 3

# Widths in characters: columns of the protocol sheets, the summary and the discipline sheets.
_PROTOCOL_WIDTHS = (7, 60, 28, 19, 16, 14, 42)
_SUMMARY_WIDTHS = (7, 60, 14, 10, 13, 12, 13)
_PEOPLE_WIDTHS = (7, 40, 40, 12, 14, 16, 13, 14, 14)
_ORGANISATION_WIDTHS = (7, 60, 12, 14, 16, 13, 14, 14)

#: Row heights are set here, not left to the viewer: LibreOffice keeps the default height of
#: rows without one, which clips wrapped text. The estimate is deliberately generous: a column
#: `w` wide holds about `w` characters of Calibri but only ~0.9 `w` of the wider DejaVu Sans
#: that a server without Microsoft fonts substitutes.
_CHARS_PER_WIDTH = 0.9
_POINTS_PER_LINE = 15.0
_MAX_ROW_POINTS = 409.0


@dataclass(frozen=True, slots=True)
class SheetLabels:
    """Every text shown in the workbooks. `{...}` fields are filled with `str.format`."""

    # Protocol sheets.
    number: str
    text: str
    responsible: str
    deadline: str
    status: str
    done_on: str
    report: str
    no_rows: str
    protocol_number: str  # "{number}"
    protocol_date: str  # "{date}"
    untitled_protocol: str  # "{index}"
    # Summary sheet.
    summary_sheet: str
    protocol: str
    date: str
    total: str
    done: str
    in_progress: str
    overdue: str
    totals_row: str
    # Both workbooks.
    generated: str  # "{when}"
    page_footer: str  # Excel header/footer codes: &P page, &N pages
    # Discipline workbook.
    discipline_title: str  # "{start}", "{end}"
    people_sheet: str
    organisations_sheet: str
    person: str
    organisation: str
    assigned: str
    on_time: str
    late: str
    still_open: str
    on_time_share: str
    no_data: str


@dataclass(frozen=True, slots=True)
class SheetRow:
    """One line of a protocol's control sheet: one assignee of one assignment, say."""

    number: str | None
    text: str
    responsible: str
    deadline: dt.date | None
    deadline_time: dt.time | None
    #: Shown when there is no date (for example «постоянно», «ежеквартально»).
    deadline_raw: str
    #: Already in words, as the caller wants it shown.
    status: str
    done_on: dt.date | None
    report: str
    overdue: bool
    #: Counted as done in the summary.
    done: bool = False
    #: Shown, but left out of the summary figures (nobody is to do it any more).
    cancelled: bool = False
    #: Rows of one assignment (its people) count once in the summary, as the bot counts
    #: them; None: the row is an assignment of its own.
    assignment: int | None = None


@dataclass(frozen=True, slots=True)
class SheetProtocol:
    title: str
    number: str | None
    date: dt.date | None
    rows: Sequence[SheetRow]


@dataclass(frozen=True, slots=True)
class PersonStats:
    """Discipline figures of one person (or one organisation, with `organisation` None)."""

    name: str
    organisation: str | None
    assigned: int
    on_time: int
    late: int
    overdue: int
    open: int

    @property
    def on_time_share(self) -> float | None:
        """Done on time among everything whose deadline has come; None when nothing has."""
        due = self.on_time + self.late + self.overdue
        return self.on_time / due if due else None


@dataclass(frozen=True, slots=True)
class ProtocolCounts:
    total: int
    done: int
    in_progress: int
    overdue: int


def protocol_counts(rows: Sequence[SheetRow]) -> ProtocolCounts:
    """Summary figures by assignment over the rows not cancelled: done (every row of it),
    overdue (not done, some row past its deadline), and the rest as in progress."""
    groups: dict[object, list[SheetRow]] = {}
    for index, row in enumerate(rows):
        if not row.cancelled:
            key = ("row", index) if row.assignment is None else row.assignment
            groups.setdefault(key, []).append(row)
    done = sum(all(row.done for row in group) for group in groups.values())
    overdue = sum(
        not all(row.done for row in group) and any(row.overdue for row in group)
        for group in groups.values()
    )
    return ProtocolCounts(len(groups), done, len(groups) - done - overdue, overdue)


def control_sheet(
    protocols: Sequence[SheetProtocol],
    *,
    generated_at: dt.datetime,
    title: str,
    labels: SheetLabels,
) -> bytes:
    """The control sheet: a summary sheet first, then one sheet per protocol."""
    workbook = Workbook()
    summary = workbook.active
    assert summary is not None
    summary.title = _unique_title(labels.summary_sheet, set())
    taken = {summary.title.casefold()}
    names: list[str] = []
    for index, protocol in enumerate(protocols, start=1):
        sheet = workbook.create_sheet(_unique_title(_sheet_name(protocol, index, labels), taken))
        taken.add(sheet.title.casefold())
        names.append(sheet.title)
        _fill_protocol(sheet, protocol, generated_at, labels)
    _fill_summary(summary, protocols, names, generated_at, title, labels)
    return _save(workbook, title, generated_at)


def discipline_sheet(
    people: Sequence[PersonStats],
    organisations: Sequence[PersonStats],
    *,
    period: tuple[dt.date, dt.date],
    generated_at: dt.datetime,
    labels: SheetLabels,
) -> bytes:
    """Discipline for a period: a sheet of people, then a sheet of organisations."""
    start, end = period
    if start > end:
        raise ValueError("the period starts after it ends")
    title = labels.discipline_title.format(start=_day(start), end=_day(end))
    workbook = Workbook()
    first = workbook.active
    assert first is not None
    first.title = _unique_title(labels.people_sheet, set())
    second = workbook.create_sheet(
        _unique_title(labels.organisations_sheet, {first.title.casefold()})
    )
    _fill_discipline(first, people, title, generated_at, labels, with_organisation=True)
    _fill_discipline(second, organisations, title, generated_at, labels, with_organisation=False)
    return _save(workbook, title, generated_at)


# --- protocol sheets -----------------------------------------------------------------------


def _protocol_headers(labels: SheetLabels) -> list[str]:
    return [
        labels.number,
        labels.text,
        labels.responsible,
        labels.deadline,
        labels.status,
        labels.done_on,
        labels.report,
    ]


def _fill_protocol(
    sheet: Worksheet, protocol: SheetProtocol, generated_at: dt.datetime, labels: SheetLabels
) -> None:
    headers = _protocol_headers(labels)
    _title_rows(sheet, _protocol_heading(protocol, labels), generated_at, labels, len(headers))
    _header_row(sheet, headers)
    row_index = HEADER_ROW
    for row in protocol.rows:
        row_index += 1
        _protocol_row(sheet, row_index, row)
    if not protocol.rows:
        row_index += 1
        _put(sheet, row_index, 2, labels.no_rows)
        _style_body(sheet, row_index, len(headers))
    _finish(sheet, _PROTOCOL_WIDTHS, row_index, labels)


def _protocol_row(sheet: Worksheet, index: int, row: SheetRow) -> None:
    _put(sheet, index, 1, row.number or "", align=_CENTER_TOP)
    _put(sheet, index, 2, row.text)
    _put(sheet, index, 3, row.responsible)
    _put_deadline(sheet, index, 4, row)
    _put(sheet, index, 5, row.status, align=_CENTER_TOP)
    _put(sheet, index, 6, row.done_on, align=_CENTER_TOP)
    _put(sheet, index, 7, row.report)
    _style_body(sheet, index, 7, fill=OVERDUE_FILL if row.overdue else None)


def _put_deadline(sheet: Worksheet, index: int, column: int, row: SheetRow) -> None:
    value: dt.date | dt.datetime | str
    if row.deadline is None:
        value = row.deadline_raw
    elif row.deadline_time is not None:
        value = dt.datetime.combine(row.deadline, row.deadline_time.replace(tzinfo=None))
    else:
        value = row.deadline
    _put(sheet, index, column, value, align=_CENTER_TOP)


def _protocol_heading(protocol: SheetProtocol, labels: SheetLabels) -> str:
    parts = [protocol.title.strip()]
    if protocol.number:
        parts.append(labels.protocol_number.format(number=protocol.number))
    if protocol.date is not None:
        parts.append(labels.protocol_date.format(date=_day(protocol.date)))
    return " ".join(part for part in parts if part)


def _sheet_name(protocol: SheetProtocol, index: int, labels: SheetLabels) -> str:
    if protocol.number:
        name = labels.protocol_number.format(number=protocol.number)
        if protocol.date is not None:
            name += " " + labels.protocol_date.format(date=_day(protocol.date))
        if len(name) <= MAX_TITLE_CHARS:
            return name
    return protocol.title or labels.untitled_protocol.format(index=index)


# --- summary sheet -------------------------------------------------------------------------


def _fill_summary(
    sheet: Worksheet,
    protocols: Sequence[SheetProtocol],
    names: Sequence[str],
    generated_at: dt.datetime,
    title: str,
    labels: SheetLabels,
) -> None:
    headers = [
        labels.number,
        labels.protocol,
        labels.date,
        labels.total,
        labels.done,
        labels.in_progress,
        labels.overdue,
    ]
    _title_rows(sheet, title, generated_at, labels, len(headers))
    _header_row(sheet, headers)
    index = HEADER_ROW
    totals = [0, 0, 0, 0]
    for number, (protocol, name) in enumerate(zip(protocols, names, strict=True), start=1):
        index += 1
        counts = protocol_counts(protocol.rows)
        figures = [counts.total, counts.done, counts.in_progress, counts.overdue]
        totals = [a + b for a, b in zip(totals, figures, strict=True)]
        _summary_row(sheet, index, number, protocol, name, figures, labels)
    index += 1
    _put(sheet, index, 2, labels.totals_row, bold=True)
    for offset, value in enumerate(totals):
        _put(sheet, index, 4 + offset, value, bold=True)
    _style_body(sheet, index, len(headers), fill=TOTAL_FILL)
    _finish(sheet, _SUMMARY_WIDTHS, index, labels)


def _summary_row(
    sheet: Worksheet,
    index: int,
    number: int,
    protocol: SheetProtocol,
    sheet_name: str,
    figures: Sequence[int],
    labels: SheetLabels,
) -> None:
    _put(sheet, index, 1, number, align=_CENTER_TOP)
    link = _put(sheet, index, 2, _protocol_heading(protocol, labels))
    link.hyperlink = "#'{}'!A1".format(sheet_name.replace("'", "''"))
    link.font = Font(color="0563C1", underline="single")
    _put(sheet, index, 3, protocol.date, align=_CENTER_TOP)
    for offset, value in enumerate(figures):
        _put(sheet, index, 4 + offset, value, align=_CENTER_TOP)
    _style_body(sheet, index, 7)
    if figures[-1]:
        sheet.cell(index, 7).fill = OVERDUE_FILL


# --- discipline sheets ---------------------------------------------------------------------


def _fill_discipline(
    sheet: Worksheet,
    stats: Sequence[PersonStats],
    title: str,
    generated_at: dt.datetime,
    labels: SheetLabels,
    *,
    with_organisation: bool,
) -> None:
    names = [labels.person, labels.organisation] if with_organisation else [labels.organisation]
    figures = [labels.assigned, labels.on_time, labels.late, labels.overdue, labels.still_open]
    headers = [labels.number, *names, *figures, labels.on_time_share]
    _title_rows(sheet, title, generated_at, labels, len(headers))
    _header_row(sheet, headers)
    index = HEADER_ROW
    for number, item in enumerate(stats, start=1):
        index += 1
        values: list[Any] = [number, item.name]
        if with_organisation:
            values.append(item.organisation or "")
        _discipline_row(sheet, index, values, item)
    if stats:
        index += 1
        total = _total_stats(stats, labels.totals_row)
        values = ["", total.name] + ([""] if with_organisation else [])
        _discipline_row(sheet, index, values, total, bold=True)
    else:
        index += 1
        _put(sheet, index, 2, labels.no_data)
        _style_body(sheet, index, len(headers))
    widths = _PEOPLE_WIDTHS if with_organisation else _ORGANISATION_WIDTHS
    _finish(sheet, widths, index, labels)


def _discipline_row(
    sheet: Worksheet, index: int, leading: list[Any], item: PersonStats, *, bold: bool = False
) -> None:
    numbers = [item.assigned, item.on_time, item.late, item.overdue, item.open]
    for column, value in enumerate([*leading, *numbers, item.on_time_share], start=1):
        is_name = 1 < column <= len(leading)
        _put(sheet, index, column, value, align=_WRAP_TOP if is_name else _CENTER_TOP, bold=bold)
    last = len(leading) + len(numbers) + 1
    sheet.cell(index, last).number_format = PERCENT_FORMAT
    _style_body(sheet, index, last, fill=TOTAL_FILL if bold else None)
    if item.overdue:
        sheet.cell(index, len(leading) + 4).fill = OVERDUE_FILL


def _total_stats(stats: Sequence[PersonStats], name: str) -> PersonStats:
    return PersonStats(
        name=name,
        organisation=None,
        assigned=sum(s.assigned for s in stats),
        on_time=sum(s.on_time for s in stats),
        late=sum(s.late for s in stats),
        overdue=sum(s.overdue for s in stats),
        open=sum(s.open for s in stats),
    )


# --- shared layout -------------------------------------------------------------------------


def _title_rows(
    sheet: Worksheet, title: str, generated_at: dt.datetime, labels: SheetLabels, width: int
) -> None:
    _put(sheet, 1, 1, title).font = Font(bold=True, size=13)
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
    when = generated_at.strftime("%d.%m.%Y %H:%M")
    _put(sheet, 2, 1, labels.generated.format(when=when)).font = Font(italic=True, size=9)
    sheet.merge_cells(start_row=2, start_column=1, end_row=2, end_column=width)


def _header_row(sheet: Worksheet, headers: Sequence[str]) -> None:
    for column, header in enumerate(headers, start=1):
        cell = _put(sheet, HEADER_ROW, column, header, align=_HEADER_ALIGN, bold=True)
        cell.fill = HEADER_FILL
        cell.border = _BORDER


def _style_body(sheet: Worksheet, index: int, width: int, fill: PatternFill | None = None) -> None:
    for column in range(1, width + 1):
        cell = sheet.cell(index, column)
        cell.border = _BORDER
        if fill is not None:
            cell.fill = fill


def _finish(sheet: Worksheet, widths: Sequence[int], last_row: int, labels: SheetLabels) -> None:
    for column, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    _fit_heights(sheet, widths, last_row)
    last_column = get_column_letter(len(widths))
    sheet.freeze_panes = sheet.cell(HEADER_ROW + 1, 1).coordinate
    sheet.auto_filter.ref = f"A{HEADER_ROW}:{last_column}{max(last_row, HEADER_ROW)}"
    sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    sheet.print_area = f"A1:{last_column}{max(last_row, HEADER_ROW)}"
    setup = sheet.page_setup
    setup.orientation = "landscape"
    setup.paperSize = sheet.PAPERSIZE_A4
    setup.fitToWidth = 1
    setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_margins = PageMargins(left=0.4, right=0.4, top=0.5, bottom=0.6)
    sheet.print_options.horizontalCentered = True
    sheet.oddFooter.center.text = labels.page_footer
    sheet.evenFooter.center.text = labels.page_footer


def _fit_heights(sheet: Worksheet, widths: Sequence[int], last_row: int) -> None:
    title = sheet.cell(1, 1).value
    title_lines = wrapped_lines(str(title or ""), sum(widths))
    sheet.row_dimensions[1].height = _points(title_lines, scale=13 / 11)
    for index in range(HEADER_ROW, last_row + 1):
        lines = max(
            wrapped_lines(value, width) if isinstance(value, str) else 1
            for value, width in zip(
                (sheet.cell(index, c).value for c in range(1, len(widths) + 1)),
                widths,
                strict=True,
            )
        )
        sheet.row_dimensions[index].height = _points(lines)


def _points(lines: int, scale: float = 1.0) -> float:
    return min(lines * _POINTS_PER_LINE * scale + 2, _MAX_ROW_POINTS)


def chars_per_line(width: float) -> int:
    """Characters of text that surely fit on one line of a column `width` wide."""
    return max(int(width * _CHARS_PER_WIDTH) - 1, 1)


def wrapped_lines(text: str, width: float) -> int:
    """How many lines `text` takes in a column `width` characters wide, wrapped at spaces."""
    per_line = chars_per_line(width)
    lines = 0
    for paragraph in text.split("\n"):
        lines += 1
        used = 0
        for word in paragraph.split():
            need = len(word) if used == 0 else used + 1 + len(word)
            if need <= per_line:
                used = need
                continue
            if used:
                lines += 1
            full, used = divmod(len(word), per_line)
            lines += full - (1 if used == 0 else 0)
            used = used or per_line
    return max(lines, 1)


def _put(
    sheet: Worksheet,
    row: int,
    column: int,
    value: object,
    *,
    align: Alignment = _WRAP_TOP,
    bold: bool = False,
) -> Cell:
    cell: Cell = sheet.cell(row, column)
    if value == "":
        value = None
    if isinstance(value, str):
        cell.value = _clean(value)
        # Text from users that starts with "=" must stay text, never become a formula.
        cell.data_type = "s"
    else:
        cell.value = value
    if isinstance(value, dt.datetime):
        cell.number_format = DATETIME_FORMAT
    elif isinstance(value, dt.date):
        cell.number_format = DATE_FORMAT
    cell.alignment = align
    if bold:
        cell.font = Font(bold=True)
    return cell


def _clean(text: str) -> str:
    cleaned: str = ILLEGAL_CHARACTERS_RE.sub("", text)
    return cleaned[:MAX_CELL_CHARS]


def _day(day: dt.date) -> str:
    return day.strftime("%d.%m.%Y")


def _unique_title(raw: str, taken: set[str]) -> str:
    """A valid sheet title: no []:*?/\\, no edge apostrophes, ≤31 characters, unused."""
    base = " ".join(_BAD_TITLE_CHARS.sub(" ", raw).split()).strip("'").strip()
    base = base[:MAX_TITLE_CHARS].rstrip() or "-"
    if base.casefold() in _RESERVED_TITLES:
        base += " 1"
    candidate, counter = base, 1
    while candidate.casefold() in taken:
        counter += 1
        suffix = f" ({counter})"
        candidate = base[: MAX_TITLE_CHARS - len(suffix)].rstrip() + suffix
    return candidate


def _save(workbook: Workbook, title: str, generated_at: dt.datetime) -> bytes:
    created = generated_at.astimezone(dt.UTC).replace(tzinfo=None)
    workbook.properties.title = _clean(title)
    workbook.properties.created = created
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
