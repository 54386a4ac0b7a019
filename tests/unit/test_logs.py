"""Log lines are JSON with the update and person ids, and never carry the token."""

from __future__ import annotations

import json
import logging

from bot import logs

TOKEN = "123456789:AAFakeTokenForTests_abcdefghijklmnopq"


def _format(message: str, *args: object) -> dict[str, object]:
    record = logging.LogRecord("bot.test", logging.INFO, __file__, 1, message, args, None)
    assert logs.ContextFilter(TOKEN).filter(record)
    line = logs.JsonFormatter().format(record)
    parsed: dict[str, object] = json.loads(line)
    return parsed


def test_records_carry_update_and_person_ids() -> None:
    u, p = logs.update_id.set(41), logs.person_id.set(7)
    try:
        entry = _format("handled %s", "ok")
    finally:
        logs.update_id.reset(u)
        logs.person_id.reset(p)
    assert entry["msg"] == "handled ok"
    assert entry["update_id"] == 41 and entry["person_id"] == 7
    assert entry["level"] == "INFO" and entry["logger"] == "bot.test"


def test_the_token_is_redacted_wherever_it_appears() -> None:
    entry = _format("GET https://api.telegram.org/bot%s/getMe failed", TOKEN)
    assert TOKEN not in json.dumps(entry)
    assert "<BOT_TOKEN>" in str(entry["msg"])
    assert "update_id" not in entry
