"""The control sheet opens and prints in LibreOffice: converted to PDF headless and read back.

Needs `soffice` (Debian: `apt-get install --no-install-recommends libreoffice-calc-nogui`);
skipped without it.
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path

import pdfplumber
import pytest

from bot.texts.export import CONTROL_TITLE, LABELS
from tracking.export import (
    PersonStats,
    SheetProtocol,
    SheetRow,
    control_sheet,
    discipline_sheet,
)

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
pytestmark = pytest.mark.skipif(
    SOFFICE is None,
    reason="LibreOffice (soffice) is not installed: apt-get install --no-install-recommends "
    "libreoffice-calc-nogui",
)

GENERATED = dt.datetime(2026, 2, 1, 10, 30, tzinfo=dt.UTC)
ROWS = 40
A4_LONG, A4_SHORT = 842, 595


def long_row(index: int) -> SheetRow:
    words = "Подготовить отчёт о трудоустройстве выпускников колледжей кластера за год "
    return SheetRow(
        number=f"{index}.1",
        text=words * (1 + index % 4) + f"Конец{index}",
        responsible="Хнычева Д.С., Иванов И.И.",
        deadline=dt.date(2026, 1, 27),
        deadline_time=dt.time(15, 0) if index % 2 else None,
        deadline_raw="",
        status="просрочено" if index % 3 == 0 else "в работе",
        done_on=None,
        report="Отчёт представлен, ждёт проверки" if index % 5 == 0 else "",
        overdue=index % 3 == 0,
    )


def convert(tmp: Path, *files: Path) -> list[Path]:
    assert SOFFICE is not None
    profile = (tmp / "profile").as_uri()
    subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp),
            *map(str, files),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    return [tmp / (file.stem + ".pdf") for file in files]


@pytest.fixture(scope="module")
def pdf_texts(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[str]]:
    tmp = tmp_path_factory.mktemp("libreoffice")
    control = tmp / "control.xlsx"
    protocol = SheetProtocol(
        "Протокол заседания рабочей группы",
        "12",
        dt.date(2026, 1, 15),
        [long_row(i) for i in range(1, ROWS + 1)],
    )
    control.write_bytes(
        control_sheet([protocol], generated_at=GENERATED, title=CONTROL_TITLE, labels=LABELS)
    )
    discipline = tmp / "discipline.xlsx"
    person = PersonStats("Иванов И.И.", "Колледж № 1", 5, 3, 1, 1, 0)
    discipline.write_bytes(
        discipline_sheet(
            [person],
            [person],
            period=(dt.date(2026, 1, 1), dt.date(2026, 1, 31)),
            generated_at=GENERATED,
            labels=LABELS,
        )
    )
    texts: dict[str, list[str]] = {}
    for pdf_path in convert(tmp, control, discipline):
        assert pdf_path.exists()
        assert pdf_path.stat().st_size > 1000
        assert pdf_path.read_bytes().startswith(b"%PDF")
        with pdfplumber.open(pdf_path) as pdf:
            for page in pdf.pages:
                assert round(page.width) == A4_LONG and round(page.height) == A4_SHORT
            texts[pdf_path.stem] = [page.extract_text() or "" for page in pdf.pages]
    return texts


def test_control_sheet_renders_with_its_russian_headers(pdf_texts: dict[str, list[str]]) -> None:
    text = "\n".join(pdf_texts["control"])
    assert "Поручение" in text
    assert "Ответственный" in text
    assert "Отчёт / комментарий" in text
    assert CONTROL_TITLE in text


def test_summary_prints_first_then_the_protocol_over_several_pages(
    pdf_texts: dict[str, list[str]],
) -> None:
    pages = pdf_texts["control"]
    assert "Итого" in pages[0]
    assert len(pages) >= 3


def test_header_row_repeats_on_every_protocol_page_and_all_columns_fit_the_width(
    pdf_texts: dict[str, list[str]],
) -> None:
    for page in pdf_texts["control"][1:]:
        assert "Поручение" in page
        assert "Отчёт / комментарий" in page


def test_wrapped_text_is_not_clipped_and_dates_fit(pdf_texts: dict[str, list[str]]) -> None:
    text = "\n".join(pdf_texts["control"])
    for index in range(1, ROWS + 1):
        assert f"Конец{index}" in text
    assert "###" not in text
    assert "27.01.2026 15:00" in text


def test_page_numbers_in_the_footer(pdf_texts: dict[str, list[str]]) -> None:
    pages = pdf_texts["control"]
    assert f"Страница 1 из {len(pages)}" in pages[0]


def test_discipline_summary_renders(pdf_texts: dict[str, list[str]]) -> None:
    text = "\n".join(pdf_texts["discipline"])
    assert "Исполнительская дисциплина с 01.01.2026 по 31.01.2026" in text
    assert "60%" in text
