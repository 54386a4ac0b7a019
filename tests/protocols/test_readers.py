"""Reading documents: formats, encodings, tables, numbering and clear errors."""

from __future__ import annotations

import datetime
import io
import zipfile

import pytest

from protocols import (
    MAX_DOCUMENT_BYTES,
    DeadlineKind,
    DocumentError,
    DocumentProblem,
    parse_document,
    read_document,
)
from tests.protocols.documents import (
    make_docx,
    make_docx_linked_list,
    make_odt,
    make_odt_list,
    make_pdf,
    make_rtf,
)

PROTOCOL_LINES = [
    "ПРОТОКОЛ № 5",
    "заседания комиссии по качеству",
    "от 10.02.2024",
    "РЕШИЛИ:",
    "1. Иванову И.И. подготовить отчёт до 01.03.2024.",
    "2. Рекомендовать руководителям школ провести собрания",
    "в течение месяца.",
]


def test_utf8_and_cp1251_text() -> None:
    text = "ПРОТОКОЛ № 1\nРЕШИЛИ:\n1. Петрову П.П. сделать отчёт до 01.02.2024.\n"
    assert read_document(text.encode("utf-8"), "a.txt") == text
    assert read_document(text.encode("cp1251"), "a.txt") == text
    assert read_document(text.encode("utf-8-sig"), "a.txt") == text
    assert read_document(text.encode("utf-16"), "a.txt") == text
    assert read_document(text.replace("№", "N").encode("koi8-r"), "a.txt") == text.replace(
        "№", "N"
    )


def test_docx_paragraphs_tables_and_automatic_numbering_in_order() -> None:
    data = make_docx(
        ["ПРОТОКОЛ № 2", "заседания штаба", "от 01.02.2024", "РЕШИЛИ:"],
        numbered=[
            "Петрову П.П. провести проверку до 10.02.2024.",
            "Сидоровой А.А. подготовить справку. Срок: 15.02.2024.",
        ],
        table=[
            ["№ п/п", "Мероприятие", "Срок исполнения", "Ответственный"],
            ["1.", "Провести семинар", "март 2024 г.", "Отдел кадров\nИванов И.И."],
            ["2.", "Обновить сайт", "до 1 апреля", "Пресс-служба"],
        ],
        paragraphs_after=["Председатель    П.П. Петров"],
    )
    text = read_document(data, "protocol.docx")
    assert "1. Петрову П.П." in text
    assert "2. Сидоровой А.А." in text
    assert "1.\tПровести семинар\tмарт 2024 г.\tОтдел кадров; Иванов И.И." in text
    assert text.index("РЕШИЛИ") < text.index("Провести семинар") < text.index("Председатель")
    protocol = parse_document(data, "protocol.docx")
    assert protocol.header.number == "2"
    assert [(a.number, a.responsible, a.deadline.date) for a in protocol.assignments] == [
        ("1", ("Петров П.П.",), datetime.date(2024, 2, 10)),
        ("2", ("Сидорова А.А.",), datetime.date(2024, 2, 15)),
        ("1", ("Отдел кадров", "Иванов И.И."), datetime.date(2024, 3, 31)),
        ("2", ("Пресс-служба",), datetime.date(2024, 4, 1)),
    ]


def test_docx_list_number_2_is_the_second_level_of_a_linked_list_and_restarts() -> None:
    data = make_docx_linked_list(
        ["ПРОТОКОЛ № 4", "от 01.02.2024", "РЕШИЛИ:"],
        [
            (1, "Утвердить план."),
            (1, "Директорам школ:"),
            (2, "провести собрания до 10.02.2024;"),
            (2, "подготовить отчёты до 20.02.2024."),
            (1, "Методистам:"),
            (2, "провести семинар до 01.03.2024."),
        ],
    )
    text = read_document(data, "protocol.docx")
    assert "2. Директорам школ:\n\n2.1. провести собрания" in text
    assert "2.2. подготовить отчёты" in text
    assert "3. Методистам:\n\n3.1. провести семинар" in text
    protocol = parse_document(data, "protocol.docx")
    assert [(a.number, a.responsible) for a in protocol.assignments] == [
        ("2.1", ("директора школ",)),
        ("2.2", ("директора школ",)),
        ("3.1", ("методисты",)),
    ]


def test_pdf_text_layer() -> None:
    protocol = parse_document(make_pdf([PROTOCOL_LINES]), "protocol.pdf")
    assert protocol.header.number == "5"
    assert protocol.header.date == datetime.date(2024, 2, 10)
    first, second = protocol.assignments
    assert (first.responsible, first.deadline.date) == (
        ("Иванов И.И.",),
        datetime.date(2024, 3, 1),
    )
    assert second.recommendation
    assert second.deadline.kind is DeadlineKind.RELATIVE
    assert second.text.endswith("провести собрания в течение месяца.")


def test_pdf_with_several_pages() -> None:
    text = read_document(make_pdf([PROTOCOL_LINES[:4], PROTOCOL_LINES[4:]]), "p.pdf")
    assert "РЕШИЛИ" in text and "Иванову И.И." in text


def test_pdf_running_header_and_page_numbers_stay_out_of_the_items() -> None:
    head = "Протокол № 7 заседания комиссии от 14.03.2024"
    pages = [
        ["- 1 -", head, "ПРОТОКОЛ № 7", "заседания комиссии", "от 14.03.2024", "РЕШИЛИ:",
         "1. Отделу образования (Кротова Е.В.) провести проверку"],
        ["- 2 -", head, "в образовательных организациях до 30.04.2024.",
         "2. Секретарю комиссии Беловой Н.И. направить копию протокола до 20.03.2024."],
    ]  # fmt: skip
    protocol = parse_document(make_pdf(pages), "p.pdf")
    assert protocol.header.title == "заседания комиссии"
    assert [(a.number, a.text, a.deadline.date) for a in protocol.assignments] == [
        (
            "1",
            "Отделу образования (Кротова Е.В.) провести проверку в образовательных "
            "организациях до 30.04.2024.",
            datetime.date(2024, 4, 30),
        ),
        (
            "2",
            "Секретарю комиссии Беловой Н.И. направить копию протокола до 20.03.2024.",
            datetime.date(2024, 3, 20),
        ),
    ]


def test_scanned_pdf_says_it_has_no_text() -> None:
    with pytest.raises(DocumentError) as error:
        read_document(make_pdf([["скан"]], text=False), "scan.pdf")
    assert error.value.code is DocumentProblem.NO_TEXT_LAYER


def test_odt_paragraphs_and_table() -> None:
    data = make_odt(
        ["ПРОТОКОЛ № 9", "РЕШИЛИ:", "1. Иванову И.И. сделать отчёт до 01.01.2025."],
        table=[
            ["№", "Мероприятие", "Срок", "Ответственный"],
            ["1", "Семинар", "до 02.02.2025", "Отдел"],
        ],
    )
    protocol = parse_document(data, "p.odt")
    assert [(a.text, a.responsible) for a in protocol.assignments] == [
        ("Иванову И.И. сделать отчёт до 01.01.2025.", ("Иванов И.И.",)),
        ("Семинар", ("Отдел",)),
    ]


def test_rtf_in_cp1251() -> None:
    data = make_rtf(["Протокол № 1", "РЕШИЛИ:", "1. Иванову И.И. сделать отчёт до 01.01.2025."])
    protocol = parse_document(data, "p.rtf")
    assert [a.responsible for a in protocol.assignments] == [("Иванов И.И.",)]


def test_format_is_sniffed_when_the_name_lies() -> None:
    assert "РЕШИЛИ" in read_document(make_pdf([PROTOCOL_LINES]), "protocol.txt")
    # Named as the old formats, but readable: a .docx renamed, RTF and a web page Word saved.
    assert "РЕШИЛИ" in read_document(make_docx(PROTOCOL_LINES), "protocol.doc")
    assert "РЕШИЛИ" in read_document(make_rtf(PROTOCOL_LINES), "protocol.doc")
    page = "<html><body>" + "".join(f"<p>{line}</p>" for line in PROTOCOL_LINES)
    assert "РЕШИЛИ" in read_document((page + "</body></html>").encode(), "protocol.doc")


@pytest.mark.parametrize(
    ("data", "name", "problem"),
    [
        (b"", "a.txt", DocumentProblem.EMPTY),
        (b"   \n ", "a.txt", DocumentProblem.EMPTY),
        (
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100,
            "old.doc",
            DocumentProblem.LEGACY_DOC,
        ),
        (  # a .docx protected by a password is an OLE file with an «EncryptedPackage»
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
            + b"\x00" * 100
            + "EncryptedPackage".encode("utf-16-le")
            + b"\x00" * 100,
            "protected.docx",
            DocumentProblem.ENCRYPTED,
        ),
        (b"GIF89a\x00\x00", "picture.gif", DocumentProblem.UNSUPPORTED_FORMAT),
        (b"%PDF-1.4 broken", "a.pdf", DocumentProblem.BROKEN_FILE),
        (b"PK\x03\x04 broken zip", "a.docx", DocumentProblem.BROKEN_FILE),
    ],
)
def test_unreadable_documents_raise_a_coded_error(
    data: bytes, name: str, problem: DocumentProblem
) -> None:
    with pytest.raises(DocumentError) as error:
        read_document(data, name)
    assert error.value.code is problem


def test_too_large_document_is_refused_before_reading() -> None:
    with pytest.raises(DocumentError) as error:
        read_document(b"x" * (MAX_DOCUMENT_BYTES + 1), "big.txt")
    assert error.value.code is DocumentProblem.TOO_LARGE
    assert error.value.params == {"size": MAX_DOCUMENT_BYTES + 1, "limit": MAX_DOCUMENT_BYTES}


def test_zip_that_is_not_an_office_document_is_unsupported() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "hello")
    with pytest.raises(DocumentError) as error:
        read_document(buffer.getvalue(), "archive.zip")
    assert error.value.code is DocumentProblem.UNSUPPORTED_FORMAT


def test_odt_lists_number_themselves_with_levels_continuations_and_restarts() -> None:
    data = make_odt_list(
        [
            "РЕШИЛИ:",
            [
                "Петрову П.П. провести проверку до 10.02.2024.",
                ["Сидоровой А.А. подготовить справку.", "Срок: 15.02.2024."],
            ],
            "Голосовали единогласно.",
            [
                "continue",
                [
                    "Отделу кадров:",
                    ["обновить штатное расписание;", "подготовить приказ."],
                ],
                [["подпункт без своего пункта"]],
                ("start", 7, "Пресс-службе обновить сайт."),
            ],
            ["Новый список начинается с единицы."],
        ]
    )
    assert read_document(data, "p.odt").splitlines() == [
        "РЕШИЛИ:",
        "1. Петрову П.П. провести проверку до 10.02.2024.",
        "2. Сидоровой А.А. подготовить справку.",
        "Срок: 15.02.2024.",
        "Голосовали единогласно.",
        "3. Отделу кадров:",
        "3.1. обновить штатное расписание;",
        "3.2. подготовить приказ.",
        "3.3. подпункт без своего пункта",
        "7. Пресс-службе обновить сайт.",
        "1. Новый список начинается с единицы.",
    ]


def test_odt_letters_bullets_and_numbered_headings() -> None:
    data = make_odt_list(
        [["Первое", ["Второе", ["вложенное"]]]],
        levels=(("а", "", ")", 1), ("•", "", "", 1)),
    )
    assert read_document(data, "p.odt").splitlines() == ["а) Первое", "б) Второе", "- вложенное"]

    from odf.opendocument import OpenDocumentText
    from odf.style import ListLevelProperties
    from odf.text import H, OutlineLevelStyle, OutlineStyle

    document = OpenDocumentText()
    outline = OutlineStyle(name="Outline")
    for level, fmt in ((1, "I"), (2, "1")):
        node = OutlineLevelStyle(level=level, numformat=fmt, numsuffix=".")
        node.addElement(ListLevelProperties())
        outline.addElement(node)
    document.styles.addElement(outline)
    for level, text in ((1, "Вступление"), (1, "О плане"), (2, "Слушали"), (2, "Решили")):
        document.text.addElement(H(outlinelevel=level, text=text))
    buffer = io.BytesIO()
    document.save(buffer)
    assert read_document(buffer.getvalue(), "h.odt").splitlines() == [
        "I. Вступление",
        "II. О плане",
        "1. Слушали",
        "2. Решили",
    ]


def test_docx_table_cells_with_line_breaks_and_signatures_under_the_table() -> None:
    data = make_docx(
        ["ПРОТОКОЛ № 2", "заседания рабочей группы", "от 05.04.2024", "РЕШИЛИ:"],
        table=[
            ["№", "Мероприятие", "Срок", "Ответственный"],
            ["1.", "Подготовить рекомендации", "до 31.05.2024", "Ермакова Н.В.,\vСушкова Т.П."],
            [
                "2.",
                "Организовать конкурс",
                "II квартал\v2024 г.",
                "Министерство образования\vРеспублики Мордовия",
            ],
            ["3.", "Подготовить отчёт", "до 20.12.2024", "Секретарь рабочей группы Юдина М.А."],
            ["4.", "Провести семинар", "до 01.06.2024", "Отдел кадров\vИванов И.И."],
            ["Руководитель рабочей группы", "Е.Н. Ермакова", "", ""],
        ],
    )
    protocol = parse_document(data, "p.docx")
    assert [(a.number, a.deadline.date, a.responsible) for a in protocol.assignments] == [
        ("1", datetime.date(2024, 5, 31), ("Ермакова Н.В.", "Сушкова Т.П.")),
        ("2", datetime.date(2024, 6, 30), ("Министерство образования Республики Мордовия",)),
        ("3", datetime.date(2024, 12, 20), ("Юдина М.А.",)),
        ("4", datetime.date(2024, 6, 1), ("Отдел кадров", "Иванов И.И.")),
    ]


def _docx_with_changes_and_merged_rows() -> bytes:
    """A «Перечень поручений» as Word saves one: a section heading merged across the table,
    a deadline changed with tracked changes, the date in a date-picker control."""
    import docx
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    document = docx.Document()
    heading = document.add_paragraph("ПЕРЕЧЕНЬ ПОРУЧЕНИЙ от ")
    control, content = OxmlElement("w:sdt"), OxmlElement("w:sdtContent")
    picked = OxmlElement("w:r")
    picked_text = OxmlElement("w:t")
    picked_text.text = "12.07.2024"
    picked.append(picked_text)
    content.append(picked)
    control.append(content)
    heading._p.append(control)
    rows = [
        ["№ п/п", "Поручение", "Ответственный исполнитель", "Срок исполнения"],
        ["1. Подготовка школ к учебному году", "", "", ""],
        ["1.1.", "Завершить ремонт школы № 5", "Управление образования (Сафонова Т.А.)", ""],
        ["2. Безопасность", "", "", ""],
        ["2.1.", "Актуализировать маршруты автобусов", "Колесников Д.И.", "до 25.08.2024"],
    ]
    grid = document.add_table(rows=len(rows), cols=4)
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if value:
                grid.cell(r, c).text = value
        if not any(row[1:]):
            grid.cell(r, 0).merge(grid.cell(r, 3))
    # The deadline of 1.1 as changed with tracked changes: 25.08.2024 deleted, 15.08 inserted.
    cell = grid.cell(2, 3).paragraphs[0]
    cell.add_run("до ")
    for tag, text_tag, text in (
        ("w:del", "w:delText", "25.08.2024"),
        ("w:ins", "w:t", "15.08.2024"),
    ):
        change, run, node = OxmlElement(tag), OxmlElement("w:r"), OxmlElement(text_tag)
        change.set(qn("w:id"), "1")
        change.set(qn("w:author"), "Секретарь")
        node.text = text
        run.append(node)
        change.append(run)
        cell._p.append(change)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_docx_merged_section_rows_tracked_changes_and_a_date_control() -> None:
    protocol = parse_document(_docx_with_changes_and_merged_rows(), "perechen.docx")
    assert protocol.header.date == datetime.date(2024, 7, 12)
    assert [(a.number, a.deadline.date, a.responsible) for a in protocol.assignments] == [
        ("1.1", datetime.date(2024, 8, 15), ("Управление образования", "Сафонова Т.А.")),
        ("2.1", datetime.date(2024, 8, 25), ("Колесников Д.И.",)),
    ]


def test_odt_table_with_a_row_spanning_the_columns() -> None:
    data = make_odt(
        ["ПРОТОКОЛ № 5 от 01.02.2024"],
        table=[
            ["№", "Мероприятие", "Ответственный", "Срок"],
            ["1. Подготовка к ГИА", None, None, None],
            ["1.1.", "Провести пробный экзамен", "Иванова А.А.", "до 15.03.2024"],
            ["1.2.", "Проанализировать результаты", "Петров П.П.", "до 29.03.2024"],
        ],
    )
    protocol = parse_document(data, "p.odt")
    assert [(a.number, a.deadline.date, a.responsible) for a in protocol.assignments] == [
        ("1.1", datetime.date(2024, 3, 15), ("Иванова А.А.",)),
        ("1.2", datetime.date(2024, 3, 29), ("Петров П.П.",)),
    ]


def _plan_workbook(extra: object) -> bytes:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["№", "Мероприятие", "Срок", "Ответственный"])
    sheet.append([1, "Проведение собрания", "март", "Петрова А.А."])
    sheet.append([2, "Проведение семинара", None, None])
    sheet.merge_cells("C2:C3")  # one term for both activities
    sheet.merge_cells("D2:D3")
    if callable(extra):
        extra(sheet)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_a_stray_cell_far_off_does_not_blow_up_a_spreadsheet() -> None:
    """One value at row 3000, column 3000 once made the reader build nine million cells."""

    def stray(sheet: object) -> None:
        sheet.cell(row=3000, column=3000, value=" ")  # type: ignore[attr-defined]

    text = read_document(_plan_workbook(stray), "план.xlsx")
    assert len(text) < 20_000
    lines = [line for line in text.split("\n") if line.strip()]
    assert lines == [
        "№\tМероприятие\tСрок\tОтветственный",
        "1\tПроведение собрания\tмарт\tПетрова А.А.",
        "2\tПроведение семинара\tмарт\tПетрова А.А.",  # merged down: repeated
    ]


def test_merged_ranges_are_read_from_the_sheet_without_loading_it_whole() -> None:
    from protocols.readers import _column_index

    assert [_column_index(c) for c in (b"A", b"Z", b"AA", b"AZ", b"XFD")] == [0, 25, 26, 51, 16383]
    text = read_document(_plan_workbook(None), "план.xlsx")
    assert text.split("\n")[2] == "2\tПроведение семинара\tмарт\tПетрова А.А."
