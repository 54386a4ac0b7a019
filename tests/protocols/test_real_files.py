"""Documents as secretaries' software really saves them: Word's markup (tab stops, fields,
tracked moves, text boxes, shared and style-linked lists, form tables), PDF layout (approval
blocks side by side, words broken at line ends, tables ruled across pages), odd characters
and damaged encodings."""

from __future__ import annotations

import datetime
import io
from typing import Any

from protocols import parse_document, read_document
from protocols.text import clean_document_text
from tests.protocols.documents import PdfItem, make_pdf_drawn, pdf_table

D = datetime.date
_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
_HEAD = ["ПРОТОКОЛ № 3", "заседания методического совета", "от 01.02.2024", "РЕШИЛИ:"]


def _save(document: Any) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _xml(text: str) -> Any:
    from docx.oxml import parse_xml

    return parse_xml(text)


def _rows(data: bytes, name: str) -> list[tuple[str | None, str, D | None, tuple[str, ...]]]:
    protocol = parse_document(data, name)
    return [(a.number, a.text, a.deadline.date, a.responsible) for a in protocol.assignments]


# --- .docx ---------------------------------------------------------------------------------


def test_docx_run_markup_reads_as_word_shows_it() -> None:
    """Tab stops are no tabs; a non-breaking hyphen is a hyphen; hidden runs, text moved
    away and field codes stay out; field results (a date field) stay in."""
    import docx
    from docx.oxml import OxmlElement
    from docx.shared import Cm

    document = docx.Document()
    for text in _HEAD:
        document.add_paragraph(text)
    first = document.add_paragraph("1.\tРуководителям ИКТ")
    first.paragraph_format.tab_stops.add_tab_stop(Cm(1))
    first.add_run()._r.append(OxmlElement("w:noBreakHyphen"))
    first.add_run("компаний направить предложения ")
    first._p.append(_xml(f'<w:moveFrom {_W} w:id="1" w:author="a"><w:r><w:t>до 05.03.2024 '
                         "</w:t></w:r></w:moveFrom>"))  # fmt: skip
    first.add_run("до 01.03.2024.")
    second = document.add_paragraph("2.\tПетровой А.А. провести семинар ")
    second.paragraph_format.tab_stops.add_tab_stop(Cm(1))
    second._p.append(_xml(f"<w:r {_W}><w:rPr><w:vanish/></w:rPr><w:t>черновик </w:t></w:r>"))
    second.add_run("до ")
    for run in (
        '<w:fldChar w:fldCharType="begin"/>',
        '<w:instrText xml:space="preserve"> DATE \\@ "dd.MM.yyyy" </w:instrText>',
        '<w:fldChar w:fldCharType="separate"/>',
        "<w:t>10.03.2024</w:t>",
        '<w:fldChar w:fldCharType="end"/>',
    ):
        second._p.append(_xml(f"<w:r {_W}>{run}</w:r>"))
    second.add_run(".")
    data = _save(document)
    text = read_document(data, "p.docx")
    assert "\n\t" not in text
    assert "1.\tРуководителям ИКТ-компаний направить предложения до 01.03.2024." in text
    assert "2.\tПетровой А.А. провести семинар до 10.03.2024." in text
    assert _rows(data, "p.docx") == [
        (
            "1",
            "Руководителям ИКТ-компаний направить предложения до 01.03.2024.",
            D(2024, 3, 1),
            ("руководители ИКТ-компаний",),
        ),
        ("2", "Петровой А.А. провести семинар до 10.03.2024.", D(2024, 3, 10), ("Петрова А.А.",)),
    ]


_TEXT_BOX = (
    f'<w:r {_W} xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:v="urn:schemas-microsoft-com:vml"><mc:AlternateContent><mc:Choice Requires="wps">'
    "<w:drawing><wps:wsp><wps:txbx><w:txbxContent>{box}</w:txbxContent></wps:txbx></wps:wsp>"
    "</w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent>{box}"
    "</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>"
)


def test_docx_text_box_is_read_once_on_lines_of_its_own() -> None:
    """A floating «УТВЕРЖДАЮ» box is stored twice (a drawing and its VML fallback) inside
    the title's paragraph; it reads once, before the title, and its date is not the
    meeting's."""
    import docx

    box = "".join(
        f"<w:p><w:r><w:t>{line}</w:t></w:r></w:p>"
        for line in ("УТВЕРЖДАЮ", "Начальник управления", "«12» января 2024 г.")
    )
    document = docx.Document()
    title = document.add_paragraph("ПРОТОКОЛ № 3")
    title._p.append(_xml(_TEXT_BOX.format(box=box)))
    for text in [*_HEAD[1:], "1. Иванову И.И. подготовить отчёт до 01.03.2024."]:
        document.add_paragraph(text)
    data = _save(document)
    text = read_document(data, "p.docx")
    assert text.count("УТВЕРЖДАЮ") == 1
    assert text.index("«12» января 2024 г.") < text.index("ПРОТОКОЛ № 3\n")
    header = parse_document(data, "p.docx").header
    assert (header.title, header.number, header.date) == (
        "заседания методического совета",
        "3",
        D(2024, 2, 1),
    )


_MULTILEVEL = (
    f'<w:abstractNum {_W} w:abstractNumId="70"><w:multiLevelType w:val="multilevel"/>'
    '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/>'
    '</w:lvl><w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
    '<w:lvlText w:val="%1.%2."/></w:lvl><w:lvl w:ilvl="2"><w:start w:val="1"/>'
    '<w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2.%3."/></w:lvl></w:abstractNum>'
)
#: A definition that takes its levels from the numbering style "Decisions" (Word's list
#: styles), and the definition that style's list uses.
_STYLE_LINKED = (
    f'<w:abstractNum {_W} w:abstractNumId="71"><w:multiLevelType w:val="multilevel"/>'
    '<w:numStyleLink w:val="Decisions"/></w:abstractNum>'
)
_STYLE_LIST = (
    f'<w:abstractNum {_W} w:abstractNumId="72"><w:multiLevelType w:val="multilevel"/>'
    '<w:styleLink w:val="Decisions"/><w:lvl w:ilvl="0"><w:start w:val="1"/>'
    '<w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl><w:lvl w:ilvl="1">'
    '<w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2."/></w:lvl>'
    "</w:abstractNum>"
)


def test_docx_lists_share_counts_restart_and_link_to_list_styles() -> None:
    """«List Paragraph» items numbered from the numbering part: two lists of one definition
    continue each other, a list with a start override restarts, and a definition linked to
    a numbering style numbers with that style's levels."""
    import docx

    document = docx.Document()
    numbering = document.part.numbering_part.element
    for definition in (_MULTILEVEL, _STYLE_LINKED, _STYLE_LIST):
        numbering.insert(0, _xml(definition))
    first = numbering.add_num(70).numId
    continued = numbering.add_num(70).numId
    restarted = numbering.add_num(70)
    restarted.add_lvlOverride(0).add_startOverride(1)
    style_list = numbering.add_num(72).numId
    linked = numbering.add_num(71).numId
    style = f'<w:style {_W} w:type="numbering" w:styleId="Decisions"><w:name w:val="Decisions"/>'
    style += f'<w:pPr><w:numPr><w:numId w:val="{style_list}"/></w:numPr></w:pPr></w:style>'
    document.styles.element.append(_xml(style))

    def item(text: str, num: int, level: int) -> None:
        paragraph = document.add_paragraph(text, style="List Paragraph")
        num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
        num_pr.get_or_add_ilvl().val = level
        num_pr.get_or_add_numId().val = num

    document.add_paragraph("ПРОТОКОЛ № 3 от 01.02.2024")
    document.add_paragraph("I. О подготовке к лету")
    document.add_paragraph("РЕШИЛИ:")
    item("Информацию принять к сведению.", first, 0)
    item("Директорам школ:", first, 0)
    item("подготовить отчёты до 20.02.2024:", first, 1)
    item("по кадрам;", first, 2)
    item("по питанию.", first, 2)
    document.add_paragraph("Голосовали: единогласно.")
    item("Методистам провести семинар до 01.03.2024.", continued, 0)
    document.add_paragraph("II. О ремонте")
    document.add_paragraph("РЕШИЛИ:")
    item("Информацию принять к сведению.", restarted.numId, 0)
    item("Завхозу Петрову П.П. закупить краску до 05.03.2024.", restarted.numId, 0)
    document.add_paragraph("III. О сайте")
    document.add_paragraph("РЕШИЛИ:")
    item("Информацию принять к сведению.", linked, 0)
    item("Сидорову С.С. обновить сайт до 15.03.2024.", linked, 1)
    data = _save(document)
    text = read_document(data, "p.docx")
    for line in (
        "2.1. подготовить отчёты",
        "2.1.2. по питанию.",
        "3. Методистам",
        "2. Завхозу",
        "1.1. Сидорову",
    ):
        assert f"\n{line}" in text
    assert [(number, who) for number, _, _, who in _rows(data, "p.docx")] == [
        ("I.2.1.1", ("директора школ",)),
        ("I.2.1.2", ("директора школ",)),
        ("I.3", ("методисты",)),
        ("II.2", ("Петров П.П.",)),
        ("III.1.1", ("Сидоров С.С.",)),
    ]


def test_docx_form_table_with_column_numbers_merged_doers_and_repeated_header() -> None:
    """A form table: a row numbering the columns under the header, one doer merged down
    three rows, sub-items «1.1», and the header typed again further down."""
    import docx

    document = docx.Document()
    for text in _HEAD:
        document.add_paragraph(text)
    header = ["№ п/п", "Содержание поручения", "Ответственный", "Срок"]
    rows = [
        header,
        ["1", "2", "3", "4"],
        ["1.", "Организовать летний отдых детей", "Управление образования", "до 01.06.2024"],
        ["1.1", "Подготовить лагеря", "", "до 15.05.2024"],
        ["1.2", "Провести приёмку лагерей", "", "до 25.05.2024"],
        header,
        ["2.", "Обновить сайт", "Иванов И.И.", "до 01.07.2024"],
    ]
    grid = document.add_table(rows=len(rows), cols=4)
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if value:
                grid.cell(r, c).text = value
    grid.cell(2, 2).merge(grid.cell(4, 2))
    office = ("Управление образования",)
    assert _rows(_save(document), "p.docx") == [
        ("1", "Организовать летний отдых детей", D(2024, 6, 1), office),
        ("1.1", "Подготовить лагеря", D(2024, 5, 15), office),
        ("1.2", "Провести приёмку лагерей", D(2024, 5, 25), office),
        ("2", "Обновить сайт", D(2024, 7, 1), ("Иванов И.И.",)),
    ]


def test_docx_approval_table_above_the_title_and_a_bold_decision_word() -> None:
    import docx

    document = docx.Document()
    blocks = document.add_table(rows=1, cols=2)
    for cell, lines in zip(
        blocks.rows[0].cells,
        (
            [
                "СОГЛАСОВАНО",
                "Председатель профкома",
                "_______ А.А. Петрова",
                "«10» января 2024 г.",
            ],
            ["УТВЕРЖДАЮ", "Директор МБОУ СОШ № 5", "_______ Б.Б. Сидоров", "«12» января 2024 г."],
        ),
        strict=True,
    ):
        cell.text = lines[0]
        for line in lines[1:]:
            cell.add_paragraph(line)
    for text in ("ПРОТОКОЛ № 2", "заседания педагогического совета", "от 09.01.2024"):
        document.add_paragraph(text)
    document.add_paragraph().add_run("РЕШИЛИ:").bold = True
    document.add_paragraph(
        "1.\tЗаместителю директора Ивановой И.И. подготовить план до 01.02.2024."
    )
    data = _save(document)
    protocol = parse_document(data, "p.docx")
    assert (protocol.header.title, protocol.header.number, protocol.header.date) == (
        "заседания педагогического совета",
        "2",
        D(2024, 1, 9),
    )
    assert [(a.number, a.responsible) for a in protocol.assignments] == [("1", ("Иванова И.И.",))]


def test_docx_plan_heading_typed_as_one_line_paragraphs_keeps_its_year() -> None:
    """Each line of the heading is a paragraph of its own; "на 2024 год" still dates the
    plan, so "В течение года" ends on 31 December 2024."""
    import docx

    document = docx.Document()
    for text in ("ПЛАН РАБОТЫ", "МЕТОДИЧЕСКОГО СОВЕТА", "на 2024 год"):
        document.add_paragraph(text)
    rows = [
        ["№ п/п", "Мероприятие", "Срок", "Ответственный"],
        ["1.", "Провести семинар для молодых педагогов", "В течение года", "Методист"],
        ["2.", "Подготовить отчёт", "декабрь", "Заместитель директора"],
    ]
    grid = document.add_table(rows=len(rows), cols=4)
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            grid.cell(r, c).text = value
    protocol = parse_document(_save(document), "plan.docx")
    assert protocol.header.title == "ПЛАН РАБОТЫ МЕТОДИЧЕСКОГО СОВЕТА на 2024 год"
    assert [a.deadline.date for a in protocol.assignments] == [D(2024, 12, 31)] * 2


# --- .pdf ----------------------------------------------------------------------------------


def _lines(lines: list[str], top: float) -> list[PdfItem]:
    return [(50, top - 14 * index, line) for index, line in enumerate(lines)]


def test_pdf_approval_blocks_side_by_side_broken_words_and_odd_letters() -> None:
    """Approval blocks side by side run into the same lines; words are broken at line ends
    with a hyphen or a soft hyphen; "Oтветственный" and "Cрок" begin with Latin letters;
    a date is glued with a non-breaking space."""
    page: list[PdfItem] = []
    for y, left, right in (
        (800, "СОГЛАСОВАНО", "УТВЕРЖДАЮ"),
        (786, "Председатель профкома", "Директор МБОУ СОШ № 5"),
        (772, "_______ А.А. Петрова", "_______ Б.Б. Сидоров"),
        (758, "«10» января 2024 г.", "«12» января 2024 г."),
    ):
        page += [(50, y, left), (350, y, right)]
    page += _lines(
        [
            "ПРОТОКОЛ № 2",
            "заседания педагогического совета",
            "от 09.01.2024",
            "РЕШИЛИ:",
            "1. Заместителю директора Ивановой И.И. подго-",
            "товить план работы до 01.02.2024.",
            "2. Учителям начальных классов прове\u00ad",
            "сти родительские собрания до 15.02.2024.",
            "3. Проверить журналы. Oтветственный: Петрова А.А. Cрок: до 20.02.2024.",
            "4. Классным руководителям провести беседы до\u00a020.02.2024.",
        ],
        top=720,
    )
    protocol = parse_document(make_pdf_drawn([page]), "p.pdf")
    assert (protocol.header.title, protocol.header.number, protocol.header.date) == (
        "заседания педагогического совета",
        "2",
        D(2024, 1, 9),
    )
    assert [(a.number, a.text, a.deadline.date, a.responsible) for a in protocol.assignments] == [
        (
            "1",
            "Заместителю директора Ивановой И.И. подготовить план работы до 01.02.2024.",
            D(2024, 2, 1),
            ("Иванова И.И.",),
        ),
        (
            "2",
            "Учителям начальных классов провести родительские собрания до 15.02.2024.",
            D(2024, 2, 15),
            ("учителя начальных классов",),
        ),
        ("3", "Проверить журналы.", D(2024, 2, 20), ("Петрова А.А.",)),
        (
            "4",
            "Классным руководителям провести беседы до 20.02.2024.",
            D(2024, 2, 20),
            ("классные руководители",),
        ),
    ]


def test_pdf_ruled_table_across_pages_repeats_its_header() -> None:
    head = ["№", "Поручение", "Срок", "Ответственный"]
    first = _lines(["ПРОТОКОЛ № 8", "совещания при начальнике управления", "от 14.03.2024"], 790)
    first += _lines(["РЕШИЛИ:"], 740)
    first += pdf_table(
        [
            head,
            ["1.", "Провести мониторинг питания", "до 01.04.2024", "Петрова А.А."],
            ["2.", "Подготовить справку", "до 10.04.2024", "Иванов И.И."],
        ],
        top=720,
    )
    first.append((290, 30, "1"))
    second = pdf_table([head, ["3.", "Обновить сайт", "до 20.04.2024", "Сидоров С.С."]], top=800)
    second += _lines(["Председатель\u00a0\u00a0\u00a0\u00a0 П.П. Петров"], 700)
    second.append((290, 30, "2"))
    assert _rows(make_pdf_drawn([first, second]), "p.pdf") == [
        ("1", "Провести мониторинг питания", D(2024, 4, 1), ("Петрова А.А.",)),
        ("2", "Подготовить справку", D(2024, 4, 10), ("Иванов И.И.",)),
        ("3", "Обновить сайт", D(2024, 4, 20), ("Сидоров С.С.",)),
    ]


def test_pdf_without_a_title_line_does_not_take_the_whole_text_for_a_title() -> None:
    """A PDF's text has no blank lines: the title must stop at the date or the first
    section, not run on through the decisions."""
    page = _lines(
        [
            "ПРОТОКОЛ № 8",
            "от 14.03.2024",
            "РЕШИЛИ:",
            "1. Иванову И.И. обновить сайт до 01.04.2024.",
        ],
        790,
    )
    header = parse_document(make_pdf_drawn([page]), "p.pdf").header
    assert header.title is not None and "РЕШИЛИ" not in header.title
    assert (header.number, header.date) == ("8", D(2024, 3, 14))


# --- .txt and text clean-up ----------------------------------------------------------------


def test_utf8_text_with_a_few_bad_bytes_is_not_read_as_koi8() -> None:
    text = "ПРОТОКОЛ № 1\nРЕШИЛИ:\n1. Петрову П.П. сделать отчёт до 01.02.2024.\n"
    pasted = text.encode("utf-8") + "Секретарь".encode("cp1251")
    assert read_document(pasted, "a.txt").startswith(text)
    cut = text.encode("utf-8") + "Секретарь".encode()[:-1]
    assert read_document(cut, "a.txt").startswith(text + "Секретар")
    assert read_document(text.encode("cp1251"), "a.txt") == text


def test_clean_up_spells_cyrillic_words_in_cyrillic_and_unifies_hyphens() -> None:
    assert clean_document_text("Oтветственный: пpoверить, Cрок: до 1 марта") == (
        "Ответственный: проверить, Срок: до 1 марта"
    )
    # Latin words, words with Latin letters that have no Cyrillic twin, and "1C" stay.
    kept = "ЯндексGPT, e-mail, Wi-Fi, 1C:Предприятие, OOO «Ромашка»"
    assert clean_document_text(kept) == kept
    assert clean_document_text("ИКТ\u2011компании, 2023\u20102024") == "ИКТ-компании, 2023-2024"
    assert clean_document_text("подго\u00ad\nтовить и про\u00adвести") == "подготовить и провести"
