"""Structured logging: one JSON object per line, with the update and person being handled.

The bot token is redacted from every record, whatever logged it."""

from __future__ import annotations

import contextvars
import datetime as dt
import json
import logging

#: Set by `ActorMiddleware` for the duration of one update.
update_id: contextvars.ContextVar[int | None] = contextvars.ContextVar("update_id", default=None)
person_id: contextvars.ContextVar[int | None] = contextvars.ContextVar("person_id", default=None)


class ContextFilter(logging.Filter):
    """Adds the update and person ids to every record and hides the token."""

    def __init__(self, secret: str) -> None:
        super().__init__()
        self.secret = secret

    def filter(self, record: logging.LogRecord) -> bool:
        record.update_id = update_id.get()
        record.person_id = person_id.get()
        if self.secret:
            message = record.getMessage()
            if self.secret in message:
                record.msg = message.replace(self.secret, "<BOT_TOKEN>")
                record.args = ()
        return True


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, object] = {
            "ts": dt.datetime.fromtimestamp(record.created, dt.UTC).isoformat(),
            "level": record.levelname,
            "logger": record.name,
            "msg": record.getMessage(),
        }
        for key in ("update_id", "person_id"):
            value = getattr(record, key, None)
            if value is not None:
                entry[key] = value
        if record.exc_info:
            entry["exc"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


def setup_logging(level: str, secret: str) -> None:
    handler = logging.StreamHandler()
    handler.setFormatter(JsonFormatter())
    handler.addFilter(ContextFilter(secret))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
