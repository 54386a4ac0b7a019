"""The Excel control sheet and discipline summary, read back with openpyxl."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
from collections.abc import Sequence

import openpyxl
import pytest
from openpyxl.worksheet.worksheet import Worksheet

from bot.texts.export import CONTROL_TITLE, LABELS
from tracking.export import (
    DATE_FORMAT,
    DATETIME_FORMAT,
    HEADER_ROW,
    MAX_TITLE_CHARS,
    PERCENT_FORMAT,
    PersonStats,
    SheetProtocol,
    SheetRow,
    chars_per_line,
    control_sheet,
    discipline_sheet,
    protocol_counts,
    wrapped_lines,
)

GENERATED = dt.datetime(2026, 2, 1, 10, 30, tzinfo=dt.UTC)
FIRST_ROW = HEADER_ROW + 1
RED = "FFC7CE"
HEADERS = [
    "№ п/п",
    "Поручение",
    "Ответственный",
    "Срок",
    "Статус",
    "Дата исполнения",
    "Отчёт / комментарий",
]


def excel_time(year: int, month: int, day: int, hour: int = 0) -> dt.datetime:
    """Excel has no time zones: openpyxl reads dates back as naive datetimes."""
    return dt.datetime.combine(dt.date(year, month, day), dt.time(hour))


def row(**changes: object) -> SheetRow:
    base = SheetRow(
        number="2.1",
        text="Подготовить отчёт о трудоустройстве выпускников",
        responsible="Хнычева Д.С.",
        deadline=dt.date(2026, 1, 27),
        deadline_time=None,
        deadline_raw="до 27.01.2026",
        status="в работе",
        done_on=None,
        report="",
        overdue=False,
    )
    return dataclasses.replace(base, **changes)  # type: ignore[arg-type]


ROWS = (
    row(),
    row(number="2.2", status="просрочено", overdue=True),
    row(
        number="2.3",
        status="выполнено",
        done=True,
        done_on=dt.date(2026, 1, 20),
        report="Отчёт принят",
        deadline_time=dt.time(15, 0),
    ),
    row(number="2.4", deadline=None, deadline_raw="постоянно", status="в работе"),
)
PROTOCOL = SheetProtocol(
    title="Протокол заседания рабочей группы", number="12", date=dt.date(2026, 1, 15), rows=ROWS
)


def build(protocols: Sequence[SheetProtocol] = (PROTOCOL,)) -> openpyxl.Workbook:
    data = control_sheet(protocols, generated_at=GENERATED, title=CONTROL_TITLE, labels=LABELS)
    return openpyxl.load_workbook(io.BytesIO(data))


def sheet(workbook: openpyxl.Workbook, index: int) -> Worksheet:
    result = workbook.worksheets[index]
    assert isinstance(result, Worksheet)
    return result


def values(ws: Worksheet, index: int) -> list[object]:
    return [c.value for c in ws[index]]


# --- structure -----------------------------------------------------------------------------


def test_summary_sheet_comes_first_then_one_sheet_per_protocol() -> None:
    other = dataclasses.replace(PROTOCOL, number="13", date=dt.date(2026, 2, 1))
    workbook = build([PROTOCOL, other])
    assert workbook.sheetnames == ["Сводка", "№ 12 от 15.01.2026", "№ 13 от 01.02.2026"]


def test_sheet_titles_are_valid_in_excel_and_unique() -> None:
    protocols = [
        SheetProtocol("Совещание: итоги [кластер] / ИКТ? * \\ x", None, None, ()),
        SheetProtocol("Совещание: итоги [кластер] / ИКТ? * \\ x", None, None, ()),
        SheetProtocol("о" * 60, None, None, ()),
        SheetProtocol("О" * 60, None, None, ()),
        SheetProtocol("'Сводка'", None, None, ()),
        SheetProtocol("History", None, None, ()),
        SheetProtocol("", None, None, ()),
        SheetProtocol("???", None, None, ()),
    ]
    names = build(protocols).sheetnames
    assert len(names) == len({n.casefold() for n in names}) == 9
    for name in names:
        assert 0 < len(name) <= MAX_TITLE_CHARS
        assert not set(name) & set("[]:*?/\\")
        assert not name.startswith("'") and not name.endswith("'")
    assert names[1] == "Совещание итоги кластер ИКТ x"
    assert names[2] == "Совещание итоги кластер ИКТ (2)"  # cut to fit the suffix
    assert names[4].endswith("(2)") and len(names[4]) == MAX_TITLE_CHARS
    assert names[5] == "Сводка (2)"
    assert names[6].casefold() != "history"
    assert names[7] == "Протокол 7"


def test_title_and_generated_at_above_the_table() -> None:
    ws = sheet(build(), 1)
    assert ws["A1"].value == "Протокол заседания рабочей группы № 12 от 15.01.2026"
    assert ws["A1"].font.bold
    assert ws["A2"].value == "Сформировано 01.02.2026 10:30"
    assert "A1:G1" in {str(r) for r in ws.merged_cells.ranges}


def test_protocol_sheet_has_the_russian_headers_bold_filled_and_bordered() -> None:
    ws = sheet(build(), 1)
    assert values(ws, HEADER_ROW) == HEADERS
    for cell in ws[HEADER_ROW]:
        assert cell.font.bold
        assert cell.fill.fgColor.rgb.endswith("D9E1F2")
        assert cell.border.left.style == "thin"
        assert cell.alignment.wrap_text


def test_rows_carry_the_values_with_real_dates() -> None:
    ws = sheet(build(), 1)
    assert values(ws, FIRST_ROW) == [
        "2.1",
        "Подготовить отчёт о трудоустройстве выпускников",
        "Хнычева Д.С.",
        excel_time(2026, 1, 27),
        "в работе",
        None,
        None,
    ]
    assert ws.cell(FIRST_ROW, 4).number_format == DATE_FORMAT


def test_deadline_with_a_time_is_a_datetime_and_done_on_a_date() -> None:
    ws = sheet(build(), 1)
    deadline, done_on = ws.cell(FIRST_ROW + 2, 4), ws.cell(FIRST_ROW + 2, 6)
    assert deadline.value == excel_time(2026, 1, 27, 15)
    assert deadline.number_format == DATETIME_FORMAT
    assert done_on.value == excel_time(2026, 1, 20)
    assert done_on.number_format == DATE_FORMAT
    assert ws.cell(FIRST_ROW + 2, 7).value == "Отчёт принят"


def test_deadline_without_a_date_shows_its_words() -> None:
    ws = sheet(build(), 1)
    assert ws.cell(FIRST_ROW + 3, 4).value == "постоянно"


def test_number_stays_text_so_that_2_10_is_not_2_1() -> None:
    ws = sheet(build([dataclasses.replace(PROTOCOL, rows=[row(number="2.10")])]), 1)
    cell = ws.cell(FIRST_ROW, 1)
    assert cell.value == "2.10"
    assert cell.data_type == "s"


def test_overdue_rows_are_filled_light_red_across_the_row_and_others_are_not() -> None:
    ws = sheet(build(), 1)
    overdue = ws[FIRST_ROW + 1]
    assert all(c.fill.fill_type == "solid" and c.fill.fgColor.rgb.endswith(RED) for c in overdue)
    for index in (FIRST_ROW, FIRST_ROW + 2, FIRST_ROW + 3):
        assert all(c.fill.fill_type is None for c in ws[index])


def test_body_cells_wrap_at_the_top_with_borders() -> None:
    ws = sheet(build(), 1)
    for cell in ws[FIRST_ROW]:
        assert cell.alignment.wrap_text
        assert cell.alignment.vertical == "top"
        assert cell.border.bottom.style == "thin"


def test_column_widths_are_set_and_the_text_column_is_the_widest() -> None:
    ws = sheet(build(), 1)
    widths = [ws.column_dimensions[letter].width for letter in "ABCDEFG"]
    assert all(width >= 7 for width in widths)
    assert max(widths) == ws.column_dimensions["B"].width


def test_long_text_gets_a_taller_row() -> None:
    long = row(text="Подготовить отчёт о трудоустройстве выпускников колледжей " * 8)
    ws = sheet(build([dataclasses.replace(PROTOCOL, rows=[row(), long])]), 1)
    short_height = ws.row_dimensions[FIRST_ROW].height
    long_height = ws.row_dimensions[FIRST_ROW + 1].height
    assert short_height is not None and long_height is not None
    assert long_height >= 4 * short_height / 1.5


def test_header_row_is_frozen_and_filtered() -> None:
    ws = sheet(build(), 1)
    assert ws.freeze_panes == "A4"
    assert ws.auto_filter.ref == "A3:G7"


@pytest.mark.parametrize("index", [0, 1])
def test_print_setup_is_a4_landscape_one_page_wide_with_the_header_repeated(index: int) -> None:
    ws = sheet(build(), index)
    assert ws.page_setup.orientation == "landscape"
    assert int(ws.page_setup.paperSize) == 9  # A4
    assert int(ws.page_setup.fitToWidth) == 1
    assert int(ws.page_setup.fitToHeight) == 0
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.print_title_rows == "$3:$3"
    assert ws.oddFooter.center.text == "Страница &P из &N"


def test_text_from_users_that_looks_like_a_formula_stays_text() -> None:
    evil = row(report='=HYPERLINK("http://evil.example","click")', text="=1+1")
    ws = sheet(build([dataclasses.replace(PROTOCOL, rows=[evil])]), 1)
    assert ws.cell(FIRST_ROW, 7).value == '=HYPERLINK("http://evil.example","click")'
    assert ws.cell(FIRST_ROW, 7).data_type == "s"
    assert ws.cell(FIRST_ROW, 2).data_type == "s"


def test_control_characters_that_excel_refuses_are_dropped() -> None:
    ws = sheet(build([dataclasses.replace(PROTOCOL, rows=[row(report="ок\x00\x07 да\nнет")])]), 1)
    assert ws.cell(FIRST_ROW, 7).value == "ок да\nнет"


def test_a_protocol_without_rows_says_so() -> None:
    ws = sheet(build([dataclasses.replace(PROTOCOL, rows=())]), 1)
    assert values(ws, HEADER_ROW) == HEADERS
    assert ws.cell(FIRST_ROW, 2).value == "Поручений нет"


def test_protocol_without_number_and_date_is_named_by_its_title() -> None:
    bare = SheetProtocol(title="Совещание директоров", number=None, date=None, rows=ROWS)
    workbook = build([bare])
    assert workbook.sheetnames[1] == "Совещание директоров"
    assert sheet(workbook, 1)["A1"].value == "Совещание директоров"


# --- summary -------------------------------------------------------------------------------


def test_protocol_counts_split_done_in_progress_and_overdue() -> None:
    counts = protocol_counts(ROWS)
    assert (counts.total, counts.done, counts.in_progress, counts.overdue) == (4, 1, 2, 1)


def test_done_rows_are_not_counted_overdue_even_if_flagged() -> None:
    counts = protocol_counts([row(done=True, overdue=True)])
    assert (counts.done, counts.overdue, counts.in_progress) == (1, 0, 0)


def test_rows_of_one_assignment_count_once() -> None:
    rows = [
        row(assignment=1, done=True),  # one of two people done: not done
        row(assignment=1),
        row(assignment=2, done=True),  # both done
        row(assignment=2, done=True),
        row(assignment=3, done=True),  # one done, one overdue: overdue
        row(assignment=3, overdue=True),
        row(assignment=4, cancelled=True),  # nobody is to do it any more
        row(assignment=5, done=True),  # the one left after another was taken off
        row(assignment=5, cancelled=True, overdue=True),
    ]
    counts = protocol_counts(rows)
    assert (counts.total, counts.done, counts.in_progress, counts.overdue) == (4, 2, 1, 1)


def test_summary_lists_each_protocol_with_figures_and_totals() -> None:
    other = SheetProtocol(
        "Совещание", "13", dt.date(2026, 2, 1), [row(overdue=True), row(done=True)]
    )
    ws = sheet(build([PROTOCOL, other]), 0)
    assert ws["A1"].value == CONTROL_TITLE
    assert values(ws, HEADER_ROW) == [
        "№ п/п",
        "Протокол",
        "Дата",
        "Всего",
        "Выполнено",
        "В работе",
        "Просрочено",
    ]
    assert values(ws, FIRST_ROW) == [
        1,
        "Протокол заседания рабочей группы № 12 от 15.01.2026",
        excel_time(2026, 1, 15),
        4,
        1,
        2,
        1,
    ]
    assert values(ws, FIRST_ROW + 1)[3:] == [2, 1, 0, 1]
    assert values(ws, FIRST_ROW + 2)[1:] == ["Итого", None, 6, 2, 2, 2]
    assert ws.cell(FIRST_ROW + 2, 4).font.bold
    assert ws.cell(FIRST_ROW, 3).number_format == DATE_FORMAT


def test_summary_links_each_protocol_to_its_sheet() -> None:
    ws = sheet(build(), 0)
    link = ws.cell(FIRST_ROW, 2).hyperlink
    assert link is not None
    assert link.location == "'№ 12 от 15.01.2026'!A1" or link.target == "#'№ 12 от 15.01.2026'!A1"


def test_summary_marks_protocols_with_overdue_items() -> None:
    ws = sheet(build(), 0)
    assert ws.cell(FIRST_ROW, 7).fill.fgColor.rgb.endswith(RED)


def test_no_protocols_gives_a_summary_with_zero_totals() -> None:
    workbook = build([])
    assert workbook.sheetnames == ["Сводка"]
    assert values(sheet(workbook, 0), FIRST_ROW)[1:] == ["Итого", None, 0, 0, 0, 0]


def test_workbook_title_property_is_set() -> None:
    assert build().properties.title == CONTROL_TITLE


# --- discipline ----------------------------------------------------------------------------

PEOPLE = [
    PersonStats("Иванов И.И.", "Колледж № 1", assigned=5, on_time=3, late=1, overdue=1, open=0),
    PersonStats("Петров П.П.", None, assigned=2, on_time=0, late=0, overdue=0, open=2),
]
ORGANISATIONS = [
    PersonStats("Колледж № 1", None, assigned=5, on_time=3, late=1, overdue=1, open=0),
]
PERIOD = (dt.date(2026, 1, 1), dt.date(2026, 1, 31))


def build_discipline(
    people: Sequence[PersonStats] = PEOPLE, organisations: Sequence[PersonStats] = ORGANISATIONS
) -> openpyxl.Workbook:
    data = discipline_sheet(
        people, organisations, period=PERIOD, generated_at=GENERATED, labels=LABELS
    )
    return openpyxl.load_workbook(io.BytesIO(data))


def test_discipline_has_a_sheet_per_person_and_per_organisation() -> None:
    workbook = build_discipline()
    assert workbook.sheetnames == ["Сотрудники", "Организации"]
    ws = sheet(workbook, 0)
    assert ws["A1"].value == "Исполнительская дисциплина с 01.01.2026 по 31.01.2026"


def test_discipline_per_person_figures_share_and_totals() -> None:
    ws = sheet(build_discipline(), 0)
    assert values(ws, HEADER_ROW) == [
        "№ п/п",
        "Сотрудник",
        "Организация",
        "Поручено",
        "Выполнено в срок",
        "Выполнено с опозданием",
        "Просрочено",
        "В работе (срок не истёк) или отчёт в срок на проверке",
        "Доля выполненных в срок",
    ]
    assert values(ws, FIRST_ROW) == [1, "Иванов И.И.", "Колледж № 1", 5, 3, 1, 1, 0, 0.6]
    assert ws.cell(FIRST_ROW, 9).number_format == PERCENT_FORMAT
    assert ws.cell(FIRST_ROW, 7).fill.fgColor.rgb.endswith(RED)
    assert values(ws, FIRST_ROW + 1) == [2, "Петров П.П.", None, 2, 0, 0, 0, 2, None]
    assert values(ws, FIRST_ROW + 2)[1:] == ["Итого", None, 7, 3, 1, 1, 2, 0.6]


def test_discipline_per_organisation_has_no_organisation_column() -> None:
    ws = sheet(build_discipline(), 1)
    assert values(ws, HEADER_ROW)[:3] == ["№ п/п", "Организация", "Поручено"]
    assert values(ws, FIRST_ROW) == [1, "Колледж № 1", 5, 3, 1, 1, 0, 0.6]


def test_discipline_without_data_says_so() -> None:
    ws = sheet(build_discipline([], []), 0)
    assert ws.cell(FIRST_ROW, 2).value == "Нет данных за период"


def test_discipline_print_setup() -> None:
    for ws in build_discipline().worksheets:
        assert ws.page_setup.orientation == "landscape"
        assert ws.print_title_rows == "$3:$3"
        assert ws.freeze_panes == "A4"


def test_discipline_refuses_a_reversed_period() -> None:
    with pytest.raises(ValueError, match="period"):
        discipline_sheet(
            [], [], period=(PERIOD[1], PERIOD[0]), generated_at=GENERATED, labels=LABELS
        )


def test_on_time_share_is_none_when_nothing_was_due() -> None:
    assert PersonStats("x", None, 3, 0, 0, 0, 3).on_time_share is None
    assert PersonStats("x", None, 4, 1, 1, 2, 0).on_time_share == 0.25


# --- helpers and labels --------------------------------------------------------------------


WIDTH = 20
PER_LINE = chars_per_line(WIDTH)


@pytest.mark.parametrize(
    ("text", "lines"),
    [
        ("", 1),
        ("короткий", 1),
        ("x" * PER_LINE, 1),
        ("x" * (PER_LINE + 1), 2),
        ("x" * (2 * PER_LINE + 1), 3),
        ("раз\nдва\nтри", 3),
        ("xx " + "x" * PER_LINE, 2),
        ("xx " + "x" * (PER_LINE + 2), 3),
        ("x" * (PER_LINE - 3) + " xx", 1),
        ("x" * (PER_LINE - 2) + " xx", 2),
        (" ".join(["слово"] * 30), -(-30 // ((PER_LINE + 1) // 6))),
    ],
)
def test_wrapped_lines_estimate(text: str, lines: int) -> None:
    assert wrapped_lines(text, WIDTH) == lines


def test_narrow_columns_still_hold_a_character_a_line() -> None:
    assert chars_per_line(0.5) == 1
    assert wrapped_lines("abc", 0.5) == 3


def test_every_label_is_filled() -> None:
    for field in dataclasses.fields(LABELS):
        assert getattr(LABELS, field.name).strip(), field.name


def test_cancelled_rows_are_shown_but_not_counted() -> None:
    rows = [*ROWS, row(status="отменено", cancelled=True), row(cancelled=True, overdue=True)]
    counts = protocol_counts(rows)
    assert (counts.total, counts.done, counts.in_progress, counts.overdue) == (4, 1, 2, 1)
