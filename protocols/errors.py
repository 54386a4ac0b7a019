"""Errors raised while reading documents; they carry a code, never user-facing prose."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

#: Largest document the parser accepts, in bytes.
MAX_DOCUMENT_BYTES: int = 20 * 1024 * 1024


class DocumentProblem(StrEnum):
    """Why a document could not be read."""

    TOO_LARGE = "too_large"
    UNSUPPORTED_FORMAT = "unsupported_format"
    BROKEN_FILE = "broken_file"
    NO_TEXT_LAYER = "no_text_layer"
    EMPTY = "empty"
    ENCODING = "encoding"
    LEGACY_DOC = "legacy_doc"
    ENCRYPTED = "encrypted"


class DocumentError(Exception):
    """A document cannot be turned into text.

    ``code`` says why; ``params`` carries details for the message (for example ``limit`` and
    ``size`` for :attr:`DocumentProblem.TOO_LARGE`, ``extension`` for unsupported formats).
    """

    def __init__(self, code: DocumentProblem, **params: Any) -> None:
        super().__init__(code.value, params)
        self.code = code
        self.params: dict[str, Any] = dict(params)

    def __str__(self) -> str:
        return f"{self.code.value}: {self.params}" if self.params else self.code.value
