"""Who a responsible string means: a group or alias, an organisation, or one person."""

from __future__ import annotations

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


class Resolver:
    """Turns responsible strings into people: a known group or alias, an organisation, or a
    person matched by name. Ambiguity and strangers are kept for the secretary, not guessed."""

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

    def resolve(self, texts: Sequence[str]) -> list[Doer]:
        doers = []
        for text in texts:
            key = name_key(text)
            members = self.groups.get(key) or self._orgs.get(key)
            if members:
                doers.append(Doer(text=text, kind=MatchKind.GROUP.value, members=list(members)))
                continue
            match = match_responsible(text, self._entries)
            doers.append(Doer(text=text, kind=match.kind.value, candidates=list(match.candidates)))
        return doers
