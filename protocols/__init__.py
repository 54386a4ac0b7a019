"""Protocol parser: meeting protocols and work plans in, assignments out.

A pure library: no Telegram, no database. See :func:`parse_text`, :func:`parse_document`,
:func:`parse_deadline`, :func:`parse_single_assignment` and :func:`match_responsible`.
"""

from protocols.api import parse_document, parse_single_assignment, parse_text
from protocols.deadlines import parse_deadline
from protocols.errors import MAX_DOCUMENT_BYTES, DocumentError, DocumentProblem
from protocols.matching import (
    DirectoryEntry,
    Match,
    MatchKind,
    match_responsible,
)
from protocols.model import (
    Deadline,
    DeadlineKind,
    ParsedAssignment,
    ParsedProtocol,
    ProtocolHeader,
)
from protocols.names import NameKey, normalize_person, person_name_variants
from protocols.readers import read_document

__all__ = [
    "MAX_DOCUMENT_BYTES",
    "Deadline",
    "DeadlineKind",
    "DirectoryEntry",
    "DocumentError",
    "DocumentProblem",
    "Match",
    "MatchKind",
    "NameKey",
    "ParsedAssignment",
    "ParsedProtocol",
    "ProtocolHeader",
    "match_responsible",
    "normalize_person",
    "parse_deadline",
    "parse_document",
    "parse_single_assignment",
    "parse_text",
    "person_name_variants",
    "read_document",
]
