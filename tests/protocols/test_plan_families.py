"""Work plans, road maps and decision tables as real files: each document of
``plan_families`` with what a careful secretary would extract from it (number, opening words,
deadline, doers), and its title."""

# Expected doers stay whole on one line each.
# ruff: noqa: E501

from __future__ import annotations

import datetime

import pytest

from protocols import DeadlineKind, parse_document, parse_text
from protocols.header import plan_year
from protocols.readers import read_document
from protocols.responsible import split_organisers
from tests.protocols import plan_families as docs
from tests.protocols.documents import PdfItem, make_pdf_drawn, pdf_table
from tests.protocols.rows import PlanRow, plan_rows

D = datetime.date
K = DeadlineKind
Row = PlanRow
_rows = plan_rows


#: Approved in December for the next year: the terms fall in the plan's year. A cell of two
#: paragraphs that goes on in lower case is one text; a doer under a position, or merged over
#: two rows, is named in each.
METHODICAL_PLAN: list[Row] = [
    (
        "1.1",
        "Проведение заседаний методического совета",
        None,
        K.RECURRING,
        "ежемесячно",
        ("Петрова А.А.",),
    ),
    (
        "1.2",
        "Корректировка рабочих программ по",
        D(2027, 10, 31),
        K.MONTH,
        "сентябрь-октябрь",
        ("Председатели ПЦК",),
    ),
    (
        "1.3",
        "Участие в конкурсах профессионального",
        None,
        K.NONE,
        "по графику",
        ("Сидорова В.В.", "Преподаватели"),
    ),
    (
        "2.1",
        "Организация курсов повышения квалификации",
        D(2027, 12, 31),
        K.YEAR,
        "в течение года",
        ("Петрова А.А.",),
    ),
    (
        "2.2",
        "Подготовка отчёта о работе",
        D(2028, 1, 31),
        K.MONTH,
        "декабрь 2027 г. – январь 2028 г.",
        ("Петрова А.А.",),
    ),
    (
        "2.3",
        "Мониторинг качества обучения",
        None,
        K.RECURRING,
        "1 раз в полугодие",
        ("Никитина С.О.",),
    ),
    (
        "2.4",
        "Представление отчётов о посещаемости",
        None,
        K.RECURRING,
        "до 25 числа каждого месяца",
        ("Кураторы групп",),
    ),
]

UPBRINGING_PLAN: list[Row] = [
    (
        None,
        "Проведение классных часов по",
        None,
        K.RECURRING,
        "ежемесячно",
        ("Кураторы учебных групп",),
    ),
    (
        None,
        "Организация работы студенческого совета",
        D(2027, 12, 31),
        K.YEAR,
        "в течение года",
        ("Соколова Е.Н.",),
    ),
    (None, "Участие в областном фестивале", D(2027, 4, 30), K.MONTH, "март-апрель", ("Ким А.Р.",)),
    (None, "Проведение Дня открытых дверей", None, K.NONE, "по графику", ("Приёмная комиссия",)),
]

#: Months without a year fall in the school year: September in its first year, June in its
#: second.
SCHOOL_YEAR_PLAN: list[Row] = [
    (
        "1",
        "Утверждение плана работы Совета",
        D(2026, 9, 30),
        K.MONTH,
        "сентябрь",
        ("Председатель Совета",),
    ),
    (
        "2",
        "Рассмотрение персональных дел обучающихся",
        None,
        K.RECURRING,
        "ежемесячно (последний четверг)",
        ("Члены Совета",),
    ),
    (
        "3",
        "Анализ работы Совета за",
        D(2027, 1, 31),
        K.MONTH,
        "декабрь 2026 г. – январь 2027 г.",
        ("Лебедева О.В.",),
    ),
    ("4", "Отчёт о работе Совета", D(2027, 6, 30), K.MONTH, "июнь", ("Председатель Совета",)),
]

#: Quarters as columns under a header of two rows: the last quarter marked is the term.
ROAD_MAP: list[Row] = [
    (
        "1",
        "Заключение соглашений с предприятиями-партнёрами",
        D(2027, 6, 30),
        K.QUARTER,
        "I кв., II кв.",
        ("Директор колледжа",),
    ),
    (
        "2",
        "Разработка образовательных программ",
        D(2027, 9, 30),
        K.QUARTER,
        "II кв., III кв.",
        ("Орлова Н.П.",),
    ),
    (
        "3",
        "Закупка оборудования для мастерских",
        D(2027, 12, 31),
        K.QUARTER,
        "IV кв.",
        ("Главный бухгалтер",),
    ),
    (
        "4",
        "Мониторинг трудоустройства выпускников",
        D(2027, 12, 31),
        K.QUARTER,
        "I кв., II кв., III кв., IV кв.",
        ("Центр карьеры",),
    ),
]

#: Months as columns of a school year; the last month marked is the term.
CONTROL_SCHEDULE: list[Row] = [
    (
        "1",
        "Контроль ведения журналов",
        D(2027, 6, 30),
        K.MONTH,
        "сентябрь, декабрь, март, июнь",
        ("Орлова Н.П.",),
    ),
    (
        "2",
        "Проверка готовности кабинетов",
        D(2026, 9, 30),
        K.MONTH,
        "сентябрь",
        ("Заведующие кабинетами",),
    ),
    (
        "3",
        "Контроль проведения практики",
        D(2027, 5, 31),
        K.MONTH,
        "апрель, май",
        ("Заведующий практикой",),
    ),
]

PREVENTION_PLAN: list[Row] = [
    (None, "Лекция инспектора ПДН", D(2027, 2, 28), K.DATE, "28.02.2027", ("Белова И.К.",)),
    (None, "Рейды в общежитие", D(2027, 4, 30), K.DATE, "30.04.2027", ("Воспитатели общежития",)),
    (None, "Спартакиада", D(2027, 5, 20), K.DATE, "20.05.2027", ("Руководитель физвоспитания",)),
]

#: Each activity under the numbered heading row takes its number.
UPBRINGING_SUB_ROWS: list[Row] = [
    ("1", "«Мы против наркотиков»", D(2027, 3, 31), K.MONTH, "март", ("Кураторы групп",)),
    ("1", "«День Победы»", D(2027, 5, 31), K.MONTH, "май", ("Ким А.Р.",)),
    (
        "2",
        "Спортивные соревнования",
        None,
        K.NONE,
        "по плану спортклуба",
        ("Руководитель физвоспитания",),
    ),
]

#: Each half-year takes the year printed over it.
ROAD_MAP_YEARS: list[Row] = [
    (
        "1",
        "Разработка программ",
        D(2026, 12, 31),
        K.HALF_YEAR,
        "I полугодие 2026 г., II полугодие 2026 г.",
        ("Методический отдел",),
    ),
    (
        "2",
        "Апробация программ",
        D(2027, 6, 30),
        K.HALF_YEAR,
        "II полугодие 2026 г., I полугодие 2027 г.",
        ("Учебная часть",),
    ),
    (
        "3",
        "Внедрение программ",
        D(2027, 12, 31),
        K.HALF_YEAR,
        "II полугодие 2027 г.",
        ("Директор",),
    ),
]

ASSIGNMENT_LIST: list[Row] = [
    (
        "1",
        "Обеспечить проведение мониторинга трудоустройства",
        D(2027, 3, 1),
        K.DATE,
        "до 1 марта 2027 г.",
        ("руководители ПОО",),
    ),
    (
        "2",
        "Представить в министерство информацию",
        D(2027, 2, 5),
        K.RECURRING,
        "ежемесячно до 5 числа",
        ("Ковалёва Т.А.", "Смирнов П.П."),
    ),
    (
        "3",
        "Организовать участие обучающихся в",
        D(2027, 3, 31),
        K.MONTH,
        "февраль-март 2027 г.",
        ("директора колледжей", "ГАУ ДПО «ИРО»"),
    ),
]

DOCX_CASES = [
    pytest.param(
        docs.METHODICAL_PLAN,
        "ПЛАН работы методической службы колледжа на 2027 год",
        METHODICAL_PLAN,
        id="methodical",
    ),
    pytest.param(
        docs.UPBRINGING_PLAN,
        "ПЛАН МЕРОПРИЯТИЙ по реализации программы воспитания ГПОУ ТО «Тульский техникум» на 2027 год",
        UPBRINGING_PLAN,
        id="upbringing",
    ),
    pytest.param(
        docs.SCHOOL_YEAR_PLAN,
        "ПЛАН работы Совета по профилактике правонарушений на 2026-2027 учебный год",
        SCHOOL_YEAR_PLAN,
        id="school_year",
    ),
    pytest.param(
        docs.ROAD_MAP,
        "ДОРОЖНАЯ КАРТА по созданию образовательного кластера «Машиностроение» Курганской области на 2027 год",
        ROAD_MAP,
        id="road_map",
    ),
    pytest.param(
        docs.CONTROL_SCHEDULE,
        "ПЛАН-ГРАФИК внутриколледжного контроля на 2026/2027 учебный год",
        CONTROL_SCHEDULE,
        id="control_schedule",
    ),
    pytest.param(
        docs.PREVENTION_PLAN,
        "ПЛАН работы по профилактике на 2027 год",
        PREVENTION_PLAN,
        id="prevention",
    ),
    pytest.param(
        docs.UPBRINGING_SUB_ROWS,
        "ПЛАН воспитательной работы на 2027 год",
        UPBRINGING_SUB_ROWS,
        id="sub_rows",
    ),
    pytest.param(
        docs.ROAD_MAP_YEARS,
        "ДОРОЖНАЯ КАРТА по внедрению программ профессионального обучения",
        ROAD_MAP_YEARS,
        id="road_map_years",
    ),
    pytest.param(
        docs.ASSIGNMENT_LIST,
        "ПЕРЕЧЕНЬ ПОРУЧЕНИЙ по итогам совещания с руководителями профессиональных образовательных организаций",
        ASSIGNMENT_LIST,
        id="assignment_list",
    ),
]


@pytest.mark.parametrize(("document", "title", "expected"), DOCX_CASES)
def test_docx_plan(
    document: tuple[list[str], list[list[docs.Cell]], list[str]], title: str, expected: list[Row]
) -> None:
    before, table, after = document
    protocol = parse_document(
        docs.make_docx_table(before, table, after, header_rows=1), "plan.docx"
    )
    assert protocol.header.title == title
    assert protocol.header.number is None
    assert _rows(protocol) == expected


def test_docx_plan_titled_in_its_first_row() -> None:
    """The title in the table's first row, merged across it, above the header."""
    table: list[list[docs.Cell]] = [
        ["План мероприятий по подготовке к ГИА на 2027 год", None, None, None],
        ["№ п/п", "Мероприятие", "Срок", "Ответственный"],
        ["1", "Ремонт учебных кабинетов", "июль-август", "Завхоз Гусев П.П."],
        ["2", "Формирование экзаменационных комиссий", "до 31 марта", "Зам. директора по УР"],
    ]
    protocol = parse_document(docs.make_docx_table([], table), "plan.docx")
    assert protocol.header.title == "План мероприятий по подготовке к ГИА на 2027 год"
    assert _rows(protocol) == [
        ("1", "Ремонт учебных кабинетов", D(2027, 8, 31), K.MONTH, "июль-август", ("Гусев П.П.",)),
        (
            "2",
            "Формирование экзаменационных комиссий",
            D(2027, 3, 31),
            K.DATE,
            "до 31 марта",
            ("Зам. директора по УР",),
        ),
    ]


def test_odt_plan_reads_as_the_docx() -> None:
    """LibreOffice's table: covered cells under a doer spanning two rows, a cell of two
    paragraphs, the plan's title inside a text without blank lines."""
    before, table, _ = docs.METHODICAL_PLAN
    protocol = parse_document(docs.make_odt_table(before, table), "plan.odt")
    assert protocol.header.title == "ПЛАН работы методической службы колледжа на 2027 год"
    assert _rows(protocol) == METHODICAL_PLAN


#: Sections merged across, a real date cell, a doer merged over two rows.
CAREER_WORKBOOK: list[Row] = [
    (
        "1.1",
        "Проведение Дней открытых дверей",
        D(2027, 3, 20),
        K.DATE,
        "20.03.2027",
        ("Никитина С.О.",),
    ),
    (
        "1.2",
        "Выезды в школы района",
        D(2027, 4, 30),
        K.MONTH,
        "февраль - апрель",
        ("Преподаватели",),
    ),
    ("1.3", "Размещение информации на сайте", None, K.RECURRING, "ежемесячно", ("Преподаватели",)),
    ("1.4", "Подготовка буклетов", D(2027, 3, 31), K.QUARTER, "I квартал", ("Зуева Л.Н.",)),
    ("2.1", "Родительские собрания", None, K.RECURRING, "1 раз в полугодие", ("Кураторы",)),
    (
        "2.2",
        "Индивидуальные консультации родителей",
        None,
        K.PERMANENT,
        "по запросу",
        ("Титова Г.М.",),
    ),
]

SCHEDULE_WORKBOOK: list[Row] = [
    (
        "1",
        "Формирование базы наставников",
        D(2027, 3, 31),
        K.QUARTER,
        "I кв.",
        ("Куратор программы наставничества",),
    ),
    (
        "2",
        "Обучение наставников",
        D(2027, 9, 30),
        K.QUARTER,
        "II кв., III кв.",
        ("ГАУ ДПО «ИРО»",),
    ),
    (
        "3",
        "Подведение итогов наставничества",
        D(2027, 12, 31),
        K.QUARTER,
        "IV кв.",
        ("Куратор программы наставничества",),
    ),
]

DEPARTMENT_WORKBOOK: list[Row] = [
    (
        "1",
        "Утверждение рабочих программ",
        D(2027, 1, 31),
        K.MONTH,
        "январь",
        ("Заведующий кафедрой",),
    ),
    ("2", "Взаимопосещение занятий", None, K.RECURRING, "ежемесячно", ("Преподаватели кафедры",)),
    (
        "3",
        "Разработка методических рекомендаций",
        D(2027, 6, 1),
        K.DATE,
        "до 1 июня",
        ("Волков В.В.",),
    ),
]


MEASURES_WORKBOOK: list[Row] = [
    (
        "1",
        "Проведение регионального этапа чемпионата",
        D(2027, 3, 31),
        K.DATE,
        "31.03.2027",
        ("Министерство образования и науки Калужской области",),
    ),
    (
        "2",
        "Организация профессиональных проб",
        D(2027, 12, 31),
        K.MONTH,
        "декабрь",
        ("Профессиональные образовательные организации",),
    ),
]

COUNCIL_WORKBOOK: list[Row] = [
    (
        "1",
        "Выборы председателя студсовета",
        D(2027, 1, 31),
        K.MONTH,
        "январь",
        ("Педагог-организатор",),
    ),
    ("2", "Акция «Чистый двор»", D(2027, 4, 30), K.MONTH, "апрель", ("Председатель студсовета",)),
]


XLSX_CASES = [
    pytest.param(
        docs.CAREER_WORKBOOK,
        "План работы отделения по профориентации на 2027 год",
        CAREER_WORKBOOK,
        id="career",
    ),
    pytest.param(
        docs.SCHEDULE_WORKBOOK,
        "ПЛАН-ГРАФИК мероприятий по внедрению целевой модели наставничества на 2027 год",
        SCHEDULE_WORKBOOK,
        id="schedule",
    ),
    pytest.param(
        docs.COUNCIL_WORKBOOK,
        "ПЛАН работы студенческого совета на 2027 год",
        COUNCIL_WORKBOOK,
        id="council",
    ),
    pytest.param(
        docs.MEASURES_WORKBOOK,
        "Комплекс мер по развитию системы профориентации в Калужской области на 2027 год",
        MEASURES_WORKBOOK,
        id="measures",
    ),
    pytest.param(
        docs.DEPARTMENT_WORKBOOK,
        "План работы кафедры на 2027 год",
        DEPARTMENT_WORKBOOK,
        id="department",
    ),
]


@pytest.mark.parametrize(("workbook", "title", "expected"), XLSX_CASES)
def test_xlsx_plan(
    workbook: tuple[list[list[docs.Cell]], list[str]], title: str, expected: list[Row]
) -> None:
    rows, merged = workbook
    protocol = parse_document(docs.make_xlsx(rows, merged), "plan.xlsx")
    assert protocol.header.title == title
    assert _rows(protocol) == expected


#: Copied from Excel: cells of two lines come quoted, quotes inside doubled.
EXCEL_PASTE: list[Row] = [
    (
        "1",
        "Формирование списков выпускников",
        D(2027, 2, 1),
        K.DATE,
        "до 01.02.2027",
        ("Никитина С.О.",),
    ),
    (
        "2",
        "Проведение пробного демонстрационного экзамена",
        D(2027, 4, 30),
        K.MONTH,
        "апрель 2027 г.",
        ("Председатели ПЦК",),
    ),
    (
        "3",
        'Оформление стенда "Готовимся к',
        D(2027, 12, 31),
        K.YEAR,
        "в течение года",
        ("Зуева Л.Н.",),
    ),
]

#: Copied from Word: a cell's second paragraph starts a line of its own; section rows are
#: lines without tabs.
WORD_PASTE: list[Row] = [
    (
        "1",
        "Подготовка нормативных документов приёмной",
        D(2027, 3, 1),
        K.DATE,
        "до 1 марта",
        ("Иванова Е.В.",),
    ),
    (
        "2",
        "Организация работы «горячей линии»",
        D(2027, 8, 31),
        K.MONTH,
        "июнь – август",
        ("Члены комиссии",),
    ),
    (
        "3",
        "Приём документов поступающих",
        D(2027, 8, 15),
        K.PERIOD,
        "20 июня – 15 августа",
        ("Технические секретари",),
    ),
    (
        "4",
        "Подведение итогов приёма",
        D(2027, 9, 30),
        K.MONTH,
        "сентябрь",
        ("Председатель комиссии",),
    ),
]


#: The school year: September in its first year, "в течение года" to its end; the signature
#: set apart under the table is no row.
LIBRARY_PASTE: list[Row] = [
    (
        None,
        "Заседание совета библиотеки",
        D(2026, 9, 30),
        K.MONTH,
        "сентябрь",
        ("Заведующий библиотекой",),
    ),
    (
        None,
        "Проверка библиотечного фонда",
        D(2026, 11, 30),
        K.MONTH,
        "октябрь – ноябрь",
        ("Карпова Л.И.",),
    ),
    (
        None,
        "Выставка «Книги-юбиляры»",
        D(2027, 6, 30),
        K.YEAR,
        "в течение года",
        ("Карпова Л.И.",),
    ),
]


#: A row with its term and doer is a task even when it approves something.
PASTED_DECISIONS: list[Row] = [
    (
        "1.1",
        "Утвердить план методической недели",
        D(2027, 2, 20),
        K.DATE,
        "до 20.02.2027",
        ("Орлова Н.П.",),
    ),
    ("1.2", "Провести открытые уроки в", D(2027, 3, 31), K.MONTH, "март", ("Председатели ПЦК",)),
    (
        "2.1",
        "Подготовить материалы к аттестации",
        D(2027, 4, 1),
        K.DATE,
        "до 01.04.2027",
        ("Аттестуемые преподаватели",),
    ),
    (
        "2.2",
        "Организовать взаимопосещение занятий",
        None,
        K.RECURRING,
        "ежемесячно",
        ("Зуева Л.Н.",),
    ),
]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(docs.PASTED_DECISIONS, PASTED_DECISIONS, id="decisions"),
        pytest.param(docs.EXCEL_PASTE, EXCEL_PASTE, id="excel"),
        pytest.param(docs.WORD_PASTE, WORD_PASTE, id="word"),
        pytest.param(docs.LIBRARY_PASTE, LIBRARY_PASTE, id="library"),
    ],
)
def test_pasted_table(text: str, expected: list[Row]) -> None:
    assert _rows(parse_text(text)) == expected


def test_plan_typed_as_a_list_names_its_activities() -> None:
    assert _rows(parse_text(docs.LISTED_PLAN)) == [
        ("2.1", "Проведение заседаний МО –", None, K.RECURRING, "ежемесячно", ("Петрова А.А.",)),
        (
            "2.2",
            "Подготовка к аттестации преподавателей",
            D(2027, 12, 31),
            K.YEAR,
            "в течение года",
            (),
        ),
        (
            "2.3",
            "Участие в областном конкурсе",
            D(2027, 3, 31),
            K.MONTH,
            "март",
            ("Сидорова В.В.",),
        ),
        ("2.4", "заседание методического совета –", D(2027, 9, 30), K.MONTH, "сентябрь", ()),
    ]


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        (
            "Корректировка рабочих программ\nпо дисциплинам",
            "Корректировка рабочих программ по дисциплинам",
        ),
        ("Мониторинг трудоустройства\nвыпускников", "Мониторинг трудоустройства выпускников"),
        ("I квартал\n2027 г.", "I квартал 2027 г."),
        ("ежемесячно\n(последний четверг)", "ежемесячно (последний четверг)"),
        # Entries apart: a group in the nominative, a person, a body.
        ("заведующие отделениями\nпредседатели ПЦК", "заведующие отделениями; председатели ПЦК"),
        ("Методист Сидорова В.В.\nПреподаватели", "Методист Сидорова В.В.; Преподаватели"),
        ("Заседание совета.\nПодготовка отчёта", "Заседание совета. Подготовка отчёта"),
    ],
)
def test_docx_cell_paragraphs(cell: str, expected: str) -> None:
    data = docs.make_docx_table([], [["Мероприятие", "Срок"], [cell, "март"]])
    assert read_document(data, "a.docx").split("\n")[1] == f"{expected}\tмарт"


def test_participants_are_not_the_doers_when_the_doers_have_a_column() -> None:
    text = (
        "ПЛАН\nпрофориентационной работы на 2027 год\n"
        "№\tМероприятие\tУчастники\tОтветственные\tСрок\n"
        "1.\tЭкскурсия на предприятие\tОбучающиеся 1 курса\tКураторы групп\tмарт\n"
        "2.\tЯрмарка вакансий\tВыпускники\tЦентр карьеры\tапрель\n"
    )
    assert [(a.responsible, a.deadline.date) for a in parse_text(text).assignments] == [
        (("Кураторы групп",), D(2027, 3, 31)),
        (("Центр карьеры",), D(2027, 4, 30)),
    ]


def test_a_list_of_assignments_for_next_year_runs_from_its_meeting() -> None:
    """Only a plan's period moves the terms: a list of assignments given in December about
    the next year's admission is due from its meeting on."""
    text = (
        "ПЕРЕЧЕНЬ ПОРУЧЕНИЙ по итогам совещания о приёмной кампании на 2027 год\n"
        "от 10.12.2026\n"
        "1. Руководителям ПОО представить контрольные цифры приёма до 20 декабря.\n"
    )
    assert [a.deadline.date for a in parse_text(text).assignments] == [D(2026, 12, 20)]


def test_a_plan_of_meetings_names_its_topics() -> None:
    """«Тема» heads the activity's column of a plan of meetings."""
    text = (
        "ПЛАН\nзаседаний педагогического совета на 2026/2027 учебный год\n"
        "№\tТема\tДата\tОтветственный\n"
        "1.\tАнализ работы за прошлый учебный год\tавгуст\tДиректор\n"
        "2.\tО допуске обучающихся к ГИА\tмай\tЗам. директора по УР Орлова Н.П.\n"
    )
    assert [(a.number, a.deadline.date, a.responsible) for a in parse_text(text).assignments] == [
        ("1", D(2026, 8, 31), ("Директор",)),
        ("2", D(2027, 5, 31), ("Орлова Н.П.",)),
    ]


def test_a_line_between_a_pasted_table_and_the_signature_is_no_cell() -> None:
    text = (
        "ПРОТОКОЛ № 4\nсовещания при директоре\nот 10.01.2027\nРЕШИЛИ:\n"
        "№\tРешение\tСрок\tОтветственный\n"
        "1\tПодготовить отчёт о самообследовании\tдо 01.02.2027\tИванов И.И.\n"
        "Информацию принять к сведению.\n"
        "Председатель\tП.П. Петров\n"
    )
    assert [(a.number, a.responsible) for a in parse_text(text).assignments] == [
        ("1", ("Иванов И.И.",))
    ]


def test_a_list_of_documents_is_no_plan() -> None:
    text = "ПЕРЕЧЕНЬ\nдокументов для поступления на 2027 год\n1. Заявление о приёме.\n2. Копия паспорта.\n"
    assert parse_text(text).assignments == ()


def test_list_of_assignments_dated_in_its_title() -> None:
    protocol = parse_text(docs.COLLEGIUM_LIST)
    assert (protocol.header.title, protocol.header.date) == (
        "ПЕРЕЧЕНЬ ПОРУЧЕНИЙ по итогам заседания коллегии министерства образования",
        D(2027, 1, 20),
    )
    assert _rows(protocol) == [
        (
            "1",
            "Обеспечить охват обучающихся горячим",
            D(2027, 3, 1),
            K.DATE,
            "до 01.03.2027",
            ("Иванов И.И.",),
        ),
        (
            "2",
            "Подготовить информацию о кадровом",
            None,
            K.RECURRING,
            "ежеквартально",
            ("Петрова А.А.", "Сидоров С.С."),
        ),
        (
            "3",
            "Провести семинар для заместителей",
            D(2027, 6, 30),
            K.QUARTER,
            "2 квартал 2027 г.",
            ("ГАУ ДПО ИРО",),
        ),
        (
            "4",
            "Отделу общего образования (Ковалёва",
            D(2027, 5, 31),
            K.MONTH,
            "апрель-май",
            ("Отдел общего образования", "Ковалёва Т.А."),
        ),
    ]


def _lines(texts: list[str], top: float) -> list[PdfItem]:
    return [(50, top - 14 * index, text) for index, text in enumerate(texts)]


def test_pdf_school_year_plan_across_pages() -> None:
    head = ["№ п/п", "Мероприятие", "Срок", "Ответственный"]
    first = _lines(["ПЛАН РАБОТЫ", "педагогического совета на 2026-2027 учебный год"], 800)
    first += pdf_table(
        [
            head,
            ["1", "2", "3", "4"],
            ["1.", "Утверждение плана работы", "август", "Директор"],
            ["2.", "Итоги успеваемости за I полугодие", "январь", "Зам. директора по УР"],
        ],
        top=740,
    )
    first.append((290, 30, "1"))
    second = pdf_table([head, ["3.", "О допуске к ГИА", "май", "Зам. директора по УР"]], top=800)
    second.append((290, 30, "2"))
    protocol = parse_document(make_pdf_drawn([first, second]), "plan.pdf")
    assert [(a.number, a.deadline.date, a.responsible) for a in protocol.assignments] == [
        ("1", D(2026, 8, 31), ("Директор",)),
        ("2", D(2027, 1, 31), ("Зам. директора по УР",)),
        ("3", D(2027, 5, 31), ("Зам. директора по УР",)),
    ]


def test_pdf_plan_schedule_with_quarters_across_pages() -> None:
    """A plan-schedule printed to PDF: a header of two rows repeated on the second page,
    section rows spanning the table, cells of several lines."""
    columns = (30, 55, 215, 330, 365, 400, 435, 470, 565)
    head = ["№", "Мероприятие", "Ответственный", "Срок реализации", None, None, None, "Результат"]
    quarters = ["", "", "", "I кв.", "II кв.", "III кв.", "IV кв.", ""]
    first: list[PdfItem] = [
        (50, 800, "ПЛАН-ГРАФИК"),
        (50, 786, "реализации программы развития колледжа на 2027 год"),
    ]
    first += docs.pdf_plan_table(
        [
            head,
            quarters,
            ["1. Развитие материально-технической базы", None, None, None, None, None, None, None],
            [
                "1.1",
                "Оснащение мастерских\nпо компетенции\n«Сварочные технологии»",
                "Заместитель\nдиректора по АХР\nГусев П.П.",
                "",
                "+",
                "+",
                "",
                "Акт",
            ],
            ["1.2", "Ремонт общежития", "Гусев П.П.", "", "", "+", "", "Акт"],
        ],
        top=760,
        columns=columns,
    )
    first.append((290, 30, "1"))
    second = docs.pdf_plan_table(
        [
            head,
            quarters,
            ["2. Кадровое обеспечение", None, None, None, None, None, None, None],
            [
                "2.1",
                "Стажировки преподавателей\nна предприятиях",
                "Методист\nЗуева Л.Н.",
                "+",
                "",
                "",
                "+",
                "Справка",
            ],
        ],
        top=800,
        columns=columns,
    )
    second.append((290, 30, "2"))
    protocol = parse_document(make_pdf_drawn([first, second]), "plan.pdf")
    assert (
        protocol.header.title == "ПЛАН-ГРАФИК реализации программы развития колледжа на 2027 год"
    )
    assert _rows(protocol) == [
        (
            "1.1",
            "Оснащение мастерских по компетенции",
            D(2027, 9, 30),
            K.QUARTER,
            "II кв., III кв.",
            ("Гусев П.П.",),
        ),
        ("1.2", "Ремонт общежития", D(2027, 9, 30), K.QUARTER, "III кв.", ("Гусев П.П.",)),
        (
            "2.1",
            "Стажировки преподавателей на предприятиях",
            D(2027, 12, 31),
            K.QUARTER,
            "I кв., IV кв.",
            ("Зуева Л.Н.",),
        ),
    ]


def _borderless(rows: list[list[str]], top: float) -> list[PdfItem]:
    """A table without rules: each cell's lines ("\n") at its column's left edge."""
    items: list[PdfItem] = []
    y = top
    for row in rows:
        for x, value in zip((40, 70, 300, 400), row, strict=True):
            items.extend((x, y - 12 * k, part) for k, part in enumerate(value.split("\n")) if part)
        y -= 12 * max(len(value.split("\n")) for value in row) + 4
    return items


def test_pdf_plan_without_rules_across_pages() -> None:
    """A table without rules: its columns come from the header (of two lines), a cell's
    second line and the next page's rows stay in their columns."""
    first: list[PdfItem] = [
        (50, 800, "ПЛАН РАБОТЫ"),
        (50, 786, "методического объединения преподавателей на 2027 год"),
    ]
    first += _borderless(
        [
            ["№", "Наименование", "Срок", "Ответственный"],
            ["", "мероприятия", "исполнения", "исполнитель"],
            [
                "1.",
                "Проведение открытых уроков\nпо специальным дисциплинам",
                "ежемесячно",
                "Петрова А.А.",
            ],
            ["2.", "Подготовка отчёта о работе", "декабрь", "Руководитель МО\nИванов И.И."],
        ],
        750,
    )
    first.append((290, 30, "1"))
    second = _borderless(
        [
            ["3.", "Участие в конференции", "апрель", "Сидорова В.В."],
            ["4.", "Обновление методических\nматериалов", "в течение года", "Преподаватели"],
        ],
        800,
    )
    second.append(
        (50, 600, "Руководитель методического объединения                    А.А. Петрова")
    )
    second.append((290, 30, "2"))
    protocol = parse_document(make_pdf_drawn([first, second]), "plan.pdf")
    assert _rows(protocol) == [
        ("1", "Проведение открытых уроков по", None, K.RECURRING, "ежемесячно", ("Петрова А.А.",)),
        ("2", "Подготовка отчёта о работе", D(2027, 12, 31), K.MONTH, "декабрь", ("Иванов И.И.",)),
        ("3", "Участие в конференции", D(2027, 4, 30), K.MONTH, "апрель", ("Сидорова В.В.",)),
        (
            "4",
            "Обновление методических материалов",
            D(2027, 12, 31),
            K.YEAR,
            "в течение года",
            ("Преподаватели",),
        ),
    ]


# --- rules, one by one -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "year"),
    [
        ("План работы на 2027 год", 2027),
        ("ПЛАН работы Совета на 2026-2027 учебный год", 2026),
        ("План работы методического объединения на 2026/2027 уч. год", 2026),
        ("Протокол заседания от 12.01.2027", None),
    ],
)
def test_plan_year(title: str, year: int | None) -> None:
    assert plan_year(title) == year


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("Зав. отделением Никитина С.О.", ["Никитина С.О."]),
        ("Заместитель директора по ВР; Соколова Е.Н.", ["Соколова Е.Н."]),
        ("Методист Сидорова В.В.; Преподаватели", ["Сидорова В.В.", "Преподаватели"]),
        # A group in the plural is an entry of its own.
        ("Кураторы групп; Соколова Е.Н.", ["Кураторы групп", "Соколова Е.Н."]),
    ],
)
def test_plan_doers(cell: str, expected: list[str]) -> None:
    assert split_organisers(cell) == expected


def test_a_table_header_word_after_the_number_sign_is_no_protocol_number() -> None:
    text = "ПЛАН РАБОТЫ\nметодического объединения на 2027 год\n№ Мероприятие Срок Ответственный\n"
    assert parse_text(text).header.number is None
