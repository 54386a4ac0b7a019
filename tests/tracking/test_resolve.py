"""Who a responsible string means (tracking/resolve.py)."""

from __future__ import annotations

from protocols import MatchKind
from storage.models import Person
from tests import factories
from tracking.resolve import Resolver


def _person(pid: int, full_name: str, short_name: str, username: str | None = None) -> Person:
    return factories.person(pid, full_name=full_name, short_name=short_name, username=username)


PEOPLE = [
    _person(1, "Никитина Светлана Олеговна", "Никитина С.О.", "nikitina_so"),
    _person(2, "Петров Андрей Ильич", "Петров А.И."),
]


def test_a_telegram_username_names_the_person_who_has_it_whatever_its_case() -> None:
    doers = Resolver(PEOPLE).resolve(["@Nikitina_SO", "Петров А.И."])
    assert [d.person_ids for d in doers] == [[1], [2]]
    assert doers[0].kind == MatchKind.PERSON.value


def test_an_unknown_username_is_left_for_the_secretary() -> None:
    (doer,) = Resolver(PEOPLE).resolve(["@somebody_else"])
    assert doer.kind == MatchKind.NONE.value
    assert not doer.resolved
