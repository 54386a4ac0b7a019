"""Injected time: production uses the system clock, tests move a manual one."""

from __future__ import annotations

import datetime as dt
from typing import Protocol


class Clock(Protocol):
    def now(self) -> dt.datetime:
        """The current instant, aware, in UTC."""


class SystemClock:
    def now(self) -> dt.datetime:
        return dt.datetime.now(dt.UTC)


class ManualClock:
    """A clock that stands still until a test moves it."""

    def __init__(self, start: dt.datetime) -> None:
        if start.tzinfo is None:
            raise ValueError("ManualClock needs an aware datetime")
        self._now = start.astimezone(dt.UTC)

    def now(self) -> dt.datetime:
        return self._now

    def set(self, value: dt.datetime) -> None:
        if value.tzinfo is None:
            raise ValueError("ManualClock needs an aware datetime")
        self._now = value.astimezone(dt.UTC)

    def advance(self, delta: dt.timedelta) -> None:
        self._now += delta
