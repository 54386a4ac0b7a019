"""Import and export of the people directory as `.xlsx` or `.csv`.

The reader takes what an administrator makes in Excel or LibreOffice: a header row in Russian
(possibly below a title line), columns in any order, header names matched without regard to
case, «ё», spaces, punctuation or a note in brackets. It returns every good row, every problem
with the line it is on, and the optional columns that were not found; a bad row never stops the
good ones. The writer produces the same columns, so an export can be edited and imported back.

Russian header names and role words are the input vocabulary and live here, as the parser's
do in `protocols/`; every message shown to people lives in `bot.texts.directory`.
"""

from __future__ import annotations

import csv
import io
import re
import warnings
import zipfile
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Literal

from storage.models import Role

#: Files with more data rows than this are refused rather than half-read.
MAX_ROWS = 5000
#: A header is looked for this far down, below any title lines.
HEADER_SEARCH_ROWS = 10
MAX_FIELD_CHARS = 300
#: A CSV cell starting with one of these becomes a formula in a spreadsheet; it is written with
#: a leading apostrophe, which the reader drops again (OWASP's advice for CSV injection).
_FORMULA_STARTS = frozenset("=+-@")
#: A cell holding only a dash means "nothing here".
_DASHES = frozenset("-–—")


class Column(StrEnum):
    NAME = "name"
    POSITION = "position"
    ORGANISATION = "organisation"
    ROLES = "roles"
    GROUPS = "groups"
    TELEGRAM = "telegram"
    #: Not part of the export: accepted on import as a second contact column.
    PHONE = "phone"
    #: A full name split over three columns is accepted on import too.
    SURNAME = "surname"
    FIRST_NAME = "first_name"
    PATRONYMIC = "patronymic"


#: The columns of an export, in order; a missing one among them is reported on import.
EXPORT_COLUMNS = (
    Column.NAME,
    Column.POSITION,
    Column.ORGANISATION,
    Column.ROLES,
    Column.GROUPS,
    Column.TELEGRAM,
)


class RowProblem(StrEnum):
    NO_NAME = "no_name"
    BAD_NAME = "bad_name"
    UNKNOWN_ROLE = "unknown_role"
    BAD_CONTACT = "bad_contact"
    DUPLICATE = "duplicate"
    TOO_LONG = "too_long"


class FileProblem(StrEnum):
    UNSUPPORTED_FORMAT = "unsupported_format"
    #: An `.xls` of old Excel, or an `.xlsx` with a password (both are OLE files).
    LEGACY_OR_ENCRYPTED = "legacy_or_encrypted"
    BROKEN_FILE = "broken_file"
    EMPTY = "empty"
    NO_NAME_COLUMN = "no_name_column"
    TOO_MANY_ROWS = "too_many_rows"


class DirectoryFileError(Exception):
    """The file as a whole cannot be imported; `code` says why, `params` give details."""

    def __init__(self, code: FileProblem, **params: Any) -> None:
        super().__init__(code.value, params)
        self.code = code
        self.params: dict[str, Any] = dict(params)


@dataclass(frozen=True, slots=True)
class DirectoryRow:
    #: The row number as a spreadsheet shows it (1-based, header included).
    line: int
    full_name: str
    position: str | None
    organisation: str | None
    roles: frozenset[Role]
    groups: tuple[str, ...]
    #: Without «@», lower-case: Telegram usernames are case-insensitive.
    username: str | None
    #: E.164, for example +79123456789.
    phone: str | None


@dataclass(frozen=True, slots=True)
class RowError:
    line: int
    reason: RowProblem
    #: The offending text as it was in the file.
    value: str


@dataclass(frozen=True, slots=True)
class DirectoryImport:
    rows: tuple[DirectoryRow, ...]
    errors: tuple[RowError, ...]
    #: Export columns not found in the file (values of `Column`).
    missing_columns: tuple[Column, ...]
    #: Header texts that matched no column; their cells are ignored.
    unknown_columns: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class DirectoryLabels:
    """Header texts and role words of an export (the Russian ones are in bot.texts)."""

    name: str
    position: str
    organisation: str
    roles: str
    groups: str
    telegram: str
    sheet_title: str
    role_names: Mapping[Role, str]


# --- vocabulary ----------------------------------------------------------------------------


def header_key(text: str) -> str:
    """A header reduced to letters and digits: case, «ё», spaces and notes do not matter."""
    text = re.sub(r"\([^)]*\)", " ", text.casefold().replace("ё", "е"))
    return "".join(ch for ch in text if ch.isalnum())


_HEADER_SYNONYMS: dict[Column, tuple[str, ...]] = {
    Column.NAME: (
        "ФИО",
        "Ф.И.О.",
        "Фамилия Имя Отчество",
        "Фамилия, имя, отчество",
        "Фамилия и инициалы",
        "Сотрудник",
        "Работник",
    ),
    Column.SURNAME: ("Фамилия",),
    Column.FIRST_NAME: ("Имя",),
    Column.PATRONYMIC: ("Отчество",),
    Column.POSITION: ("Должность", "Должность сотрудника", "Занимаемая должность"),
    Column.ORGANISATION: (
        "Организация",
        "Наименование организации",
        "Образовательная организация",
        "Учреждение",
        "Место работы",
    ),
    Column.ROLES: ("Роли", "Роль", "Роль в боте", "Роли в боте"),
    Column.GROUPS: ("Группы", "Группа", "Группы рассылки"),
    Column.TELEGRAM: ("Telegram", "Телеграм", "Телеграмм", "TG", "ТГ", "Username", "Контакт"),
    Column.PHONE: ("Телефон", "Мобильный телефон", "Номер телефона", "Тел"),
}
_HEADERS: dict[str, Column] = {
    header_key(synonym): column
    for column, synonyms in _HEADER_SYNONYMS.items()
    for synonym in synonyms
}
#: Headers like «Telegram (@username или телефон)» or «Телеграм / телефон».
_TELEGRAM_PREFIXES = ("telegram", "телеграм")

_ROLE_WORDS: dict[str, Role] = {
    "администратор": Role.ADMIN,
    "админ": Role.ADMIN,
    "секретарь": Role.SECRETARY,
    "координатор": Role.COORDINATOR,
    "контролер": Role.CONTROLLER,
    "исполнитель": Role.EXECUTOR,
    **{role.value: role for role in Role},
}
_ROLE_ORDER = tuple(Role)


def column_for(header: str) -> Column | None:
    key = header_key(header)
    if not key:
        return None
    found = _HEADERS.get(key)
    if found is None and key.startswith(_TELEGRAM_PREFIXES):
        return Column.TELEGRAM
    return found


def parse_roles(text: str) -> tuple[frozenset[Role], list[str]]:
    """Roles named in a cell, and the words that name no role."""
    roles: set[Role] = set()
    unknown: list[str] = []
    for word in _split(text, ",;/\n"):
        role = _ROLE_WORDS.get(word.casefold().replace("ё", "е"))
        if role is None:
            unknown.append(word)
        else:
            roles.add(role)
    return frozenset(roles), unknown


_USERNAME = re.compile(r"[A-Za-z][A-Za-z0-9_]{3,30}[A-Za-z0-9]")
_LINK = re.compile(r"^(?:https?://)?(?:www\.)?(?:t\.me|telegram\.me)/", re.IGNORECASE)


def parse_username(text: str) -> str | None:
    """`@name`, `name` or a t.me link to a Telegram username (5–32 characters)."""
    text = _LINK.sub("", text.strip()).removeprefix("@")
    return text.lower() if _USERNAME.fullmatch(text) else None


def parse_phone(text: str) -> str | None:
    """A phone number in E.164; Russian forms (8…, 7…, 9…, +7…) become +7XXXXXXXXXX."""
    text = text.strip()
    if not re.fullmatch(r"\+?[\d\s().\-]+", text):
        return None
    digits = re.sub(r"\D", "", text)
    if len(digits) == 11 and digits[0] in "78":
        return "+7" + digits[1:]
    if len(digits) == 10 and digits[0] == "9" and not text.startswith("+"):
        return "+7" + digits
    if text.startswith("+") and 10 <= len(digits) <= 15 and not digits.startswith("7"):
        return "+" + digits
    return None


def parse_contact(text: str) -> tuple[str | None, str | None, bool]:
    """A username and a phone from a Telegram cell, and whether every part was understood."""
    username: str | None = None
    phone: str | None = None
    for part in _split(text, ",;\n"):
        for token in _contact_tokens(part):
            as_phone = parse_phone(token)
            as_name = parse_username(token) if as_phone is None else None
            if as_phone is not None and phone is None:
                phone = as_phone
            elif as_name is not None and username is None:
                username = as_name
            else:
                return username, phone, False
    return username, phone, True


def _contact_tokens(part: str) -> list[str]:
    """One contact, or «@name +7 912 …» written without a comma as two."""
    head, _, rest = part.partition(" ")
    return [head, rest] if head.startswith("@") and rest else [part]


_NAME = re.compile(r"[^\W\d_]+(?:[-'’.][^\W\d_]*)*\.?")


def is_valid_name(name: str) -> bool:
    """Two or more words of letters (hyphens, apostrophes, initials with dots allowed)."""
    words = name.replace(".", ". ").split()
    return len(words) >= 2 and all(_NAME.fullmatch(word) for word in words)


def name_key(name: str) -> str:
    """The full name for spotting duplicates: «Хнычева Д. С.» and «хнычева д.с.» are one."""
    return " ".join(re.sub(r"[.\s]+", " ", name.casefold().replace("ё", "е")).split())


# --- reading -------------------------------------------------------------------------------


def read_directory(data: bytes, filename: str) -> DirectoryImport:
    """Read an uploaded directory; raises DirectoryFileError when the file as a whole fails."""
    table = _read_table(data, filename)
    header_index, columns = _find_header(table)
    rows, errors = _read_rows(table, header_index, columns)
    present = set(columns.values())
    if Column.SURNAME in present:
        present.add(Column.NAME)
    if Column.PHONE in present:
        present.add(Column.TELEGRAM)
    missing = tuple(c for c in EXPORT_COLUMNS if c not in present)
    header = table[header_index][1]
    unknown = tuple(
        _text(header[i]) for i in range(len(header)) if i not in columns and _text(header[i])
    )
    return DirectoryImport(tuple(rows), tuple(errors), missing, unknown)


Table = list[tuple[int, list[Any]]]


def _read_table(data: bytes, filename: str) -> Table:
    kind = _kind(data, filename)
    table = _read_xlsx(data) if kind == "xlsx" else _read_csv(data)
    if not table:
        raise DirectoryFileError(FileProblem.EMPTY)
    return table


def _kind(data: bytes, filename: str) -> Literal["xlsx", "csv"]:
    extension = filename.rsplit(".", 1)[-1].casefold() if "." in filename else ""
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise DirectoryFileError(FileProblem.LEGACY_OR_ENCRYPTED)
    if data.startswith(b"PK\x03\x04") or extension in ("xlsx", "xlsm"):
        return "xlsx"
    if extension in ("csv", "txt"):
        return "csv"
    raise DirectoryFileError(FileProblem.UNSUPPORTED_FORMAT, extension=f".{extension}")


def _read_xlsx(data: bytes) -> Table:
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        with warnings.catch_warnings():
            # openpyxl warns about styles and extensions it skips; nothing we read depends on them.
            warnings.simplefilter("ignore")
            workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, OSError) as error:
        raise DirectoryFileError(FileProblem.BROKEN_FILE) from error
    try:
        return _non_empty(enumerate(workbook.worksheets[0].iter_rows(values_only=True), 1))
    except (KeyError, ValueError, TypeError, AttributeError) as error:
        raise DirectoryFileError(FileProblem.BROKEN_FILE) from error
    finally:
        workbook.close()


def _read_csv(data: bytes) -> Table:
    text = _decode(data)
    best: Table = []
    best_score = -1
    for delimiter in ";,\t":
        try:
            records = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
            table = _non_empty(enumerate(records, start=1))
        except csv.Error as error:
            raise DirectoryFileError(FileProblem.BROKEN_FILE) from error
        score = max((_header_score(cells) for _, cells in table[:HEADER_SEARCH_ROWS]), default=0)
        if score > best_score:
            best, best_score = table, score
    return best


def _decode(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        # Excel for Windows saves «CSV (разделители — запятые)» in the ANSI code page.
        return data.decode("cp1251", errors="replace")


def _non_empty(rows: Iterable[tuple[int, Sequence[Any]]]) -> Table:
    """Rows with some text, numbered as the file has them; too many of them is refused."""
    table: Table = []
    for line, cells in rows:
        if any(_text(c) for c in cells):
            table.append((line, list(cells)))
            if len(table) > MAX_ROWS + HEADER_SEARCH_ROWS:
                raise DirectoryFileError(FileProblem.TOO_MANY_ROWS, limit=MAX_ROWS)
    return table


def _header_score(cells: Sequence[Any]) -> int:
    return len({column_for(_text(c)) for c in cells} - {None})


def _find_header(table: Table) -> tuple[int, dict[int, Column]]:
    for index, (_, cells) in enumerate(table[:HEADER_SEARCH_ROWS]):
        columns: dict[int, Column] = {}
        for position, cell in enumerate(cells):
            column = column_for(_text(cell))
            if column is not None and column not in columns.values():
                columns[position] = column
        found = set(columns.values())
        if Column.NAME in found or {Column.SURNAME, Column.FIRST_NAME} <= found:
            return index, columns
    raise DirectoryFileError(FileProblem.NO_NAME_COLUMN)


def _read_rows(
    table: Table, header_index: int, columns: dict[int, Column]
) -> tuple[list[DirectoryRow], list[RowError]]:
    rows: list[DirectoryRow] = []
    errors: list[RowError] = []
    first_line: dict[str, int] = {}
    for line, cells in table[header_index + 1 :]:
        values = {
            column: _text(cells[i]) if i < len(cells) else "" for i, column in columns.items()
        }
        row, problems = _parse_row(line, values)
        if row is not None:
            key = name_key(row.full_name)
            if key in first_line:
                problems.append(RowError(line, RowProblem.DUPLICATE, row.full_name))
            else:
                first_line[key] = line
        errors.extend(problems)
        if row is not None and not problems:
            rows.append(row)
    return rows, errors


def _parse_row(
    line: int, values: Mapping[Column, str]
) -> tuple[DirectoryRow | None, list[RowError]]:
    problems: list[RowError] = []
    name = _full_name(values)
    too_long = next((v for v in values.values() if len(v) > MAX_FIELD_CHARS), None)
    if too_long is not None:
        problems.append(RowError(line, RowProblem.TOO_LONG, too_long[:50] + "…"))
        return None, problems
    if not name:
        problems.append(RowError(line, RowProblem.NO_NAME, _row_summary(values)))
        return None, problems
    if not is_valid_name(name):
        problems.append(RowError(line, RowProblem.BAD_NAME, name))
    roles, unknown = parse_roles(values.get(Column.ROLES, ""))
    problems.extend(RowError(line, RowProblem.UNKNOWN_ROLE, word) for word in unknown)
    username, phone, understood = _contacts(values)
    if not understood:
        contact = values.get(Column.TELEGRAM) or values.get(Column.PHONE, "")
        problems.append(RowError(line, RowProblem.BAD_CONTACT, contact))
    row = DirectoryRow(
        line=line,
        full_name=name,
        position=values.get(Column.POSITION) or None,
        organisation=values.get(Column.ORGANISATION) or None,
        roles=roles,
        groups=tuple(dict.fromkeys(_split(values.get(Column.GROUPS, ""), ",;\n"))),
        username=username,
        phone=phone,
    )
    return row, problems


def _full_name(values: Mapping[Column, str]) -> str:
    name = values.get(Column.NAME, "")
    if name:
        return name
    parts = (Column.SURNAME, Column.FIRST_NAME, Column.PATRONYMIC)
    return " ".join(values[c] for c in parts if values.get(c))


def _contacts(values: Mapping[Column, str]) -> tuple[str | None, str | None, bool]:
    username, phone, understood = parse_contact(values.get(Column.TELEGRAM, ""))
    extra = values.get(Column.PHONE, "")
    if extra and understood:
        own = parse_phone(extra)
        if own is None:
            return username, phone, False
        phone = phone or own
    return username, phone, understood


def _row_summary(values: Mapping[Column, str]) -> str:
    return "; ".join(v for v in values.values() if v)[:100]


def _text(value: object) -> str:
    """A cell as clean text: numbers without «.0» (phones typed as numbers), spaces collapsed."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = " ".join(str(value).split())
    if text.startswith("'") and text[1:2] in _FORMULA_STARTS:
        text = text[1:]
    return "" if set(text) <= _DASHES else text


def _split(text: str, separators: str) -> Iterator[str]:
    for part in re.split(f"[{re.escape(separators)}]", text):
        part = " ".join(part.split())
        if part:
            yield part


# --- writing -------------------------------------------------------------------------------


def write_directory(
    rows: Sequence[DirectoryRow], fmt: Literal["xlsx", "csv"], labels: DirectoryLabels
) -> bytes:
    """The directory in the columns `read_directory` reads back."""
    header = [
        labels.name,
        labels.position,
        labels.organisation,
        labels.roles,
        labels.groups,
        labels.telegram,
    ]
    records = [_record(row, labels) for row in rows]
    if fmt == "xlsx":
        return _write_xlsx(header, records, labels.sheet_title)
    return _write_csv(header, records)


def _record(row: DirectoryRow, labels: DirectoryLabels) -> list[str]:
    roles = ", ".join(labels.role_names[r] for r in _ROLE_ORDER if r in row.roles)
    contacts = [f"@{row.username}" if row.username else "", row.phone or ""]
    return [
        row.full_name,
        row.position or "",
        row.organisation or "",
        roles,
        ", ".join(row.groups),
        ", ".join(c for c in contacts if c),
    ]


def _write_csv(header: list[str], records: Iterable[list[str]]) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(header)
    for record in records:
        writer.writerow([_guard(cell) for cell in record])
    # UTF-8 with a BOM, so that Excel opens the Cyrillic right.
    return buffer.getvalue().encode("utf-8-sig")


def _guard(cell: str) -> str:
    return "'" + cell if cell[:1] in _FORMULA_STARTS else cell


_WIDTHS = (40, 40, 50, 30, 40, 30)


def _write_xlsx(header: list[str], records: Iterable[list[str]], title: str) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = re.sub(r"[\[\]:*?/\\]", " ", title)[:31] or "-"
    for values in [header, *records]:
        sheet.append([value or None for value in values])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # text, even when it starts with «=»
    for index, width in enumerate(_WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
