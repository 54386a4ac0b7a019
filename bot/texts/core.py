"""Every Russian text the bot shows, by feature. Formatting with values happens in `bot.render`.

Strings that go out with parse_mode=HTML must keep `<` and `&` out of the literal parts; values
are escaped by the renderer. A name or a list of names (`{who}`, `{reviewer}`, `{names}`) is not
followed by a full stop: «Матвеев Д.М.» brings its own.
"""

from __future__ import annotations

from typing import Final

# --- start and access ----------------------------------------------------------------------
GREETING: Final = (
    "Здравствуйте, {name}!\n"
    "Я слежу за исполнением поручений из протоколов совещаний: присылаю поручения "
    "ответственным, напоминаю о сроках и собираю отчёты.\n\n"
    "Ваши роли: {roles}."
)
GREETING_STRANGER: Final = (
    "Здравствуйте! Я бот контроля поручений. Доступ выдаёт секретарь: попросите у него "
    "персональную ссылку-приглашение и откройте её."
)
NOT_LINKED: Final = (
    "Вы пока не подключены к боту. Попросите секретаря прислать персональную "
    "ссылку-приглашение и откройте её."
)
INVITE_INVALID: Final = (
    "Ссылка-приглашение недействительна или уже использована. Попросите секретаря выдать новую."
)
INVITE_LINKED: Final = "Готово, {name}: ваш аккаунт подключён."
INVITE_ALREADY_YOURS: Final = "Ваш аккаунт уже подключён."
INVITE_ACCOUNT_TAKEN: Final = (
    "Этот аккаунт Telegram уже привязан к другому сотруднику ({name}). "
    "Если это ошибка, обратитесь к администратору."
)
ADMIN_WELCOME: Final = "Вы назначены администратором."
FORBIDDEN: Final = "Эта команда вам недоступна."
PRIVATE_ONLY: Final = "Я работаю только в личных сообщениях — напишите мне напрямую."
UNKNOWN_INPUT: Final = "Не понял сообщение. Список команд — /help."
CANCELLED: Final = "Отменено."
NOTHING_TO_CANCEL: Final = "Нечего отменять."
INTERNAL_ERROR: Final = (
    "Что-то пошло не так, действие не выполнено. Попробуйте ещё раз чуть позже."
)

ROLE_NAMES: Final = {
    "admin": "администратор",
    "secretary": "секретарь",
    "coordinator": "координатор",
    "controller": "контролёр",
    "executor": "исполнитель",
}
NO_ROLES: Final = "нет"

COMMANDS_HEADER: Final = "Команды:"
COMMAND_HELP: Final = {
    "my": "мои поручения",
    "new": "новое поручение или протокол",
    "overdue": "все просроченные поручения",
    "digest": "сводка: просрочено и скоро срок",
    "protocols": "протоколы и ход их исполнения",
    "export": "контрольный лист (Excel) по незакрытым протоколам",
    "discipline": "исполнительская дисциплина за период (Excel)",
    "history": "история поручения: /history номер",
    "a": "поручение целиком (контролёру, секретарю): /a номер — срок, текст, исполнители, отмена",
    "person": "добавить сотрудника: /person Фамилия Имя Отчество; должность; организация",
    "people": "справочник сотрудников",
    "import": "загрузить справочник из .xlsx или .csv",
    "people_export": "выгрузить справочник в Excel",
    "role": "роли: /role ID роль или /role ID -роль",
    "invite": "новая ссылка-приглашение: /invite ID",
    "invited": "кто приглашён, но не открыл бота",
    "remove": "убрать сотрудника: /remove ID",
    "backup": "резервная копия базы данных",
    "cancel": "отменить текущее действие",
    "help": "эта справка",
}

# --- directory -----------------------------------------------------------------------------
PERSON_USAGE: Final = (
    "Формат: /person Фамилия Имя Отчество; должность; организация\n"
    "Например: /person Хнычева Дарья Сергеевна; заместитель начальника; Департамент образования"
)
PERSON_NAMESAKES: Final = (
    "⚠️ В справочнике уже есть «{short}»: {names} — где в протоколе написано так, "
    "бот попросит выбрать, кто из них"
)
PERSON_ADDED: Final = (
    "Сотрудник добавлен: {name} (ID {id}).\n"
    "Перешлите ему ссылку-приглашение — открыв её, он подключится к боту:\n{link}"
)
PEOPLE_HEADER: Final = "Справочник ({count}):"
PEOPLE_LINE: Final = "{id}. {name}{position}{org} — {roles}{state}"
PERSON_NOT_LINKED_MARK: Final = " · не подключён"
PERSON_UNREACHABLE_MARK: Final = " · недоступен"
PEOPLE_EMPTY: Final = "Справочник пуст. Добавьте сотрудника: /person"
ROLE_USAGE: Final = (
    "Формат: /role ID роль — выдать, /role ID -роль — снять.\n"
    "Роли: администратор, секретарь, координатор, контролёр, исполнитель."
)
ROLE_DONE: Final = "Готово: {name} — {roles}."
ROLE_LAST_ADMIN: Final = (
    "Это последний администратор: сначала назначьте другого (/role ID администратор)."
)
ROLE_PERSON_NOT_FOUND: Final = "Сотрудник с ID {id} не найден."

# --- new assignment ------------------------------------------------------------------------
NEW_PROMPT: Final = (
    "Пришлите поручение одним сообщением, например:\n"
    "Подготовить отчёт о трудоустройстве выпускников. Срок: до 31 декабря. "
    "Ответственный: Хнычева Д.С.\n\n"
    "Можно прислать и весь протокол — текстом или файлом (.docx, .pdf, .txt). /cancel — отмена."
)
NEW_EXPECTS_TEXT: Final = "Пришлите текст поручения или файл протокола. /cancel — отмена."
PREVIEW_TITLE: Final = "Проверьте поручение:"
PREVIEW_TEXT: Final = "📝 {text}"
PREVIEW_DEADLINE: Final = "🗓 Срок: {deadline}"
PREVIEW_WHO: Final = "👤 Ответственные: {who}"
PREVIEW_NO_TEXT: Final = "⚠️ Не найден текст поручения."
PREVIEW_NO_DEADLINE: Final = (
    "⚠️ Срок не указан. Добавьте «Срок: до ДД.ММ.ГГГГ» через «Изменить» или сохраните без срока."
)
PREVIEW_BAD_DEADLINE: Final = (
    "⚠️ Не удалось прочитать срок «{raw}». Укажите дату: «Срок: до ДД.ММ.ГГГГ», "
    "«Срок: до 31 декабря» или «Срок: через 2 недели»."
)
PREVIEW_PAST_DEADLINE: Final = "⚠️ Срок {deadline} уже прошёл. Сохранить всё равно?"
PREVIEW_NOBODY: Final = (
    "⚠️ Не указан ответственный. Добавьте «Ответственный: Фамилия И.О.» через «Изменить»."
)
PREVIEW_UNKNOWN: Final = (
    "⚠️ Нет в справочнике: {names} — добавьте сотрудника командой /person и нажмите "
    "«Проверить снова», или исправьте имя через «Изменить»."
)
PREVIEW_AMBIGUOUS: Final = "❓ «{name}» — несколько сотрудников, выберите нужного:"
PREVIEW_GROUP: Final = (
    "⚠️ «{name}» — группа или организация; назначьте конкретных сотрудников через «Изменить»."
)
PREVIEW_DAY_OFF: Final = "ℹ️ Срок {deadline} приходится на выходной или праздничный день."
DAY_OFF_MARK: Final = "(срок в выходной)"
PREVIEW_EDIT_PROMPT: Final = "Пришлите исправленный текст поручения целиком. /cancel — отмена."
SAVED: Final = "✅ Поручение №{id} сохранено и отправлено: {who}"
SAVED_UNLINKED: Final = (
    "Не подключены к боту: {names} — карточки дождутся их подключения; перешлите им "
    "ссылки-приглашения (/people)."
)
DRAFT_CANCELLED: Final = "Отменено, ничего не сохранено."
DRAFT_CLOSED: Final = "Этот черновик уже закрыт."
DRAFT_OLD_PREVIEW: Final = (
    "Это поручение с тех пор изменено. Сохраните его кнопкой под новым вариантом."
)
DRAFT_NOT_READY: Final = "Сначала исправьте отмеченное ⚠️."
DRAFT_PERSON_GONE: Final = (
    "Кого-то из ответственных убрали из справочника — проверьте поручение снова."
)
DRAFT_NOT_YOURS: Final = "Это не ваш черновик."
DRAFT_ITEM_GONE: Final = (
    "Этого пункта уже нет в черновике — откройте пункт заново из последнего списка."
)
#: A long list of names cut short: «Хнычева Д.С., Матвеев Д.М., … и ещё 128».
NAMES_MORE: Final = "{names}, … и ещё {count}"
#: Problem lines of the same kind beyond the first few.
PREVIEW_MORE_PROBLEMS: Final = "…и ещё {count}: исправьте сначала эти."

BTN_SAVE: Final = "Сохранить"
BTN_SAVE_NO_DEADLINE: Final = "Сохранить без срока"
BTN_SAVE_PAST: Final = "Да, срок в прошлом — сохранить"
BTN_EDIT: Final = "Изменить"
BTN_CANCEL: Final = "Отмена"
BTN_RECHECK: Final = "Проверить снова"

# --- cards ---------------------------------------------------------------------------------
CARD_TITLE: Final = "📌 Поручение №{id}"
CARD_PROTOCOL: Final = "Протокол: {protocol}"
CARD_ITEM: Final = "Пункт {number}"
CARD_DEADLINE: Final = "🗓 Срок: {deadline}"
CARD_NO_DEADLINE: Final = "🗓 Срок не установлен"
CARD_STATUS: Final = "Статус: {status}"
CARD_WHO: Final = "👤 Ответственный: {who}"
CARD_RECOMMENDATION: Final = "(рекомендация)"
OVERDUE_MARK: Final = "🔴 просрочено на {days} дн."
#: Past its hour today: not yet a day late.
OVERDUE_MARK_TODAY: Final = "🔴 срок истёк сегодня"
DUE_TODAY_MARK: Final = "🟠 срок сегодня"
STATUS_NAMES: Final = {
    "new": "новое",
    "in_progress": "в работе",
    "reported": "отчёт на проверке",
    "accepted": "✅ выполнено, принято",
    "returned": "↩️ возвращено на доработку",
    "cancelled": "отменено",
}
BTN_DONE: Final = "✅ Выполнено"
BTN_REPORT: Final = "📎 Отчёт"
BTN_SNOOZE: Final = "🕓 Напомнить завтра"
BTN_EXTEND: Final = "📅 Перенести срок"
BTN_HISTORY: Final = "История"
BTN_APPROVE: Final = "Одобрить"
BTN_DECLINE: Final = "Отклонить"
BTN_ACCEPT: Final = "Принять"
BTN_RETURN: Final = "Вернуть на доработку"
BTN_NO_COMMENT: Final = "Без комментария"

REPORT_PROMPT: Final = "Пришлите отчёт по поручению №{id}: файл, фото или текст одним сообщением."
DONE_PROMPT: Final = (
    "Поручение №{id}: напишите комментарий к выполнению или нажмите «Без комментария»."
)
DONE_EXPECTS_TEXT: Final = (
    "Напишите комментарий текстом или нажмите «Без комментария». "
    "Файл или фото можно приложить кнопкой «📎 Отчёт»."
)
EDIT_NOT_SEEN: Final = (
    "Исправление сообщения бот не учитывает: пришлите исправленный текст новым сообщением "
    "(в черновике — кнопка «Изменить»)."
)
REPORT_UNSUPPORTED: Final = "Пришлите файл, фото или текст. «Отмена» — выйти."
REPORT_MEDIA_UNSUPPORTED: Final = (
    "Видео, аудио и голосовые в отчёт не принимаются: пришлите файлом (как документ), "
    "фото или текстом. «Отмена» — выйти."
)
REPORT_TOO_LARGE: Final = "Файл больше {mb} МБ — пришлите файл меньше или ссылку текстом."
REPORT_SENT: Final = "Отчёт по поручению №{id} отправлен на проверку: {reviewer}"
SNOOZED: Final = "Напомню завтра утром."
SNOOZED_UNTIL: Final = "Напомню в рабочий день: {day}, утром."
REFUSED_NOT_YOURS: Final = "Это поручение назначено не вам."
REFUSED_SUPERSEDED: Final = (
    "Срок уже перенесён на эту дату или позже — одобрять нечего; запрос можно отклонить."
)
REFUSED_NOT_CONTROLLER: Final = (
    "Принимать отчёт может только контролёр поручения, секретарь или администратор."
)
REFUSED_OLD_REPORT: Final = "Это не последний отчёт: исполнитель прислал новый, решение — под ним."
REFUSED_STALE: Final = "Уже сделано, кнопка устарела."
REFUSED_NOT_FOUND: Final = "Поручение не найдено."

REVIEW_TITLE: Final = "📥 Отчёт по поручению №{id} — {who}"
REVIEW_DONE_TITLE: Final = "📥 Отмечено выполнение поручения №{id} — {who}"
REVIEW_TEXT: Final = "Комментарий: {text}"
REVIEW_FILES: Final = "Вложения: {files}"
#: A report's file without a name of its own, by its kind.
FILE_KINDS: Final = {"photo": "фото", "document": "файл"}
REVIEW_ACCEPTED: Final = "✅ Принято ({by})."
REVIEW_RETURNED: Final = "↩️ Возвращено на доработку ({by}): {reason}"
RETURN_REASON_PROMPT: Final = (
    "Поручение №{id}, {who}: напишите, что нужно доработать. /cancel — отмена."
)
RETURN_DONE: Final = "Возвращено исполнителю: {who}"
ACCEPT_DONE: Final = "Отчёт принят."
NOTIFY_ACCEPTED: Final = "✅ Отчёт по поручению №{id} принят ({by})."
NOTIFY_RETURNED: Final = "↩️ Поручение №{id} возвращено на доработку ({by}).\nПричина: {reason}"

REMINDER_BEFORE: Final = "⏰ Напоминание: срок поручения №{id} — {deadline}, осталось {days} дн."
REMINDER_TODAY: Final = "⏰ Сегодня срок поручения №{id}."
REMINDER_TODAY_PASSED: Final = "🔴 Срок поручения №{id} истёк сегодня в {time}."
REMINDER_OVERDUE: Final = "🔴 Поручение №{id} просрочено на {days} дн. (срок {deadline})."
REMINDERS_HEAD: Final = "⏰ Напоминание. Поручений, требующих внимания: {count}"
#: The rest of a list cut short.
LINES_MORE: Final = "…и ещё {count}."
REMINDERS_HINT: Final = (
    "Нажмите номер, чтобы открыть карточку с кнопками; все ваши поручения — /my."
)
REMINDER_SNOOZE: Final = "⏰ Вы просили напомнить: поручение №{id}, срок {deadline}."

# --- lists ---------------------------------------------------------------------------------
MY_HEADER: Final = "Ваши поручения ({count}):"
MY_EMPTY: Final = "У вас нет открытых поручений."
LIST_LINE: Final = "{mark} №{id} · {deadline} · {status}\n{text}"
OVERDUE_HEADER: Final = "Просроченные поручения ({count}):"
OVERDUE_HEADER_PARTS: Final = "Просрочено поручений: {assignments}, у исполнителей: {count}"
OVERDUE_EMPTY: Final = "Просроченных поручений нет."
OVERDUE_PERSON: Final = "👤 {name}"
OVERDUE_LINE: Final = "  №{id} — {late} (срок {deadline}){state} {text}"
#: An overdue item whose report waits for the controller, or was sent back: whom to chase.
OVERDUE_STATES: Final = {"reported": " · 📥 отчёт на проверке", "returned": " · ↩️ на доработке"}
LATE_DAYS: Final = "{days} дн."
LATE_TODAY: Final = "сегодня"
PAGE: Final = "Стр. {page} из {pages}"
BTN_PREV: Final = "◀️"
BTN_NEXT: Final = "▶️"
BTN_OPEN: Final = "№{id}"

DIGEST_TITLE: Final = "📋 Сводка на {date}"
DIGEST_CLEAN: Final = "Нет просроченных поручений."
DIGEST_OVERDUE: Final = "🔴 Просрочено ({count}):"
DIGEST_OVERDUE_PARTS: Final = "🔴 Просрочено поручений: {assignments}, у исполнителей: {count}"
DIGEST_SOON: Final = "🟠 Срок в ближайшие {days} дн. ({count}):"
DIGEST_OVERDUE_MORE: Final = (
    "…и ещё {count} (всего исполнителей с просрочкой: {people}). "
    "Полный список по исполнителям — /overdue, контрольный лист — /export."
)
DIGEST_SOON_MORE: Final = "…и ещё {count} (контрольный лист — /export)."
DIGEST_SOON_NONE: Final = "В ближайшие {days} дн. сроков нет."
DIGEST_SOON_LINE: Final = "  №{id} — {who}, срок {deadline}{state}: {text}"
DIGEST_CONTINUED: Final = "(продолжение)"

WEEKDAYS: Final = ("пн", "вт", "ср", "чт", "пт", "сб", "вс")
MONTHS_GENITIVE: Final = (
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
)
DEADLINE_FORMAT: Final = "{day} {month} {year} г."
DEADLINE_TIME_FORMAT: Final = "до {time} {date}"

# --- operator messages (console) -----------------------------------------------------------
SETTINGS_MISSING_TOKEN: Final = (
    "Не задан BOT_TOKEN — токен бота от @BotFather. Скопируйте .env.example в .env "
    "и впишите токен в BOT_TOKEN."
)
SETTINGS_BAD_TOKEN: Final = (
    "BOT_TOKEN задан неверно: ожидается токен вида 123456789:AA... от @BotFather "
    "(см. .env.example)."
)
SETTINGS_INVALID: Final = "Ошибка в настройках ({field}): {error}. См. .env.example."
RETURN_REASON_TEXT_ONLY: Final = "Напишите причину возврата текстом. «Отмена» — выйти."

# --- protocol drafts -----------------------------------------------------------------------
PROTOCOL_TITLE: Final = "📄 Протокол{number}{date}"
PROTOCOL_NUMBER: Final = " № {number}"
PROTOCOL_DATE: Final = " от {date}"
PROTOCOL_FOUND: Final = "Найдено поручений: {count}."
PROTOCOL_NONE_FOUND: Final = (
    "В тексте не нашлось поручений. Пришлите протокол с разделом «РЕШИЛИ:» или одно поручение "
    "в формате: текст. Срок: до ДД.ММ.ГГГГ. Ответственный: Фамилия И.О."
)
PROTOCOL_ITEM: Final = "{index}. п. {number} · {deadline} · {who}"
PROTOCOL_ITEM_NO_NUMBER: Final = "{index}. {deadline} · {who}"
PROTOCOL_COMPACT_REST: Final = (
    "Остальные пункты ({count}) — без замечаний; «📄 Весь протокол» покажет все пункты."
)
PROTOCOL_COMPACT_ALL_FINE: Final = (
    "Исправлять больше нечего ({count} пунктов); «📄 Весь протокол» покажет все пункты."
)
BTN_WHOLE: Final = "📄 Весь протокол"
CAPTION_USED: Final = (
    "В файле поручений не нашлось — поручение взято из подписи к нему "
    "(сам файл к поручению не прикладывается)."
)
CAPTION_JOINED: Final = "Подпись к файлу прочитана вместе с его текстом."
CAPTION_NOT_USED: Final = (
    "Подпись к файлу не учтена: поручения взяты из самого файла. Срок или ответственных "
    "пункта можно исправить, открыв его."
)
PHOTO_CAPTION_USED: Final = (
    "Фотографию бот не читает — поручение взято из подписи к ней. Протокол можно прислать "
    "текстом или файлом (.docx, .pdf, .odt, .rtf, .txt)."
)
PROTOCOL_FIX_HINT: Final = "⚠️ Пункты с отметками нужно исправить: нажмите номер пункта."
PROTOCOL_PAST_HINT: Final = "Сроки некоторых пунктов уже прошли."
PROTOCOL_DUPLICATE: Final = (
    "⚠️ Этот протокол уже загружен ранее (запись №{id}). Повторно сохранить нельзя."
)
PROTOCOL_SAVED_BEFORE: Final = (
    "Этот протокол уже сохранён (запись №{id}), второй раз его не сохранить."
)
PROTOCOL_SAVED: Final = (
    "✅ Протокол сохранён: поручений {count}, исполнителей {people}. Карточки отправлены."
)
PROTOCOL_ALL_DROPPED: Final = "В черновике не осталось пунктов."
ITEM_TITLE: Final = "Пункт {index} из {count}"
ITEM_DEADLINE_PROMPT: Final = (
    "Пришлите срок для пункта {index}: «до ДД.ММ.ГГГГ», например «до 31 декабря» или "
    "«через 2 недели»."
)
ITEM_RESPONSIBLE_PROMPT: Final = (
    "Пришлите ответственных для пункта {index} через запятую, например "
    "«Хнычева Д.С., Матвеев Д.М.»."
)
ITEM_DEADLINE_UNREADABLE: Final = "Не удалось прочитать срок «{raw}». Попробуйте ещё раз."
BTN_SAVE_ALL: Final = "Сохранить все"
BTN_SAVE_ALL_PAST: Final = "Сохранить все (есть прошедшие сроки)"
BTN_ITEM_DEADLINE: Final = "Срок"
BTN_ITEM_RESPONSIBLE: Final = "Ответственные"
BTN_ITEM_DROP: Final = "Удалить пункт"
BTN_BACK: Final = "Назад"
#: Pages of a long protocol's item buttons; mark is «⚠️» when that page has items to fix.
BTN_ITEMS_PREV: Final = "◀️ {first}–{last}{mark}"
BTN_ITEMS_NEXT: Final = "{first}–{last}{mark} ▶️"
DOER_UNKNOWN: Final = "{name} ⚠️ нет в справочнике"
DOER_AMBIGUOUS: Final = "{name} ❓ несколько совпадений"
DOER_GROUP: Final = "{name} ⚠️ группа"
DOER_GROUP_RESOLVED: Final = "{name}: {people}"
NOBODY: Final = "⚠️ не указан"
DEADLINE_NONE: Final = "без срока"
FILE_TOO_LARGE: Final = "Файл больше {mb} МБ. Пришлите файл поменьше или вставьте текст протокола."
FILE_DOWNLOAD_FAILED: Final = "Не удалось получить файл от Telegram. Пришлите его ещё раз."

# --- deadline changes and history ------------------------------------------------------------
EXTEND_DATE_PROMPT: Final = (
    "Поручение №{id}, текущий срок {deadline}. Пришлите новую дату, например «до 15.03.2027»."
)
EXTEND_DATE_UNREADABLE: Final = "Не удалось прочитать дату «{raw}». Пример: до 15.03.2027."
EXTEND_DATE_NOT_LATER: Final = "Новый срок должен быть позже сегодняшнего дня и текущего срока."
EXTEND_REASON_PROMPT: Final = "Новый срок — {deadline}. Коротко напишите причину переноса."
EXTEND_SENT: Final = "Запрос на перенос срока отправлен: {reviewer}"
EXTENSION_TITLE: Final = "📅 Запрос на перенос срока: поручение №{id} — {who}"
EXTENSION_BODY: Final = "Текущий срок: {old}\nПредлагаемый срок: {new}\nПричина: {reason}"
EXTENSION_APPROVED: Final = "✅ Перенос одобрен ({by})."
EXTENSION_DECLINED: Final = "✖️ В переносе отказано ({by})."
NOTIFY_EXTENSION_APPROVED: Final = "📅 Срок поручения №{id} перенесён на {new} ({by})."
NOTIFY_EXTENSION_DECLINED: Final = (
    "✖️ В переносе срока поручения №{id} отказано ({by}). Срок прежний: {old}."
)
HISTORY_TITLE: Final = "🗂 История поручения №{id}"
HISTORY_ASSIGNEE: Final = "{who}: {status}, срок {deadline}"
HISTORY_LINE: Final = "{when} — {who}: {what}"
HISTORY_SYSTEM: Final = "бот"
HISTORY_ABOUT: Final = "{what} — {who}"
HISTORY_EARLIER: Final = "…более ранних событий: {count}"
HISTORY_USAGE: Final = "Формат: /history номер_поручения"
HISTORY_NOT_FOUND: Final = "Поручение не найдено или недоступно вам."
EVENT_NAMES: Final = {
    "created": "создано",
    "assigned": "назначено: {person}",
    "card_sent": "карточка доставлена",
    "reminded": "напоминание: {person}",
    "snoozed": "попросил(а) напомнить завтра",
    "reported": "прислал(а) отчёт",
    "marked_done": "отметил(а) выполнение",
    "accepted": "принято",
    "returned": "возвращено на доработку: {reason}",
    "extension_requested": "запрошен перенос срока на {new}: {reason}",
    "deadline_moved": "срок перенесён: {old} → {new}",
    "extension_declined": "в переносе срока на {new} отказано",
    "cancelled": "отменено: {reason}",
    "text_changed": "изменён текст",
    "deadline_changed": "срок изменён: {old} → {new}",
    "controller_changed": "контролёр: {controller}",
    "unassigned": "снят(а) с поручения: {person}",
}

# --- managing an assignment ------------------------------------------------------------------
MANAGE_TITLE: Final = "🛠 Поручение №{id}"
MANAGE_CONTROLLER: Final = "Контролёр: {name}"
MANAGE_CANCELLED: Final = "❌ Отменено"
MANAGE_ASSIGNEES: Final = "Исполнители ({reported} из {total} отчитались):"
MANAGE_ASSIGNEE: Final = "• {name} — {status}"
MANAGE_USAGE: Final = "Формат: /a номер_поручения"
MANAGE_NOT_FOUND: Final = "Поручение не найдено."
MANAGE_FORBIDDEN: Final = "Управлять поручением могут его контролёр и секретари."
BTN_M_DEADLINE: Final = "Срок"
BTN_M_TEXT: Final = "Текст"
BTN_M_CONTROLLER: Final = "Контролёр"
BTN_M_ADD: Final = "Добавить исполнителя"
BTN_M_CANCEL: Final = "Отменить поручение"
M_DEADLINE_PROMPT: Final = "Пришлите новый срок поручения №{id}, например «до 15.03.2027»."
M_TEXT_PROMPT: Final = "Пришлите новый текст поручения №{id}."
M_CONTROLLER_PROMPT: Final = "Кто будет контролёром поручения №{id}? Пришлите «Фамилия И.О.»."
M_ADD_PROMPT: Final = "Кого добавить к поручению №{id}? Пришлите «Фамилия И.О.» через запятую."
M_CANCEL_PROMPT: Final = "Почему отменяется поручение №{id}? Напишите причину."
M_DONE: Final = "Готово: поручение №{id} изменено, исполнители уведомлены."
M_ALREADY_ON: Final = "Уже в поручении, оставлены как есть: {names}"
M_CANCEL_DONE: Final = "Поручение №{id} отменено, исполнители уведомлены."
M_CONTROLLER_ONE: Final = (
    "Контролёр — один человек, а нашлось несколько ({names}): напишите ФИО одного."
)
M_CONTROLLER_UNLINKED: Final = (
    "⚠️ {name} ещё не подключён(а) к боту: отчёты будут ждать, пока он(а) не откроет бота "
    "по ссылке-приглашению (/invite {id})."
)
M_DEADLINE_KEPT: Final = "Свой, более поздний срок (перенос, одобренный ранее) остался у: {names}"
M_NOTHING_OPEN: Final = "Поручение №{id} уже выполнено: отменять нечего."
M_REMOVE_NOT_ON: Final = (
    "Среди исполнителей поручения №{id}, у кого оно не закрыто, нет: {names} — "
    "напишите, кого снять, или нажмите «Отмена»."
)
M_REMOVE_SKIPPED: Final = "Не сняты (их часть уже закрыта или их нет в поручении): {names}"
M_REMOVE_LAST: Final = (
    "Нельзя снять всех исполнителей поручения №{id}. Если оно больше не нужно, "
    "отмените его: /a {id} → «Отменить поручение»."
)
M_PERSON_UNRESOLVED: Final = "Не удалось однозначно найти: {names} — уточните ФИО (см. /people)."
M_DEADLINE_PAST: Final = "Этот срок уже прошёл. Пришлите дату в будущем."
NOTIFY_CONTROLLER: Final = (
    "Вы назначены контролёром поручения №{id} ({by}): отчёты исполнителей будут приходить вам. "
    "Подробности: /a {id}"
)
NOTIFY_UNASSIGNED: Final = "Вы сняты с поручения №{id} ({by}). Отчитываться по нему не нужно."
BTN_M_REMOVE: Final = "Снять исполнителя"
M_REMOVE_PROMPT: Final = "Кого снять с поручения №{id}? Пришлите «Фамилия И.О.» через запятую."
NOTIFY_CANCELLED: Final = "❌ Поручение №{id} отменено ({by}). Причина: {reason}"
NOTIFY_CHANGED_DEADLINE: Final = "📅 Срок поручения №{id} изменён ({by}): теперь {deadline}."
NOTIFY_CHANGED_TEXT: Final = "✏️ Текст поручения №{id} изменён ({by}):\n{text}"

# --- invites and reachability ----------------------------------------------------------------
INVITE_EXPIRED: Final = "Срок действия ссылки-приглашения истёк. Попросите секретаря выдать новую."
INVITE_USAGE: Final = "Формат: /invite ID — новая ссылка-приглашение (старая перестанет работать)."
INVITE_REISSUED: Final = "Новая ссылка для {name} (действует до {until}):\n{link}"
INVITED_HEADER: Final = "Приглашены, но ещё не открыли бота ({count}):"
INVITED_LINE: Final = "{id}. {name} — ссылка {state}"
INVITED_VALID: Final = "действует до {until}"
PEOPLE_LINK_EXPIRED: Final = "ссылка-приглашение истекла, выдайте новую: /invite {id}"
INVITED_EXPIRED: Final = "истекла, выдайте новую: /invite {id}"
INVITED_NONE: Final = "Все приглашённые подключились."
REMOVE_USAGE: Final = "Формат: /remove ID — убрать сотрудника из справочника (история сохранится)."
REMOVE_DONE: Final = "{name} убран(а) из справочника. История сохранена."
REMOVE_TAKEN_OFF: Final = (
    "Снят(а) с поручений: {numbers} — если их нужно передать другому, добавьте исполнителя "
    "через /a номер."
)
REMOVE_CONTROL_PASSED: Final = (
    "Поручений под его/её контролем: {count} — контроль передан вам; отчёты и запросы "
    "сроков, ждущие решения, придут вам."
)
REMOVE_NOT_FOUND: Final = (
    "Сотрудник с ID {id} не найден, это вы сами, или это администратор "
    "(его может убрать только администратор)."
)
INVITE_ADMIN_ONLY: Final = (
    "Этот сотрудник уже подключён к боту или сам администратор: новую ссылку для него "
    "может выдать только администратор."
)
NOTIFY_UNREACHABLE: Final = (
    "⚠️ {name} не получает сообщения бота: заблокировал(а) бота или ни разу его не открывал(а). "
    "Уведомления о поручениях до него не доходят. Свяжитесь с сотрудником; "
    "новая ссылка-приглашение: /invite {id}"
)
DIGEST_NOT_REACHED: Final = "⚠️ Не получают уведомления ({count}):"
DIGEST_NOT_REACHED_LINE: Final = "  {name} — {why}"
DIGEST_NOT_REACHED_MORE: Final = "  …и ещё {count}; весь список — у секретаря"
WHY_NOT_LINKED: Final = "не подключён(а) к боту"
WHY_UNREACHABLE: Final = "бот недоступен (заблокирован)"

# --- administration ----------------------------------------------------------------------
BACKUP_DONE: Final = "Резервная копия базы: {name}. Восстановление описано в README."
BACKUP_TOO_BIG: Final = (
    "Копия ({mb} МБ) больше 50 МБ и не отправляется в Telegram; она сохранена: {path}"
)

# --- protocols and reports for coordinators ---------------------------------------------------
SINGLES_TITLE: Final = "Отдельные поручения"
PROTOCOLS_HEADER: Final = "Протоколы ({count}):"
PROTOCOLS_EMPTY: Final = (
    "Протоколов пока нет. Пришлите протокол секретарю бота — или сами, если вы секретарь."
)
PROTOCOL_LINE: Final = "{title}\n{done}/{total} выполнено, {overdue} просрочено"
PROTOCOL_CARD_TITLE: Final = "📄 {title}"
PROTOCOL_CARD_PROGRESS: Final = "{done}/{total} выполнено, {overdue} просрочено"
PROTOCOL_CARD_ITEM: Final = "{mark} №{id}{number} · {deadline}\n{text}\n{people}"
PROTOCOL_NOT_FOUND: Final = "Протокол не найден."
BTN_EXPORT: Final = "📊 Excel"
BTN_OPEN_PROTOCOL: Final = "{title}"
EXPORT_CAPTION: Final = "Контрольный лист исполнения поручений."
EXPORT_OPEN_ONLY: Final = (
    "В нём протоколы с незакрытыми поручениями; лист закрытого протокола — кнопкой в его "
    "карточке (/protocols)."
)
EXPORT_PARTIAL: Final = (
    "В нём {shown} самых срочных из {total} протоколов с незакрытыми поручениями; лист любого "
    "протокола — кнопкой в его карточке (/protocols)."
)
DISCIPLINE_USAGE: Final = (
    "Формат: /discipline период — сроки в нём, например «01.01.2026 31.03.2026», "
    "«январь март», «2025» (без периода — с начала года по сегодня)."
)
DISCIPLINE_CAPTION: Final = "Исполнительская дисциплина: сроки с {start} по {end}."

# --- directory import ------------------------------------------------------------------------
IMPORT_PROMPT: Final = (
    "Пришлите справочник файлом .xlsx или .csv. Первая строка — заголовки: ФИО, Должность, "
    "Организация, Роли, Группы, Telegram (порядок любой). /cancel — отмена."
)
IMPORT_EXPECTS_FILE: Final = "Пришлите файл .xlsx или .csv. /cancel — отмена."
IMPORT_PREVIEW: Final = "Справочник: будет добавлено {added}, обновлено {updated}."
IMPORT_ERRORS: Final = "Строки с ошибками ({count}) не будут загружены:"
IMPORT_ROLES_IGNORED: Final = (
    "Роли из файла не будут применены: назначать роли может только администратор. "
    "Новые сотрудники будут добавлены как исполнители."
)
IMPORT_NOTHING: Final = "В файле нет ни одной строки, которую можно загрузить."
IMPORT_USERNAMES_KEPT: Final = (
    "@username не изменится у подключённых к боту и у администраторов (это может сделать "
    "только администратор): {names}"
)
IMPORT_DONE: Final = "Готово: добавлено {added}, обновлено {updated}."
IMPORT_LINKS: Final = "Ссылки-приглашения новых сотрудников:"
IMPORT_LINK_LINE: Final = "{name}: {link}"
IMPORT_AUTO_LINK: Final = "Сотрудники с указанным @username подключатся сами, когда откроют бота."
BTN_APPLY: Final = "Применить"
EXPORT_PEOPLE_CAPTION: Final = (
    "Справочник сотрудников. Его можно исправить и загрузить обратно: /import"
)
USERNAME_LINKED: Final = "Здравствуйте! Нашёл вас в справочнике по имени пользователя Telegram."
