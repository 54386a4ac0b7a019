"""Work plans, road maps and decision tables as colleges, regional ministries and education
clusters send them: real .docx and .xlsx tables (merged cells, a header of two rows, a row of
column numbers, section rows, cells of several paragraphs, quarters as columns), and the text
of such tables as Word and Excel copy them; used by ``test_plan_families``."""

# Cells stay on one line each, as a converted document gives them.
# ruff: noqa: E501

from __future__ import annotations

import datetime
import io
from collections.abc import Sequence

from tests.protocols.documents import PdfItem

#: A cell of :func:`make_docx_table` / :func:`make_xlsx`: text ("\n" starts a paragraph), a
#: value for a spreadsheet, ``None`` for a cell merged into the one on its left, ``UP`` for one
#: merged into the one above.
Cell = str | int | float | datetime.date | None
UP = "^"


def _extent(table: Sequence[Sequence[object]], r: int, c: int) -> tuple[int, int]:
    """How many columns (None cells to the right) and rows (UP cells below) cell (r, c)
    covers."""
    row = table[r]
    span = 1
    while c + span < len(row) and row[c + span] is None:
        span += 1
    down = 1
    while r + down < len(table) and c < len(table[r + down]) and table[r + down][c] == UP:
        down += 1
    return span, down


def make_docx_table(
    before: Sequence[str],
    table: Sequence[Sequence[Cell]],
    after: Sequence[str] = (),
    header_rows: int = 0,
) -> bytes:
    """A .docx with paragraphs, one ruled table and paragraphs after it. A cell of ``None``
    is covered by the cell on its left (a section row spans the table), ``UP`` by the cell
    above (a doer for several rows, a header of two rows); the first ``header_rows`` rows
    repeat on each page, as Word's "Repeat as header row" marks them."""
    import docx
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    document = docx.Document()
    for text in before:
        document.add_paragraph(text)
    width = max(len(row) for row in table)
    grid = document.add_table(rows=len(table), cols=width)
    grid.style = "Table Grid"
    for r, row in enumerate(table):
        for c in range(width):
            value = row[c] if c < len(row) else ""
            if value is None or value == UP:
                continue
            span, down = _extent(table, r, c)
            cell = grid.cell(r, c)
            if span > 1 or down > 1:
                cell = cell.merge(grid.cell(r + down - 1, c + span - 1))
            for index, line in enumerate(str(value).split("\n")):
                paragraph = cell.paragraphs[0] if index == 0 else cell.add_paragraph()
                paragraph.add_run(line)
    for index in range(header_rows):
        mark = OxmlElement("w:tblHeader")
        mark.set(qn("w:val"), "true")
        grid.rows[index]._tr.get_or_add_trPr().append(mark)
    for text in after:
        document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def make_xlsx(rows: Sequence[Sequence[Cell]], merged: Sequence[str] = ()) -> bytes:
    """A workbook of one sheet with the given rows (values as Excel keeps them: numbers,
    dates) and merged ranges ("A5:E5" a section row, "D7:D8" a doer for two rows)."""
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    for row in rows:
        sheet.append(list(row))
    for cells in merged:
        sheet.merge_cells(cells)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


#: A college's methodical plan: «№ п/п | Наименование мероприятия | Срок исполнения |
#: Ответственный исполнитель | Отметка о выполнении», a column-number row, section rows
#: spanning the table, cells of several paragraphs, a doer merged over two rows; approved
#: in December for the next year.
METHODICAL_PLAN: tuple[list[str], list[list[Cell]], list[str]] = (
    [
        "МИНИСТЕРСТВО ОБРАЗОВАНИЯ И НАУКИ КУРСКОЙ ОБЛАСТИ",
        "ОБПОУ «Курский политехнический колледж»",
        "УТВЕРЖДАЮ",
        "Директор колледжа",
        "_________ И.И. Иванов",
        "«25» декабря 2026 г.",
        "ПЛАН",
        "работы методической службы колледжа на 2027 год",
    ],
    [
        [
            "№ п/п",
            "Наименование мероприятия",
            "Срок исполнения",
            "Ответственный исполнитель",
            "Отметка о выполнении",
        ],
        ["1", "2", "3", "4", "5"],
        ["1. Организационная работа", None, None, None, None],
        [
            "1.1",
            "Проведение заседаний методического совета",
            "ежемесячно",
            "Зам. директора по УМР Петрова А.А.",
            "",
        ],
        [
            "1.2",
            "Корректировка рабочих программ\nпо дисциплинам и профессиональным модулям",
            "сентябрь-октябрь",
            "Председатели ПЦК",
            "",
        ],
        [
            "1.3",
            "Участие в конкурсах профессионального мастерства",
            "по графику",
            "Методист Сидорова В.В.\nПреподаватели",
            "",
        ],
        ["2. Повышение квалификации", None, None, None, None],
        [
            "2.1",
            "Организация курсов повышения квалификации преподавателей",
            "в течение года",
            "Заместитель директора по УМР\nПетрова А.А.",
            "",
        ],
        [
            "2.2",
            "Подготовка отчёта о работе методической службы",
            "декабрь 2027 г. – январь 2028 г.",
            UP,
            "",
        ],
        [
            "2.3",
            "Мониторинг качества обучения",
            "1 раз в полугодие",
            "Зав. отделением Никитина С.О.",
            "",
        ],
        [
            "2.4",
            "Представление отчётов о посещаемости",
            "до 25 числа каждого месяца",
            "Кураторы групп",
            "",
        ],
    ],
    ["Заместитель директора по УМР\tА.А. Петрова"],
)

#: A technical school's plan approved by a regional ministry's order: «Мероприятие |
#: Ответственные | Сроки», no number column, the approval block above the title.
UPBRINGING_PLAN: tuple[list[str], list[list[Cell]], list[str]] = (
    [
        "УТВЕРЖДЕН",
        "приказом министерства образования",
        "Тульской области",
        "от 25.12.2026 № 1540",
        "ПЛАН МЕРОПРИЯТИЙ",
        "по реализации программы воспитания ГПОУ ТО «Тульский техникум» на 2027 год",
    ],
    [
        ["Мероприятие", "Ответственные", "Сроки"],
        [
            "Проведение классных часов по профилактике правонарушений",
            "Кураторы учебных групп",
            "ежемесячно",
        ],
        [
            "Организация работы студенческого совета",
            "Заместитель директора по ВР\nСоколова Е.Н.",
            "в течение года",
        ],
        [
            "Участие в областном фестивале «Студенческая весна»",
            "Педагог-организатор Ким А.Р.",
            "март-апрель",
        ],
        ["Проведение Дня открытых дверей", "Приёмная комиссия", "по графику"],
    ],
    [],
)

#: A school-year plan: «№ | Содержание работы | Дата | Ответственный», months without a year.
SCHOOL_YEAR_PLAN: tuple[list[str], list[list[Cell]], list[str]] = (
    ["ПЛАН", "работы Совета по профилактике правонарушений на 2026-2027 учебный год"],
    [
        ["№", "Содержание работы", "Дата", "Ответственный"],
        [
            "1.",
            "Утверждение плана работы Совета на учебный год",
            "сентябрь",
            "Председатель Совета",
        ],
        [
            "2.",
            "Рассмотрение персональных дел обучающихся",
            "ежемесячно\n(последний четверг)",
            "Члены Совета",
        ],
        [
            "3.",
            "Анализ работы Совета за полугодие",
            "декабрь 2026 г. – январь 2027 г.",
            "Секретарь Совета Лебедева О.В.",
        ],
        ["4.", "Отчёт о работе Совета за год", "июнь", "Председатель Совета"],
    ],
    [],
)

#: A cluster's road map: quarters as columns under «Срок реализации», marked «+» or «х».
ROAD_MAP: tuple[list[str], list[list[Cell]], list[str]] = (
    [
        "ДОРОЖНАЯ КАРТА",
        "по созданию образовательного кластера «Машиностроение» Курганской области на 2027 год",
    ],
    [
        [
            "№ п/п",
            "Мероприятие",
            "Ответственный",
            "Срок реализации",
            None,
            None,
            None,
            "Ожидаемый результат",
        ],
        [UP, UP, UP, "I кв.", "II кв.", "III кв.", "IV кв.", UP],
        [
            "1",
            "Заключение соглашений с предприятиями-партнёрами",
            "Директор колледжа",
            "+",
            "+",
            "",
            "",
            "Соглашения",
        ],
        [
            "2",
            "Разработка образовательных программ",
            "Зам. директора по УР Орлова Н.П.",
            "",
            "х",
            "х",
            "",
            "Программы",
        ],
        [
            "3",
            "Закупка оборудования для мастерских",
            "Главный бухгалтер",
            "",
            "",
            "",
            "+",
            "Оборудование",
        ],
        [
            "4",
            "Мониторинг трудоустройства выпускников",
            "Центр карьеры",
            "+",
            "+",
            "+",
            "+",
            "Отчёт",
        ],
    ],
    [],
)

#: A school-year plan-schedule with months as columns; its rows are inspections
#: ("Контроль ведения журналов"), not control clauses.
CONTROL_SCHEDULE: tuple[list[str], list[list[Cell]], list[str]] = (
    ["ПЛАН-ГРАФИК", "внутриколледжного контроля на 2026/2027 учебный год"],
    [
        [
            "№",
            "Направление контроля",
            "Ответственный",
            "сентябрь",
            "октябрь",
            "ноябрь",
            "декабрь",
            "январь",
            "февраль",
            "март",
            "апрель",
            "май",
            "июнь",
        ],
        [
            "1",
            "Контроль ведения журналов",
            "Зам. директора по УР Орлова Н.П.",
            "+",
            "",
            "",
            "+",
            "",
            "",
            "+",
            "",
            "",
            "+",
        ],
        [
            "2",
            "Проверка готовности кабинетов",
            "Заведующие кабинетами",
            "+",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
        ],
        [
            "3",
            "Контроль проведения практики",
            "Заведующий практикой",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "+",
            "+",
            "",
        ],
    ],
    [],
)

#: Activities grouped by a column merged down («Направление работы | Мероприятие»), the
#: term as its start and its end.
PREVENTION_PLAN: tuple[list[str], list[list[Cell]], list[str]] = (
    ["ПЛАН", "работы по профилактике на 2027 год"],
    [
        ["Направление работы", "Мероприятие", "Дата начала", "Дата окончания", "Исполнители"],
        [
            "Профилактика правонарушений",
            "Лекция инспектора ПДН",
            "01.02.2027",
            "28.02.2027",
            "Социальный педагог Белова И.К.",
        ],
        [UP, "Рейды в общежитие", "01.03.2027", "30.04.2027", "Воспитатели общежития"],
        [
            "Здоровый образ жизни",
            "Спартакиада",
            "10.05.2027",
            "20.05.2027",
            "Руководитель физвоспитания",
        ],
    ],
    [],
)

#: Activities listed under a numbered row without a number of their own, each with its term
#: and doer; the numbered row only heads them.
UPBRINGING_SUB_ROWS: tuple[list[str], list[list[Cell]], list[str]] = (
    ["ПЛАН", "воспитательной работы на 2027 год"],
    [
        ["№ п/п", "Мероприятие", "Срок", "Ответственный"],
        ["1.", "Проведение классных часов:", "", ""],
        ["", "- «Мы против наркотиков»", "март", "Кураторы групп"],
        ["", "- «День Победы»", "май", "Педагог-организатор Ким А.Р."],
        ["2.", "Спортивные соревнования", "по плану спортклуба", "Руководитель физвоспитания"],
    ],
    [],
)

#: A road map over two years: the years over the half-years they hold.
ROAD_MAP_YEARS: tuple[list[str], list[list[Cell]], list[str]] = (
    ["ДОРОЖНАЯ КАРТА", "по внедрению программ профессионального обучения"],
    [
        ["№", "Мероприятие", "2026 год", None, "2027 год", None, "Ответственный"],
        [UP, UP, "I полугодие", "II полугодие", "I полугодие", "II полугодие", UP],
        ["1", "Разработка программ", "+", "+", "", "", "Методический отдел"],
        ["2", "Апробация программ", "", "+", "+", "", "Учебная часть"],
        ["3", "Внедрение программ", "", "", "", "+", "Директор"],
    ],
    [],
)

#: A ministry's list of assignments: «Отв.:» inside the assignment cell.
ASSIGNMENT_LIST: tuple[list[str], list[list[Cell]], list[str]] = (
    [
        "ПЕРЕЧЕНЬ ПОРУЧЕНИЙ",
        "по итогам совещания с руководителями профессиональных образовательных организаций",
        "от 15 января 2027 г.",
    ],
    [
        ["№ п/п", "Поручение", "Срок"],
        [
            "1.",
            "Обеспечить проведение мониторинга трудоустройства выпускников 2026 года.\nОтв.: руководители ПОО",
            "до 1 марта 2027 г.",
        ],
        [
            "2.",
            "Представить в министерство информацию о потребности в педагогических кадрах.\nОтв.: Ковалёва Т.А., Смирнов П.П.",
            "ежемесячно до 5 числа",
        ],
        [
            "3.",
            "Организовать участие обучающихся в региональном чемпионате «Профессионалы».\nОтветственные: директора колледжей, ГАУ ДПО «ИРО»",
            "февраль-март 2027 г.",
        ],
        ["4.", "Принять к сведению информацию о ходе приёмной кампании.", ""],
    ],
    ["Министр образования\tИ.И. Петров"],
)

#: A department's plan kept in Excel: title row, a column-number row, section rows merged
#: across, a real date cell, a doer merged over two rows.
CAREER_WORKBOOK: tuple[list[list[Cell]], list[str]] = (
    [
        ["План работы отделения по профориентации на 2027 год"],
        [],
        [
            "№ п/п",
            "Наименование мероприятия",
            "Срок исполнения",
            "Ответственный исполнитель",
            "Отметка о выполнении",
        ],
        [1, 2, 3, 4, 5],
        ["1. Профориентационная работа"],
        [
            1.1,
            "Проведение Дней открытых дверей",
            datetime.date(2027, 3, 20),
            "Зав. отделением Никитина С.О.",
            None,
        ],
        [1.2, "Выезды в школы района", "февраль - апрель", "Преподаватели", None],
        [1.3, "Размещение информации на сайте колледжа", "ежемесячно", None, None],
        [1.4, "Подготовка буклетов", "I квартал", "Методист Зуева Л.Н.", None],
        ["2. Работа с родителями"],
        [2.1, "Родительские собрания", "1 раз в полугодие", "Кураторы", None],
        [
            2.2,
            "Индивидуальные консультации родителей",
            "по запросу",
            "Педагог-психолог Титова Г.М.",
            None,
        ],
    ],
    ["A5:E5", "A10:E10", "D7:D8"],
)

#: A plan-schedule in Excel with quarters as columns and the years in its title.
SCHEDULE_WORKBOOK: tuple[list[list[Cell]], list[str]] = (
    [
        ["ПЛАН-ГРАФИК"],
        ["мероприятий по внедрению целевой модели наставничества на 2027 год"],
        [],
        ["№", "Наименование мероприятия", "Ответственные", "I кв.", "II кв.", "III кв.", "IV кв."],
        [
            "1",
            "Формирование базы наставников",
            "Куратор программы наставничества",
            "х",
            "",
            "",
            "",
        ],
        ["2", "Обучение наставников", "ГАУ ДПО «ИРО»", "", "х", "х", ""],
        [
            "3",
            "Подведение итогов наставничества",
            "Куратор программы наставничества",
            "",
            "",
            "",
            "х",
        ],
    ],
    [],
)

#: A department's plan whose section rows stand in the activity's column, merged across the
#: columns after it.
DEPARTMENT_WORKBOOK: tuple[list[list[Cell]], list[str]] = (
    [
        ["План работы кафедры на 2027 год"],
        [],
        ["№", "Мероприятие", "Срок", "Ответственный"],
        [None, "Раздел 1. Учебная работа"],
        ["1.", "Утверждение рабочих программ", "январь", "Заведующий кафедрой"],
        ["2.", "Взаимопосещение занятий", "ежемесячно", "Преподаватели кафедры"],
        [None, "РАЗДЕЛ 2. МЕТОДИЧЕСКАЯ РАБОТА"],
        ["3.", "Разработка методических рекомендаций", "до 1 июня", "Доцент Волков В.В."],
    ],
    ["B4:D4", "B7:D7"],
)

#: A region's set of measures: a header of two rows, the term as its start and its end
#: under "Срок исполнения", real date cells.
MEASURES_WORKBOOK: tuple[list[list[Cell]], list[str]] = (
    [
        ["Комплекс мер по развитию системы профориентации в Калужской области на 2027 год"],
        [],
        [
            "№ п/п",
            "Наименование мероприятия",
            "Срок исполнения",
            None,
            "Ответственные исполнители",
            "Результат",
        ],
        [None, None, "начало", "окончание", None, None],
        [
            1,
            "Проведение регионального этапа чемпионата",
            datetime.date(2027, 2, 1),
            datetime.date(2027, 3, 31),
            "Министерство образования и науки Калужской области",
            "Отчёт",
        ],
        [
            2,
            "Организация профессиональных проб",
            "январь",
            "декабрь",
            "Профессиональные образовательные организации",
            "Информация",
        ],
    ],
    ["A1:F1", "C3:D3", "A3:A4", "B3:B4", "E3:E4", "F3:F4"],
)

#: The approval block in the sheet's right column above the title and the table, approved in
#: December for the next year.
COUNCIL_WORKBOOK: tuple[list[list[Cell]], list[str]] = (
    [
        [None, None, None, "УТВЕРЖДАЮ"],
        [None, None, None, "Директор ГАПОУ «Колледж»"],
        [None, None, None, "_______ И.И. Иванов"],
        [None, None, None, "«25» декабря 2026 г."],
        [],
        ["ПЛАН работы студенческого совета на 2027 год"],
        [],
        ["№ п/п", "Мероприятие", "Срок", "Ответственный"],
        [1, "Выборы председателя студсовета", "январь", "Педагог-организатор"],
        [2, "Акция «Чистый двор»", "апрель", "Председатель студсовета"],
    ],
    ["A6:D6"],
)

#: A table copied from Excel: a cell of two lines comes in quotes.
EXCEL_PASTE = '''\
План мероприятий по подготовке к проведению ГИА на 2027 год
№ п/п\tМероприятие\tСрок\tОтветственный
1\t"Формирование списков
выпускников"\tдо 01.02.2027\t"Зав. отделением
Никитина С.О."
2\tПроведение пробного демонстрационного экзамена\tапрель 2027 г.\tПредседатели ПЦК
3\t"Оформление стенда ""Готовимся к экзамену"""\tв течение года\tМетодист Зуева Л.Н.
'''

#: A table copied from Word: a cell of two paragraphs breaks its row in two; a section row
#: spans the table.
WORD_PASTE = """\
ПЛАН
работы приёмной комиссии на 2027 год

№ п/п\tНаименование мероприятия\tСрок исполнения\tОтветственный исполнитель
I. Подготовительный этап
1.\tПодготовка нормативных документов приёмной кампании\tдо 1 марта\tОтветственный секретарь
Иванова Е.В.
2.\tОрганизация работы
«горячей линии»\tиюнь – август\tЧлены комиссии
II. Проведение приёма
3.\tПриём документов поступающих\t20 июня – 15 августа\tТехнические секретари
4.\tПодведение итогов приёма\tсентябрь\tПредседатель комиссии
"""

#: Copied from Word without a number column: the approval blocks side by side above the
#: title, a first cell broken in two, the signature under the table.
LIBRARY_PASTE = """\
СОГЛАСОВАНО\tУТВЕРЖДАЮ
Председатель профкома\tДиректор колледжа
________ А.А. Белова\t________ И.И. Иванов
«20» августа 2026 г.\t«30» августа 2026 г.

ПЛАН

работы библиотеки на 2026-2027 учебный год

Содержание работы\tДата\tОтветственный
Заседание совета библиотеки\tсентябрь\tЗаведующий библиотекой
Проверка
библиотечного фонда\tоктябрь – ноябрь\tБиблиотекарь Карпова Л.И.
Выставка «Книги-юбиляры»\tв течение года\tБиблиотекарь Карпова Л.И.

Заведующий библиотекой\tО.О. Орлова
"""


def make_odt_table(paragraphs: Sequence[str], table: Sequence[Sequence[Cell]]) -> bytes:
    """An OpenDocument text with paragraphs and a table as LibreOffice saves it: a cell of
    ``None`` covered by the one on its left, ``UP`` by the one above (`table:number-rows-
    spanned`); "\n" starts a paragraph in a cell."""
    from odf.opendocument import OpenDocumentText
    from odf.table import CoveredTableCell, Table, TableCell, TableColumn, TableRow
    from odf.text import P

    document = OpenDocumentText()
    for text in paragraphs:
        document.text.addElement(P(text=text))
    width = max(len(row) for row in table)
    grid = Table(name="T1")
    grid.addElement(TableColumn(numbercolumnsrepeated=width))
    for r, row in enumerate(table):
        table_row = TableRow()
        for c in range(width):
            value = row[c] if c < len(row) else ""
            if value is None or value == UP:
                table_row.addElement(CoveredTableCell())
                continue
            span, down = _extent(table, r, c)
            attributes: dict[str, int] = {}
            if span > 1:
                attributes["numbercolumnsspanned"] = span
            if down > 1:
                attributes["numberrowsspanned"] = down
            cell = TableCell(**attributes)
            for line in str(value).split("\n"):
                cell.addElement(P(text=line))
            table_row.addElement(cell)
        grid.addElement(table_row)
    document.text.addElement(grid)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def pdf_plan_table(
    rows: Sequence[Sequence[str | None]], top: float, columns: Sequence[float]
) -> list[PdfItem]:
    """A ruled table of a PDF page whose top edge is at ``top``, as a word processor prints
    it: a cell's lines ("\n") one under another, the row as high as its tallest cell, a cell
    of ``None`` covered by the one on its left (no rule between them)."""
    items: list[PdfItem] = []
    y = top
    for row in rows:
        height = 12 * max(len((cell or "").split("\n")) for cell in row) + 8
        for index, (x, cell) in enumerate(zip(columns, row, strict=False)):
            if cell is None:
                continue
            for line_index, line in enumerate(cell.split("\n")):
                if line:
                    items.append((x + 3, y - 13 - 12 * line_index, line))
            if index == 0 or row[index] is not None:
                items.append((x, y, x, y - height))
        items.append((columns[-1], y, columns[-1], y - height))
        items.append((columns[0], y, columns[-1], y))
        y -= height
    items.append((columns[0], y, columns[-1], y))
    return items


#: A ministry's list of assignments dated by the meeting in its title's last line, the doers
#: inside the assignment's cell in each printed form.
COLLEGIUM_LIST = """\
ПЕРЕЧЕНЬ ПОРУЧЕНИЙ
по итогам заседания коллегии министерства образования от 20 января 2027 г.
№ п/п\tПоручение\tСрок исполнения
1.\tОбеспечить охват обучающихся горячим питанием. Отв. – Иванов И.И.\tдо 01.03.2027
2.\tПодготовить информацию о кадровом дефиците (отв. Петрова А.А., Сидоров С.С.)\tежеквартально
3.\tПровести семинар для заместителей директоров. Исп.: ГАУ ДПО ИРО\t2 квартал 2027 г.
4.\tОтделу общего образования (Ковалёва Т.А.) обеспечить контроль за проведением ВПР\tапрель-май
"""


#: A protocol's decisions pasted from a Word table: the agenda questions are section rows, a
#: cell's second paragraph breaks its row, the chair's signature ends the table.
PASTED_DECISIONS = """\
ПРОТОКОЛ № 2
заседания методического совета колледжа
от 14.02.2027
РЕШИЛИ:
№\tСодержание решения\tОтветственный\tСрок
По первому вопросу
1.1\tУтвердить план методической недели\tОрлова Н.П.\tдо 20.02.2027
1.2\tПровести открытые уроки
в рамках методической недели\tПредседатели ПЦК\tмарт
По второму вопросу
2.1\tПодготовить материалы к аттестации\tАттестуемые преподаватели\tдо 01.04.2027
2.2\tОрганизовать взаимопосещение занятий\tМетодист Зуева Л.Н.\tежемесячно
Председатель\tИ.И. Иванов
"""


#: A plan typed as a numbered list, the term and doers after a dash; a heading ending with
#: a colon and the preamble are no activities.
LISTED_PLAN = """\
ПЛАН
работы методического объединения на 2027 год
1. Общие положения
1.1. Настоящий план разработан на основе плана работы колледжа.
2. Мероприятия
2.1. Проведение заседаний МО – ежемесячно, руководитель МО Петрова А.А.
2.2. Подготовка к аттестации преподавателей – в течение года.
2.3. Участие в областном конкурсе «Преподаватель года» – март, Сидорова В.В.
2.4. Организационная работа:
- заседание методического совета – сентябрь.
"""
