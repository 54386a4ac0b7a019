"""Who a responsible string means (tracking.resolve): groups and organisations, @usernames,
forms as printed in the protocol, the secretary's choice, and splitting a list of names."""

from __future__ import annotations

from protocols import MatchKind
from storage.models import Person
from tests import factories
from tracking.resolve import Doer, Resolver, printed_form, split_names


def _person(
    pid: int,
    full_name: str,
    short_name: str,
    *,
    org: str | None = None,
    username: str | None = None,
) -> Person:
    return factories.person(
        pid, full_name=full_name, short_name=short_name, organisation=org, username=username
    )


PEOPLE = [
    _person(1, "Никитина Светлана Олеговна", "Никитина С.О.", username="nikitina_so"),
    _person(2, "Петров Андрей Ильич", "Петров А.И.", org="Колледж связи"),
    _person(3, "Сидорова Анна Андреевна", "Сидорова А.А.", org="Колледж связи"),
    _person(4, "Хнычева Дарья Сергеевна", "Хнычева Д.С."),
]


# --- groups and organisations -----------------------------------------------------------------


def test_a_group_name_resolves_to_its_members_whatever_its_case_and_spacing() -> None:
    resolver = Resolver(PEOPLE, groups={"отдел кадров": [1, 4]})
    (doer,) = resolver.resolve(["Отдел   Кадров"])
    assert doer.kind == MatchKind.GROUP.value
    assert doer.person_ids == [1, 4]
    assert doer.resolved


def test_an_organisation_resolves_to_everyone_in_it() -> None:
    (doer,) = Resolver(PEOPLE).resolve(["КОЛЛЕДЖ СВЯЗИ"])
    assert doer.kind == MatchKind.GROUP.value
    assert doer.person_ids == [2, 3]


def test_a_group_wins_over_an_organisation_of_the_same_name() -> None:
    (doer,) = Resolver(PEOPLE, groups={"колледж связи": [4]}).resolve(["Колледж связи"])
    assert doer.person_ids == [4]


def test_an_empty_organisation_is_no_organisation() -> None:
    people = [_person(5, "Орлов Олег Олегович", "Орлов О.О.", org="")]
    (doer,) = Resolver(people).resolve(["«»"])
    assert not doer.resolved


# --- usernames --------------------------------------------------------------------------------


def test_a_username_with_spaces_around_it_is_still_a_username() -> None:
    (doer,) = Resolver(PEOPLE).resolve([" @Nikitina_SO "])
    assert doer.kind == MatchKind.PERSON.value
    assert doer.person_ids == [1]


# --- the secretary's choice and what is not guessed -------------------------------------------


def test_the_secretarys_choice_settles_an_ambiguous_name() -> None:
    people = [
        _person(6, "Матвеев Дмитрий Михайлович", "Матвеев Д.М."),
        _person(7, "Матвеева Дарья Максимовна", "Матвеева Д.М."),
    ]
    (doer,) = Resolver(people).resolve(["Матвеева Д.М."])
    assert doer.kind == MatchKind.AMBIGUOUS.value
    assert not doer.resolved
    doer.chosen = 7
    assert doer.person_ids == [7]
    assert doer.resolved


def test_a_person_match_resolves_only_with_exactly_one_candidate() -> None:
    assert Doer("Петров А.И.", MatchKind.PERSON.value, candidates=[2]).person_ids == [2]
    assert Doer("Петров А.И.", MatchKind.PERSON.value, candidates=[2, 3]).person_ids == []


def test_a_single_candidate_of_an_ambiguous_or_unknown_name_is_not_taken() -> None:
    for kind in (MatchKind.AMBIGUOUS, MatchKind.NONE, MatchKind.GROUP):
        doer = Doer("Петров А.И.", kind.value, candidates=[2])
        assert doer.person_ids == []
        assert not doer.resolved


# --- forms as printed -------------------------------------------------------------------------


def test_a_printed_form_that_names_someone_else_does_not_replace_the_match() -> None:
    # «Петровскому А.И.» comes first in the text and stems like «Петров», but it is another
    # man: the nominative «Петров А.И.» the parser handed over stays Petrov.
    people = [*PEOPLE, _person(8, "Петровский Андрей Иванович", "Петровский А.И.")]
    source = "Поручить Петровскому А.И. и Петрову А.И. подготовить справку"
    (doer,) = Resolver(people).resolve(["Петров А.И."], source)
    assert doer.kind == MatchKind.PERSON.value
    assert doer.person_ids == [2]


def test_printed_form_finds_initials_before_the_surname_in_any_case_ending() -> None:
    assert printed_form("Хнычева Д.С.", "Поручить Д.С. Хнычевой") == "Д.С. Хнычевой"


def test_printed_form_ignores_letter_case() -> None:
    assert printed_form("Хнычева Д.С.", "ПОРУЧИТЬ ХНЫЧЕВОЙ Д.С.") == "ХНЫЧЕВОЙ Д.С."


def test_printed_form_allows_a_space_between_the_initials() -> None:
    assert printed_form("Хнычева Д.С.", "Поручить Хнычевой Д. С.") == "Хнычевой Д. С."


def test_printed_form_skips_a_form_written_exactly_as_the_name() -> None:
    assert printed_form("Хнычева Д.С.", "Хнычева Д.С. доложит") is None
    assert printed_form("Хнычева Д.С.", "Хнычева Д.С. и снова Хнычевой Д.С.") == "Хнычевой Д.С."


def test_printed_form_matches_the_surname_from_its_start_only() -> None:
    assert printed_form("Иванов И.И.", "Поручить Селиванову И.И.") is None


def test_printed_form_of_a_short_surname_needs_its_first_three_letters() -> None:
    assert printed_form("Ким А.Б.", "Поручить Кузнецову А.Б.") is None
    assert printed_form("Ким А.Б.", "Поручить Киму А.Б.") == "Киму А.Б."


# --- splitting names --------------------------------------------------------------------------


def test_split_names_by_commas_semicolons_lines_and_the_word_and() -> None:
    text = " Никитина С.О.,, Петров П.П.; \nИванов И.И. и Сидорова А.А. "
    assert split_names(text) == ["Никитина С.О.", "Петров П.П.", "Иванов И.И.", "Сидорова А.А."]


def test_split_names_leaves_the_letter_i_inside_a_name_alone() -> None:
    assert split_names("Никитина С.О.") == ["Никитина С.О."]


def test_a_username_stored_in_mixed_case_is_found_in_any_case() -> None:
    people = [_person(9, "Орлов Олег Олегович", "Орлов О.О.", username="Orlov_OO")]
    (doer,) = Resolver(people).resolve(["@orlov_oo"])
    assert doer.person_ids == [9]


def test_an_unknown_username_has_no_candidates() -> None:
    (doer,) = Resolver(PEOPLE).resolve(["@somebody_else"])
    assert doer.candidates == []


def test_printed_form_ignores_spaces_around_the_name_and_squeezes_them_in_the_form() -> None:
    assert printed_form(" Хнычева Д.С. ", "Поручить Хнычевой Д.С.") == "Хнычевой Д.С."
    assert printed_form("Хнычева Д.С.", "Поручить Хнычевой\n  Д.С.") == "Хнычевой Д.С."


def test_a_longer_surname_earlier_in_the_text_does_not_hide_an_ambiguity() -> None:
    # «Петрову А.И.» may be Петров or Петрова: a choice, though «Петровскому А.И.» (someone
    # else, whose surname starts the same) is printed before it.
    people = [
        *PEOPLE,
        _person(7, "Петрова Анна Игоревна", "Петрова А.И."),
        _person(8, "Петровский Антон Иванович", "Петровский А.И."),
    ]
    source = "Петровскому А.И. доложить. Поручить Петрову А.И. подготовить справку"
    (doer,) = Resolver(people).resolve(["Петров А.И."], source)
    assert doer.kind == MatchKind.AMBIGUOUS.value
    assert sorted(doer.candidates) == [2, 7]
    assert printed_form("Петров А.И.", source) == "Петрову А.И."


def test_printed_form_of_a_double_surname() -> None:
    assert printed_form("Иванов-Петров А.И.", "А.И. Иванову-Петрову доложить") == (
        "А.И. Иванову-Петрову"
    )


def test_a_printed_form_finds_whom_the_nominative_missed_or_offers_the_choice() -> None:
    # The parser read «Матвеевой Д.М.» as «Матвеев Д.М.»; only Матвеева is in the directory.
    one = [_person(5, "Матвеева Дарья Михайловна", "Матвеева Д.М.")]
    (doer,) = Resolver(one).resolve(["Матвеев Д.М."], "Поручить Матвеевой Д.М. подготовить")
    assert (doer.kind, doer.person_ids) == (MatchKind.PERSON.value, [5])
    # Two Матвеева Д.М.: a choice, not «нет в справочнике».
    two = [*one, _person(6, "Матвеева Диана Максимовна", "Матвеева Д.М.")]
    (doer,) = Resolver(two).resolve(["Матвеев Д.М."], "Поручить Матвеевой Д.М. подготовить")
    assert doer.kind == MatchKind.AMBIGUOUS.value and sorted(doer.candidates) == [5, 6]
    # Without a printed form the missing person stays missing.
    (doer,) = Resolver(one).resolve(["Матвеев Д.М."])
    assert doer.kind == MatchKind.NONE.value
