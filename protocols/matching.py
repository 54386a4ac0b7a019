"""Resolving a responsible string to people in the bot's directory."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from protocols.names import NameKey, person_name_variants, split_person
from protocols.text import fold


@dataclass(frozen=True, slots=True)
class DirectoryEntry:
    """A person the bot knows; ``aliases`` are strings a secretary mapped to them before."""

    id: int
    full_name: str
    short_name: str
    organisation: str | None
    aliases: tuple[str, ...] = ()


class MatchKind(StrEnum):
    """How a responsible string resolved."""

    PERSON = "person"
    AMBIGUOUS = "ambiguous"
    GROUP = "group"
    NONE = "none"


@dataclass(frozen=True, slots=True)
class Match:
    """The outcome of :func:`match_responsible`; ``candidates`` are directory ids."""

    kind: MatchKind
    text: str
    candidates: tuple[int, ...]


_GROUP_WORDS = re.compile(
    r"(?:^|\s)(?:руководител|участник|инициатор|представител|член|сотрудник|работник|"
    r"специалист|преподавател|педагог|директор|заместител|ответственн|департамент|министерств|"
    r"управлени|комитет|администрац|отдел|учреждени|организац|групп|служб|центр|совет|дирекци|"
    r"агентств|фонд|колледж|техникум|университет|институт|академи|школ|кластер|компани|"
    r"предприяти|общество|палат|союз|ассоциаци|объединени|правительств|аппарат|сектор|"
    r"комисси|штаб|филиал|координатор|секретар|все\s|каждый)",
    re.IGNORECASE,
)


def _entry_keys(entry: DirectoryEntry) -> set[NameKey]:
    keys: set[NameKey] = set()
    for name in (entry.full_name, entry.short_name):
        parts = split_person(name)
        if parts is not None:
            keys.add(NameKey(fold(parts.surname), parts.initials.lower().replace("ё", "е")))
    return keys


def _full_key(name: str) -> str | None:
    parts = split_person(name)
    if parts is None or parts.first_name is None or parts.patronymic is None:
        return None
    return fold(f"{parts.surname} {parts.first_name} {parts.patronymic}")


def _initials_compatible(text_initials: str, entry_initials: str) -> bool:
    return bool(text_initials) and entry_initials.startswith(text_initials)


def looks_like_group(text: str) -> bool:
    """Whether a string names a group or organisation rather than a person."""
    stripped = text.strip()
    if not stripped:
        return False
    if split_person(stripped) is not None:
        return False
    words = stripped.split()
    if any(len(w) >= 2 and sum(ch.isupper() for ch in w) >= 2 for w in words):
        return True  # abbreviations: ОГБПОУ, СмолАПО, ИКТ-компаний
    if _GROUP_WORDS.search(stripped):
        return True
    return len(words) > 3


def match_responsible(text: str, directory: Sequence[DirectoryEntry]) -> Match:
    """Resolve one responsible string against the directory.

    Case-, ё- and initials-order-insensitive: "Хнычева Д.С.", "Д.С. Хнычевой", "хнычева д. с."
    and "Хнычева Дарья Сергеевна" all find «Хнычева Дарья Сергеевна». An exact alias wins. A
    form that may stand for several people ("Матвееву Д.М." → Матвеев or Матвеева) gives
    ``AMBIGUOUS`` with every candidate. Unknown strings give ``GROUP`` when they look like a
    group or organisation and ``NONE`` when they look like a person missing from the directory.
    """
    key = fold(text)
    if not key:
        return Match(MatchKind.NONE, text, ())
    alias_hits = tuple(
        entry.id for entry in directory if any(fold(alias) == key for alias in entry.aliases)
    )
    if alias_hits:
        if len(alias_hits) == 1:
            return Match(MatchKind.PERSON, text, alias_hits)
        return Match(MatchKind.GROUP, text, alias_hits)
    full = _full_key(text)
    if full is not None:
        exact = tuple(e.id for e in directory if _full_key(e.full_name) == full)
        if len(exact) == 1:
            return Match(MatchKind.PERSON, text, exact)
    variants = person_name_variants(text)
    if variants:
        candidates: list[int] = []
        for entry in directory:
            keys = _entry_keys(entry)
            if any(
                v.surname == k.surname and _initials_compatible(v.initials, k.initials)
                for v in variants
                for k in keys
            ):
                candidates.append(entry.id)
        if len(candidates) == 1:
            return Match(MatchKind.PERSON, text, tuple(candidates))
        if candidates:
            return Match(MatchKind.AMBIGUOUS, text, tuple(candidates))
        return Match(MatchKind.NONE, text, ())
    exact_names = tuple(e.id for e in directory if key in (fold(e.full_name), fold(e.short_name)))
    if len(exact_names) == 1:
        return Match(MatchKind.PERSON, text, exact_names)
    if exact_names:
        return Match(MatchKind.AMBIGUOUS, text, exact_names)
    if looks_like_group(text):
        return Match(MatchKind.GROUP, text, ())
    return Match(MatchKind.NONE, text, ())
