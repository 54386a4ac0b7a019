"""Rules every Russian text template keeps (bot/texts)."""

from __future__ import annotations

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
