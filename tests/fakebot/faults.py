"""Fault injection and a Telegram flood-limit checker for reliability tests."""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal

from .models import ApiError

__all__ = ["Fault", "FaultRegistry", "RateLimitConfig", "RateLimiter", "RateViolation"]

_DEFAULT_DESCRIPTIONS = {
    400: "Bad Request",
    401: "Unauthorized",
    403: "Forbidden",
    404: "Not Found",
    409: "Conflict",
    500: "Internal Server Error",
    502: "Bad Gateway",
    503: "Service Unavailable",
    504: "Gateway Timeout",
}


@dataclass(slots=True)
class Fault:
    """One injected failure; see :meth:`FaultRegistry.add`."""

    method: str | None
    status: int
    description: str
    retry_after: int | None = None
    chat_id: int | str | None = None
    times: int | None = 1  # None: forever
    predicate: Callable[[dict[str, Any]], bool] | None = None
    disconnect: bool = False
    raw_body: str | None = None
    hits: int = 0

    @property
    def exhausted(self) -> bool:
        return self.times is not None and self.hits >= self.times

    def matches(self, method: str, params: dict[str, Any]) -> bool:
        if self.exhausted:
            return False
        if self.method is not None and self.method.lower() != method.lower():
            return False
        if self.chat_id is not None and str(params.get("chat_id")) != str(self.chat_id):
            return False
        return self.predicate is None or self.predicate(params)

    def error(self) -> ApiError:
        parameters = {"retry_after": self.retry_after} if self.retry_after is not None else None
        return ApiError(self.status, self.description, parameters)


@dataclass(slots=True)
class FaultRegistry:
    """Failures the server answers with instead of running a method.

    A matching fault is consumed before the method runs, so nothing happens server-side
    (no message is stored), just as when Telegram rejects a request with 429 or 5xx.
    """

    faults: list[Fault] = field(default_factory=list)

    def add(
        self,
        method: str | None = None,
        *,
        status: int = 500,
        retry_after: int | None = None,
        times: int | None = 1,
        chat_id: int | str | None = None,
        description: str | None = None,
        predicate: Callable[[dict[str, Any]], bool] | None = None,
        disconnect: bool = False,
        raw_body: str | None = None,
    ) -> Fault:
        """Make the next ``times`` calls of ``method`` (any method if ``None``) fail.

        ``status=429`` answers "Too Many Requests: retry after N" with
        ``parameters.retry_after`` (``retry_after`` defaults to 1); other statuses use
        Telegram's usual description unless ``description`` is given. ``chat_id`` and
        ``predicate(params)`` narrow which calls match. ``disconnect=True`` drops the
        connection without an answer (aiogram raises ``TelegramNetworkError``);
        ``raw_body`` sends that text instead of JSON (e.g. an nginx error page).
        """
        if status == 429:
            retry_after = 1 if retry_after is None else retry_after
            default_description = f"Too Many Requests: retry after {retry_after}"
        else:
            default_description = _DEFAULT_DESCRIPTIONS.get(status, "Internal Server Error")
        fault = Fault(
            method=method,
            status=status,
            description=description or default_description,
            retry_after=retry_after,
            chat_id=chat_id,
            times=times,
            predicate=predicate,
            disconnect=disconnect,
            raw_body=raw_body,
        )
        self.faults.append(fault)
        return fault

    def take(self, method: str, params: dict[str, Any]) -> Fault | None:
        """The first active fault matching the call, with its hit counted."""
        for fault in self.faults:
            if fault.matches(method, params):
                fault.hits += 1
                return fault
        return None

    def clear(self) -> None:
        self.faults.clear()


@dataclass(frozen=True, slots=True)
class RateLimitConfig:
    """Telegram's documented broadcast limits, with a lenient window for private chats.

    Telegram asks for at most ~1 message per second per chat but tolerates short bursts, so a
    private chat is only flagged when more than ``private_max`` messages fall into
    ``private_window`` seconds (by default: above 1/s sustained over 3 s).
    """

    global_max: int = 30
    global_window: float = 1.0
    private_max: int = 3
    private_window: float = 3.0
    group_max: int = 20
    group_window: float = 60.0


@dataclass(frozen=True, slots=True)
class RateViolation:
    """A message that went over one of the limits."""

    kind: Literal["global", "private", "group"]
    method: str
    chat_id: int
    count: int  # messages in the window including this one
    window: float
    timestamp: float
    retry_after: int


class RateLimiter:
    """Counts outgoing messages per chat and overall in sliding windows."""

    def __init__(
        self,
        config: RateLimitConfig | None = None,
        *,
        clock: Callable[[], float],
        enforce: bool = False,
    ) -> None:
        self.config = config or RateLimitConfig()
        self.enforce = enforce
        self.violations: list[RateViolation] = []
        self._clock = clock
        self._all: deque[float] = deque()
        self._per_chat: dict[int, deque[float]] = {}

    def reset(self) -> None:
        self._all.clear()
        self._per_chat.clear()
        self.violations.clear()

    def check(self, method: str, chat_id: int, chat_type: str) -> RateViolation | None:
        """Record an outgoing message; return the violation it causes, if any.

        When enforcement is on and the message violates a limit it is not counted (Telegram
        refused it), and the caller answers 429 with ``retry_after``.
        """
        now = self._clock()
        cfg = self.config
        if chat_type == "private":
            chat_limit: tuple[Literal["private", "group"], int, float] | None = (
                "private",
                cfg.private_max,
                cfg.private_window,
            )
        elif chat_type in ("group", "supergroup"):
            chat_limit = ("group", cfg.group_max, cfg.group_window)
        else:
            chat_limit = None
        chat_times = self._per_chat.setdefault(chat_id, deque())
        candidates: list[tuple[Literal["global", "private", "group"], deque[float], int, float]]
        candidates = [("global", self._all, cfg.global_max, cfg.global_window)]
        if chat_limit is not None:
            candidates.append((chat_limit[0], chat_times, chat_limit[1], chat_limit[2]))
        violation: RateViolation | None = None
        for kind, times, limit, window in candidates:
            while times and times[0] <= now - window:
                times.popleft()
            if len(times) + 1 > limit and violation is None:
                oldest = times[len(times) - limit] if limit > 0 else now
                retry_after = max(1, math.ceil(oldest + window - now))
                violation = RateViolation(
                    kind, method, chat_id, len(times) + 1, window, now, retry_after
                )
        if violation is not None:
            self.violations.append(violation)
            if self.enforce:
                return violation
        self._all.append(now)
        chat_times.append(now)
        return violation
