"""Fault specs parse strictly, per-request headers override the server's, and the seeded RNG repeats itself."""

from __future__ import annotations

import httpx
import openai
import pytest

from agentbench.refserver.embedded import EmbeddedServer
from agentbench.refserver.faults import FAULTS_HEADER, FaultSpecError, parse_faults
from agentbench.refserver.settings import Settings

HELLO = [{"role": "user", "content": "hello"}]


def test_spec_parses_on_top_of_a_base() -> None:
    base = parse_faults("rate_limit=0.2,seed=4")
    faults = parse_faults(" drop=0.5 , ttft_s=0.1,overflow_style=sglang", base)
    assert (faults.rate_limit, faults.drop, faults.ttft_s, faults.seed, faults.overflow_style) == (0.2, 0.5, 0.1, 4, "sglang")


@pytest.mark.parametrize(("spec", "words"), [
    ("drop=1.5", "bad fault drop: Input should be less than or equal to 1"),
    ("teleport=1", "bad fault 'teleport=1'"),
    ("drop", "expected name=value"),
    ("overflow_style=gpt", "bad fault overflow_style"),
])
def test_bad_specs_are_one_line_errors(spec: str, words: str) -> None:
    with pytest.raises(FaultSpecError) as raised:
        parse_faults(spec)
    assert words in str(raised.value) and "\n" not in str(raised.value)


def _statuses(server: EmbeddedServer, n: int, header: str | None = None) -> list[int]:
    headers = {FAULTS_HEADER: header} if header else {}
    body = {"model": "ref/null", "messages": HELLO}
    return [httpx.post(f"{server.base_url}/chat/completions", json=body, headers=headers, timeout=60).status_code for _ in range(n)]


def test_same_seed_same_faults_and_header_overrides() -> None:
    settings = Settings(faults=parse_faults("server_error=0.5,seed=9"))
    with EmbeddedServer(settings) as first, EmbeddedServer(settings) as second:
        one, two = _statuses(first, 20), _statuses(second, 20)
        assert one == two and {200} < set(one) and set(one) <= {200, 500, 503}
        assert _statuses(first, 5, "server_error=0") == [200] * 5
        assert _statuses(first, 3, "rate_limit=1") == [429] * 3


def test_bad_header_is_a_400_naming_it() -> None:
    with EmbeddedServer() as server:
        client = openai.OpenAI(base_url=server.base_url, api_key="x", max_retries=0, default_headers={FAULTS_HEADER: "drop=7"})
        with pytest.raises(openai.BadRequestError, match=FAULTS_HEADER):
            client.chat.completions.create(model="ref/null", messages=HELLO)  # type: ignore[arg-type]
