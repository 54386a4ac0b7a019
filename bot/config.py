"""Settings from the environment and `.env` (pydantic-settings)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Annotated
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

TOKEN_PATTERN = re.compile(r"^\d{5,}:[A-Za-z0-9_-]{30,}$")


def _split_ints(value: object) -> object:
    if isinstance(value, str):
        return [int(part) for part in re.split(r"[,\s;]+", value.strip()) if part]
    if isinstance(value, int):
        return [value]
    return value


def _parse_hours(value: str) -> tuple[dt.time, dt.time] | None:
    match = re.fullmatch(r"(\d{1,2}:\d{2})\s*-\s*(\d{1,2}:\d{2})", value)
    if not match:
        return None
    try:
        start, end = (dt.time.fromisoformat(part.zfill(5)) for part in match.groups())
    except ValueError:
        return None
    return (start, end) if start < end else None


class Settings(BaseSettings):
    """Every key is documented in `.env.example`."""

    model_config = SettingsConfigDict(
        env_file=".env", env_file_encoding="utf-8", extra="ignore", case_sensitive=False
    )

    bot_token: SecretStr
    database_path: Path = Path("data/bot.sqlite3")
    timezone: str = "Europe/Moscow"
    digest_time: dt.time = dt.time(9, 0)
    reminder_time: dt.time = dt.time(9, 0)
    reminder_days_before: Annotated[list[int], NoDecode] = Field(
        default_factory=lambda: [7, 3, 1, 0]
    )
    overdue_reminder_every_days: int = Field(default=1, ge=1, le=365)
    due_soon_days: int = Field(default=3, ge=0, le=60)
    admin_ids: Annotated[list[int], NoDecode] = Field(default_factory=list)
    telegram_api_url: str | None = None
    log_level: str = "INFO"
    max_file_mb: int = Field(default=20, ge=1, le=2000)
    invite_ttl_days: int = Field(default=14, ge=1, le=365)
    working_hours: str = "09:00-18:00"
    backup_dir: Path = Path("data/backups")
    backup_keep: int = Field(default=7, ge=1, le=1000)
    backup_time: dt.time = dt.time(3, 0)
    webhook_url: str | None = None
    webhook_secret: SecretStr | None = None
    webhook_listen: str = "0.0.0.0"
    webhook_port: int = Field(default=8080, ge=1, le=65535)

    @field_validator("bot_token")
    @classmethod
    def _token_shape(cls, value: SecretStr) -> SecretStr:
        if not TOKEN_PATTERN.match(value.get_secret_value().strip()):
            raise ValueError("malformed token")
        return SecretStr(value.get_secret_value().strip())

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown time zone {value!r}") from exc
        return value

    @field_validator("reminder_days_before", "admin_ids", mode="before")
    @classmethod
    def _int_list(cls, value: object) -> object:
        return _split_ints(value)

    @field_validator("reminder_days_before")
    @classmethod
    def _days(cls, value: list[int]) -> list[int]:
        if any(d < 0 or d > 365 for d in value):
            raise ValueError("days must be between 0 and 365")
        return sorted(set(value), reverse=True)

    @field_validator("log_level")
    @classmethod
    def _level(cls, value: str) -> str:
        level = value.upper()
        if level not in {"DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"}:
            raise ValueError("unknown log level")
        return level

    @field_validator("webhook_secret")
    @classmethod
    def _secret_shape(cls, value: SecretStr | None) -> SecretStr | None:
        # Telegram accepts 1-256 characters A-Z, a-z, 0-9, _ and -.
        if value is not None and value.get_secret_value():
            if not re.fullmatch(r"[A-Za-z0-9_-]{1,256}", value.get_secret_value()):
                raise ValueError("use 1-256 characters: letters, digits, _ and -")
            return value
        return None

    @model_validator(mode="after")
    def _webhook_needs_secret(self) -> Settings:
        if self.webhook_url and self.webhook_secret is None:
            raise ValueError("WEBHOOK_SECRET is required when WEBHOOK_URL is set")
        return self

    @field_validator("working_hours")
    @classmethod
    def _hours(cls, value: str) -> str:
        value = value.strip()
        if value and _parse_hours(value) is None:
            raise ValueError("expected HH:MM-HH:MM with the start before the end, or empty")
        return value

    @property
    def hours(self) -> tuple[dt.time, dt.time] | None:
        """Working hours for reminders and digests, or None for any time."""
        return _parse_hours(self.working_hours) if self.working_hours else None

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def max_file_bytes(self) -> int:
        return self.max_file_mb * 1024 * 1024
