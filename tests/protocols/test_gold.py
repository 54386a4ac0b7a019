"""The parser against the gold annotations of real protocols in ../shared/protocols."""

from __future__ import annotations

from pathlib import Path

import pytest

from protocols import parse_document, parse_text
from tests.protocols.documents import odt_with_automatic_numbers
from tests.protocols.gold import GOLD_DIR, Figures, compare, gold_documents, norm

pytestmark = pytest.mark.skipif(
    not GOLD_DIR.is_dir(), reason=f"gold folder {GOLD_DIR} is absent (it sits next to the repo)"
)


def test_gold_figures_over_all_documents(capsys: pytest.CaptureFixture[str]) -> None:
    total = Figures()
    lines = []
    for text_path, gold in gold_documents():
        result = parse_text(text_path.read_text(encoding="utf-8"))
        figures = compare(result, gold)
        total.add(figures)
        lines.append(figures.line(text_path.stem))
        lines.extend(f"    {problem}" for problem in figures.problems)
    lines.append(total.line("ALL"))
    with capsys.disabled():
        print("\n" + "\n".join(lines))
    assert total.gold > 0
    assert total.f1 >= 0.95
    assert total.share(total.deadline_exact) >= 0.95
    assert total.share(total.responsible_exact) >= 0.90


@pytest.mark.parametrize(
    ("text_path", "gold"), gold_documents(), ids=lambda v: getattr(v, "stem", "")
)
def test_gold_header(text_path, gold) -> None:  # type: ignore[no-untyped-def]
    header = parse_text(text_path.read_text(encoding="utf-8")).header
    expected = gold["protocol"]
    assert header.number == expected["number"]
    assert (header.date.isoformat() if header.date else None) == expected["date"]
    assert norm(header.title or "") == norm(expected["title"])


def _numbered_protocols() -> list[Path]:
    """The gold documents whose items are numbered lines (a plan's numbers are table cells)."""
    return [
        path
        for path, _ in gold_documents()
        if odt_with_automatic_numbers(path.read_text(encoding="utf-8"))[1]
    ]


@pytest.mark.parametrize("text_path", _numbered_protocols(), ids=lambda v: v.stem)
def test_gold_protocol_with_automatic_numbers_reads_as_typed(text_path: Path) -> None:
    """Saved as an .odt whose item numbers are an automatic list rather than typed text, a
    protocol parses to the same assignments: the reader puts the numbers back."""
    text = text_path.read_text(encoding="utf-8")
    data, converted = odt_with_automatic_numbers(text)
    assert converted >= 3
    typed = parse_text(text).assignments
    listed = parse_document(data, f"{text_path.stem}.odt").assignments
    assert [(a.number, a.text, a.deadline, a.responsible) for a in listed] == [
        (a.number, a.text, a.deadline, a.responsible) for a in typed
    ]
