"""Property tests: the parser never raises and always keeps its output contract."""

from __future__ import annotations

import datetime
import os
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from protocols import (
    DeadlineKind,
    DocumentError,
    ParsedProtocol,
    parse_deadline,
    parse_single_assignment,
    parse_text,
    read_document,
)
from protocols.model import DATED_KINDS

DATA = Path(__file__).resolve().parents[1] / "data"
SHARED = Path(__file__).resolve().parents[2].parent / "shared" / "protocols"
SAMPLES = [
    p.read_text(encoding="utf-8") for p in sorted(DATA.glob("*.txt")) if "cp1251" not in p.name
]
SAMPLES += [p.read_text(encoding="utf-8") for p in sorted(SHARED.glob("*.txt"))]

PROTOCOL_ALPHABET = st.sampled_from(
    list("абвгдеёжзийклмнопрстуфхцчшщъыьэюяАБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЭЮЯ0123456789")
    + list(" \t\n.,:;-–—()«»№/*<>#_|\u00a0\u00ad")
    + ["РЕШИЛИ:", "Срок:", "Ответственный:", "1.", "1.1.", "- ", "II. ", "до ", "кв.", "г."]
)
protocol_like = st.lists(PROTOCOL_ALPHABET, max_size=300).map("".join)
# PROTOCOLS_FUZZ_EXAMPLES=5000 runs a long fuzzing session locally.
FAST = settings(
    max_examples=int(os.environ.get("PROTOCOLS_FUZZ_EXAMPLES", "150")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)


def _check_contract(result: ParsedProtocol) -> None:
    for a in result.assignments:
        assert isinstance(a.text, str) and a.text == a.text.strip()
        assert a.number is None or (a.number and a.number == a.number.strip())
        assert all(isinstance(r, str) and r.strip() for r in a.responsible)
        assert isinstance(a.recommendation, bool)
        d = a.deadline
        assert isinstance(d.kind, DeadlineKind)
        if d.kind in DATED_KINDS:
            assert d.date is not None
        if d.kind is DeadlineKind.DATETIME:
            assert d.time is not None
        if d.kind is DeadlineKind.NONE:
            assert d.date is None
        assert d.raw == d.raw.strip()


@FAST
@given(st.text(max_size=400))
def test_arbitrary_text_never_raises(text: str) -> None:
    _check_contract(parse_text(text))


@FAST
@given(protocol_like)
def test_protocol_like_noise_never_raises(text: str) -> None:
    _check_contract(parse_text(text))


@FAST
@given(st.sampled_from(SAMPLES), st.data())
def test_truncated_documents_never_raise(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    _check_contract(parse_text(text[start:end]))


@FAST
@given(
    st.binary(max_size=600),
    st.sampled_from(["a.txt", "a.docx", "a.pdf", "a.odt", "a.rtf", "a.xlsx", "a", "a.html"]),
)
def test_random_bytes_raise_only_document_errors(data: bytes, name: str) -> None:
    try:
        text = read_document(data, name)
    except DocumentError:
        return
    _check_contract(parse_text(text))


@FAST
@given(
    st.text(max_size=120),
    st.dates(datetime.date(1990, 1, 1), datetime.date(2099, 12, 31)) | st.none(),
)
def test_deadline_phrases_never_raise(text: str, reference: datetime.date | None) -> None:
    deadline = parse_deadline(text, reference)
    if deadline.kind in DATED_KINDS:
        assert deadline.date is not None


@FAST
@given(protocol_like, st.dates(datetime.date(1990, 1, 1), datetime.date(2099, 12, 31)))
def test_single_assignment_never_raises(text: str, reference: datetime.date) -> None:
    a = parse_single_assignment(text, reference)
    assert isinstance(a.text, str)
    assert all(r.strip() for r in a.responsible)
