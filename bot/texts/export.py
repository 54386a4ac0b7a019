"""Russian texts of the Excel control sheet and the discipline summary (`tracking.export`)."""

from __future__ import annotations

from typing import Final

from tracking.export import SheetLabels

LABELS: Final = SheetLabels(
    number="№ п/п",
    text="Поручение",
    responsible="Ответственный",
    deadline="Срок",
    status="Статус",
    done_on="Дата исполнения",
    report="Отчёт / комментарий",
    no_rows="Поручений нет",
    protocol_number="№ {number}",
    protocol_date="от {date}",
    untitled_protocol="Протокол {index}",
    summary_sheet="Сводка",
    protocol="Протокол",
    date="Дата",
    total="Всего",
    done="Выполнено",
    in_progress="В работе",
    overdue="Просрочено",
    totals_row="Итого",
    generated="Сформировано {when}",
    page_footer="Страница &P из &N",
    discipline_title="Исполнительская дисциплина с {start} по {end}",
    people_sheet="Сотрудники",
    organisations_sheet="Организации",
    person="Сотрудник",
    organisation="Организация",
    assigned="Поручено",
    on_time="Выполнено в срок",
    late="Выполнено с опозданием",
    still_open="В работе (срок не истёк) или отчёт в срок на проверке",
    on_time_share="Доля выполненных в срок",
    no_data="Нет данных за период",
)

#: Suggested workbook titles and file names for the bot's `/export`.
CONTROL_TITLE: Final = "Контроль исполнения поручений"
CONTROL_FILENAME: Final = "контроль_поручений_{date}.xlsx"
DISCIPLINE_FILENAME: Final = "дисциплина_{start}_{end}.xlsx"
