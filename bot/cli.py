"""Command line: ``python -m bot parse PATH [--json]`` prints what the parser finds."""

from __future__ import annotations

import argparse
import json
import sys
import textwrap
from pathlib import Path
from typing import Any, TextIO

from bot.texts import parser as texts
from protocols import DocumentError, ParsedAssignment, ParsedProtocol, parse_document
from protocols.model import DeadlineKind

EXIT_OK = 0
EXIT_UNREADABLE = 2


def protocol_to_json(protocol: ParsedProtocol) -> dict[str, Any]:
    """The stable JSON shape of the CLI contract."""
    header = protocol.header
    return {
        "protocol": {
            "title": header.title,
            "number": header.number,
            "date": header.date.isoformat() if header.date else None,
        },
        "assignments": [_assignment_json(a) for a in protocol.assignments],
    }


def _assignment_json(assignment: ParsedAssignment) -> dict[str, Any]:
    deadline = assignment.deadline
    return {
        "number": assignment.number,
        "text": assignment.text,
        "deadline": deadline.date.isoformat() if deadline.date else None,
        "deadline_time": deadline.time.strftime("%H:%M") if deadline.time else None,
        "deadline_kind": deadline.kind.value,
        "deadline_raw": deadline.raw,
        "responsible": list(assignment.responsible),
        "recommendation": assignment.recommendation,
    }


def _deadline_cell(assignment: ParsedAssignment) -> str:
    deadline = assignment.deadline
    parts = []
    if deadline.date:
        parts.append(deadline.date.strftime("%d.%m.%Y"))
    if deadline.time:
        parts.append(deadline.time.strftime("%H:%M"))
    if deadline.kind not in (DeadlineKind.DATE, DeadlineKind.DATETIME):
        parts.append(f"({texts.deadline_kind_name(deadline.kind)})")
    return " ".join(parts)


def render_table(protocol: ParsedProtocol) -> str:
    """A readable plain-text report with Russian headings."""
    header = protocol.header
    lines = [
        f"{texts.HEADER_TITLE}: {header.title or texts.NOT_GIVEN}",
        f"{texts.HEADER_NUMBER}: {header.number or texts.NOT_GIVEN}",
        f"{texts.HEADER_DATE}: "
        f"{header.date.strftime('%d.%m.%Y') if header.date else texts.NOT_GIVEN}",
        f"{texts.HEADER_PLACE}: {header.place or texts.NOT_GIVEN}",
        "",
    ]
    if not protocol.assignments:
        lines.append(texts.NO_ASSIGNMENTS)
        return "\n".join(lines)
    lines.append(texts.ASSIGNMENTS_FOUND.format(count=len(protocol.assignments)))
    lines.append("")
    lines.append(
        f"{texts.COLUMN_NUMBER:<8} {texts.COLUMN_DEADLINE:<26} {texts.COLUMN_RESPONSIBLE}"
    )
    lines.append("-" * 79)
    for assignment in protocol.assignments:
        responsible = "; ".join(assignment.responsible) or texts.NO_RESPONSIBLE
        if assignment.recommendation:
            responsible = f"{responsible} {texts.RECOMMENDATION_MARK}"
        lines.append(
            f"{assignment.number or texts.NOT_GIVEN:<8} {_deadline_cell(assignment):<26} "
            f"{responsible}"
        )
        text = textwrap.fill(
            assignment.text, width=79, initial_indent="    ", subsequent_indent="    "
        )
        lines.append(text)
        lines.append("")
    return "\n".join(lines)


def _read_input(path: str, stdin: TextIO) -> tuple[bytes, str]:
    if path == "-":
        buffer = getattr(stdin, "buffer", None)
        data = buffer.read() if buffer is not None else stdin.read().encode("utf-8")
        return data, "stdin.txt"
    file = Path(path)
    return file.read_bytes(), file.name


def main(argv: list[str], stdout: TextIO | None = None, stderr: TextIO | None = None) -> int:
    """Run ``parse PATH [--json]``; return the process exit code (0 ok, 2 unreadable input)."""
    out = stdout or sys.stdout
    err = stderr or sys.stderr
    args = list(argv)
    if args and args[0] == "parse":
        args = args[1:]
    parser = argparse.ArgumentParser(prog="python -m bot parse", add_help=False)
    parser.add_argument("path")
    parser.add_argument("--json", action="store_true")
    try:
        options = parser.parse_args(args)
    except SystemExit:
        print(texts.USAGE, file=err)
        return EXIT_UNREADABLE
    try:
        data, name = _read_input(options.path, sys.stdin)
    except FileNotFoundError:
        print(texts.FILE_NOT_FOUND.format(path=options.path), file=err)
        return EXIT_UNREADABLE
    except OSError as error:
        print(texts.FILE_UNREADABLE.format(path=options.path, reason=error.strerror), file=err)
        return EXIT_UNREADABLE
    try:
        protocol = parse_document(data, name)
    except DocumentError as error:
        print(texts.document_error(error.code, error.params), file=err)
        return EXIT_UNREADABLE
    if options.json:
        print(json.dumps(protocol_to_json(protocol), ensure_ascii=False, indent=1), file=out)
    else:
        print(render_table(protocol), file=out)
    return EXIT_OK
