"""Rules every Russian text template keeps (bot/texts)."""

from __future__ import annotations

import datetime as dt
import re
from types import ModuleType

import pytest

from bot.texts import core, directory, export

#: A short name ends with its initials' full stop: «{who}.» would print «Матвеев Д.М..».
NAME_THEN_STOP = re.compile(r"\{(?:who|reviewer|names)\}\.")


def _templates(module: ModuleType) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    for name, value in vars(module).items():
        if name.isupper() and isinstance(value, str):
            found.append((name, value))
        elif name.isupper() and isinstance(value, dict):
            found += [(f"{name}[{k}]", v) for k, v in value.items() if isinstance(v, str)]
    return found


@pytest.mark.parametrize("module", [core, directory, export])
def test_no_full_stop_after_a_name(module: ModuleType) -> None:
    bad = [name for name, text in _templates(module) if NAME_THEN_STOP.search(text)]
    assert bad == []


def test_the_rule_catches_what_it_is_for() -> None:
    assert NAME_THEN_STOP.search("отправлен на проверку: {reviewer}.")
    assert not NAME_THEN_STOP.search("отправлен на проверку: {reviewer}")


def test_an_old_office_file_is_named_by_its_own_extension() -> None:
    from bot.texts.parser import document_error
    from protocols import DocumentProblem

    sheet = document_error(DocumentProblem.LEGACY_DOC, {"extension": ".xls"})
    assert "(.xls)" in sheet and "Word" not in sheet and ".xlsx" in sheet
    assert "(.doc)" in document_error(DocumentProblem.LEGACY_DOC, {"extension": ".doc"})


_EXAMPLE = re.compile(r"«(?:Срок: )?([^«»]+)»")


@pytest.mark.parametrize(
    "reference", [dt.date(2026, 12, 6), dt.date(2029, 5, 20), dt.date(2031, 6, 30)]
)
def test_the_deadlines_the_bot_shows_as_examples_read_as_future_dates(reference: dt.date) -> None:
    """A secretary copies an example from a prompt: it must parse, and not as a past date
    (an example with a fixed year turns into a warning «срок уже прошёл» a year later; one
    without a year reads as the next such day, unless that day passed less than 45 days ago)."""
    from protocols.deadlines import parse_deadline

    examples = _EXAMPLE.findall(core.ITEM_DEADLINE_PROMPT) + _EXAMPLE.findall(
        core.PREVIEW_BAD_DEADLINE
    )
    examples = [e for e in examples if "{" not in e]
    assert len(examples) >= 4
    for example in examples:
        deadline = parse_deadline(example, reference)
        assert deadline.date is not None, example
        if not re.search(r"\d{4}", example):
            assert deadline.date >= reference, example


@pytest.mark.parametrize("reference", [dt.date(2026, 12, 6), dt.date(2031, 6, 30)])
def test_the_example_of_the_new_prompt_is_read_as_it_says(reference: dt.date) -> None:
    from protocols import parse_single_assignment

    example = core.NEW_PROMPT.split("\n")[1]
    parsed = parse_single_assignment(example, reference)
    assert parsed.text.startswith("Подготовить отчёт о трудоустройстве выпускников")
    assert list(parsed.responsible) == ["Хнычева Д.С."]
    assert parsed.deadline.date is not None and parsed.deadline.date >= reference
