"""When and how long to retry an endpoint: 429 (honouring `Retry-After`), 5xx, timeouts, dropped streams.

Waits grow exponentially with full jitter; a server's `Retry-After` (or `retry-after-ms`)
replaces the computed wait. Every request has a budget of attempts and of seconds, so a
dead endpoint ends a sample with an error instead of hanging the run.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime

import httpx
from openai import APIConnectionError, APIStatusError, APITimeoutError
from tenacity import AsyncRetrying, RetryCallState, retry_if_exception, stop_after_attempt, stop_after_delay

from agentbench.endpoints.context_errors import is_context_overflow


class StreamBroken(Exception):
    """The stream ended without a finish reason or delivered nothing: the answer is incomplete."""


def is_retryable(exc: BaseException) -> bool:
    """Rate limits, server errors, timeouts and connections lost before or during a stream (never an overflow)."""
    if isinstance(exc, APIStatusError):
        if is_context_overflow(exc):
            return False
        return exc.status_code in (408, 409, 429) or exc.status_code >= 500
    return isinstance(exc, (APIConnectionError, APITimeoutError, httpx.TransportError, StreamBroken))


def retry_after_s(exc: BaseException) -> float | None:
    """Seconds the server asked us to wait (`retry-after-ms`, `Retry-After` seconds or HTTP date)."""
    if not isinstance(exc, APIStatusError):
        return None
    headers = exc.response.headers
    try:
        if "retry-after-ms" in headers:
            return max(0.0, float(headers["retry-after-ms"]) / 1000)
        value = headers.get("retry-after")
        if value is None:
            return None
        try:
            return max(0.0, float(value))
        except ValueError:
            return max(0.0, (parsedate_to_datetime(value) - datetime.now(timezone.utc)).total_seconds())
    except (TypeError, ValueError):
        return None


@dataclass(frozen=True)
class RetryPolicy:
    """How hard to try one request: attempts and seconds in all, and the backoff curve."""

    max_attempts: int = 10
    budget_s: float = 900.0
    initial_wait_s: float = 0.5
    max_wait_s: float = 60.0

    def wait_s(self, attempt: int, exc: BaseException | None) -> float:
        """Wait before attempt `attempt + 1`: the server's Retry-After, else exponential with full jitter."""
        asked = retry_after_s(exc) if exc is not None else None
        if asked is not None:
            return min(asked, self.max_wait_s)
        return random.uniform(0, min(self.max_wait_s, self.initial_wait_s * 2 ** (attempt - 1)))

    def retrying(self, on_retry: Callable[[BaseException], None]) -> AsyncRetrying:
        """A tenacity loop applying this policy; `on_retry` hears of each failure about to be retried."""

        def wait(state: RetryCallState) -> float:
            exc = state.outcome.exception() if state.outcome else None
            return self.wait_s(state.attempt_number, exc)

        def before_sleep(state: RetryCallState) -> None:
            exc = state.outcome.exception() if state.outcome else None
            if exc is not None:
                on_retry(exc)

        return AsyncRetrying(
            retry=retry_if_exception(is_retryable),
            wait=wait,
            stop=stop_after_attempt(self.max_attempts) | stop_after_delay(self.budget_s),
            before_sleep=before_sleep,
            reraise=True,
        )
