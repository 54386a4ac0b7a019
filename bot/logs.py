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


def redact(text: str, token: str) -> str:
    """The token, and its secret half alone, replaced wherever they appear."""
    if not token:
        return text
    secret = token.partition(":")[2]
    text = text.replace(token, "<BOT_TOKEN>")
    return text.replace(secret, "<BOT_TOKEN>") if secret else text


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
            cleaned = redact(message, self.secret)
            if cleaned != message:
                record.msg, record.args = cleaned, ()
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per line; `secret` is cut out of the whole line, tracebacks included
    (a failed download's URL carries the token)."""

    def __init__(self, secret: str = "") -> None:
        super().__init__()
        self.secret = secret

    def format(self, record: logging.LogRecord) -> str:
        return redact(self._format(record), self.secret)

    def _format(self, record: logging.LogRecord) -> str:
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
    handler.setFormatter(JsonFormatter(secret))
    handler.addFilter(ContextFilter(secret))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
