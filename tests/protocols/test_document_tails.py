"""Material after (or around) the decisions: appendices, distribution lists, acknowledgment
sheets, signature stamps; and decision parts of bodies the other tests have not met."""

from __future__ import annotations

import datetime

from protocols import parse_document, parse_text
from tests.protocols.documents import make_docx

DISTRIBUTION = """ПРОТОКОЛ № 3
рабочего совещания

от 10.02.2026

РЕШИЛИ:
1. Кузнецову П.П. представить отчёт о закупках до 01.03.2026.

Протокол вела: Петрова А.А.

Верно: секретарь Петрова А.А.
10.02.2026

Список рассылки:
- Кузнецову П.П.;
- Орлову В.В.;
- в дело.

С протоколом ознакомлены:
Кузнецов П.П. __________ 11.02.2026
Орлов В.В. __________ 12.02.2026

ДОКУМЕНТ ПОДПИСАН ЭЛЕКТРОННОЙ ПОДПИСЬЮ
Сертификат: 00A1B2C3D4E5F6
Владелец: Иванов Иван Иванович
Действителен: с 01.02.2026 по 01.05.2027
"""


def test_distribution_list_is_no_assignment() -> None:
    parsed = parse_text(DISTRIBUTION)
    assert parsed.header.date == datetime.date(2026, 2, 10)
    assert [a.text for a in parsed.assignments] == [
        "Кузнецову П.П. представить отчёт о закупках до 01.03.2026."
    ]
    assert parsed.assignments[0].deadline.date == datetime.date(2026, 3, 1)


def test_numbered_distribution_and_executor_note() -> None:
    text = (
        "ПРОТОКОЛ № 7\nсовещания при главе администрации\n\n15 апреля 2026 г.\n\n"
        "РЕШИЛИ:\n1. Отделу образования (Морозова Е.Г.) провести мониторинг в срок до "
        "30.04.2026.\n\nГлава администрации В.В. Орлов\n\n"
        "Список рассылки:\n1. Отделу образования направить копию протокола.\n"
        "2. Финансовому управлению.\n\nИсп. Петрова А.А., тел. 8 (4812) 29-27-01\n"
    )
    parsed = parse_text(text)
    assert [a.number for a in parsed.assignments] == ["1"]
    assert parsed.assignments[0].responsible == ("Отдел образования", "Морозова Е.Г.")


KDN = """ПРОТОКОЛ № 2
заседания комиссии по делам несовершеннолетних и защите их прав

Комиссия, рассмотрев информацию о профилактике безнадзорности,

ПОСТАНОВИЛА:
1. Информацию принять к сведению.
2. Отделу опеки (Белова Н.Н.) провести обследование условий жизни семьи в срок до 20.02.2026.

Председательствующий                        А.В. Козлов

Верно: ответственный секретарь КДНиЗП Н.Н. Белова
12.02.2026
"""


def test_commission_postanovila_and_certifying_date() -> None:
    parsed = parse_text(KDN)
    assert parsed.header.title == "заседания комиссии по делам несовершеннолетних и защите их прав"
    assert parsed.header.date is None  # the date under «Верно» certifies the copy
    assert [a.number for a in parsed.assignments] == ["2"]
    assert parsed.assignments[0].deadline.date == datetime.date(2026, 2, 20)


ABSENTEE = """ПРОТОКОЛ № 3
заочного голосования членов наблюдательного совета автономного учреждения

Дата окончания приёма бюллетеней: 10 марта 2026 г.

Вопрос 1. Об утверждении отчёта о деятельности учреждения.
Решение принято: утвердить отчёт о деятельности учреждения за 2025 год.
Голосовали: «за» – 5, «против» – 0.

Вопрос 2. О проведении аудита.
Решение принято: директору учреждения Орловой М.С. провести аудит в срок до 30.06.2026.
Голосовали: «за» – 5.

Вопрос 3. О плане закупок.
Решение принято единогласно.

Председатель наблюдательного совета           П.П. Кузнецов
"""


def test_absentee_vote_decision_after_decision_taken() -> None:
    parsed = parse_text(ABSENTEE)
    assert [a.text for a in parsed.assignments] == [
        "директору учреждения Орловой М.С. провести аудит в срок до 30.06.2026."
    ]
    assignment = parsed.assignments[0]
    assert assignment.responsible == ("Орлова М.С.",)
    assert assignment.deadline.date == datetime.date(2026, 6, 30)


SIGNED_FIRST = """Документ подписан электронной подписью
Сертификат 01A2B3C4D5E6F7
Владелец Кравцова Людмила Михайловна
Действителен с 01.02.2026 по 01.05.2027

ПРОТОКОЛ
заседания педагогического совета

РЕШИЛИ:
1. Учителям начальных классов провести диагностику до 15.03.2026.
"""


def test_signature_stamp_gives_no_date() -> None:
    parsed = parse_text(SIGNED_FIRST)
    assert parsed.header.date is None
    assert parsed.header.title == "заседания педагогического совета"
    assert len(parsed.assignments) == 1


def test_signature_stamp_under_title_stays_out_of_it() -> None:
    text = (
        "Протокол заседания наблюдательного совета\n"
        "Документ подписан электронной подписью. Сертификат 7C00A1B2. Владелец Морозов С.В. "
        "Действителен с 01.02.2026 по 01.05.2027\n\n"
        "РЕШИЛИ: директору Морозову С.В. представить отчёт в срок до 01.04.2026.\n"
    )
    parsed = parse_text(text)
    assert parsed.header.title == "заседания наблюдательного совета"
    assert parsed.header.date is None
    assert [a.responsible for a in parsed.assignments] == [("Морозов С.В.",)]


ADMISSION_HEAD = [
    "ПРОТОКОЛ № 6",
    "заседания приёмной комиссии ОГБПОУ СмолАПО",
    "от 14 августа 2026 г.",
    "РЕШИЛИ:",
    "1. Ответственному секретарю приёмной комиссии Новиковой Е.А. разместить приказ о "
    "зачислении на сайте до 16.08.2026.",
    "Председатель приёмной комиссии С.В. Морозов",
    "Приложение 1",
    "Список абитуриентов, рекомендованных к зачислению",
]
ADMISSION_TABLE = [
    ["№", "ФИО", "Специальность", "Средний балл"],
    ["1", "Алексеева Анна Петровна", "09.02.07", "4,85"],
    ["2", "Борисов Иван Сергеевич", "09.02.07", "4,71"],
    ["3", "Васильева Мария Олеговна", "38.02.01", "4,66"],
]
ADMISSION_STAMP = [
    "Документ подписан электронной подписью",
    "Сертификат 7C00A1B2C3D4E5F6A7B8",
    "Владелец Морозов Сергей Викторович",
    "Действителен с 01.02.2026 по 01.05.2027",
]


def _admission_text() -> str:
    rows = "\n".join("\t".join(row) for row in ADMISSION_TABLE)
    return "\n\n".join(["\n".join(ADMISSION_HEAD), rows, "\n".join(ADMISSION_STAMP)]) + "\n"


def test_appendix_list_of_people_is_no_plan() -> None:
    for parsed in (
        parse_text(_admission_text()),
        parse_document(make_docx(ADMISSION_HEAD, ADMISSION_TABLE, ADMISSION_STAMP), "p.docx"),
    ):
        assert parsed.header.date == datetime.date(2026, 8, 14)
        assert [a.number for a in parsed.assignments] == ["1"]
        assert parsed.assignments[0].deadline.date == datetime.date(2026, 8, 16)


APPENDIX_SCHEDULE = """ПРОТОКОЛ № 8
совещания по вопросам благоустройства

г. Смоленск                                  02.03.2026

РЕШИЛИ:
1. Управлению ЖКХ (Орлов В.В.) подготовить перечень дворовых территорий до 20.03.2026.
2. Утвердить график проведения субботников (приложение 1).

Председатель                                  И.И. Иванов

Приложение 1. График проведения субботников
№	Мероприятие	Срок	Ответственный
1	Провести субботник в Заднепровском районе	11.04.2026	Орлов В.В.
2	Провести субботник в Ленинском районе	18.04.2026	Кузнецов П.П.

Лист ознакомления
ФИО	Должность	Дата	Подпись
Орлов В.В.	начальник управления ЖКХ	03.03.2026\t
Кузнецов П.П.	заместитель главы	04.03.2026\t
"""


def test_appendix_schedule_after_signature_is_no_assignment() -> None:
    parsed = parse_text(APPENDIX_SCHEDULE)
    assert parsed.header.date == datetime.date(2026, 3, 2)
    assert [a.number for a in parsed.assignments] == ["1"]


SEVERAL_QUESTIONS = """ПРОТОКОЛ № 5
заседания управляющего совета МБОУ «СШ № 3»

18 марта 2026 г.

1. СЛУШАЛИ: Петрову А.А. о питании.
РЕШИЛИ:
1.1. Директору школы Соколову И.П. заключить договор на поставку питания до 01.04.2026.
1.2. Контроль за исполнением возложить на председателя совета Петрову А.А.

2. СЛУШАЛИ: Соколова И.П. о ремонте спортивного зала. Ремонт будет завершён до 01.08.2026.
Выступили: Лебедев А.А. предложил провести субботник 25.04.2026.
РЕШИЛИ:
2.1. Заместителю директора по АХЧ Лебедеву А.А. организовать субботник 25.04.2026.

3. СЛУШАЛИ: Орлову Д.С. о выпускном вечере.
Орлова Д.С. попросила родителей подготовить сценарий до 15.05.2026.
РЕШИЛИ:
3.1. Информацию принять к сведению.

Председатель управляющего совета            А.А. Петрова
"""


def test_reports_and_control_clauses_between_questions() -> None:
    parsed = parse_text(SEVERAL_QUESTIONS)
    assert [a.number for a in parsed.assignments] == ["1.1", "2.1"]
    assert [a.deadline.date for a in parsed.assignments] == [
        datetime.date(2026, 4, 1),
        datetime.date(2026, 4, 25),
    ]


def test_appendix_inside_the_decisions_does_not_end_them() -> None:
    text = (
        "ПРОТОКОЛ № 9\nсовещания по подготовке к выпускным мероприятиям\n\n22.04.2026\n\n"
        "РЕШИЛИ:\n1. Утвердить план мероприятий.\nПриложение 1\n"
        "№\tМероприятие\tСрок\tОтветственный\n"
        "1\tПровести репетицию выпускного вечера\t20.06.2026\tОрлова Д.С.\n"
        "2. Петровой А.А. подготовить сценарий до 01.06.2026.\n\n"
        "Председатель                                  И.И. Иванов\n"
    )
    parsed = parse_text(text)
    assert [a.deadline.date for a in parsed.assignments] == [
        datetime.date(2026, 6, 20),
        datetime.date(2026, 6, 1),
    ]


def test_tail_after_decisions_without_marker() -> None:
    text = (
        "ПРОТОКОЛ № 2\nрабочей встречи\n\n05.03.2026\n\n"
        "1. Смирнову В.Е. подготовить смету до 20.03.2026.\n\n"
        "Председатель                                  И.И. Иванов\n\n"
        "Список рассылки:\n1. Орлову В.В. – исполнить в части касающейся.\n"
        "Исп. Петрова А.А., тел. 8 (4812) 29-27-01\n"
    )
    parsed = parse_text(text)
    assert [a.number for a in parsed.assignments] == ["1"]


def test_list_of_people_inside_the_decisions_is_no_plan() -> None:
    text = (
        "ПРОТОКОЛ № 6\nзаседания приёмной комиссии\n\nот 14 августа 2026 г.\n\n"
        "РЕШИЛИ:\n1. Зачислить абитуриентов согласно списку:\n"
        "№\tФИО\tСпециальность\tСредний балл\n"
        "1\tАлексеева Анна Петровна\t09.02.07\t4,85\n"
        "2\tБорисов Иван Сергеевич\t09.02.07\t4,71\n"
        "2. Новиковой Е.А. разместить приказ на сайте до 16.08.2026.\n"
    )
    parsed = parse_text(text)
    assert "Алексеева Анна Петровна" not in [a.text for a in parsed.assignments]
    assert parsed.assignments[-1].responsible == ("Новикова Е.А.",)
    assert all(a.deadline.date != datetime.date(2007, 2, 9) for a in parsed.assignments)
