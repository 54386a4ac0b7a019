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


#: Every day of a common and of a leap year.
EVERY_DAY = [dt.date(2027, 1, 1) + dt.timedelta(days=n) for n in range(365 + 366)]


def test_the_deadlines_the_bot_shows_as_examples_are_never_past() -> None:
    """A secretary copies an example from a prompt: it must parse, and never as a past date,
    on any day (a fixed year turns into «срок уже прошёл» a year later; a day without a year
    reads as this year's while less than 45 days past, so «до 27 января» did for six weeks)."""
    from protocols.deadlines import parse_deadline

    examples = _EXAMPLE.findall(core.ITEM_DEADLINE_PROMPT) + _EXAMPLE.findall(
        core.PREVIEW_BAD_DEADLINE
    )
    examples = [e for e in examples if "{" not in e and "ДД" not in e]
    assert len(examples) >= 4
    for reference in EVERY_DAY:
        for example in examples:
            deadline = parse_deadline(example, reference)
            assert deadline.date is not None and deadline.date >= reference, (example, reference)


def test_the_example_of_the_new_prompt_is_read_as_it_says() -> None:
    from protocols import parse_single_assignment

    example = core.NEW_PROMPT.split("\n")[1]
    for reference in EVERY_DAY[::7]:
        parsed = parse_single_assignment(example, reference)
        assert parsed.text.startswith("Подготовить отчёт о трудоустройстве выпускников")
        assert list(parsed.responsible) == ["Хнычева Д.С."]
        assert parsed.deadline.date is not None and parsed.deadline.date >= reference
