"""More layouts of regional education bodies: each document of ``more_documents`` with what a
careful secretary would extract from it (number, opening words, deadline, doers)."""

from __future__ import annotations

import datetime

import pytest

from protocols import DeadlineKind, parse_deadline, parse_document, parse_text
from protocols.deadlines import Reference, find_inline_deadline
from protocols.labels import Label, LabelKind, line_label, split_labels
from protocols.responsible import find_addressee, split_label_value, split_organisers
from tests.protocols import more_documents as docs
from tests.protocols.documents import make_docx
from tests.protocols.rows import Row, rows

D = datetime.date
K = DeadlineKind
_rows = rows


#: Sub-items under «1. Информацию ... принять к сведению.» are tasks of their own.
MINISTRY: list[Row] = [
    (
        "1.1",
        "Руководителям профессиональных образовательных организаций:",
        D(2027, 3, 1),
        K.DATE,
        "до 01 марта 2027 г.",
        ("руководители профессиональных образовательных организаций",),
        False,
    ),
    (
        "1.2",
        "Руководителям профессиональных образовательных организаций",
        D(2027, 2, 15),
        K.DATE,
        "в срок до 15.02.2027",
        ("руководители профессиональных образовательных организаций",),
        False,
    ),
    (
        "1.3",
        "Отделу профессионального образования (Петрова",
        D(2027, 1, 5),
        K.RECURRING,
        "ежеквартально до 5 числа месяца, следующего за отчётным",
        ("Отдел профессионального образования", "Петрова А.В."),
        False,
    ),
    (
        "2",
        "ГАПОУ «Смоленский политехнический техникум»",
        D(2026, 12, 31),
        K.QUARTER,
        "IV квартал 2026 г.",
        ("ГАПОУ «Смоленский политехнический техникум»", "Сидоров И.И."),
        False,
    ),
    (
        "3",
        "Рекомендовать руководителям организаций-работодателей принять",
        D(2027, 6, 30),
        K.YEAR,
        "в течение 2026–2027 учебного года",
        ("руководители организаций-работодателей",),
        True,
    ),
]

#: «Ответственные:» with a position before the name and a group; «Исп.:».
PEDAGOGICAL_COUNCIL: list[Row] = [
    (
        "2",
        "Учителям-предметникам организовать индивидуальную работу",
        D(2027, 1, 31),
        K.MONTH,
        "январь 2027",
        ("Иванова Н.П.", "классные руководители 9-х классов"),
        False,
    ),
    (
        "3",
        "Провести пробный экзамен по",
        D(2026, 12, 20),
        K.DATE,
        "до 20.12.2026",
        ("Петров В.В.",),
        False,
    ),
    (
        "4",
        "Классным руководителям 9-х, 11-х",
        D(2026, 12, 25),
        K.DATE,
        "до 25 декабря 2026 года",
        ("классные руководители 9-х, 11-х классов",),
        False,
    ),
]

#: Numbered 1.1, 2.1 per question: no prefix needed.
METHODICAL_ASSOCIATION: list[Row] = [
    (
        "1.1",
        "Учителям 2-4 классов провести",
        D(2026, 11, 15),
        K.DATE,
        "до 15 ноября 2026 г.",
        ("учителя 2-4 классов",),
        False,
    ),
    ("1.2", "Продолжить работу по формированию", None, K.PERMANENT, "постоянно", (), False),
    (
        "2.1",
        "Зайцевой О.В. подготовить план",
        D(2026, 12, 20),
        K.DATE,
        "до 20.12.2026 (предоставить информацию)",
        ("Зайцева О.В.",),
        False,
    ),
    (
        "2.2",
        "Всем учителям МО обновить",
        D(2027, 6, 30),
        K.YEAR,
        "в течение 2026–2027 учебного года",
        ("Григорьева Л.П.",),
        False,
    ),
]

#: A decision table; a row «Утвердить ...» with its term and doer is a task.
OPERATIONAL_TABLE: list[Row] = [
    (
        "1",
        "Утвердить график промежуточной аттестации",
        D(2026, 12, 5),
        K.DATE,
        "до 05.12.2026",
        ("Морозова Е.Г.",),
        False,
    ),
    (
        "2",
        "Обеспечить заключение договоров о",
        D(2026, 12, 20),
        K.DATE,
        "до 20.12.2026",
        ("Ковалёв Д.И.",),
        False,
    ),
    (
        "3",
        "Провести инструктаж по технике",
        D(2026, 12, 16),
        K.RELATIVE,
        "не позднее 10 рабочих дней",
        ("Ковалёв Д.И.", "руководители практики"),
        False,
    ),
    (
        "4",
        "Организовать новогодние мероприятия",
        D(2026, 12, 31),
        K.QUARTER,
        "IV квартал 2026 г.",
        ("Никитина С.О.", "кураторы групп"),
        False,
    ),
    (
        "5",
        "Представлять отчёт о посещаемости",
        D(2026, 12, 5),
        K.RECURRING,
        "ежемесячно до 5 числа",
        ("Кураторы учебных групп",),
        False,
    ),
    (
        "6",
        "Обновить информацию на официальном",
        None,
        K.PERMANENT,
        "постоянно",
        ("Отдел информатизации", "Белов К.С."),
        False,
    ),
]

#: «Поручить ...», «Рекомендовать ...:» with sub-items, recurring term.
WORKING_GROUP: list[Row] = [
    (
        "1",
        "Поручить ГАУ ДПО «Смоленский",
        D(2026, 11, 1),
        K.DATE,
        "до 1 ноября 2026 г.",
        ("ГАУ ДПО «Смоленский областной институт развития образования»", "Николаева М.А."),
        False,
    ),
    (
        "2",
        "Поручить отделу общего образования",
        D(2026, 10, 5),
        K.RECURRING,
        "ежеквартально до 5 числа месяца, следующего за отчётным",
        (
            "отдел общего образования",
            "Петрова А.В.",
            "отдел профессионального образования",
            "Соколов Д.Н.",
        ),
        False,
    ),
    (
        "3.1",
        "обеспечить участие наставников в",
        D(2027, 1, 20),
        K.DATE,
        "до 20.01.2027 (предоставить информацию)",
        ("руководители муниципальных органов управления образованием",),
        True,
    ),
    (
        "3.2",
        "разместить информацию о реализации",
        None,
        K.PERMANENT,
        "постоянно",
        ("руководители муниципальных органов управления образованием",),
        True,
    ),
    (
        "4",
        "Рекомендовать образовательным организациям включить",
        None,
        K.NONE,
        "",
        ("образовательные организации",),
        True,
    ),
    (
        "5",
        "Ответственный секретарь рабочей группы",
        D(2026, 9, 18),
        K.RELATIVE,
        "в течение 3 рабочих дней",
        ("Кравцова Е.Н.",),
        False,
    ),
]

#: Numbering restarts in each question's РЕШИЛИ: the question number prefixes it.
PER_QUESTION: list[Row] = [
    (
        "1.2",
        "Руководителям ПОО разместить отчеты",
        D(2027, 4, 20),
        K.DATE,
        "до 20.04.2027",
        ("руководители ПОО",),
        False,
    ),
    (
        "1.3",
        "Отделу профессионального образования (Ковалева",
        D(2027, 5, 31),
        K.MONTH,
        "май 2027 г.",
        ("Отдел профессионального образования", "Ковалева И.С."),
        False,
    ),
    (
        "2.1",
        "Директорам ПОО обеспечить участие",
        D(2027, 6, 30),
        K.YEAR,
        "в течение 2026–2027 учебного года",
        ("директора ПОО",),
        False,
    ),
    (
        "2.2",
        "ОГБПОУ «Смоленский педагогический колледж»",
        D(2026, 12, 1),
        K.DATE,
        "до 1 декабря 2026 г.",
        ("ОГБПОУ «Смоленский педагогический колледж»", "Сидоров И.И."),
        False,
    ),
]

#: Terms inside the sentence; a term counted from another event has no date.
INLINE_TERMS: list[Row] = [
    (
        "1",
        "Руководителям образовательных организаций в",
        D(2026, 9, 15),
        K.DATE,
        "в срок до 15.09.2026",
        ("руководители образовательных организаций",),
        False,
    ),
    (
        "2",
        "Иванову Ивану Петровичу, главному",
        None,
        K.RELATIVE,
        "не позднее 10 рабочих дней со дня получения сведений",
        ("Иванов И.П.",),
        False,
    ),
    (
        "3",
        "Директору МБОУ СШ №",
        D(2026, 9, 30),
        K.DATE,
        "до 30 сентября 2026 г.",
        ("Петрова А.В.",),
        False,
    ),
    (
        "4",
        "Специалистам управления образования (Кузнецова",
        D(2026, 12, 31),
        K.QUARTER,
        "в IV квартале 2026 г.",
        ("специалисты управления образования", "Кузнецова Т.В.", "Морозов Д.А."),
        False,
    ),
    (
        "5",
        "Руководителям образовательных организаций ежемесячно",
        D(2026, 9, 10),
        K.RECURRING,
        "ежемесячно до 10 числа",
        ("руководители образовательных организаций",),
        False,
    ),
    (
        "6",
        "Заместителю начальника управления Смирновой",
        None,
        K.PERMANENT,
        "постоянно",
        ("Смирнова О.Л.",),
        False,
    ),
]

#: Roman headings after a single «ПОСТАНОВИЛИ:» group its decisions.
CLUSTER_SECTIONS: list[Row] = [
    (
        "I.2",
        "Ядру кластера – ОГБПОУ",
        D(2026, 12, 31),
        K.DATE,
        "до 31 декабря 2026 г.",
        ("Ядро кластера – ОГБПОУ «Ярцевский индустриальный техникум»", "Гусев А.П."),
        False,
    ),
    (
        "I.3",
        "Организациям-работодателям – участникам кластера",
        D(2026, 12, 31),
        K.YEAR,
        "в течение 2026 года",
        ("Организации-работодатели – участники кластера",),
        False,
    ),
    (
        "II.1",
        "Гусеву А.П. обеспечить приёмку",
        None,
        K.RELATIVE,
        "не позднее 30 календарных дней с даты поставки",
        ("Гусев А.П.",),
        False,
    ),
    (
        "II.2",
        "Предложить ООО «Ярцевский машиностроительный",
        D(2026, 12, 31),
        K.HALF_YEAR,
        "II полугодие 2026 г.",
        ("ООО «Ярцевский машиностроительный завод»",),
        True,
    ),
]

#: Labels after each item: a participle clause, «Исп.:», a term before an event.
GIA_HEADQUARTERS: list[Row] = [
    (
        "2",
        "Провести региональные тренировочные мероприятия",
        D(2027, 3, 31),
        K.MONTH,
        "февраль – март 2027 г.",
        ("РЦОИ", "Федоров С.В.", "руководители ППЭ"),
        False,
    ),
    (
        "3",
        "Организовать обучение лиц, привлекаемых",
        D(2027, 4, 1),
        K.DATE,
        "до 1 апреля 2027 г.",
        ("ГАУ ДПО СОИРО", "Николаева М.А."),
        False,
    ),
    (
        "4",
        "Обеспечить информирование участников ГИА",
        None,
        K.PERMANENT,
        "постоянно",
        (
            "органы местного самоуправления, осуществляющие управление в сфере образования",
            "руководители общеобразовательных организаций",
        ),
        False,
    ),
    (
        "5",
        "Направить в Рособрнадзор информацию",
        None,
        K.RELATIVE,
        "не позднее 10 рабочих дней до начала экзаменов",
        ("Федоров С.В.",),
        False,
    ),
]

#: Labels after a dash inside the sentence, in brackets, several doers.
METHODICAL_COUNCIL: list[Row] = [
    (
        "1",
        "Председателям ПЦК обеспечить корректировку",
        D(2026, 10, 1),
        K.DATE,
        "до 01.10.2026",
        ("председатели ПЦК",),
        False,
    ),
    (
        "2",
        "Методисту Орловой Г.В. организовать",
        D(2026, 11, 30),
        K.MONTH,
        "ноябрь 2026 г.",
        ("Орлова Г.В.",),
        False,
    ),
    (
        "3",
        "Преподавателям, не прошедшим курсы",
        D(2027, 6, 30),
        K.YEAR,
        "в течение 2026–2027 учебного года",
        ("преподаватели, не прошедшие курсы повышения квалификации за последние три года",),
        False,
    ),
    (
        "4",
        "Заведующему отделением Смирнову А.А.",
        D(2026, 12, 1),
        K.DATE,
        "до 1 декабря 2026 г.",
        ("Смирнов А.А.", "Орлова Г.В."),
        False,
    ),
    (
        "5",
        "Рассмотреть вопрос о проведении",
        None,
        K.RELATIVE,
        "на следующем заседании методического совета",
        (),
        False,
    ),
]

#: «По первому вопросу СЛУШАЛИ:»; numbering restarts; «1 раз в четверть».
SCHOOL_COUNCIL_QUESTIONS: list[Row] = [
    (
        "1.2",
        "Заместителю директора по УВР",
        D(2026, 9, 30),
        K.MONTH,
        "сентябрь 2026 г.",
        ("Соловьёва Е.А.",),
        False,
    ),
    (
        "2.2",
        "Классным руководителям 1–11 классов",
        D(2026, 9, 10),
        K.DATE,
        "до 10.09.2026",
        ("Гаврилова М.С.",),
        False,
    ),
    (
        "3.1",
        "Руководителям ШМО включить в",
        None,
        K.RECURRING,
        "1 раз в четверть",
        ("руководители ШМО",),
        False,
    ),
    (
        "3.2",
        "Учителям-предметникам использовать материалы ФИОКО",
        D(2027, 6, 30),
        K.YEAR,
        "в течение учебного года",
        ("Воронина И.И.",),
        False,
    ),
]

#: Week of a month, start of the school year, short years, spans, recurring.
DEADLINE_FORMS: list[Row] = [
    (
        "1",
        "Руководителям общеобразовательных организаций провести",
        D(2027, 4, 20),
        K.DATE,
        "до 20 апреля 2027 г.",
        ("руководители общеобразовательных организаций",),
        False,
    ),
    (
        "2",
        "Руководителям общеобразовательных организаций обеспечить",
        D(2027, 9, 1),
        K.DATE,
        "к 1 сентября 2027 г.",
        ("руководители общеобразовательных организаций",),
        False,
    ),
    (
        "3",
        "Провести совещание по итогам",
        D(2027, 2, 14),
        K.MONTH,
        "2 неделя февраля 2027 г.",
        (),
        False,
    ),
    (
        "4",
        "Руководителям общеобразовательных организаций представить",
        None,
        K.NONE,
        "по графику, установленному Министерством",
        ("руководители общеобразовательных организаций",),
        False,
    ),
    (
        "5",
        "Организовать летнюю оздоровительную кампанию.",
        D(2027, 8, 31),
        K.MONTH,
        "июнь – август 2027 г.",
        ("Отдел общего образования", "Петрова А.В."),
        False,
    ),
    (
        "6",
        "Заслушать руководителей школ о",
        D(2027, 8, 31),
        K.DATE,
        "до начала 2027/2028 учебного года",
        (),
        False,
    ),
    ("7", "Обеспечить размещение информации на", D(2027, 1, 25), K.DATE, "25.01.27", (), False),
    (
        "8",
        "Руководителям ОО направить заявки",
        D(2027, 2, 14),
        K.RELATIVE,
        "в течение месяца",
        ("руководители ОО",),
        False,
    ),
    (
        "9",
        "Руководителям ОО провести мероприятия,",
        D(2027, 2, 22),
        K.PERIOD,
        "с 16 по 22 февраля 2027 г.",
        ("руководители ОО",),
        False,
    ),
    (
        "10",
        "Представлять отчёты об исполнении",
        D(2027, 2, 1),
        K.RECURRING,
        "ежегодно, до 1 февраля",
        ("Морозов Д.А.",),
        False,
    ),
]

#: Initials first, full names in the dative and nominative, «Поручить:» with sub-items.
DEPARTMENT: list[Row] = [
    (
        "1",
        "Поручить И.И. Иванову, начальнику",
        D(2027, 3, 1),
        K.DATE,
        "до 1.03.2027 г.",
        ("Иванов И.И.",),
        False,
    ),
    ("2", "Рекомендовать Н.П. Ивановой, председателю", None, K.NONE, "", ("Иванова Н.П.",), True),
    (
        "3",
        "Начальнику отдела общего образования",
        D(2027, 3, 31),
        K.MONTH,
        "в марте 2027 г.",
        ("Петрова А.В.",),
        False,
    ),
    (
        "4",
        "Подготовить предложения по изменению",
        D(2027, 3, 15),
        K.DATE,
        "15.03.2027",
        ("Сидоров И.И.",),
        False,
    ),
    (
        "5",
        "Обеспечить представление отчётов об",
        D(2027, 4, 1),
        K.RECURRING,
        "01.04.2027 г., далее – ежеквартально",
        ("Орлов В.В.",),
        False,
    ),
    (
        "6.1",
        "Отделу кадровой работы (Федорова",
        D(2027, 3, 20),
        K.DATE,
        "до 20.03.2027",
        ("Отдел кадровой работы", "Федорова Л.М."),
        False,
    ),
    (
        "6.2",
        "Отделу финансово-экономического обеспечения –",
        D(2027, 6, 30),
        K.QUARTER,
        "II квартал 2027 г.",
        ("Отдел финансово-экономического обеспечения",),
        False,
    ),
    (
        "7",
        "О результатах мониторинга доложить",
        None,
        K.RELATIVE,
        "на очередном заседании коллегии Департамента",
        ("Кириллова О.С.",),
        False,
    ),
    (
        "8",
        "обеспечить контроль за организацией",
        None,
        K.NONE,
        "",
        ("руководители муниципальных органов управления образованием",),
        False,
    ),
    (
        "8",
        "представить информацию о численности",
        D(2027, 2, 25),
        K.DATE,
        "в срок до 25.02.2027",
        ("руководители муниципальных органов управления образованием",),
        False,
    ),
]

#: Decisions taken at once are left out; bullets share their parent's addressee.
CLASS_TEACHERS: list[Row] = [
    (
        "4",
        "провести классные часы по",
        D(2026, 9, 30),
        K.DATE,
        "до 30 сентября 2026 г.",
        ("классные руководители 1–11 классов",),
        False,
    ),
    (
        "4",
        "организовать посещение семей обучающихся,",
        D(2026, 12, 31),
        K.HALF_YEAR,
        "в течение I полугодия",
        ("классные руководители 1–11 классов",),
        False,
    ),
    (
        "4",
        "своевременно информировать администрацию о",
        None,
        K.PERMANENT,
        "постоянно",
        ("классные руководители 1–11 классов",),
        False,
    ),
    (
        "5",
        "Провести совместное родительское собрание",
        D(2026, 10, 31),
        K.MONTH,
        "в октябре 2026 г.",
        ("Кузнецова О.Л.",),
        False,
    ),
]

CASES = [
    pytest.param(docs.MINISTRY, "12", D(2026, 11, 24), MINISTRY, id="ministry"),
    pytest.param(
        docs.PEDAGOGICAL_COUNCIL,
        "3",
        D(2026, 11, 10),
        PEDAGOGICAL_COUNCIL,
        id="pedagogical_council",
    ),
    pytest.param(
        docs.METHODICAL_ASSOCIATION,
        "2",
        D(2026, 10, 28),
        METHODICAL_ASSOCIATION,
        id="methodical_association",
    ),
    pytest.param(
        docs.OPERATIONAL_TABLE, "15", D(2026, 12, 2), OPERATIONAL_TABLE, id="operational_table"
    ),
    pytest.param(docs.WORKING_GROUP, "4", D(2026, 9, 15), WORKING_GROUP, id="working_group"),
    pytest.param(docs.PER_QUESTION, "5", D(2026, 10, 16), PER_QUESTION, id="per_question"),
    pytest.param(docs.INLINE_TERMS, "8", D(2026, 9, 9), INLINE_TERMS, id="inline_terms"),
    pytest.param(
        docs.CLUSTER_SECTIONS, "2", D(2026, 3, 3), CLUSTER_SECTIONS, id="cluster_sections"
    ),
    pytest.param(
        docs.GIA_HEADQUARTERS, "1", D(2027, 1, 12), GIA_HEADQUARTERS, id="gia_headquarters"
    ),
    pytest.param(
        docs.METHODICAL_COUNCIL, "4", D(2026, 9, 20), METHODICAL_COUNCIL, id="methodical_council"
    ),
    pytest.param(
        docs.SCHOOL_COUNCIL_QUESTIONS,
        "2",
        D(2026, 8, 30),
        SCHOOL_COUNCIL_QUESTIONS,
        id="school_council_questions",
    ),
    pytest.param(docs.DEADLINE_FORMS, "6", D(2027, 1, 14), DEADLINE_FORMS, id="deadline_forms"),
    pytest.param(docs.DEPARTMENT, "05-пр", D(2027, 2, 17), DEPARTMENT, id="department"),
    pytest.param(docs.CLASS_TEACHERS, "1", D(2026, 8, 29), CLASS_TEACHERS, id="class_teachers"),
]


@pytest.mark.parametrize(("text", "number", "date", "expected"), CASES)
def test_document(text: str, number: str, date: datetime.date, expected: list[Row]) -> None:
    protocol = parse_text(text)
    assert (protocol.header.number, protocol.header.date) == (number, date)
    assert _rows(protocol) == expected


def test_docx_decision_table_with_doers_before_the_term() -> None:
    data = make_docx(
        ["ПРОТОКОЛ № 21", "совещания при директоре", "от 11.01.2027", "РЕШИЛИ:"],
        [
            ["№ п/п", "Содержание поручения", "Ответственный", "Срок"],
            [
                "1",
                "Подготовить отчёт о результатах самообследования",
                "Морозова Е.Г.\nКовалёв Д.И.",
                "до 20.01.2027\n(предоставить информацию)",
            ],
            [
                "2",
                "Провести заседание стипендиальной комиссии",
                "зам. директора по ВР Никитина С.О.",
                "ежемесячно до 25 числа",
            ],
            ["3", "Принять к сведению информацию о ходе зимней сессии", "", "до 15.01.2027"],
            ["4", "Утвердить состав экзаменационных комиссий", "", ""],
            [
                "5",
                "Организовать участие студентов в чемпионате «Профессионалы»",
                "Ковалёв Д.И., руководители ПЦК",
                "февраль – март 2027 г.",
            ],
        ],
        ["Директор\tА.А. Соколов"],
    )
    protocol = parse_document(data, "protocol.docx")
    assert [
        (a.number, a.deadline.date, a.deadline.kind, a.responsible) for a in protocol.assignments
    ] == [
        ("1", D(2027, 1, 20), K.DATE, ("Морозова Е.Г.", "Ковалёв Д.И.")),
        ("2", D(2027, 1, 25), K.RECURRING, ("Никитина С.О.",)),
        ("5", D(2027, 3, 31), K.MONTH, ("Ковалёв Д.И.", "руководители ПЦК")),
    ]


# --- grammar fixes, one by one ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Counted from an event the protocol does not date: no calendar day.
        ("не позднее 10 рабочих дней до начала экзаменов", (None, K.RELATIVE)),
        ("в течение 5 дней со дня получения сведений", (None, K.RELATIVE)),
        ("в течение 30 дней с даты поставки оборудования", (None, K.RELATIVE)),
        # Counted from the meeting or its protocol: the protocol date stands for it.
        ("в течение 3 дней после заседания", (D(2027, 1, 15), K.RELATIVE)),
        ("не позднее 5 рабочих дней со дня подписания протокола", (D(2027, 1, 19), K.RELATIVE)),
        ("в течение 10 дней", (D(2027, 1, 22), K.RELATIVE)),
        # Recurring by school terms and counts.
        ("1 раз в четверть", (None, K.RECURRING)),
        ("2 раза в год", (None, K.RECURRING)),
        ("ежечетвертно", (None, K.RECURRING)),
        # A week of a month ends on its 7th day.
        ("2 неделя февраля 2027 г.", (D(2027, 2, 14), K.MONTH)),
        ("в течение первой недели марта", (D(2027, 3, 7), K.MONTH)),
        ("последняя неделя марта", (D(2027, 3, 31), K.MONTH)),
        # The start of a school year: the day before 1 September.
        ("до начала 2027/2028 учебного года", (D(2027, 8, 31), K.DATE)),
        ("к началу нового учебного года", (D(2027, 8, 31), K.DATE)),
    ],
)
def test_deadline_forms(text: str, expected: tuple[datetime.date | None, DeadlineKind]) -> None:
    found = parse_deadline(text, D(2027, 1, 12))
    assert (found.date, found.kind) == expected
    assert found.raw == text


def test_school_year_start_inside_a_sentence_follows_the_meeting() -> None:
    text = "Подготовить кабинеты к началу учебного года."
    spring = find_inline_deadline(text, Reference(D(2026, 5, 10)))
    autumn = find_inline_deadline(text, Reference(D(2026, 9, 14)))
    assert spring is not None and spring.deadline.date == D(2026, 8, 31)
    assert autumn is not None and autumn.deadline.date == D(2027, 8, 31)
    assert autumn.deadline.raw == "к началу учебного года"


def test_isp_label_names_the_doers() -> None:
    text, labels = split_labels("Направить информацию. Срок: до 01.02.2027. Исп.: Федоров С.В.")
    assert text == "Направить информацию."
    assert [(label.kind, label.value) for label in labels] == [
        (LabelKind.DEADLINE, "до 01.02.2027."),
        (LabelKind.RESPONSIBLE, "Федоров С.В."),
    ]
    assert line_label("Отв. исполнитель: Петрова А.В.") == Label(
        LabelKind.RESPONSIBLE, "Петрова А.В."
    )


def test_labels_after_a_dash_inside_the_sentence() -> None:
    text, labels = split_labels(
        "Обеспечить корректировку программ — срок: до 01.10.2026, ответственные: председатели ПЦК."
    )
    assert text == "Обеспечить корректировку программ"
    assert [label.kind for label in labels] == [LabelKind.DEADLINE, LabelKind.RESPONSIBLE]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        # A participle clause belongs to the body before it.
        (
            "органы местного самоуправления, осуществляющие управление в сфере образования, "
            "руководители общеобразовательных организаций",
            [
                "органы местного самоуправления, осуществляющие управление в сфере образования",
                "руководители общеобразовательных организаций",
            ],
        ),
        # An enumeration of classes stays one group.
        ("классные руководители 9-х, 11-х классов", ["классные руководители 9-х, 11-х классов"]),
        # A group in the plural after a person is a doer; a position in the singular is not.
        ("Ковалёв Д.И., руководители практики", ["Ковалёв Д.И.", "руководители практики"]),
        (
            "Иванов И.И., Петров П.П., члены рабочей группы",
            ["Иванов И.И.", "Петров П.П.", "члены рабочей группы"],
        ),
        ("Дёмин В.Ю., директор МБОУ СОШ № 3", ["Дёмин В.Ю."]),
        ("Морозов Д.А., ведущий специалист отдела", ["Морозов Д.А."]),
        # A surname the dictionary knows as a place, before a first name and patronymic.
        ("начальник отдела мониторинга Кириллова Ольга Сергеевна", ["Кириллова О.С."]),
    ],
)
def test_label_values(value: str, expected: list[str]) -> None:
    assert split_label_value(value) == expected


def test_plan_cell_with_a_person_and_a_group() -> None:
    assert split_organisers("Никитина С.О., кураторы групп") == ["Никитина С.О.", "кураторы групп"]
    assert split_organisers("Отдел информатизации (Белов К.С.)") == [
        "Отдел информатизации",
        "Белов К.С.",
    ]
    assert split_organisers("Секретарь рабочей группы Юдина М.А.") == ["Юдина М.А."]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Заместителю директора по УВР Ивановой Н.П., классным руководителям 9-х классов "
            "организовать консультации.",
            ("Иванова Н.П.", "классные руководители 9-х классов"),
        ),
        # The person's position after the name is not a doer of its own.
        ("Поручить Д.С. Хнычевой, заместителю директора, подготовить отчёт.", ("Хнычева Д.С.",)),
        # "в" is a preposition, not a noun that would end the participle clause.
        (
            "Учителям-предметникам, работающим в 5-х классах, обеспечить преемственность.",
            ("учителя-предметники, работающие в 5-х классах",),
        ),
        # A dash between the addressee and the verb.
        (
            "Ядру кластера – ОГБПОУ «Ярцевский техникум» (Гусев А.П.) – обеспечить выполнение.",
            ("Ядро кластера – ОГБПОУ «Ярцевский техникум»", "Гусев А.П."),
        ),
    ],
)
def test_dative_addressees(sentence: str, expected: tuple[str, ...]) -> None:
    assert find_addressee(sentence).responsible == expected


def _numbers(text: str) -> list[str | None]:
    return [a.number for a in parse_text(text).assignments]


def test_sub_items_of_a_noted_item_inherit_nothing_from_it() -> None:
    text = (
        "ПРОТОКОЛ № 1\nсовещания\nот 10.01.2027\n\nРЕШИЛИ:\n"
        "1. Информацию Петровой А.В. принять к сведению.\n"
        "1.1. Подготовить отчёт до 20.01.2027.\n"
        "2. Утвердить состав рабочей группы:\n"
        "2.1. Иванов И.И. – руководитель группы.\n"
        "2.2. Провести первое заседание группы до 01.02.2027.\n"
    )
    protocol = parse_text(text)
    # "2." lists its content: the sub-items are that content, not tasks.
    assert [(a.number, a.responsible) for a in protocol.assignments] == [("1.1", ())]


def test_roman_sections_with_a_decision_part_each_still_end_it() -> None:
    text = (
        "ПРОТОКОЛ № 1\nсовещания\nот 10.01.2027\n\n"
        "I. О первом\nСЛУШАЛИ: Иванова И.И.\nРЕШИЛИ:\n1. Иванову И.И. подготовить отчёт.\n"
        "II. О втором\nИванов И.И. предложил провести семинар.\n"
        "РЕШИЛИ:\n1. Петрову П.П. провести семинар.\n"
    )
    assert _numbers(text) == ["I.1", "II.1"]


def test_numbers_running_on_across_questions_get_no_prefix() -> None:
    text = (
        "ПРОТОКОЛ № 1\nсовещания\nот 10.01.2027\n\n"
        "1. СЛУШАЛИ: Иванова И.И.\nРЕШИЛИ:\n1. Иванову И.И. подготовить отчёт.\n"
        "2. СЛУШАЛИ: Петрова П.П.\nРЕШИЛИ:\n2. Петрову П.П. провести семинар.\n"
    )
    assert _numbers(text) == ["1", "2"]


def test_question_prefix_counts_decision_parts_when_no_number_is_printed() -> None:
    text = (
        "ПРОТОКОЛ № 1\nсовещания\nот 10.01.2027\n\n"
        "СЛУШАЛИ: Иванова И.И.\nРЕШИЛИ:\n1. Иванову И.И. подготовить отчёт.\n"
        "СЛУШАЛИ: Петрова П.П.\nРЕШИЛИ:\n1. Петрову П.П. провести семинар.\n"
    )
    assert _numbers(text) == ["1.1", "2.1"]


def test_table_rows_decided_at_once() -> None:
    text = (
        "ПРОТОКОЛ № 2\nсовещания\nот 10.01.2027\n\nРЕШИЛИ:\n"
        "№\tПоручение\tСрок\tОтветственный\n"
        "1.\tПринять к сведению информацию о сессии\tдо 15.01.2027\tМорозова Е.Г.\n"
        "2.\tУтвердить график аттестации\t\t\n"
        "3.\tУтвердить график консультаций\tдо 20.01.2027\tМорозова Е.Г.\n"
        "4.\tПровести консультации\tфевраль 2027 г.\tПреподаватели\n"
    )
    assert _numbers(text) == ["3", "4"]


def test_label_values_on_the_next_line_and_two_labels_on_one_line() -> None:
    text = (
        "ПРОТОКОЛ № 9\nсовещания при директоре колледжа\nот 05.02.2027\n\nРЕШИЛИ:\n"
        "1. Обеспечить подготовку к аккредитационному мониторингу.\n"
        "Ответственный исполнитель:\nМорозова Е.Г., заместитель директора по УР\n"
        "Срок исполнения:\nдо 01.03.2027\n"
        "2. Провести проверку журналов учебных групп.\n"
        "Срок: ежемесячно, до 25 числа\n"
        "Ответственные: заведующие отделениями,\nпредседатели ПЦК\n"
        "3. Направить студентов на региональный этап чемпионата.\n"
        "Срок: март 2027 г. Ответственный: Ковалёв Д.И.\n"
    )
    assert [
        (a.deadline.date, a.deadline.raw, a.responsible) for a in parse_text(text).assignments
    ] == [
        (D(2027, 3, 1), "до 01.03.2027", ("Морозова Е.Г.",)),
        (
            D(2027, 2, 25),
            "ежемесячно, до 25 числа",
            ("заведующие отделениями", "председатели ПЦК"),
        ),
        (D(2027, 3, 31), "март 2027 г.", ("Ковалёв Д.И.",)),
    ]


def test_label_printed_alone_in_a_docx_paragraph() -> None:
    data = make_docx(
        [
            "ПРОТОКОЛ № 9",
            "совещания",
            "от 05.02.2027",
            "РЕШИЛИ:",
            "1. Обеспечить подготовку к мониторингу.",
            "Ответственный:",
            "Морозова Е.Г.",
            "Срок:",
            "до 01.03.2027",
        ]
    )
    (only,) = parse_document(data, "protocol.docx").assignments
    assert (only.deadline.date, only.responsible) == (D(2027, 3, 1), ("Морозова Е.Г.",))
