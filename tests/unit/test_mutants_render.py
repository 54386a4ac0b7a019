"""Russian messages (bot.render) without Telegram: clipping, dates, marks, cards, reminders,
digests, history and the management view."""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

from bot import render
from bot.texts import core as t
from storage.models import (
    AssigneeStatus,
    AssigneeView,
    Event,
    Person,
    Protocol,
    Report,
    ReportFile,
    Role,
)
from storage.repos import DeadlineRequest
from tests import factories
from tracking.rules import build_digest

MSK = ZoneInfo("Europe/Moscow")
S = AssigneeStatus
DEADLINE = dt.date(2026, 1, 20)  # a Tuesday


def at(day: int, hour: int = 10, minute: int = 0) -> dt.datetime:
    return dt.datetime(2026, 1, day, hour, minute, tzinfo=MSK)


def _person(pid: int, short_name: str | None = None, *, linked: bool = True) -> Person:
    return factories.person(pid, short_name=short_name, telegram_id=pid * 10 if linked else None)


def _view(
    aid: int = 1,
    status: AssigneeStatus = S.NEW,
    deadline: dt.date | None = DEADLINE,
    *,
    time: dt.time | None = None,
    assignment_deadline: dt.date | None = None,
    raw: str = "",
    item: str | None = None,
    recommendation: bool = False,
    person: Person | None = None,
    text: str = "Подготовить отчёт",
    cancelled: bool = False,
) -> AssigneeView:
    return factories.view(
        aid=aid,
        status=status,
        deadline=deadline,
        assignment_deadline=assignment_deadline,
        time=time,
        raw=raw,
        item=item,
        text=text,
        recommendation=recommendation,
        who=person or _person(aid),
        cancelled_at=factories.CREATED if cancelled else None,
    )


# --- small pieces -----------------------------------------------------------------------------


def test_clip_keeps_text_of_exactly_the_limit_and_cuts_longer_text_to_the_limit() -> None:
    assert render.clip("а" * 10, 10) == "а" * 10
    assert render.clip("а" * 11, 10) == "а" * 9 + "…"


def test_snippet_squeezes_whitespace_and_cuts_to_the_limit() -> None:
    assert render.snippet("Подготовить \n  отчёт") == "Подготовить отчёт"
    assert render.snippet("а" * 160) == "а" * 160
    assert render.snippet("а" * 161) == "а" * 159 + "…"


def test_listing_stops_after_the_number_of_names_shown() -> None:
    assert render.listing(["А", "Б", "В"], shown=2) == "А, Б, … и ещё 1"
    assert render.listing(["А", "Б"], shown=2) == "А, Б"


def test_listing_budget_counts_the_separators_and_allows_exactly_the_budget() -> None:
    assert render.listing(["аааа", "бббб"], budget=10) == "аааа, бббб"
    assert render.listing(["аааа", "бббб", "вввв"], budget=12) == "аааа, бббб, … и ещё 1"


def test_listing_always_shows_the_first_name_even_over_the_budget() -> None:
    first = "Х" * 50
    assert render.listing([first, "Б"], budget=10) == f"{first}, … и ещё 1"


def test_dates_are_in_russian_with_the_weekday() -> None:
    assert render.deadline_ru(dt.date(2026, 3, 11), None) == "11 марта 2026 г. (ср)"
    assert render.deadline_ru(dt.date(2026, 12, 31), dt.time(12, 0)) == (
        "до 12:00 31 декабря 2026 г. (чт)"
    )
    assert render.deadline_ru(None, None) == "—"


def test_short_date_has_a_four_digit_year_or_says_there_is_no_deadline() -> None:
    assert render.short_date(dt.date(2026, 3, 5)) == "05.03.2026"
    assert render.short_date(None) == "без срока"


def test_roles_are_listed_in_the_order_of_their_rank_not_alphabetically() -> None:
    roles = {Role.CONTROLLER, Role.SECRETARY, Role.COORDINATOR}
    assert render.roles_ru(roles) == "секретарь, координатор, контролёр"
    assert render.roles_ru(()) == t.NO_ROLES


def test_late_counts_days_and_says_today_for_zero() -> None:
    assert render.late(1) == "1 дн."
    assert render.late(0) == "сегодня"


# --- status marks and cards -------------------------------------------------------------------


def test_overdue_days_are_counted_in_local_time_when_the_clock_is_in_utc() -> None:
    # 22:30 UTC on the 22nd is 01:30 on the 23rd in Moscow: three days after the 20th.
    now = dt.datetime(2026, 1, 22, 22, 30, tzinfo=dt.UTC)
    assert render.status_mark(_view(), now, MSK) == t.OVERDUE_MARK.format(days=3)


def test_an_accepted_item_has_no_mark_on_or_after_its_deadline() -> None:
    assert render.status_mark(_view(status=S.ACCEPTED), at(20), MSK) == ""
    assert render.status_mark(_view(status=S.ACCEPTED), at(25), MSK) == ""


def test_a_deadline_hour_passed_today_is_marked_as_expired_today() -> None:
    view = _view(time=dt.time(9, 0))
    assert render.status_mark(view, at(20, hour=8), MSK) == t.DUE_TODAY_MARK
    assert render.status_mark(view, at(20, hour=10), MSK) == t.OVERDUE_MARK_TODAY


def test_card_shows_the_item_as_a_recommendation() -> None:
    card = render.card(_view(item="3", recommendation=True), at(10), MSK)
    assert "Пункт 3 (рекомендация)" in card


def test_card_without_a_date_shows_the_deadline_words() -> None:
    card = render.card(_view(deadline=None, raw="ежеквартально"), at(10), MSK)
    assert t.CARD_DEADLINE.format(deadline="ежеквартально") in card
    assert t.CARD_NO_DEADLINE not in card


def test_card_status_line_carries_the_overdue_mark() -> None:
    card = render.card(_view(), at(23), MSK)
    status = t.CARD_STATUS.format(status=t.STATUS_NAMES["new"])
    assert card.splitlines()[-1] == f"{status} · {t.OVERDUE_MARK.format(days=3)}"


def _report(kind: str, files: tuple[ReportFile, ...] = ()) -> Report:
    created = dt.datetime(2026, 1, 15, tzinfo=dt.UTC)
    return Report(1, 1, 1, kind, "Сделано", created, files)


def test_review_title_tells_a_done_mark_from_a_report() -> None:
    view = _view()
    who = view.person.short_name
    done = render.review(view, _report("done"))
    report = render.review(view, _report("report"))
    assert t.REVIEW_DONE_TITLE.format(id=1, who=who) in done
    assert t.REVIEW_TITLE.format(id=1, who=who) in report


def test_review_names_files_by_their_name_or_else_their_kind() -> None:
    files = (
        ReportFile("document", "f1", "u1", file_name="отчёт.pdf"),
        ReportFile("photo", "f2", "u2"),
    )
    text = render.review(_view(), _report("report", files))
    assert t.REVIEW_FILES.format(files="отчёт.pdf, фото") in text


# --- reminders --------------------------------------------------------------------------------


def _head(message: str) -> str:
    first = message.split("\n", 1)[0]
    return re.sub(r"</?b>", "", first)


def test_a_snoozed_reminder_says_so_even_when_the_item_is_overdue() -> None:
    view = _view()
    head = _head(render.reminder(view, at(23), MSK, "snooze"))
    when = render.deadline_ru(DEADLINE, None)
    assert head == t.REMINDER_SNOOZE.format(id=1, deadline=when)


def test_a_reminder_on_the_deadline_day_says_today() -> None:
    assert _head(render.reminder(_view(), at(20), MSK, "before")) == t.REMINDER_TODAY.format(id=1)


def test_a_reminder_before_the_deadline_counts_the_days_left() -> None:
    when = render.deadline_ru(DEADLINE, None)
    head = _head(render.reminder(_view(), at(17), MSK, "before"))
    assert head == t.REMINDER_BEFORE.format(id=1, deadline=when, days=3)


def test_reminders_list_fifteen_lines_and_count_the_rest() -> None:
    fifteen = [_view(aid) for aid in range(1, 16)]
    text = render.reminders(fifteen, at(10), MSK)
    assert "…и ещё" not in text
    assert text.count("№") == 15
    text = render.reminders([*fifteen, _view(16)], at(10), MSK)
    assert t.LINES_MORE.format(count=1) in text
    assert text.count("№") == 15


def test_overdue_blocks_go_by_name_and_oldest_deadline_first() -> None:
    yakovlev = _person(1, "Яковлев Я.Я.")
    andreev = _person(2, "Андреев А.А.")
    views = [
        _view(1, deadline=dt.date(2026, 1, 15), person=yakovlev),
        _view(2, deadline=dt.date(2026, 1, 10), person=yakovlev),
        _view(3, deadline=dt.date(2026, 1, 18), person=andreev),
    ]
    blocks = render.overdue_blocks(views, at(20), MSK)
    assert [b.split("\n")[0] for b in blocks] == [
        "<b>👤 Андреев А.А.</b>",
        "<b>👤 Яковлев Я.Я.</b>",
    ]
    assert re.findall(r"№(\d+)", blocks[1]) == ["2", "1"]


# --- digest -----------------------------------------------------------------------------------


def test_digest_counts_only_the_overdue_items_left_out() -> None:
    views = [_view(1, deadline=dt.date(2026, 1, 10)), _view(2, deadline=dt.date(2026, 1, 11))]
    listed_all = "\n".join(render.digest(build_digest(views, at(20), MSK, 3), 3))
    assert "…и ещё" not in listed_all
    digest = build_digest(views, at(20), MSK, 3, overdue_total=5, overdue_people=4)
    text = "\n".join(render.digest(digest, 3))
    assert t.DIGEST_OVERDUE_MORE.format(count=3, people=4) in text


def test_digest_counts_only_the_due_soon_items_left_out() -> None:
    views = [_view(1, deadline=dt.date(2026, 1, 21))]
    text = "\n".join(render.digest(build_digest(views, at(20), MSK, 3), 3))
    assert "…и ещё" not in text
    digest = build_digest(views, at(20), MSK, 3, due_soon_total=4)
    text = "\n".join(render.digest(digest, 3))
    assert t.DIGEST_SOON_MORE.format(count=3) in text


def test_digest_names_at_most_twenty_people_it_cannot_reach() -> None:
    people = [_person(n, f"Руководителев{n:03d} И.П.", linked=False) for n in range(1, 601)]
    messages = render.digest(build_digest([], at(20), MSK, 3, not_reached=people), 3)
    assert len(messages) == 1
    text = messages[0]
    assert "Руководителев020" in text and "Руководителев021" not in text
    assert t.DIGEST_NOT_REACHED_MORE.format(count=580) in text
    few = render.digest(build_digest([], at(20), MSK, 3, not_reached=people[:20]), 3)[0]
    assert "Руководителев020" in few and "…и ещё" not in few


def test_digest_says_whose_move_it_is_among_the_due_soon() -> None:
    views = [
        _view(1, S.REPORTED, deadline=dt.date(2026, 1, 21)),
        _view(2, S.IN_PROGRESS, deadline=dt.date(2026, 1, 22)),
    ]
    lines = "\n".join(render.digest(build_digest(views, at(20), MSK, 3), 3)).splitlines()
    soon = [line for line in lines if line.startswith("  №")]
    assert len(soon) == 2
    assert soon[0].startswith("  №1") and t.OVERDUE_STATES["reported"] in soon[0]
    assert soon[1].startswith("  №2") and "·" not in soon[1]


def test_digest_says_why_people_are_not_reached() -> None:
    stranger = _person(1, "Андреев А.А.", linked=False)
    blocked = _person(2, "Борисов Б.Б.")
    digest = build_digest([], at(20), MSK, 3, not_reached=[stranger, blocked])
    text = "\n".join(render.digest(digest, 3))
    assert t.DIGEST_NOT_REACHED_LINE.format(name="Андреев А.А.", why=t.WHY_NOT_LINKED) in text
    assert t.DIGEST_NOT_REACHED_LINE.format(name="Борисов Б.Б.", why=t.WHY_UNREACHABLE) in text


# --- packing into messages --------------------------------------------------------------------


def test_pack_measures_a_block_in_utf16_units_before_keeping_it_whole() -> None:
    block = "😀" * 6  # six characters, twelve units
    messages = render.pack([block], limit=10)
    assert "".join(messages) == block
    assert all(render.units(m) <= 10 for m in messages)


def test_pack_counts_the_line_break_when_regrouping_lines() -> None:
    messages = render.pack(["аааа\nбббббб"], limit=10)
    assert messages == ["аааа", "бббббб"]


def test_pack_fills_a_message_up_to_exactly_the_limit() -> None:
    assert render.pack(["аааа", "бббб"], limit=10) == ["аааа\n\nбббб"]


# --- history ----------------------------------------------------------------------------------


def _event(eid: int, kind: str, **details: object) -> Event:
    at_ = dt.datetime(2026, 1, 1, 9, 0, tzinfo=dt.UTC) + dt.timedelta(minutes=eid)
    return Event(eid, at_, None, 1, 1, kind, details)


def _history_text(events: list[Event], people: dict[int, Person] | None = None) -> str:
    return "\n".join(render.history([_view()], events, people or {}, MSK))


def test_history_shows_moved_deadlines_as_dates_both_old_and_new() -> None:
    text = _history_text([_event(1, "deadline_moved", old="2026-01-20", new="2026-02-01")])
    assert "срок перенесён: 20.01.2026 → 01.02.2026" in text


def test_history_names_a_new_controller() -> None:
    controller = _person(9, "Контролёров К.К.")
    text = _history_text([_event(1, "controller_changed", controller=9)], {9: controller})
    assert "контролёр: Контролёров К.К." in text


def test_history_event_missing_its_details_shows_just_its_name() -> None:
    text = _history_text([_event(1, "returned")])
    assert "возвращено на доработку" in text
    assert "{reason}" not in text


def test_long_history_keeps_the_newest_events_in_order_and_counts_the_earlier_ones() -> None:
    total = 60
    events = [_event(i, "returned", reason=f"причина {i:02d} " + "х" * 280) for i in range(total)]
    text = _history_text(events)
    shown = [int(n) for n in re.findall(r"причина (\d\d)", text)]
    earlier = re.findall(r"…более ранних событий: (\d+)", text)
    assert 0 < len(shown) < total
    assert earlier == [str(total - len(shown))]
    assert shown == list(range(total - len(shown), total))  # the newest, oldest first
    assert "…и ещё" not in text


# --- management view --------------------------------------------------------------------------


def test_manage_counts_reported_and_accepted_assignees_as_having_reported() -> None:
    views = [_view(1, S.REPORTED), _view(2, S.ACCEPTED), _view(3, S.NEW)]
    views = [AssigneeView(v.assignee, views[0].assignment, v.person, v.protocol) for v in views]
    text = render.manage(views, None)
    assert t.MANAGE_ASSIGNEES.format(reported=2, total=3) in text


def test_manage_shows_an_assignees_own_deadline_and_a_cancelled_assignment() -> None:
    view = _view(deadline=dt.date(2026, 2, 1), assignment_deadline=DEADLINE, cancelled=True)
    text = render.manage([view], None)
    assert "срок 01.02.2026" in text
    assert t.MANAGE_CANCELLED in text
    plain = render.manage([_view()], None)
    assert ", срок" not in plain
    assert t.MANAGE_CANCELLED not in plain


# --- protocols, list lines, deadline requests -------------------------------------------------


def _with_protocol(view: AssigneeView, protocol: Protocol) -> AssigneeView:
    return AssigneeView(view.assignee, view.assignment, view.person, protocol)


def test_card_names_its_protocol_by_number_and_date() -> None:
    created = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    protocol = Protocol(1, "Совещание", "12", dt.date(2026, 1, 5), None, created)
    assert render.protocol_ru(protocol) == "№ 12 от 05.01.2026 Совещание"
    card = render.card(_with_protocol(_view(), protocol), at(10), MSK)
    assert t.CARD_PROTOCOL.format(protocol="№ 12 от 05.01.2026 Совещание") in card


def test_list_line_of_an_item_without_a_mark_gets_a_neutral_square() -> None:
    line = render.list_line(_view(), at(10), MSK)
    assert line.startswith("▫️ №1 · 20.01.2026")


def test_extension_request_shows_a_dash_for_no_reason_and_the_new_date_without_the_hour() -> None:
    view = _view(time=dt.time(12, 0))
    created = dt.datetime(2026, 1, 15, tzinfo=dt.UTC)
    request = DeadlineRequest(1, 1, 1, dt.date(2026, 2, 2), "", "pending", None, created)
    text = render.extension_request(view, request)
    body = t.EXTENSION_BODY.format(
        old=render.deadline_ru(DEADLINE, dt.time(12, 0)),
        new=render.deadline_ru(dt.date(2026, 2, 2), None),
        reason="—",
    )
    assert text.endswith(render.esc(body))


def test_a_reminder_of_an_item_that_lost_its_deadline_reads_as_a_snooze() -> None:
    view = _view(deadline=None)
    head = _head(render.reminder(view, at(10), MSK, "before"))
    assert head == t.REMINDER_SNOOZE.format(id=1, deadline="—")


def test_review_shows_the_deadline() -> None:
    text = render.review(_view(), None)
    assert t.CARD_DEADLINE.format(deadline=render.deadline_ru(DEADLINE, None)) in text


def test_card_and_management_view_clip_a_very_long_text() -> None:
    view = _view(text="слово " * 2000)
    assert len(render.card(view, at(10), MSK)) < render.TELEGRAM_LIMIT
    assert len(render.manage([view], None)) < render.TELEGRAM_LIMIT


def test_management_view_of_a_big_group_stays_within_one_message() -> None:
    views = [_view(aid, person=_person(aid, "Сотрудников" + "ъ" * 40)) for aid in range(1, 300)]
    views = [AssigneeView(v.assignee, views[0].assignment, v.person, None) for v in views]
    text = render.manage(views, _person(9, "Контролёров К.К."))
    assert len(text) <= render.TELEGRAM_LIMIT
    assert "…и ещё" in text
    assert t.MANAGE_CONTROLLER.format(name="Контролёров К.К.") in text


# --- history details --------------------------------------------------------------------------


def test_history_times_are_local_and_actors_are_named() -> None:
    actor = _person(5, "Секретарёв С.С.")
    event = Event(1, dt.datetime(2026, 1, 1, 21, 30, tzinfo=dt.UTC), 5, 1, 1, "created", {})
    text = "\n".join(render.history([_view()], [event], {5: actor}, MSK))
    assert "02.01.2026 00:30 — Секретарёв С.С.: создано" in text


def test_history_shows_a_dash_for_an_empty_detail_and_an_unreadable_date_as_is() -> None:
    text = _history_text(
        [
            _event(1, "cancelled", reason=None),
            _event(2, "deadline_changed", old="когда-нибудь", new="2026-02-01"),
        ]
    )
    assert "отменено: —" in text
    assert "срок изменён: когда-нибудь → 01.02.2026" in text


def test_history_of_a_big_group_keeps_its_people_list_short() -> None:
    views = [_view(aid, person=_person(aid, "Сотрудников" + "ъ" * 40)) for aid in range(1, 300)]
    messages = render.history(views, [], {}, MSK)
    assert len(messages) == 1
    assert "…и ещё" in messages[0]
