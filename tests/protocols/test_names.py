"""Person names: nominative «Фамилия И.О.» with gender kept, and name variants."""

from __future__ import annotations

import pytest

from protocols import normalize_person, person_name_variants
from protocols.names import NameKey, find_persons


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Д.С. Хнычевой", "Хнычева Д.С."),
        ("Хнычевой Д.С.", "Хнычева Д.С."),
        ("Д. С. Хнычевой", "Хнычева Д.С."),
        ("Матвееву Д.М.", "Матвеев Д.М."),
        ("Матвеев Д.М.", "Матвеев Д.М."),
        ("Матвеева Д.М.", "Матвеева Д.М."),
        ("хнычева д. с.", "Хнычева Д.С."),
        ("Хнычева Дарья Сергеевна", "Хнычева Д.С."),
        ("Хнычевой Дарье Сергеевне", "Хнычева Д.С."),
        ("Матвееву Дмитрию Михайловичу", "Матвеев Д.М."),
        ("Островскому А. В.", "Островский А.В."),
        ("Островской А.В.", "Островская А.В."),
        ("Бондарь О.А.", "Бондарь О.А."),
        ("Жарких Е.В.", "Жарких Е.В."),
        ("Шевчуку И.И.", "Шевчук И.И."),
        ("Бондарю И.И.", "Бондарь И.И."),
        ("Соколовой-Петровой А.А.", "Соколова-Петрова А.А."),
        ("Ильину П.П.", "Ильин П.П."),
        ("Сидоренко В.В.", "Сидоренко В.В."),
        # Surnames the dictionary knows only as adjectives.
        ("Белой Т.М.", "Белая Т.М."),
        ("Новому А.А.", "Новый А.А."),
        ("Толстому Л.Н.", "Толстой Л.Н."),
    ],
)
def test_person_is_put_into_nominative_keeping_gender(name: str, expected: str) -> None:
    assert normalize_person(name) == expected


def test_case_hint_resolves_accusative_feminine() -> None:
    assert normalize_person("Матвееву Д.М.", case_hint="accs") == "Матвеева Д.М."


@pytest.mark.parametrize(
    "text", ["ОГБПОУ СмолАПО", "руководители ИКТ-компаний", "Рабочая группа", "", "Координатор"]
)
def test_non_person_is_returned_unchanged(text: str) -> None:
    assert normalize_person(text) == text


def test_ambiguous_form_gives_both_genders() -> None:
    assert person_name_variants("Матвееву Д.М.") == {
        NameKey("матвеев", "дм"),
        NameKey("матвеева", "дм"),
    }


def test_variants_ignore_initials_order_and_yo() -> None:
    assert person_name_variants("Д.С. Хнычевой") == {NameKey("хнычева", "дс")}
    assert NameKey("семенов", "пп") in person_name_variants("Семёнов П.П.")


def test_find_persons_prefers_surname_after_initials_following_a_common_noun() -> None:
    text = "направить в адрес председателя совета Смоленской области А.Н. Рудометкина предложения"
    (person,) = find_persons(text)
    assert (person.surname, person.initials) == ("Рудометкина", "АН")


def test_find_persons_reads_a_list() -> None:
    found = find_persons("Ответственные: Матвеев Д.М., Иванова И.И. и Петров П.П.")
    assert [p.surname for p in found] == ["Матвеев", "Иванова", "Петров"]


def test_find_persons_reads_full_names() -> None:
    (person,) = find_persons("Председатель - Чуранов Василий Сергеевич")
    assert (person.surname, person.initials, person.gender) == ("Чуранов", "ВС", "m")
