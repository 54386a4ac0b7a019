"""Russian texts of the directory import and export (`tracking.directory_io`)."""

from __future__ import annotations

from typing import Final

from bot.texts.core import ROLE_NAMES
from storage.models import Role
from tracking.directory_io import Column, DirectoryLabels, FileProblem, RowProblem

LABELS: Final = DirectoryLabels(
    name="ФИО",
    position="Должность",
    organisation="Организация",
    roles="Роли",
    groups="Группы",
    telegram="Telegram",
    sheet_title="Справочник",
    role_names={Role(code): word for code, word in ROLE_NAMES.items()},
)

#: Why a row was not imported; `{value}` is the offending text from the file.
ROW_PROBLEMS: Final[dict[RowProblem, str]] = {
    RowProblem.NO_NAME: "не указаны ФИО ({value})",
    RowProblem.BAD_NAME: "ФИО не похоже на фамилию с именем или инициалами: «{value}»",
    RowProblem.UNKNOWN_ROLE: (
        "неизвестная роль «{value}» (возможные: администратор, секретарь, координатор, "
        "контролёр, исполнитель)"
    ),
    RowProblem.BAD_CONTACT: (
        "не удалось разобрать Telegram: «{value}» (нужен @username или телефон вида "
        "+7 912 345-67-89)"
    ),
    RowProblem.DUPLICATE: "«{value}» уже встречается в файле выше",
    RowProblem.TOO_LONG: "слишком длинное значение: «{value}»",
}
ROW_ERROR: Final = "Строка {line}: {reason}"

#: Why the whole file was refused.
FILE_PROBLEMS: Final[dict[FileProblem, str]] = {
    FileProblem.UNSUPPORTED_FORMAT: (
        "Этот формат файла ({extension}) не подходит. Пришлите справочник в .xlsx или .csv."
    ),
    FileProblem.LEGACY_OR_ENCRYPTED: (
        "Это старый формат Excel (.xls) или файл защищён паролем. Сохраните его как .xlsx "
        "без пароля и пришлите снова."
    ),
    FileProblem.BROKEN_FILE: "Файл повреждён или не открывается. Проверьте его и пришлите снова.",
    FileProblem.EMPTY: "В файле нет ни одной заполненной строки.",
    FileProblem.NO_NAME_COLUMN: (
        "Не нашёл столбец «ФИО» (или столбцы «Фамилия» и «Имя»). Первая строка таблицы должна "
        "содержать заголовки: ФИО, Должность, Организация, Роли, Группы, Telegram."
    ),
    FileProblem.TOO_MANY_ROWS: "В файле больше {limit} строк. Разделите его на несколько частей.",
}

#: Names of the columns, for «в файле нет столбцов: …».
COLUMN_NAMES: Final[dict[Column, str]] = {
    Column.NAME: LABELS.name,
    Column.POSITION: LABELS.position,
    Column.ORGANISATION: LABELS.organisation,
    Column.ROLES: LABELS.roles,
    Column.GROUPS: LABELS.groups,
    Column.TELEGRAM: LABELS.telegram,
    Column.PHONE: "Телефон",
    Column.SURNAME: "Фамилия",
    Column.FIRST_NAME: "Имя",
    Column.PATRONYMIC: "Отчество",
}
MISSING_COLUMNS: Final = "В файле нет столбцов: {columns}."
UNKNOWN_COLUMNS: Final = "Столбцы не распознаны и пропущены: {columns}."

EXPORT_FILENAME: Final = "справочник.{fmt}"
