"""Which endpoint errors are retried, and how long the policy waits before the next attempt."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from email.utils import format_datetime

import httpx
import openai
import pytest

from agentbench.endpoints.retries import RetryPolicy, StreamBroken, is_retryable, retry_after_s

REQUEST = httpx.Request("POST", "http://x/v1/chat/completions")


def _status(status: int, headers: dict[str, str] | None = None, message: str = "error") -> openai.APIStatusError:
    body = {"error": {"message": message, "type": "x", "code": None}}
    response = httpx.Response(status, json=body, headers=headers or {}, request=REQUEST)
    return openai.APIStatusError(message, response=response, body=body)


@pytest.mark.parametrize("exc", [
    _status(429), _status(500), _status(503), _status(408),
    openai.APIConnectionError(request=REQUEST), openai.APITimeoutError(REQUEST),
    httpx.RemoteProtocolError("peer closed connection"), httpx.ReadTimeout("slow"), StreamBroken("cut"),
])
def test_transient_failures_are_retried(exc: BaseException) -> None:
    assert is_retryable(exc)


@pytest.mark.parametrize("exc", [
    _status(400), _status(401), _status(404),
    _status(500, message="This model's maximum context length is 8192 tokens. However, your messages resulted in 9000 tokens."),
    ValueError("bug"),
])
def test_permanent_failures_and_overflows_are_not(exc: BaseException) -> None:
    assert not is_retryable(exc)


def test_retry_after_in_seconds_milliseconds_and_http_date() -> None:
    assert retry_after_s(_status(429, {"Retry-After": "7"})) == 7.0
    assert retry_after_s(_status(429, {"retry-after-ms": "250", "Retry-After": "7"})) == 0.25
    later = datetime.now(timezone.utc).replace(microsecond=0) + timedelta(seconds=30)  # an HTTP date has whole seconds
    before = datetime.now(timezone.utc)
    waited = retry_after_s(_status(429, {"Retry-After": format_datetime(later, usegmt=True)}))
    after = datetime.now(timezone.utc)
    assert waited is not None and (later - after).total_seconds() <= waited <= (later - before).total_seconds()
    assert retry_after_s(_status(429, {"Retry-After": "soon"})) is None
    assert retry_after_s(_status(429)) is None


def test_wait_honours_retry_after_up_to_the_cap_else_backs_off_with_jitter() -> None:
    policy = RetryPolicy(initial_wait_s=1.0, max_wait_s=10.0)
    assert policy.wait_s(1, _status(429, {"Retry-After": "3"})) == 3.0
    assert policy.wait_s(1, _status(429, {"Retry-After": "3600"})) == 10.0
    waits = [policy.wait_s(4, _status(503)) for _ in range(200)]
    assert all(0 <= w <= 8.0 for w in waits) and max(waits) > 4.0 and min(waits) < 4.0
    assert all(0 <= policy.wait_s(30, None) <= 10.0 for _ in range(50))


async def test_retrying_loop_counts_and_stops_at_the_attempt_budget() -> None:
    seen: list[BaseException] = []
    attempts = 0
    with pytest.raises(StreamBroken):
        async for attempt in RetryPolicy(max_attempts=4, initial_wait_s=0.0).retrying(seen.append):
            with attempt:
                attempts += 1
                raise StreamBroken("cut")
    assert attempts == 4 and len(seen) == 3
