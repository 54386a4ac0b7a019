"""Resolving responsible strings against the directory."""

from __future__ import annotations

import pytest

from protocols import DirectoryEntry, MatchKind, match_responsible

DIRECTORY = (
    DirectoryEntry(1, "Хнычева Дарья Сергеевна", "Хнычева Д.С.", "Департамент"),
    DirectoryEntry(2, "Матвеев Дмитрий Михайлович", "Матвеев Д.М.", "ТЭПК"),
    DirectoryEntry(3, "Матвеева Дина Марковна", "Матвеева Д.М.", "ТЭПК"),
    DirectoryEntry(4, "Семёнов Пётр Павлович", "Семёнов П.П.", None),
    DirectoryEntry(
        5, "Рудометкин Андрей Николаевич", "Рудометкин А.Н.", None, ("руководители ИКТ-компаний",)
    ),
)


@pytest.mark.parametrize(
    "text",
    ["Хнычева Д.С.", "Д.С. Хнычевой", "хнычева д. с.", "Хнычева Дарья Сергеевна", "ХНЫЧЕВА Д.С."],
)
def test_person_forms_match_one_person(text: str) -> None:
    match = match_responsible(text, DIRECTORY)
    assert (match.kind, match.candidates) == (MatchKind.PERSON, (1,))


def test_yo_is_ignored() -> None:
    assert match_responsible("Семенов П.П.", DIRECTORY).candidates == (4,)


def test_form_of_two_people_is_ambiguous_not_guessed() -> None:
    match = match_responsible("Матвееву Д.М.", DIRECTORY)
    assert match.kind is MatchKind.AMBIGUOUS
    assert set(match.candidates) == {2, 3}


def test_nominative_form_picks_its_gender() -> None:
    assert match_responsible("Матвеев Д.М.", DIRECTORY).candidates == (2,)


def test_alias_wins() -> None:
    match = match_responsible("Руководители ИКТ-компаний", DIRECTORY)
    assert (match.kind, match.candidates) == (MatchKind.PERSON, (5,))


def test_alias_shared_by_several_people_is_a_group() -> None:
    directory = (
        DirectoryEntry(1, "Иванов Иван Иванович", "Иванов И.И.", None, ("Рабочая группа",)),
        DirectoryEntry(2, "Петров Пётр Петрович", "Петров П.П.", None, ("рабочая группа",)),
    )
    match = match_responsible("Рабочая группа", directory)
    assert (match.kind, match.candidates) == (MatchKind.GROUP, (1, 2))


@pytest.mark.parametrize(
    "text", ["ОГБПОУ СмолАПО", "руководители образовательных организаций", "Рабочая группа"]
)
def test_groups_and_organisations(text: str) -> None:
    assert match_responsible(text, DIRECTORY).kind is MatchKind.GROUP


def test_unknown_person_is_none() -> None:
    match = match_responsible("Сидоров А.А.", DIRECTORY)
    assert (match.kind, match.candidates) == (MatchKind.NONE, ())


def test_empty_text_is_none() -> None:
    assert match_responsible("  ", DIRECTORY).kind is MatchKind.NONE
