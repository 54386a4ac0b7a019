"""Lazy access to the pymorphy3 analyser: built once on first use, never at import time."""

from __future__ import annotations

from functools import cache, lru_cache
from typing import Any


@cache
def analyzer() -> Any:
    """The shared ``pymorphy3.MorphAnalyzer`` (created on the first call)."""
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


@lru_cache(maxsize=65536)
def parses(word: str) -> tuple[Any, ...]:
    """All pymorphy3 parses of ``word`` (lower-cased), cached."""
    return tuple(analyzer().parse(word.lower()))


_INFINITIVE_ENDINGS = ("ть", "ти", "чь", "ться", "тись", "чься")


@lru_cache(maxsize=65536)
def is_infinitive(word: str) -> bool:
    """Whether the most likely reading of ``word`` is an infinitive."""
    if not word.lower().endswith(_INFINITIVE_ENDINGS):
        return False
    candidates = parses(word)
    if not candidates:
        return False
    best = candidates[0]
    if "INFN" in best.tag:
        return True
    return any("INFN" in p.tag and p.score >= 0.3 for p in candidates)


def inflect(word: str, grammemes: frozenset[str], prefer: frozenset[str]) -> str | None:
    """Inflect ``word`` to ``grammemes`` using the parse that has the ``prefer`` grammemes."""
    best = None
    for p in parses(word):
        if prefer <= set(p.tag.grammemes):
            best = p
            break
    if best is None:
        return None
    result = best.inflect(set(grammemes))
    return None if result is None else str(result.word)


def _shared_prefix(first: str, second: str) -> int:
    count = 0
    for a, b in zip(first, second, strict=False):
        if a != b:
            break
        count += 1
    return count


def inflect_parse(parse: Any, grammemes: set[str]) -> Any:
    """Inflect a parse, keeping the word's own stem where its lexeme holds several forms for
    the same grammemes: "высшим" is "высшие", not "высочайшие" (both superlatives of
    "высокий"), "лучшим" is "лучшие"."""
    result = parse.inflect(grammemes)
    if result is None or "Supr" not in parse.tag:
        return result
    word = parse.word
    candidates = [form for form in parse.lexeme if grammemes <= set(form.tag.grammemes)]
    if not candidates:
        return result
    return max(candidates, key=lambda form: _shared_prefix(form.word, word))
