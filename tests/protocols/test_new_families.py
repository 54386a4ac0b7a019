"""New document families: federal government protocols, college orders, decisions closed by
label lines, names in every printed form, PDF text with running headers, sub-items "1)", "а)",
"1.1.1.", decisions inside the report paragraph. Each document of ``new_families`` with what a
careful secretary would extract from it (number, opening words, deadline, doers)."""

# Expected doers stay whole on one line each.
# ruff: noqa: E501

from __future__ import annotations

import datetime

import pytest

from protocols import DeadlineKind, ParsedProtocol, parse_text
from protocols.deadlines import Reference, find_inline_deadline, parse_deadline_with
from protocols.responsible import find_addressee, split_label_value, to_nominative
from tests.protocols import new_families as docs

D = datetime.date
K = DeadlineKind
#: (number, first four words, deadline, kind, deadline as printed, doers, recommendation)
Row = tuple[str | None, str, datetime.date | None, DeadlineKind, str, tuple[str, ...], bool]


def _rows(protocol: ParsedProtocol) -> list[Row]:
    return [
        (
            a.number,
            " ".join(a.text.split()[:4]),
            a.deadline.date,
            a.deadline.kind,
            a.deadline.raw,
            a.responsible,
            a.recommendation,
        )
        for a in protocol.assignments
    ]


#: Bodies with their head in brackets, co-executors after "совместно с" and "с участием" (who
#: are named in the genitive), a superlative adjective kept as printed ("высшие", not "высочайшие").
GOVERNMENT: list[Row] = [
    (
        "I.1",
        "Минпросвещения России (С.С. Кравцов)",
        D(2027, 2, 1),
        K.RECURRING,
        "1 февраля 2027 г., далее – ежеквартально",
        ("Минпросвещения России", "Кравцов С.С.", "Минтруд России", "Котяков А.О."),
        False,
    ),
    (
        "I.2",
        "Органам исполнительной власти субъектов",
        D(2027, 3, 1),
        K.DATE,
        "до 1 марта 2027 г.",
        (
            "Органы исполнительной власти субъектов Российской Федерации, осуществляющие государственное управление в сфере образования",
        ),
        False,
    ),
    (
        "I.3",
        "Минобрнауки России (В.Н. Фальков)",
        D(2027, 1, 15),
        K.RECURRING,
        "до 15 января 2027 г., далее – ежемесячно до 5 числа",
        ("Минобрнауки России", "Фальков В.Н."),
        False,
    ),
    (
        "I.4",
        "Минпросвещения России (С.С. Кравцов)",
        D(2027, 4, 1),
        K.DATE,
        "до 1 апреля 2027 г.",
        (
            "Минпросвещения России",
            "Кравцов С.С.",
            "заинтересованные федеральные органы исполнительной власти",
        ),
        False,
    ),
    (
        "II.2",
        "Минтруду России (А.О. Котяков),",
        D(2027, 4, 30),
        K.DATE,
        "30 апреля 2027 г.",
        ("Минтруд России", "Котяков А.О.", "Минпросвещения России", "Кравцов С.С."),
        False,
    ),
    (
        "II.3",
        "Рекомендовать высшим должностным лицам",
        None,
        K.NONE,
        "",
        ("высшие должностные лица субъектов Российской Федерации",),
        True,
    ),
]

#: «ПРИКАЗЫВАЮ:» opens the decisions; "Создать рабочую группу" alone and the control clause are not
#: tasks; the order's subject is its title.
COLLEGE_ORDER: list[Row] = [
    (
        "2.1",
        "организовать работу рабочей группы",
        D(2027, 1, 20),
        K.DATE,
        "в срок до 20.01.2027",
        ("Гончаренко Н.В.",),
        False,
    ),
    (
        "2.2",
        "обеспечить аккредитацию центра проведения",
        D(2027, 3, 1),
        K.DATE,
        "в срок до 01.03.2027",
        ("Гончаренко Н.В.",),
        False,
    ),
    (
        "3",
        "Заведующим отделениями Белых О.П.",
        D(2027, 2, 1),
        K.DATE,
        "до 1 февраля 2027 года",
        ("Белых О.П.",),
        False,
    ),
    (
        "4",
        "Преподавателям специальных дисциплин провести",
        None,
        K.NONE,
        "",
        ("Кузнецова М.С.",),
        False,
    ),
    (
        "5",
        "Инженеру-программисту Соколову Петру Андреевичу",
        D(2027, 5, 15),
        K.DATE,
        "к 15 мая 2027 г.",
        ("Соколов П.А.",),
        False,
    ),
    ("6", "Секретарю учебной части Ивановой", None, K.NONE, "", ("Иванова А.С.",), False),
]

#: «РЕШИЛИ (единогласно):» opens the decisions, each closed by its "Ответственные:" and "Срок:"
#: lines; the vote ends a decision.
LABEL_LINES: list[Row] = [
    (
        "1.2",
        "Обеспечить загрузку учебно-производственных мастерских",
        D(2027, 6, 30),
        K.YEAR,
        "в течение 2026/2027 учебного года",
        ("руководители образовательных организаций – участников кластера",),
        False,
    ),
    (
        "1.3",
        "Представить в Совет отчёт",
        D(2026, 11, 25),
        K.RECURRING,
        "ежемесячно, до 25 числа",
        ("Тимофеев В.В.", "Сорокина А.П."),
        False,
    ),
    (
        "2.1",
        "Организовать выездные занятия на",
        None,
        K.PERMANENT,
        "по мере необходимости",
        ("заместители директоров по учебно-производственной работе",),
        False,
    ),
    (
        "2.2",
        "Актуализировать договоры о практической",
        D(2027, 6, 30),
        K.QUARTER,
        "2 квартал 2027 г.",
        ("Тимофеев В.В.",),
        False,
    ),
    (
        "3.1",
        "Провести профориентационные мероприятия «Неделя",
        D(2027, 8, 31),
        K.DATE,
        "до начала учебного года",
        ("Сорокина А.П.", "Гончаренко Е.В."),
        False,
    ),
    (
        "3.2",
        "Разместить информацию о мероприятиях",
        None,
        K.RELATIVE,
        "в течение 10 дней после проведения мероприятий",
        ("Белых И.С.",),
        False,
    ),
]

#: Every person in the nominative, gender and double surnames kept.
NAMES: list[Row] = [
    (
        "1",
        "Поручить И.И. Иванову подготовить",
        D(2026, 11, 1),
        K.DATE,
        "до 01.11.2026",
        ("Иванов И.И.",),
        False,
    ),
    (
        "2",
        "Поручить Кузнецовой Ольге Николаевне",
        D(2026, 11, 20),
        K.DATE,
        "в срок до 20.11.2026",
        ("Кузнецова О.Н.",),
        False,
    ),
    (
        "3",
        "Белых И.С. подготовить сводный",
        D(2026, 11, 25),
        K.DATE,
        "до 25.11.2026",
        ("Белых И.С.",),
        False,
    ),
    (
        "4",
        "Гончаренко Т.В. и Римскому-Корсакову",
        D(2026, 11, 30),
        K.DATE,
        "до 30.11.2026",
        ("Гончаренко Т.В.", "Римский-Корсаков Н.А."),
        False,
    ),
    (
        "5",
        "Поручить заместителю директора по",
        D(2026, 12, 10),
        K.DATE,
        "до 10.12.2026",
        ("Салтыкова-Щедрина М.Е.",),
        False,
    ),
    (
        "6",
        "Поручить методисту Черных Анне",
        D(2026, 12, 15),
        K.DATE,
        "до 15.12.2026",
        ("Черных А.В.",),
        False,
    ),
    (
        "7",
        "Преподавателю Кузнецову-Сибиряку П.Р. провести",
        D(2026, 12, 31),
        K.MONTH,
        "в декабре 2026 г.",
        ("Кузнецов-Сибиряк П.Р.",),
        False,
    ),
    (
        "8",
        "Поручить Ильиной Е.Д., Мороз",
        D(2026, 12, 20),
        K.DATE,
        "до 20.12.2026",
        ("Ильина Е.Д.", "Мороз Т.А.", "Дурново К.К."),
        False,
    ),
    (
        "9",
        "Ответственной за сайт Шевчук",
        D(2026, 12, 21),
        K.DATE,
        "до 21.12.2026",
        ("Шевчук Н.П.",),
        False,
    ),
    (
        "10",
        "Поручить Л.Н. Толстой и",
        D(2026, 12, 25),
        K.DATE,
        "до 25.12.2026",
        ("Толстая Л.Н.", "Ростопчина Е.П."),
        False,
    ),
]

#: A position before a name in a label is dropped; an appointment joined with a task that has
#: its term is a task of the person appointed.
NAMES_IN_LABELS: list[Row] = [
    (
        "1",
        "Поручить И.И. Иванову подготовить",
        D(2026, 11, 1),
        K.DATE,
        "до 01.11.2026",
        ("Иванов И.И.",),
        False,
    ),
    (
        "2",
        "Смирновой Марии Александровне подготовить",
        D(2026, 11, 5),
        K.DATE,
        "до 05.11.2026",
        ("Смирнова М.А.",),
        False,
    ),
    (
        "3",
        "Провести инвентаризацию библиотечного фонда.",
        D(2026, 11, 30),
        K.DATE,
        "до 30.11.2026",
        ("Иванов И.И.",),
        False,
    ),
    (
        "4",
        "Обновить стенды.",
        D(2027, 6, 30),
        K.HALF_YEAR,
        "1 полугодие 2027 г.",
        ("Кузнецова О.Н.", "Белых И.С.", "Мороз А.А."),
        False,
    ),
    (
        "5",
        "Поручить заведующей библиотекой Ткаченко",
        D(2027, 1, 31),
        K.MONTH,
        "в январе 2027 года",
        ("Ткаченко Г.П.", "Ковальчук О.О."),
        False,
    ),
    (
        "6",
        "Ответственным за профориентацию (Литвиненко",
        D(2026, 12, 1),
        K.DATE,
        "до 01.12.2026",
        ("Ответственные за профориентацию", "Литвиненко С.С.", "Бондарь И.И."),
        False,
    ),
    (
        "7",
        "Секретарю Ли Р.Т. и",
        D(2026, 12, 2),
        K.DATE,
        "до 02.12.2026",
        ("Ли Р.Т.", "Цой В.Р."),
        False,
    ),
    (
        "8",
        "Назначить Пак О.Е. ответственной",
        D(2026, 12, 3),
        K.DATE,
        "до 03.12.2026",
        ("Пак О.Е.",),
        False,
    ),
]

#: The running header with its page number does not break into item 2; the proposals of the
#: СЛУШАЛИ part are not decisions.
PDF_PAGES: list[Row] = [
    (
        "2",
        "Заведующим отделениями (Руденко А.А.,",
        D(2026, 9, 15),
        K.DATE,
        "в срок до 15 сентября 2026 г.",
        ("заведующие отделениями", "Руденко А.А.", "Мельник О.В."),
        False,
    ),
    (
        "3",
        "Председателям предметно-цикловых комиссий актуализировать",
        D(2026, 10, 1),
        K.DATE,
        "до 1 октября 2026 г.",
        ("председатели ПЦК",),
        False,
    ),
    (
        "4",
        "Решение педсовета довести до",
        D(2026, 9, 1),
        K.DATE,
        "до 01.09.2026",
        ("Мельник О.В.",),
        False,
    ),
]

#: Sub-items "1)" and "а)" of a clause, "1.1.1." items, a footer "Страница 1 из 2" between items.
COLLEGIUM: list[Row] = [
    (
        "I.2",
        "провести анализ результатов государственной",
        D(2026, 12, 15),
        K.DATE,
        "в срок до 15 декабря 2026 года",
        ("Отдел общего образования департамента", "Королёва Н.В."),
        False,
    ),
    (
        "I.2",
        "подготовить методические рекомендации по",
        D(2027, 1, 20),
        K.DATE,
        "в срок до 20 января 2027 года",
        ("Отдел общего образования департамента", "Королёва Н.В."),
        False,
    ),
    (
        "I.2",
        "организовать курсы повышения квалификации",
        D(2027, 3, 31),
        K.QUARTER,
        "I квартал 2027 года",
        ("Отдел общего образования департамента", "Королёва Н.В."),
        False,
    ),
    (
        "I.3",
        "обеспечить участие общеобразовательных организаций",
        D(2027, 2, 1),
        K.DATE,
        "до 1 февраля 2027 года",
        ("руководители муниципальных органов управления образованием",),
        False,
    ),
    (
        "I.3",
        "взять на контроль организацию",
        D(2027, 2, 1),
        K.DATE,
        "до 1 февраля 2027 года",
        ("руководители муниципальных органов управления образованием",),
        False,
    ),
    (
        "I.4.1.1",
        "по математике — в",
        D(2027, 3, 1),
        K.DATE,
        "в срок до 1 марта 2027 года",
        (
            "Государственное бюджетное учреждение дополнительного профессионального образования «Костромской областной институт развития образования»",
            "Соколова О.В.",
        ),
        False,
    ),
    (
        "I.4.1.2",
        "по русскому языку —",
        D(2027, 4, 1),
        K.DATE,
        "в срок до 1 апреля 2027 года",
        (
            "Государственное бюджетное учреждение дополнительного профессионального образования «Костромской областной институт развития образования»",
            "Соколова О.В.",
        ),
        False,
    ),
    (
        "I.4.2",
        "Обеспечить методическое сопровождение школ",
        None,
        K.PERMANENT,
        "постоянно",
        (
            "Государственное бюджетное учреждение дополнительного профессионального образования «Костромской областной институт развития образования»",
            "Соколова О.В.",
        ),
        False,
    ),
    (
        "II.1",
        "внедрить целевую модель наставничества",
        D(2027, 9, 1),
        K.DATE,
        "до 1 сентября 2027 года",
        ("руководители профессиональных образовательных организаций",),
        True,
    ),
    (
        "II.1",
        "обеспечить повышение квалификации наставников.",
        D(2027, 9, 1),
        K.DATE,
        "до 1 сентября 2027 года",
        ("руководители профессиональных образовательных организаций",),
        True,
    ),
]

#: "СЛУШАЛИ ... Решили: ..." in one paragraph: the decision after the marker, a task after
#: "принять к сведению;" as well.
INLINE_DECISIONS: list[Row] = [
    (
        None,
        "руководителям ПОО обеспечить участие",
        D(2027, 2, 15),
        K.DATE,
        "до 15.02.2027",
        ("руководители ПОО",),
        False,
    ),
    (
        None,
        "информацию принять к сведению;",
        D(2026, 11, 10),
        K.DATE,
        "в срок до 10.11.2026",
        ("Петрова А.А.",),
        False,
    ),
    (
        None,
        "Сидорову П.П. разработать региональный",
        D(2026, 12, 1),
        K.DATE,
        "до 01.12.2026",
        ("Сидоров П.П.",),
        False,
    ),
]

#: "1)", "2)" at the top are siblings; the bullets under "Ответственные:" are its doers; a vote on
#: the line of a decision is not part of it; a doer set off by dashes before the task; a
#: position before a bracketed person is dropped.
BRACKET_ITEMS: list[Row] = [
    (
        "1",
        "организовать работу по выявлению",
        None,
        K.NONE,
        "",
        (
            "органы местного самоуправления муниципальных образований Рязанской области, осуществляющие управление в сфере образования",
        ),
        True,
    ),
    (
        "1",
        "представить в министерство информацию",
        D(2026, 12, 20),
        K.DATE,
        "до 20.12.2026",
        (
            "органы местного самоуправления муниципальных образований Рязанской области, осуществляющие управление в сфере образования",
        ),
        True,
    ),
    (
        "2",
        "Секретарю совета (Лебедева Н.С.)",
        D(2026, 12, 12),
        K.RELATIVE,
        "в трёхдневный срок",
        ("Лебедева Н.С.",),
        False,
    ),
    (
        "3",
        "Провести семинар для заместителей",
        D(2026, 12, 25),
        K.DATE,
        "до 25.12.2026",
        ("Кузьмина Е.В.", "Романова Т.Т."),
        False,
    ),
    ("4", "Обеспечить участие обучающихся в", None, K.NONE, "", (), False),
    (
        "5",
        "подготовить отчёт о профориентационной",
        D(2026, 12, 28),
        K.DATE,
        "до 28.12.2026",
        ("Петров П.П.",),
        False,
    ),
    (
        "6",
        "Предложить ректору ОГБУ ДПО",
        D(2027, 3, 31),
        K.QUARTER,
        "1 квартал 2027 г.",
        ("Ковалёва-Смирнова Г.Н.",),
        True,
    ),
]

#: Labels in brackets and after a comma; one "Ответственный исполнитель:" line after the last
#: sub-item of a clause is shared by its sub-items; a monthly report term read in full.
REGION: list[Row] = [
    (
        "1",
        "Руководителям образовательных кластеров (Горелова",
        D(2026, 12, 15),
        K.DATE,
        "до 15 декабря 2026 г.",
        ("руководители образовательных кластеров", "Горелова Т.В.", "Шевцов Н.Н."),
        False,
    ),
    (
        "2",
        "ГАУ ДПО КО «Калужский",
        D(2027, 6, 30),
        K.HALF_YEAR,
        "в течение I полугодия 2027 г.",
        ("ГАУ ДПО КО «Калужский государственный институт развития образования»", "Евсеева О.П."),
        False,
    ),
    (
        "3.1",
        "подготовить сводную информацию о",
        D(2026, 12, 20),
        K.DATE,
        "до 20.12.2026",
        ("Кудрявцева-Белая Л.М.",),
        False,
    ),
    (
        "3.2",
        "провести мониторинг заключения договоров",
        D(2027, 1, 10),
        K.RECURRING,
        "ежеквартально, до 10 числа месяца, следующего за отчетным кварталом",
        ("Кудрявцева-Белая Л.М.",),
        False,
    ),
    (
        "4",
        "Рекомендовать работодателям – участникам",
        D(2027, 6, 30),
        K.MONTH,
        "май – июнь 2027 г.",
        ("работодатели – участники кластеров",),
        True,
    ),
    (
        "5",
        "Информацию о ходе исполнения",
        D(2027, 1, 25),
        K.DATE,
        "в срок до 25 января 2027 года",
        ("руководители образовательных кластеров",),
        False,
    ),
]

#: The letter-spaced «п р и к а з ы в а ю:»; "Утвердить:" and its content are not tasks.
ORDER_SPACED: list[Row] = [
    (
        "1",
        "Провести региональный этап Всероссийской",
        D(2027, 3, 14),
        K.PERIOD,
        "с 10 по 14 марта 2027 года",
        (),
        False,
    ),
    (
        "3",
        "Руководителям профессиональных образовательных организаций",
        None,
        K.NONE,
        "",
        ("руководители профессиональных образовательных организаций",),
        False,
    ),
    (
        "4",
        "Отделу профессионального образования (Н.Н.",
        None,
        K.NONE,
        "",
        ("Отдел профессионального образования", "Ковалева Н.Н."),
        False,
    ),
]

#: The first page's top line printed again on the next page stays out of item 1.
RUNNING_HEADER: list[Row] = [
    (
        "1",
        "Заведующим отделениями провести самообследование",
        D(2026, 12, 1),
        K.DATE,
        "в срок до 01.12.2026",
        ("заведующие отделениями",),
        False,
    ),
    (
        "2",
        "Методисту Лавровой Н.И. обобщить",
        D(2026, 12, 10),
        K.DATE,
        "до 10.12.2026",
        ("Лаврова Н.И.",),
        False,
    ),
]

CASES = [
    pytest.param(
        docs.GOVERNMENT,
        "ТГ-П8-215пр",
        D(2026, 12, 14),
        "совещания у Заместителя Председателя Правительства Российской Федерации Т.А. Голиковой",
        GOVERNMENT,
        id="government",
    ),
    pytest.param(
        docs.COLLEGE_ORDER,
        "15-од",
        D(2027, 1, 12),
        "О подготовке к проведению демонстрационного экзамена в 2027 году",
        COLLEGE_ORDER,
        id="college_order",
    ),
    pytest.param(
        docs.LABEL_LINES,
        "4",
        D(2026, 11, 18),
        "заседания совета образовательного кластера «Агропромышленный комплекс» Брянской области",
        LABEL_LINES,
        id="label_lines",
    ),
    pytest.param(
        docs.NAMES,
        "7",
        D(2026, 10, 15),
        "заседания методического совета ОГБПОУ «Смоленский педагогический колледж»",
        NAMES,
        id="names",
    ),
    pytest.param(
        docs.NAMES_IN_LABELS,
        "8",
        D(2026, 10, 15),
        "совещания при директоре",
        NAMES_IN_LABELS,
        id="names_in_labels",
    ),
    pytest.param(
        docs.PDF_PAGES,
        "3",
        D(2026, 8, 28),
        "заседания педагогического совета ОГАПОУ «Белгородский строительный колледж»",
        PDF_PAGES,
        id="pdf_pages",
    ),
    pytest.param(
        docs.COLLEGIUM,
        "5",
        D(2026, 11, 25),
        "заседания коллегии департамента образования и науки Костромской области",
        COLLEGIUM,
        id="collegium",
    ),
    pytest.param(
        docs.INLINE_DECISIONS,
        "2",
        D(2026, 10, 21),
        "заседания Совета директоров профессиональных образовательных организаций Тамбовской области",
        INLINE_DECISIONS,
        id="inline_decisions",
    ),
    pytest.param(
        docs.BRACKET_ITEMS,
        "11",
        D(2026, 12, 9),
        "совещания при заместителе министра образования Рязанской области",
        BRACKET_ITEMS,
        id="bracket_items",
    ),
    pytest.param(
        docs.REGION,
        "6",
        D(2026, 12, 3),
        "заседания регионального штаба по реализации федерального проекта «Профессионалитет»",
        REGION,
        id="region",
    ),
    pytest.param(
        docs.ORDER_SPACED,
        "45-ОД",
        D(2027, 1, 20),
        "Об организации регионального этапа Всероссийской олимпиады профессионального мастерства",
        ORDER_SPACED,
        id="order_spaced",
    ),
    pytest.param(
        docs.RUNNING_HEADER,
        "9",
        D(2026, 11, 14),
        "заседания Совета ГБПОУ «Тверской колледж сервиса и туризма»",
        RUNNING_HEADER,
        id="running_header",
    ),
]


@pytest.mark.parametrize(("text", "number", "date", "title", "expected"), CASES)
def test_document(
    text: str, number: str, date: datetime.date, title: str, expected: list[Row]
) -> None:
    protocol = parse_text(text)
    assert (protocol.header.number, protocol.header.date) == (number, date)
    assert protocol.header.title == title
    assert _rows(protocol) == expected


REF = Reference(D(2026, 11, 18))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The end of a school year reads as its last day of lessons, as "до конца" does.
        ("до окончания учебного года", (D(2027, 6, 30), K.YEAR)),
        ("до окончания 2026/2027 учебного года", (D(2027, 6, 30), K.YEAR)),
        ("до завершения 2026 года", (D(2026, 12, 31), K.YEAR)),
        # A report due after every month or quarter: recurring, first due after the meeting.
        ("до 1 числа месяца, следующего за отчетным", (D(2026, 12, 1), K.RECURRING)),
        ("до 10 числа месяца, следующего за отчётным кварталом", (D(2027, 1, 10), K.RECURRING)),
        # Federal forms that already read well.
        ("1 февраля 2027 г., далее – ежеквартально", (D(2027, 2, 1), K.RECURRING)),
        ("до 15 января 2027 г., далее – ежемесячно до 5 числа", (D(2027, 1, 15), K.RECURRING)),
        ("2 квартал 2027 г.", (D(2027, 6, 30), K.QUARTER)),
        ("по мере необходимости", (None, K.PERMANENT)),
    ],
)
def test_deadline_forms(text: str, expected: tuple[datetime.date | None, DeadlineKind]) -> None:
    deadline = parse_deadline_with(text, REF)
    assert (deadline.date, deadline.kind) == expected


def test_monthly_report_inside_a_sentence() -> None:
    found = find_inline_deadline(
        "Представлять отчёт до 5 числа месяца, следующего за отчётным.", REF
    )
    assert found is not None
    assert found.deadline.kind is K.RECURRING
    assert found.deadline.raw == "до 5 числа месяца, следующего за отчётным"


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        (
            "высшим должностным лицам субъектов Российской Федерации",
            "высшие должностные лица субъектов Российской Федерации",
        ),
        ("лучшим педагогам колледжа", "лучшие педагоги колледжа"),
        ("старшим мастерам", "старшие мастера"),
    ],
)
def test_superlatives_keep_their_stem(phrase: str, expected: str) -> None:
    assert to_nominative(phrase, "datv") == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Минпросвещения России (С.С. Кравцов) с участием заинтересованных федеральных органов исполнительной власти подготовить проект плана.",
            (
                "Минпросвещения России",
                "Кравцов С.С.",
                "заинтересованные федеральные органы исполнительной власти",
            ),
        ),
        ("Секретарю совета (Лебедева Н.С.) направить выписку из протокола.", ("Лебедева Н.С.",)),
        ("Директору колледжа (Орлов П.П.) обеспечить охрану.", ("Орлов П.П.",)),
    ],
)
def test_dative_addressees(sentence: str, expected: tuple[str, ...]) -> None:
    assert find_addressee(sentence).responsible == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (
            "Кузнецова О.Н. (методист), Белых И.С., педагог-организатор Мороз А.А.",
            ["Кузнецова О.Н.", "Белых И.С.", "Мороз А.А."],
        ),
        ("Иванов Иван Иванович, заместитель директора по АХР.", ["Иванов И.И."]),
        (
            "учитель-логопед Сидорова А.А., социальный педагог Орлова Т.Т.",
            ["Сидорова А.А.", "Орлова Т.Т."],
        ),
        ("педагоги-организаторы", ["педагоги-организаторы"]),
    ],
)
def test_label_values(value: str, expected: list[str]) -> None:
    assert split_label_value(value) == expected


def test_a_running_footer_without_a_page_number_gap_stays() -> None:
    # A line that ends with a number but is part of the text is not a running header.
    text = "РЕШИЛИ:\n1. Провести конкурс среди групп курса 2\nв срок до 10.12.2026."
    protocol = parse_text(text)
    assert [a.deadline.raw for a in protocol.assignments] == ["в срок до 10.12.2026"]
    assert (
        protocol.assignments[0].text
        == "Провести конкурс среди групп курса 2 в срок до 10.12.2026."
    )


def test_running_headers_stay_out_of_the_items() -> None:
    texts = [a.text for a in parse_text(docs.RUNNING_HEADER).assignments]
    assert texts[0].endswith("и подготовить отчёты в срок до 01.12.2026.")
    texts = [a.text for a in parse_text(docs.PDF_PAGES).assignments]
    assert "совета в срок до 15 сентября 2026 г." in texts[0]


#: The same value under a label line in every item: not a running header.
REPEATED_VALUES = """\
ПРОТОКОЛ № 7
совещания при директоре колледжа
от 10.11.2026
РЕШИЛИ:
1. Подготовить план мероприятий по профориентации на 2027 год.
Ответственный:
Отдел профессиональной ориентации
Срок:
до 01.12.2026
2. Провести день открытых дверей для выпускников школ района.
Ответственный:
Отдел профессиональной ориентации
Срок:
до 20.12.2026
3. Разместить информацию о приёмной кампании на сайте колледжа.
Ответственный:
Отдел профессиональной ориентации
Срок:
до 25.12.2026
"""


def test_a_value_repeated_under_every_item_is_not_a_running_header() -> None:
    found = parse_text(REPEATED_VALUES).assignments
    assert [a.responsible for a in found] == [("Отдел профессиональной ориентации",)] * 3
    assert [a.deadline.date for a in found] == [D(2026, 12, 1), D(2026, 12, 20), D(2026, 12, 25)]


def test_a_count_of_times_belongs_to_the_recurring_term() -> None:
    found = find_inline_deadline(
        "Преподавателям посещать занятия коллег не реже 2 раз в семестр.", REF
    )
    assert found is not None
    assert (found.deadline.kind, found.deadline.raw) == (K.RECURRING, "не реже 2 раз в семестр")


def test_a_decision_marker_with_the_vote_in_brackets_opens_the_decisions() -> None:
    text = "СЛУШАЛИ: Иванова И.И.\nРЕШИЛИ (единогласно):\n1. Петровой А.А. подготовить отчёт до 01.12.2026."
    assert [a.responsible for a in parse_text(text).assignments] == [("Петрова А.А.",)]
