"""Lists cut to fit a Telegram message (bot/render.py)."""

from __future__ import annotations

from bot.render import fit_lines


def test_rows_that_fit_are_all_kept() -> None:
    rows = ["a" * 10, "b" * 10]
    assert fit_lines(rows, 22) == rows


def test_rows_that_fill_the_room_exactly_are_all_kept() -> None:
    rows = ["a" * 10, "b" * 10]  # 21 characters joined
    assert fit_lines(rows, 21) == rows
    assert fit_lines(rows, 20) != rows


def test_the_last_row_that_fits_exactly_is_kept() -> None:
    rows = ["a" * 10, "b" * 10, "c" * 10]
    rest = "…и ещё 1."
    room = len("\n".join([rows[0], rows[1], rest]))
    assert fit_lines(rows, room) == [rows[0], rows[1], rest]
    assert fit_lines(rows, room - 1) == [rows[0], "…и ещё 2."]


def test_rows_are_measured_as_telegram_counts_them() -> None:
    rows = ["🔴" * 10, "🔴" * 10]  # 20 units each, in 10 characters
    assert fit_lines(rows, 41) == rows
    assert fit_lines(rows, 40) == [rows[0], "…и ещё 1."]


def test_the_rest_is_counted_on_a_last_line_within_the_room() -> None:
    rows = [f"{n:02d}" + "x" * 18 for n in range(100)]  # 20 characters each
    kept = fit_lines(rows, 200)
    assert kept[-1] == f"…и ещё {100 - (len(kept) - 1)}."
    assert kept[:-1] == rows[: len(kept) - 1]
    assert len("\n".join(kept)) <= 200
    # As many as fit: one more row and its count would not.
    shown = len(kept) - 1
    one_more = [*rows[: shown + 1], f"…и ещё {100 - shown - 1}."]
    assert len("\n".join(one_more)) > 200


def test_messages_are_measured_as_telegram_counts_them() -> None:
    from bot.render import pack, units

    assert units("📅 срок") == 7  # the emoji is two UTF-16 units
    blocks = ["🔴" * 1500, "🔴" * 1500, "x" * 10]  # 3,000 units each, in 1,500 characters
    messages = pack(blocks, 4096)
    assert len(messages) == 2 and all(units(m) <= 4096 for m in messages)
    cut = pack(["🔴" * 5000])  # one line of 10,000 units
    assert len(cut) == 3 and all(units(m) <= 4096 for m in cut)
    assert "".join(pack(["🔴" * 5000])) == "🔴" * 5000  # cut, nothing lost
