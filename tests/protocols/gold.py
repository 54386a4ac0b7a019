"""Comparison of parser output with the gold files in ../shared/protocols (helpers for tests)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from protocols import ParsedAssignment, ParsedProtocol

GOLD_DIR = Path(__file__).resolve().parents[2].parent / "shared" / "protocols"


def norm(text: str) -> str:
    """Markup removed, whitespace collapsed, case and ё folded."""
    text = re.sub(r"\*\*|</?b>", "", text)
    return " ".join(text.split()).lower().replace("ё", "е")


def _drop_parentheses(text: str) -> str:
    return " ".join(re.sub(r"\([^()]*\)", " ", text).split())


def responsible_equal(got: list[str], want: list[str]) -> bool:
    """Exact up to case/ё/whitespace; bracketed qualifiers are optional ("may be dropped")."""
    a, b = [norm(x) for x in got], [norm(x) for x in want]
    return a == b or [_drop_parentheses(x) for x in a] == [_drop_parentheses(x) for x in b]


@dataclass
class Figures:
    """Agreement of one document (or of all together)."""

    gold: int = 0
    parsed: int = 0
    matched: int = 0
    deadline_exact: int = 0
    kind_exact: int = 0
    raw_exact: int = 0
    responsible_exact: int = 0
    recommendation_exact: int = 0
    problems: list[str] = field(default_factory=list)

    def add(self, other: Figures) -> None:
        for name in (
            "gold", "parsed", "matched", "deadline_exact", "kind_exact", "raw_exact",
            "responsible_exact", "recommendation_exact",
        ):  # fmt: skip
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.problems.extend(other.problems)

    @property
    def precision(self) -> float:
        return self.matched / self.parsed if self.parsed else 1.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def share(self, count: int) -> float:
        return count / self.matched if self.matched else 1.0

    def line(self, name: str) -> str:
        return (
            f"{name:<42} gold={self.gold:>3} parsed={self.parsed:>3} P={self.precision:.3f} "
            f"R={self.recall:.3f} F1={self.f1:.3f} deadline={self.share(self.deadline_exact):.3f} "
            f"kind={self.share(self.kind_exact):.3f} raw={self.share(self.raw_exact):.3f} "
            f"responsible={self.share(self.responsible_exact):.3f} "
            f"recommendation={self.share(self.recommendation_exact):.3f}"
        )


def _matches(parsed: ParsedAssignment, gold: dict[str, Any]) -> bool:
    return parsed.number == gold["number"] and norm(parsed.text).startswith(
        norm(gold["text_start"])
    )


def compare(result: ParsedProtocol, gold: dict[str, Any]) -> Figures:
    """Match assignments on number + opening words and count agreements."""
    figures = Figures(gold=len(gold["assignments"]), parsed=len(result.assignments))
    used: set[int] = set()
    for expected in gold["assignments"]:
        index = next(
            (
                i
                for i, a in enumerate(result.assignments)
                if i not in used and _matches(a, expected)
            ),
            None,
        )
        if index is None:
            figures.problems.append(f"missing {expected['number']} {expected['text_start'][:50]}")
            continue
        used.add(index)
        got = result.assignments[index]
        figures.matched += 1
        deadline = got.deadline.date.isoformat() if got.deadline.date else None
        clock = got.deadline.time.strftime("%H:%M") if got.deadline.time else None
        if deadline == expected["deadline"] and clock == expected["deadline_time"]:
            figures.deadline_exact += 1
        else:
            figures.problems.append(
                f"deadline {expected['number']}: {deadline} {clock} != "
                f"{expected['deadline']} {expected['deadline_time']}"
            )
        figures.kind_exact += got.deadline.kind.value == expected["deadline_kind"]
        if norm(got.deadline.raw) == norm(expected["deadline_raw"]):
            figures.raw_exact += 1
        else:
            figures.problems.append(
                f"raw {expected['number']}: {got.deadline.raw!r} != {expected['deadline_raw']!r}"
            )
        if responsible_equal(list(got.responsible), expected["responsible"]):
            figures.responsible_exact += 1
        else:
            figures.problems.append(
                f"responsible {expected['number']}: {list(got.responsible)} != "
                f"{expected['responsible']}"
            )
        figures.recommendation_exact += got.recommendation == expected["recommendation"]
    for i, a in enumerate(result.assignments):
        if i not in used:
            figures.problems.append(f"extra {a.number} {a.text[:50]}")
    return figures


def gold_documents() -> list[tuple[Path, dict[str, Any]]]:
    """(text path, gold) pairs of the shared folder."""
    pairs = []
    for gold_path in sorted(GOLD_DIR.glob("*.gold.json")):
        text_path = gold_path.with_name(gold_path.name.replace(".gold.json", ".txt"))
        pairs.append((text_path, json.loads(gold_path.read_text(encoding="utf-8"))))
    return pairs
