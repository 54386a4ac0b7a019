"""Who a responsible string means: a group or alias, an organisation, or one person."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from protocols import DirectoryEntry, MatchKind, match_responsible
from storage.models import Person
from storage.repos import name_key


@dataclass(slots=True)
class Doer:
    """One responsible string and who it turned out to be."""

    text: str
    kind: str  # a MatchKind value
    candidates: list[int] = field(default_factory=list)
    chosen: int | None = None
    members: list[int] = field(default_factory=list)  # a group or organisation, resolved

    @property
    def person_ids(self) -> list[int]:
        if self.chosen is not None:
            return [self.chosen]
        if self.members:
            return list(self.members)
        if self.kind == MatchKind.PERSON and len(self.candidates) == 1:
            return [self.candidates[0]]
        return []

    @property
    def resolved(self) -> bool:
        return bool(self.person_ids)


def directory_entries(people: Sequence[Person]) -> list[DirectoryEntry]:
    return [
        DirectoryEntry(
            id=p.id, full_name=p.full_name, short_name=p.short_name, organisation=p.organisation
        )
        for p in people
    ]


#: A Telegram mention as the parser hands it over: "@nikitina".
_MENTION = re.compile(r"@(?P<name>[A-Za-z][A-Za-z0-9_]{4,31})")


class Resolver:
    """Turns responsible strings into people: a known group or alias, an organisation, a
    Telegram @username, or a person matched by name. Ambiguity and strangers are kept for the
    secretary, not guessed."""

    def __init__(
        self, people: Sequence[Person], groups: Mapping[str, list[int]] | None = None
    ) -> None:
        self.people = list(people)
        self.groups = dict(groups or {})
        self._entries = directory_entries(self.people)
        self._orgs: dict[str, list[int]] = {}
        for p in self.people:
            if p.organisation:
                self._orgs.setdefault(name_key(p.organisation), []).append(p.id)
        # Stored without "@" and in lower case (Telegram usernames ignore case).
        self._usernames = {
            p.telegram_username.lower(): p.id for p in self.people if p.telegram_username
        }

    def resolve(self, texts: Sequence[str], printed_in: str = "") -> list[Doer]:
        """`printed_in` is the text the names came from: the parser hands names over in the
        nominative, and a form as printed («Матвееву Д.М.») may fit more people than that."""
        doers = []
        for text in texts:
            key = name_key(text)
            members = self.groups.get(key) or self._orgs.get(key)
            if members:
                doers.append(Doer(text=text, kind=MatchKind.GROUP.value, members=list(members)))
                continue
            mention = _MENTION.fullmatch(text.strip())
            if mention is not None:
                found = self._usernames.get(mention["name"].lower())
                kind = MatchKind.PERSON if found is not None else MatchKind.NONE
                doers.append(Doer(text=text, kind=kind.value, candidates=[found] if found else []))
                continue
            match = match_responsible(text, self._entries)
            printed = printed_form(text, printed_in)
            if match.kind in (MatchKind.PERSON, MatchKind.NONE) and printed:
                # The printed form may fit more people (a choice), or the one the parser's
                # nominative missed («Матвеевой Д.М.» read as «Матвеев Д.М.»).
                as_printed = match_responsible(printed, self._entries)
                if as_printed.kind is MatchKind.AMBIGUOUS or (
                    match.kind is MatchKind.NONE and as_printed.kind is MatchKind.PERSON
                ):
                    match = as_printed
            doers.append(Doer(text=text, kind=match.kind.value, candidates=list(match.candidates)))
        return doers


_NAME_SEPARATORS = re.compile(r"\s*(?:[,;\n]|\s+и\s+)\s*")


def split_names(text: str) -> list[str]:
    """«Хнычева Д.С., Матвеев Д.М. и Петров П.П.» → the three names, as typed."""
    return [name for name in _NAME_SEPARATORS.split(text.strip()) if name]


_PERSON = re.compile(
    r"^(?P<surname>[А-ЯЁ][а-яё]+(?:-[А-ЯЁа-яё][а-яё]+)?)\s+(?P<initials>[А-ЯЁ]\.\s?[А-ЯЁ]\.?)$"
)


def _declined(surname: str) -> str:
    """A pattern of the surname in any case: its stem and an ending of up to four letters
    («Петров» → «Петрову», «Петровой», but not «Петровскому»); each part of a double one."""
    return "-".join(
        rf"{re.escape(part[: max(len(part) - 2, 3)])}[а-яё]{{0,4}}" for part in surname.split("-")
    )


def printed_form(name: str, source: str) -> str | None:
    """The way «Фамилия И.О.» is written in `source` (any case ending, initials before or
    after), or None when it is not there or is written exactly so."""
    found = _PERSON.match(name.strip())
    if not found or not source:
        return None
    surname, initials = found["surname"], found["initials"]
    word = _declined(surname)
    first, second = (re.escape(ch) for ch in re.findall(r"[А-ЯЁ]", initials)[:2])
    letters = rf"{first}\.\s?{second}\.?"
    pattern = re.compile(
        rf"(?:\b{word}\s+{letters})|(?:{letters}\s*{word}(?![а-яё]))", re.IGNORECASE
    )
    for hit in pattern.finditer(source):
        form = " ".join(hit.group(0).split())
        if form != name:
            return form
    return None
