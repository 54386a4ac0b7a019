"""Coordinators: /protocols with progress, a protocol's card, Excel control sheets."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest

import bot.exports
from storage.models import AssigneeStatus
from storage.repos import Tx
from tests.e2e.conftest import START, Harness
from tests.e2e.test_protocol_flow import PROTOCOL
from tests.fakebot import UserHandle


async def _save_and_accept_item_1(
    harness: Harness, secretary: UserHandle, dasha: UserHandle, title: str, report: str
) -> None:
    """The protocol previewed under `title` saved; Dasha reports on item 1, it is accepted."""
    preview = await harness.expect(secretary, title)
    await secretary.press(preview, "Сохранить все")
    await harness.expect(secretary, "Протокол сохранён")
    card = await harness.expect(dasha, "Пункт 1")
    await dasha.press(card, "📎 Отчёт")
    await harness.expect(dasha, "Пришлите отчёт")
    await dasha.send(report)
    review = await harness.expect(secretary, report)
    await secretary.press(review, "Принять")
    await harness.expect(dasha, "Отчёт по поручению №1 принят")


async def _saved_protocol(harness: Harness) -> dict[str, UserHandle]:
    secretary, _ = await harness.enroll("Секретарева Ольга Петровна", "секретарь")
    coordinator, _ = await harness.enroll("Петрова Анна Сергеевна", "координатор")
    dasha, _ = await harness.enroll("Хнычева Дарья Сергеевна")
    dima, _ = await harness.enroll("Матвеев Дмитрий Михайлович")
    await secretary.send(
        PROTOCOL.replace("Руководителям образовательных организаций", "Хнычевой Д.С.")
    )
    await _save_and_accept_item_1(
        harness, secretary, dasha, "Протокол № 7", "Отчёт направлен письмом № 15"
    )
    return {"secretary": secretary, "coordinator": coordinator, "dasha": dasha, "dima": dima}


async def test_protocols_show_progress_and_export_a_control_sheet(harness: Harness) -> None:
    people = await _saved_protocol(harness)
    coordinator = people["coordinator"]
    harness.clock.set(START + dt.timedelta(days=400))  # everything open is overdue now
    await coordinator.send("/protocols")
    listing = await harness.expect(coordinator, "Протоколы (1)")
    assert "1/3 выполнено, 2 просрочено" in (listing.plain_text or "")
    await coordinator.press(listing, "1")
    card = await harness.expect(coordinator, "📄 № 7 от 15.01.2027")
    text = card.plain_text or ""
    assert "Хнычева Д.С. (✅ выполнено, принято)" in text
    assert "Матвеев Д.М. (новое)" in text
    await coordinator.press(card, "Excel")
    sent = await harness.expect(coordinator, "Контрольный лист")
    assert sent.document is not None and sent.document.file_name.endswith(".xlsx")
    book = openpyxl.load_workbook(io.BytesIO(sent.document.content))
    assert book.sheetnames[0] == "Сводка"
    sheet = book[book.sheetnames[1]]
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=4) if row[0].value]
    assert [r[0] for r in rows] == ["1", "2", "3"]
    first = rows[0]
    assert first[2] == "Хнычева Д.С." and first[4] == "✅ выполнено, принято"
    assert first[6] == "Отчёт направлен письмом № 15"
    assert isinstance(first[3], dt.datetime) and first[3].date() == dt.date(2027, 1, 27)
    overdue_fill = sheet.cell(row=5, column=1).fill.fgColor.rgb
    assert overdue_fill.endswith("FFC7CE")  # row 2 (Матвеев) is overdue
    assert not sheet.cell(row=4, column=1).fill.fgColor.rgb.endswith("FFC7CE")


async def _seed_item(
    tx: Tx, n: int, person: int, due: dt.date, *, in_protocol: bool = True
) -> int:
    """Protocol № n of 1 January + n days with one item for `person` (or, with
    `in_protocol` False, an assignment made alone); returns the assignee id."""
    protocol = None
    if in_protocol:
        protocol = await tx.protocols.add(
            title="заседания совета",
            number=str(n),
            meeting_date=dt.date(2026, 1, n),
            source_text=f"Протокол {n}",
            source_hash=f"h{n}",
            created_by=None,
            now=START,
        )
    return await _add_item(tx, protocol, person, due, f"Пункт протокола {n}")


async def _add_item(tx: Tx, protocol: int | None, person: int, due: dt.date, text: str) -> int:
    """Item 1 of `protocol` (None: an assignment made alone) for `person`; the assignee id."""
    aid = await tx.assignments.add(
        protocol_id=protocol,
        item_number="1",
        text=text,
        deadline_date=due,
        deadline_time=None,
        deadline_kind="date",
        deadline_raw="",
        recommendation=False,
        controller_id=None,
        created_by=None,
        now=START,
    )
    return await tx.assignments.add_assignee(aid, person, due, START)


async def test_protocols_are_listed_a_page_at_a_time(harness: Harness) -> None:
    coordinator, _ = await harness.enroll("Петрова Анна Сергеевна", "координатор")
    _, dasha = await harness.enroll("Хнычева Дарья Сергеевна")
    # Years of meetings: twelve protocols of one item each, and one assignment made alone.
    async with harness.app.db.transaction() as tx:
        for n in range(1, 13):
            await _seed_item(tx, n, dasha, dt.date(2026, 2, 1))
        await _seed_item(tx, 13, dasha, dt.date(2026, 2, 1), in_protocol=False)
    await coordinator.send("/protocols")
    first = await harness.expect(coordinator, "Протоколы (13)")
    text = first.plain_text or ""
    # Newest meeting first, ten to a page.
    assert text.index("№ 12 от 12.01.2026") < text.index("№ 3 от 03.01.2026")
    assert "№ 2 от 02.01.2026" not in text and "Стр. 1 из 2" in text
    assert first.button_texts == [["1", "2", "3", "4", "5"], ["6", "7", "8", "9", "10"], ["▶️"]]
    await coordinator.press(first, "▶️")
    second = await harness.expect(coordinator, "Стр. 2 из 2")
    text = second.plain_text or ""
    assert second.edited and "11. № 2 от 02.01.2026" in text
    assert "13. Отдельные поручения" in text and "0/1 выполнено, 1 просрочено" in text
    assert second.button_texts == [["11", "12", "13"], ["◀️"]]
    await coordinator.press(second, "13")
    await harness.expect(coordinator, "Отдельные поручения")


async def test_export_has_the_most_urgent_open_protocols(
    harness: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(bot.exports, "EXPORT_PROTOCOLS", 2)
    coordinator, _ = await harness.enroll("Петрова Анна Сергеевна", "координатор")
    _, dasha = await harness.enroll("Хнычева Дарья Сергеевна")
    # Protocol 1 is closed; 2, 3 and 4 have open items due on the 20th, 10th and 15th.
    async with harness.app.db.transaction() as tx:
        for n, due in ((1, 5), (2, 20), (3, 10), (4, 15)):
            assignee = await _seed_item(tx, n, dasha, dt.date(2026, 3, due))
            if n == 1:
                await tx.assignments.set_status(assignee, AssigneeStatus.ACCEPTED, START)
    await coordinator.send("/export")
    sent = await harness.expect(coordinator, "Контрольный лист")
    assert "В нём 2 самых срочных из 3 протоколов" in (sent.plain_text or "")
    assert sent.document is not None
    book = openpyxl.load_workbook(io.BytesIO(sent.document.content))
    assert len(book.sheetnames) == 3
    texts = [
        str(cell.value)
        for name in book.sheetnames[1:]
        for row in book[name].iter_rows()
        for cell in row
        if cell.value
    ]
    joined = " ".join(texts)
    assert "Пункт протокола 3" in joined and "Пункт протокола 4" in joined
    assert "Пункт протокола 2" not in joined and "Пункт протокола 1" not in joined


async def test_export_and_discipline_for_all_protocols(harness: Harness) -> None:
    people = await _saved_protocol(harness)
    coordinator = people["coordinator"]
    await coordinator.send("/export")
    sent = await harness.expect(coordinator, "Контрольный лист")
    assert "протоколы с незакрытыми поручениями" in (sent.plain_text or "")
    assert sent.document is not None
    book = openpyxl.load_workbook(io.BytesIO(sent.document.content))
    assert len(book.sheetnames) == 2
    await coordinator.send("/discipline 01.01.2027 31.12.2027")
    report = await harness.expect(coordinator, "Исполнительская дисциплина")
    assert report.document is not None
    # Read a row at a time, the deadlines add up the same as all at once.
    tracker = harness.app.tracker
    first, last = dt.date(2027, 1, 1), dt.date(2027, 12, 31)
    whole = await tracker.discipline(first, last)
    assert await tracker.discipline(first, last, chunk=1) == whole
    people = {row.name: (row.assigned, row.on_time, row.open) for row in whole[0]}
    assert people == {"Матвеев Д.М.": (1, 0, 1), "Хнычева Д.С.": (2, 1, 1)}
    book = openpyxl.load_workbook(io.BytesIO(report.document.content))
    people_sheet = book["Сотрудники"]
    values = [[c.value for c in row] for row in people_sheet.iter_rows() if row[0].value]
    dasha = next(r for r in values if r[1] == "Хнычева Д.С.")
    assert dasha[3:7] == [2, 1, 0, 0]  # assigned 2, one done on time, none late or overdue
    await coordinator.send("/discipline вчера")
    await harness.expect(coordinator, "Формат: /discipline")


async def test_executors_cannot_see_protocols_or_export(harness: Harness) -> None:
    user, _ = await harness.enroll("Хнычева Дарья Сергеевна")
    for command in ("/protocols", "/export", "/discipline"):
        await user.send(command)
        await harness.expect(user, "недоступна")


async def test_a_protocol_card_with_big_groups_fits_a_message(harness: Harness) -> None:
    coordinator, _ = await harness.enroll("Петрова Анна Сергеевна", "координатор")
    people = await harness.add_crowd(150)
    async with harness.app.db.transaction() as tx:
        # Eight items of one protocol, each for all 150 (a card shows eight to a page).
        first = await _seed_item(tx, 1, people[0], dt.date(2026, 2, 1))
        assignment = (await tx.assignments.view(first)).assignment  # type: ignore[union-attr]
        for item in range(8):
            aid = assignment.id
            if item:
                aid = await tx.assignments.add(
                    protocol_id=assignment.protocol_id,
                    item_number=str(item + 1),
                    text=f"Пункт {item + 1}",
                    deadline_date=dt.date(2026, 2, 1),
                    deadline_time=None,
                    deadline_kind="date",
                    deadline_raw="",
                    recommendation=False,
                    controller_id=None,
                    created_by=None,
                    now=START,
                )
            for person in people[0 if item else 1 :]:
                await tx.assignments.add_assignee(aid, person, dt.date(2026, 2, 1), START)
    await coordinator.send("/protocols")
    listing = await harness.expect(coordinator, "Протоколы (1)")
    await coordinator.press(listing, "1")
    card = await harness.expect(coordinator, "📄 № 1 от 01.01.2026")
    text = card.plain_text or ""
    assert "Руководителев000 И.П. (новое)" in text and "… и ещё 145" in text
    assert len(text) <= 4096


async def test_the_control_sheet_counts_assignments_as_the_bot_does(harness: Harness) -> None:
    """An assignment of two people is one in /protocols and one in the sheet's summary: done
    when both are accepted."""
    secretary, _ = await harness.enroll("Секретарева Ольга Петровна", "секретарь")
    coordinator, _ = await harness.enroll("Петрова Анна Сергеевна", "координатор")
    dasha, _ = await harness.enroll("Хнычева Дарья Сергеевна")
    await harness.enroll("Матвеев Дмитрий Михайлович")
    await secretary.send(
        "ПРОТОКОЛ № 9\nзаседания совета директоров\nг. Смоленск, 15 января 2027 г.\n\n"
        "РЕШИЛИ:\n"
        "1. Хнычевой Д.С., Матвееву Д.М. подготовить отчёт о выпускниках. "
        "Срок: до 27.01.2027.\n"
        "2. Хнычевой Д.С. провести совещание с директорами. Срок: до 15.02.2027.\n"
    )
    await _save_and_accept_item_1(harness, secretary, dasha, "Протокол № 9", "Моя часть готова")

    await coordinator.send("/protocols")
    listing = await harness.expect(coordinator, "Протоколы (1)")
    assert "0/2 выполнено, 0 просрочено" in (listing.plain_text or "")
    await coordinator.press(listing, "1")
    protocol_card = await harness.expect(coordinator, "📄 № 9")
    await coordinator.press(protocol_card, "Excel")
    sent = await harness.expect(coordinator, "Контрольный лист")
    assert sent.document is not None
    book = openpyxl.load_workbook(io.BytesIO(sent.document.content))
    summary = [
        row for row in book["Сводка"].iter_rows(values_only=True) if row[1] and "№ 9" in row[1]
    ]
    assert [row[3:7] for row in summary] == [(2, 0, 2, 0)]  # total, done, in work, overdue


async def test_protocols_read_without_a_title_are_named_as_in_the_bot(harness: Harness) -> None:
    coordinator, _ = await harness.enroll("Петрова Анна Сергеевна", "координатор")
    _, dasha = await harness.enroll("Хнычева Дарья Сергеевна")

    async with harness.app.db.transaction() as tx:
        numbered = await tx.protocols.add(
            title=None,
            number="7",
            meeting_date=dt.date(2026, 1, 15),
            source_text="x",
            source_hash="h1",
            created_by=None,
            now=START,
        )
        bare = await tx.protocols.add(
            title=None,
            number=None,
            meeting_date=None,
            source_text="y",
            source_hash="h2",
            created_by=None,
            now=START,
        )
        await _add_item(tx, numbered, dasha, dt.date(2026, 2, 1), "Пункт протокола семь")
        await _add_item(tx, bare, dasha, dt.date(2026, 2, 2), "Пункт протокола без шапки")
        await _add_item(tx, None, dasha, dt.date(2026, 2, 3), "Отдельное поручение")
    await coordinator.send("/export")
    sent = await harness.expect(coordinator, "Контрольный лист")
    assert sent.document is not None
    book = openpyxl.load_workbook(io.BytesIO(sent.document.content))
    headings = sorted(
        row[1] for row in book["Сводка"].iter_rows(min_row=4, values_only=True) if row[0]
    )
    assert headings == [f"#{bare}", "Отдельные поручения", "№ 7 от 15.01.2026"]


async def test_an_assignment_everyone_left_is_marked_as_nobody_s(harness: Harness) -> None:
    coordinator, _ = await harness.enroll("Петрова Анна Сергеевна", "координатор")
    _, dasha = await harness.enroll("Хнычева Дарья Сергеевна")
    _, dima = await harness.enroll("Матвеев Дмитрий Михайлович")
    async with harness.app.db.transaction() as tx:
        await _seed_item(tx, 1, dasha, dt.date(2026, 3, 20))
        await _seed_item(tx, 2, dima, dt.date(2026, 3, 20))
    await harness.admin.send(f"/remove {dasha}")
    await harness.expect(harness.admin, "убран")
    await coordinator.send("/protocols")
    listing = await harness.expect(coordinator, "Протоколы (2)")
    assert "0/0 выполнено" in (listing.plain_text or "")  # counted nowhere
    await coordinator.press(listing, "2")
    card = await harness.expect(coordinator, "№ 1 от 01.01.2026")
    assert "❌ №1" in (card.plain_text or "")
