"""Russian texts of the protocol parser: document errors, CLI table, deadline kinds."""

from __future__ import annotations

from typing import Any

from protocols.errors import DocumentProblem
from protocols.model import DeadlineKind

DOCUMENT_ERRORS: dict[DocumentProblem, str] = {
    DocumentProblem.TOO_LARGE: (
        "Файл слишком большой ({size_mb} МБ). Можно прислать документ до {limit_mb} МБ."
    ),
    DocumentProblem.UNSUPPORTED_FORMAT: (
        "Этот формат файла ({extension}) не поддерживается. Пришлите протокол в .docx, .pdf, "
        ".odt, .rtf, .txt или .xlsx, либо вставьте текст сообщением."
    ),
    DocumentProblem.LEGACY_DOC: (
        "Старый формат Microsoft Office ({extension}) прочитать не получается. Сохраните файл "
        "в новом формате (.docx, .xlsx) или как .pdf и пришлите снова."
    ),
    DocumentProblem.BROKEN_FILE: (
        "Файл повреждён или не открывается. Проверьте его и пришлите снова."
    ),
    DocumentProblem.NO_TEXT_LAYER: (
        "В этом PDF нет текстового слоя — похоже, это скан. Пришлите файл с текстом "
        "(.docx или PDF, сохранённый из редактора) или вставьте текст сообщением."
    ),
    DocumentProblem.EMPTY: "Файл пустой: в нём нет текста.",
    DocumentProblem.ENCODING: (
        "Не удалось определить кодировку текста. Сохраните файл в UTF-8 и пришлите снова."
    ),
    DocumentProblem.ENCRYPTED: "Файл защищён паролем. Снимите защиту и пришлите снова.",
}

FILE_NOT_FOUND = "Файл не найден: {path}"
FILE_UNREADABLE = "Не удалось прочитать файл {path}: {reason}"
USAGE = "Использование: python -m bot parse ПУТЬ [--json]  (ПУТЬ — файл или «-» для stdin)"

DEADLINE_KINDS: dict[DeadlineKind, str] = {
    DeadlineKind.DATE: "дата",
    DeadlineKind.DATETIME: "дата и время",
    DeadlineKind.PERIOD: "период",
    DeadlineKind.MONTH: "месяц",
    DeadlineKind.QUARTER: "квартал",
    DeadlineKind.HALF_YEAR: "полугодие",
    DeadlineKind.YEAR: "год",
    DeadlineKind.RELATIVE: "относительный срок",
    DeadlineKind.RECURRING: "регулярно",
    DeadlineKind.PERMANENT: "постоянно",
    DeadlineKind.NONE: "без срока",
}

HEADER_TITLE = "Протокол"
HEADER_NUMBER = "Номер"
HEADER_DATE = "Дата"
HEADER_PLACE = "Место"
NOT_GIVEN = "—"
ASSIGNMENTS_FOUND = "Поручений найдено: {count}"
NO_ASSIGNMENTS = "Поручений не найдено."
COLUMN_NUMBER = "№"
COLUMN_TEXT = "Поручение"
COLUMN_DEADLINE = "Срок"
COLUMN_RESPONSIBLE = "Ответственные"
RECOMMENDATION_MARK = "(рекомендация)"
NO_RESPONSIBLE = "не указаны"


def document_error(code: DocumentProblem, params: dict[str, Any]) -> str:
    """The Russian message for a document problem."""
    template = DOCUMENT_ERRORS.get(code, DOCUMENT_ERRORS[DocumentProblem.BROKEN_FILE])
    values = {"extension": params.get("extension") or "без расширения"}
    if "size" in params:
        values["size_mb"] = f"{params['size'] / 1024 / 1024:.1f}"
    if "limit" in params:
        values["limit_mb"] = f"{params['limit'] // (1024 * 1024)}"
    try:
        return template.format(**values)
    except (KeyError, IndexError):
        return template


def deadline_kind_name(kind: DeadlineKind) -> str:
    """Russian name of a deadline kind («квартал», «постоянно» ...)."""
    return DEADLINE_KINDS[kind]
