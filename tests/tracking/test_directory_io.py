"""Import and export of the people directory: formats, header synonyms, bad rows, round trip."""

from __future__ import annotations

import dataclasses
import io
import zipfile
from collections.abc import Sequence

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.texts.directory import COLUMN_NAMES, FILE_PROBLEMS, LABELS, ROW_PROBLEMS
from storage.models import Role
from tracking import directory_io
from tracking.directory_io import (
    Column,
    DirectoryFileError,
    DirectoryImport,
    DirectoryRow,
    FileProblem,
    RowError,
    RowProblem,
    column_for,
    is_valid_name,
    name_key,
    parse_contact,
    parse_phone,
    parse_roles,
    parse_username,
    read_directory,
    write_directory,
)

HEADER = ["ФИО", "Должность", "Организация", "Роли", "Группы", "Telegram"]
KHNYCHEVA = [
    "Хнычева Дарья Сергеевна",
    "Начальник отдела",
    "Колледж № 1",
    "секретарь, контролёр",
    "Рабочая группа; ИКТ-компании",
    "@Khnycheva_D",
]
IVANOV = ["Иванов Иван Иванович", "Директор", "Техникум", "исполнитель", "", "+7 912 345-67-89"]


def xlsx(rows: Sequence[Sequence[object] | None], start: int = 1) -> bytes:
    """A workbook with `rows` from row `start`; None leaves a row empty."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    for offset, values in enumerate(rows):
        for column, value in enumerate(values or (), start=1):
            sheet.cell(start + offset, column, value)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def csv_bytes(
    rows: Sequence[Sequence[str]], delimiter: str = ";", encoding: str = "utf-8"
) -> bytes:
    def quote(cell: str) -> str:
        return f'"{cell}"' if any(ch in cell for ch in ',;"\t') else cell

    text = "\r\n".join(delimiter.join(quote(c) for c in row) for row in rows) + "\r\n"
    return text.encode(encoding)


def only_row(result: DirectoryImport) -> DirectoryRow:
    assert result.errors == ()
    assert len(result.rows) == 1
    return result.rows[0]


def problems(result: DirectoryImport) -> list[tuple[int, RowProblem, str]]:
    return [(e.line, e.reason, e.value) for e in result.errors]


# --- formats -------------------------------------------------------------------------------


def test_xlsx_with_every_column_reads_every_field() -> None:
    result = read_directory(xlsx([HEADER, KHNYCHEVA, IVANOV]), "people.xlsx")
    assert result.errors == ()
    assert result.missing_columns == ()
    assert result.rows == (
        DirectoryRow(
            line=2,
            full_name="Хнычева Дарья Сергеевна",
            position="Начальник отдела",
            organisation="Колледж № 1",
            roles=frozenset({Role.SECRETARY, Role.CONTROLLER}),
            groups=("Рабочая группа", "ИКТ-компании"),
            username="khnycheva_d",
            phone=None,
        ),
        DirectoryRow(
            line=3,
            full_name="Иванов Иван Иванович",
            position="Директор",
            organisation="Техникум",
            roles=frozenset({Role.EXECUTOR}),
            groups=(),
            username=None,
            phone="+79123456789",
        ),
    )


def test_columns_in_any_order() -> None:
    order = [5, 3, 0, 4, 1, 2]
    shuffled = [[row[i] for i in order] for row in (HEADER, KHNYCHEVA, IVANOV)]
    straight = read_directory(xlsx([HEADER, KHNYCHEVA, IVANOV]), "a.xlsx")
    assert read_directory(xlsx(shuffled), "b.xlsx").rows == straight.rows
    assert read_directory(csv_bytes(shuffled), "b.csv").rows == straight.rows


def test_header_below_a_title_and_empty_rows_keep_spreadsheet_line_numbers() -> None:
    data = xlsx([["Справочник сотрудников кластера"], None, HEADER, KHNYCHEVA, None, IVANOV])
    result = read_directory(data, "people.xlsx")
    assert [row.line for row in result.rows] == [4, 6]


def test_xlsx_detected_by_content_whatever_the_name() -> None:
    assert len(read_directory(xlsx([HEADER, KHNYCHEVA]), "справочник").rows) == 1


def test_phone_typed_as_a_number_in_excel() -> None:
    data = xlsx([["ФИО", "Телефон"], ["Иванов Иван", 89123456789], ["Петров Пётр", 79123456780.0]])
    result = read_directory(data, "people.xlsx")
    assert [row.phone for row in result.rows] == ["+79123456789", "+79123456780"]


def test_csv_utf8_with_commas_and_quoted_lists() -> None:
    data = csv_bytes([HEADER, KHNYCHEVA, IVANOV], delimiter=",")
    result = read_directory(data, "people.csv")
    assert result.errors == ()
    assert result.rows[0].roles == {Role.SECRETARY, Role.CONTROLLER}
    assert result.rows[0].groups == ("Рабочая группа", "ИКТ-компании")


def test_csv_utf8_with_bom() -> None:
    data = b"\xef\xbb\xbf" + csv_bytes([HEADER, IVANOV])
    assert only_row(read_directory(data, "people.csv")).full_name == "Иванов Иван Иванович"


def test_csv_in_cp1251_from_excel_for_windows() -> None:
    data = csv_bytes([HEADER, KHNYCHEVA, IVANOV], encoding="cp1251")
    result = read_directory(data, "PEOPLE.CSV")
    assert [row.full_name for row in result.rows] == [
        "Хнычева Дарья Сергеевна",
        "Иванов Иван Иванович",
    ]
    assert result.rows[0].roles == {Role.SECRETARY, Role.CONTROLLER}


def test_csv_tab_separated_utf16_from_excel_unicode_text() -> None:
    data = csv_bytes([HEADER, IVANOV], delimiter="\t", encoding="utf-16")
    assert only_row(read_directory(data, "people.txt")).phone == "+79123456789"


def test_semicolon_chosen_even_when_headers_contain_commas() -> None:
    data = csv_bytes([["Фамилия, имя, отчество", "Должность"], ["Иванов Иван", "Директор"]])
    assert only_row(read_directory(data, "people.csv")).position == "Директор"


# --- headers -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "column"),
    [
        ("ФИО", Column.NAME),
        ("  ф.и.о. ", Column.NAME),
        ("Фамилия Имя Отчество", Column.NAME),
        ("ФАМИЛИЯ,  ИМЯ,ОТЧЕСТВО", Column.NAME),
        ("Должность", Column.POSITION),
        ("организация (полное наименование)", Column.ORGANISATION),
        ("Роли", Column.ROLES),
        ("роль", Column.ROLES),
        ("Группы", Column.GROUPS),
        ("Telegram", Column.TELEGRAM),
        ("TELEGRAM (@username или телефон)", Column.TELEGRAM),
        ("Телеграм / телефон", Column.TELEGRAM),
        ("Телефон", Column.PHONE),
        ("Фамилия", Column.SURNAME),
        ("Имя", Column.FIRST_NAME),
        ("Отчество", Column.PATRONYMIC),
        ("Примечание", None),
        ("", None),
    ],
)
def test_header_names_match_whatever_the_case_spaces_and_notes(
    header: str, column: Column | None
) -> None:
    assert column_for(header) is column


def test_yo_in_headers_and_roles_is_the_same_as_e() -> None:
    data = csv_bytes([["ФИО", "Роли"], ["Иванов Иван", "Контролёр, КОНТРОЛЕР"]])
    assert only_row(read_directory(data, "a.csv")).roles == {Role.CONTROLLER}


def test_name_split_over_three_columns_is_joined() -> None:
    data = csv_bytes([["Фамилия", "Имя", "Отчество", "Роли"], ["Иванов", "Иван", "", "секретарь"]])
    result = read_directory(data, "a.csv")
    assert only_row(result).full_name == "Иванов Иван"
    assert Column.NAME not in result.missing_columns


def test_missing_and_unknown_columns_are_reported() -> None:
    data = csv_bytes(
        [["ФИО", "Примечание", "Телефон"], ["Иванов Иван", "в отпуске", "89123456789"]]
    )
    result = read_directory(data, "a.csv")
    assert result.missing_columns == (
        Column.POSITION,
        Column.ORGANISATION,
        Column.ROLES,
        Column.GROUPS,
    )
    assert result.unknown_columns == ("Примечание",)


def test_second_column_with_the_same_meaning_is_ignored() -> None:
    data = csv_bytes([["ФИО", "Сотрудник"], ["Иванов Иван", "мусор 1"]])
    result = read_directory(data, "a.csv")
    assert only_row(result).full_name == "Иванов Иван"
    assert result.unknown_columns == ("Сотрудник",)


# --- values --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "phone"),
    [
        ("+7 912 345-67-89", "+79123456789"),
        ("89123456789", "+79123456789"),
        ("8 (912) 345-67-89", "+79123456789"),
        ("7 912 3456789", "+79123456789"),
        ("9123456789", "+79123456789"),
        ("+375 29 123-45-67", "+375291234567"),
        ("12345", None),
        ("+7 912 345", None),
        ("8912345678", None),
        ("+7912345678901", None),
        ("+7 912 345-67-89 доб. 1", None),
        ("@ivanov", None),
    ],
)
def test_phone_numbers_are_normalised(text: str, phone: str | None) -> None:
    assert parse_phone(text) == phone


@pytest.mark.parametrize(
    ("text", "username"),
    [
        ("@Ivanov_I", "ivanov_i"),
        ("ivanov_i", "ivanov_i"),
        ("https://t.me/Ivanov_I", "ivanov_i"),
        ("t.me/ivanov_i", "ivanov_i"),
        ("@iv", None),
        ("@1ivanov", None),
        ("@ivanov_", None),
        ("@иванов", None),
        ("@" + "a" * 33, None),
    ],
)
def test_usernames_are_recognised(text: str, username: str | None) -> None:
    assert parse_username(text) == username


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("@ivanov, +79123456789", ("ivanov", "+79123456789", True)),
        ("+7 912 345-67-89; @ivanov", ("ivanov", "+79123456789", True)),
        ("@ivanov +7 912 345-67-89", ("ivanov", "+79123456789", True)),
        ("", (None, None, True)),
        ("@ivanov, @petrov", ("ivanov", None, False)),
        ("позвонить секретарю", (None, None, False)),
    ],
)
def test_telegram_cell_may_hold_a_username_and_a_phone(
    text: str, expected: tuple[str | None, str | None, bool]
) -> None:
    assert parse_contact(text) == expected


def test_separate_phone_column_fills_the_phone() -> None:
    data = csv_bytes([["ФИО", "Telegram", "Телефон"], ["Иванов Иван", "@ivanov", "89123456789"]])
    row = only_row(read_directory(data, "a.csv"))
    assert (row.username, row.phone) == ("ivanov", "+79123456789")


def test_roles_accept_russian_words_and_codes() -> None:
    roles, unknown = parse_roles("Администратор; секретарь/координатор, executor\nисполнитель")
    assert roles == set(Role) - {Role.CONTROLLER}
    assert unknown == []


@pytest.mark.parametrize(
    "name",
    [
        "Хнычева Дарья Сергеевна",
        "Хнычева Д.С.",
        "Хнычева Д. С.",
        "Салтыков-Щедрин М.Е.",
        "O'Neil J.",
    ],
)
def test_valid_names(name: str) -> None:
    assert is_valid_name(name)


@pytest.mark.parametrize("name", ["Иванов", "Иванов 2", "Иванов Иван (зам.)", "ivanov@mail.ru x"])
def test_invalid_names(name: str) -> None:
    assert not is_valid_name(name)


def test_name_key_ignores_case_yo_dots_and_spaces() -> None:
    assert name_key("Хнычева Д.С.") == name_key("ХНЫЧЕВА  д. с.")
    assert name_key("Алёна Пётрова") == name_key("алена петрова")


def test_a_dash_means_empty() -> None:
    data = csv_bytes([HEADER, ["Иванов Иван", "—", "-", "", "", "—"]])
    row = only_row(read_directory(data, "a.csv"))
    assert (row.position, row.organisation, row.phone) == (None, None, None)


def test_groups_are_split_trimmed_and_deduplicated_in_order() -> None:
    data = csv_bytes([["ФИО", "Группы"], ["Иванов Иван", " ИКТ ,Руководители ПОО;  ИКТ ;"]])
    assert only_row(read_directory(data, "a.csv")).groups == ("ИКТ", "Руководители ПОО")


# --- bad rows ------------------------------------------------------------------------------


def test_bad_rows_are_listed_and_good_rows_still_come_out() -> None:
    data = csv_bytes(
        [
            HEADER,
            KHNYCHEVA,
            ["", "Директор", "Техникум", "", "", ""],
            ["Иванов", "", "", "", "", ""],
            ["Петров Пётр", "", "", "царь, исполнитель, бог", "", ""],
            ["Сидоров Сидор", "", "", "", "", "позвонить"],
            ["хнычева  дарья сергеевна", "", "", "", "", ""],
            IVANOV,
        ]
    )
    result = read_directory(data, "a.csv")
    assert [row.full_name for row in result.rows] == [
        "Хнычева Дарья Сергеевна",
        "Иванов Иван Иванович",
    ]
    assert problems(result) == [
        (3, RowProblem.NO_NAME, "Директор; Техникум"),
        (4, RowProblem.BAD_NAME, "Иванов"),
        (5, RowProblem.UNKNOWN_ROLE, "царь"),
        (5, RowProblem.UNKNOWN_ROLE, "бог"),
        (6, RowProblem.BAD_CONTACT, "позвонить"),
        (7, RowProblem.DUPLICATE, "хнычева дарья сергеевна"),
    ]


def test_a_row_may_have_several_problems() -> None:
    data = csv_bytes([HEADER, ["Иванов", "", "", "царь", "", "позвонить"]])
    assert [e.reason for e in read_directory(data, "a.csv").errors] == [
        RowProblem.BAD_NAME,
        RowProblem.UNKNOWN_ROLE,
        RowProblem.BAD_CONTACT,
    ]


def test_duplicate_of_initials_written_differently() -> None:
    data = csv_bytes([["ФИО"], ["Хнычева Д.С."], ["Хнычева Д. С."]])
    result = read_directory(data, "a.csv")
    assert len(result.rows) == 1
    assert result.errors == (RowError(3, RowProblem.DUPLICATE, "Хнычева Д. С."),)


def test_overlong_value_is_refused_not_truncated() -> None:
    data = csv_bytes([["ФИО", "Должность"], ["Иванов Иван", "д" * 400]])
    result = read_directory(data, "a.csv")
    assert result.rows == ()
    assert result.errors[0].reason is RowProblem.TOO_LONG


# --- whole-file errors ---------------------------------------------------------------------


def file_error(data: bytes, name: str) -> FileProblem:
    with pytest.raises(DirectoryFileError) as caught:
        read_directory(data, name)
    return caught.value.code


def test_unsupported_format() -> None:
    with pytest.raises(DirectoryFileError) as caught:
        read_directory(b"%PDF-1.7", "people.pdf")
    assert caught.value.code is FileProblem.UNSUPPORTED_FORMAT
    assert caught.value.params == {"extension": ".pdf"}


def test_old_xls_or_password_protected_xlsx() -> None:
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100
    assert file_error(ole, "people.xls") is FileProblem.LEGACY_OR_ENCRYPTED
    assert file_error(ole, "people.xlsx") is FileProblem.LEGACY_OR_ENCRYPTED


def test_broken_xlsx() -> None:
    assert file_error(b"PK\x03\x04 not really a zip", "people.xlsx") is FileProblem.BROKEN_FILE
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    assert file_error(buffer.getvalue(), "people.xlsx") is FileProblem.BROKEN_FILE


def test_empty_files() -> None:
    assert file_error(b"", "people.csv") is FileProblem.EMPTY
    assert file_error(b"\r\n;;;\r\n", "people.csv") is FileProblem.EMPTY
    assert file_error(xlsx([]), "people.xlsx") is FileProblem.EMPTY


def test_no_name_column() -> None:
    data = csv_bytes([["Должность", "Организация"], ["Директор", "Техникум"]])
    assert file_error(data, "people.csv") is FileProblem.NO_NAME_COLUMN


def test_too_many_rows(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(directory_io, "MAX_ROWS", 3)
    data = csv_bytes([["ФИО"]] + [[f"Иванов Иван{'а' * i}"] for i in range(20)])
    with pytest.raises(DirectoryFileError) as caught:
        read_directory(data, "people.csv")
    assert caught.value.code is FileProblem.TOO_MANY_ROWS
    assert caught.value.params == {"limit": 3}


# --- export and round trip -----------------------------------------------------------------

ROWS = read_directory(xlsx([HEADER, KHNYCHEVA, IVANOV]), "people.xlsx").rows


def test_xlsx_export_has_the_russian_header_and_text_cells() -> None:
    workbook = openpyxl.load_workbook(io.BytesIO(write_directory(ROWS, "xlsx", LABELS)))
    sheet = workbook.active
    assert sheet is not None
    assert sheet.title == "Справочник"
    assert [c.value for c in sheet[1]] == HEADER
    assert sheet["A1"].font.bold
    assert sheet.freeze_panes == "A2"
    assert [c.value for c in sheet[2]] == [
        "Хнычева Дарья Сергеевна",
        "Начальник отдела",
        "Колледж № 1",
        "секретарь, контролёр",
        "Рабочая группа, ИКТ-компании",
        "@khnycheva_d",
    ]
    assert sheet["F3"].value == "+79123456789"
    assert sheet["F3"].data_type == "s"


def test_csv_export_is_utf8_with_bom_semicolons_and_crlf() -> None:
    data = write_directory(ROWS, "csv", LABELS)
    assert data.startswith(b"\xef\xbb\xbf")
    text = data[3:].decode("utf-8")
    assert text.splitlines()[0] == ";".join(HEADER)
    assert "\r\n" in text


def test_csv_export_guards_cells_that_spreadsheets_take_for_formulas() -> None:
    evil = dataclasses.replace(ROWS[1], position='=HYPERLINK("http://x","y")')
    text = write_directory([evil], "csv", LABELS).decode("utf-8-sig")
    assert "'=HYPERLINK" in text
    assert "'+79123456789" in text
    assert read_directory(text.encode(), "a.csv").rows[0].position == evil.position


def test_xlsx_export_keeps_formula_like_text_as_text() -> None:
    evil = dataclasses.replace(ROWS[1], position="=1+1")
    data = write_directory([evil], "xlsx", LABELS)
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    assert sheet is not None
    assert sheet["B2"].data_type == "s"
    assert read_directory(data, "a.xlsx").rows[0].position == "=1+1"


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_export_then_import_gives_the_same_rows(fmt: str) -> None:
    data = write_directory(ROWS, fmt, LABELS)  # type: ignore[arg-type]
    result = read_directory(data, f"export.{fmt}")
    assert result.errors == ()
    assert result.missing_columns == ()
    assert result.unknown_columns == ()
    assert result.rows == ROWS


def test_empty_directory_exports_just_the_header() -> None:
    data = write_directory([], "csv", LABELS)
    assert data.decode("utf-8-sig").strip() == ";".join(HEADER)


_WORD = st.text(alphabet="абвгдеёжзийклмнопрстуфхцчшщъыьэюя", min_size=2, max_size=10)
_NAME = st.lists(_WORD.map(str.capitalize), min_size=2, max_size=3).map(" ".join)
_FREE_TEXT = st.one_of(
    st.none(),
    st.text(alphabet="абвгд АБВ№ 0123456789.,\"'()-=+@", min_size=1, max_size=40)
    .map(lambda s: " ".join(s.split()))
    .filter(lambda s: s and set(s) - set("-–—") and not s.startswith("'")),
)
_GROUP = (
    st.text(alphabet="абвгд АБВ-", min_size=1, max_size=15)
    .map(lambda s: " ".join(s.split()))
    .filter(lambda s: s and set(s) - set("-"))
)
_USERNAME = st.from_regex(r"[a-z][a-z0-9_]{3,20}[a-z0-9]", fullmatch=True)
_PHONE = st.from_regex(r"\+79[0-9]{9}", fullmatch=True)


@st.composite
def directory_rows(draw: st.DrawFn) -> list[DirectoryRow]:
    names = draw(st.lists(_NAME, max_size=6, unique_by=name_key))
    return [
        DirectoryRow(
            line=0,
            full_name=name,
            position=draw(_FREE_TEXT),
            organisation=draw(_FREE_TEXT),
            roles=frozenset(draw(st.sets(st.sampled_from(list(Role))))),
            groups=tuple(dict.fromkeys(draw(st.lists(_GROUP, max_size=3)))),
            username=draw(st.none() | _USERNAME),
            phone=draw(st.none() | _PHONE),
        )
        for name in names
    ]


@settings(max_examples=60, deadline=None)
@given(rows=directory_rows(), fmt=st.sampled_from(["xlsx", "csv"]))
def test_any_valid_directory_survives_a_round_trip(rows: list[DirectoryRow], fmt: str) -> None:
    data = write_directory(rows, fmt, LABELS)  # type: ignore[arg-type]
    result = read_directory(data, f"x.{fmt}")
    assert result.errors == ()
    assert [dataclasses.replace(r, line=0) for r in result.rows] == rows


# --- texts ---------------------------------------------------------------------------------


def test_export_labels_are_read_back_as_their_columns() -> None:
    headers = [LABELS.name, LABELS.position, LABELS.organisation, LABELS.roles]
    headers += [LABELS.groups, LABELS.telegram]
    assert [column_for(h) for h in headers] == list(directory_io.EXPORT_COLUMNS)
    for role, word in LABELS.role_names.items():
        assert parse_roles(word) == (frozenset({role}), [])


def test_every_problem_has_a_russian_message() -> None:
    assert set(ROW_PROBLEMS) == set(RowProblem)
    assert set(FILE_PROBLEMS) == set(FileProblem)
    assert set(COLUMN_NAMES) == set(Column)
    for message in ROW_PROBLEMS.values():
        assert message.format(value="x")
    FILE_PROBLEMS[FileProblem.UNSUPPORTED_FORMAT].format(extension=".pdf")
    FILE_PROBLEMS[FileProblem.TOO_MANY_ROWS].format(limit=5000)
