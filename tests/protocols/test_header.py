"""The protocol's own title, number and date in layouts seen in schools and commissions."""

from __future__ import annotations

import datetime

from protocols import parse_text

D = datetime.date
DECISION = "РЕШИЛИ:\n1. Провести проверку до 20.03.2024. Ответственный: Иванов И.И.\n"


def test_a_letter_spaced_protocol_word_gives_the_title() -> None:
    header = parse_text(
        "П Р О Т О К О Л\nзаседания педагогического совета\n\n12.03.2024      № 5\n\n" + DECISION
    ).header
    assert (header.title, header.number, header.date) == (
        "заседания педагогического совета",
        "5",
        D(2024, 3, 12),
    )


def test_a_decision_marker_right_after_the_protocol_line_is_not_in_the_title() -> None:
    header = parse_text("Протокол заседания комиссии № 8 от 12.03.2024\n" + DECISION).header
    assert (header.title, header.number, header.date) == (
        "заседания комиссии",
        "8",
        D(2024, 3, 12),
    )


def test_a_schools_number_is_not_the_protocols_number() -> None:
    own = parse_text(
        "МБОУ СОШ № 17\n\nПРОТОКОЛ\nзаседания педагогического совета\n\n"
        "от 12.03.2024 № 5\n\n" + DECISION
    ).header
    assert own.number == "5"
    absent = parse_text(
        "МБОУ СОШ № 17\n\nПРОТОКОЛ\nзаседания педагогического совета\n\nот 12.03.2024\n\n"
        + DECISION
    ).header
    assert (absent.number, absent.date) == (None, D(2024, 3, 12))
    in_title = parse_text(
        "ПРОТОКОЛ заседания педагогического совета МБОУ СОШ № 17\nот 12.03.2024 № 5\n\n" + DECISION
    ).header
    assert (in_title.title, in_title.number) == (
        "заседания педагогического совета МБОУ СОШ № 17",
        "5",
    )
