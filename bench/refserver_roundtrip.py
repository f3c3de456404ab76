"""How long a 1M-token request takes through the reference server, next to a bare tokenizer encode.

Starts the embedded server (a real uvicorn on a local socket), sends one user message of
--tokens tokens to ref/oracle with the openai SDK --repeats times, and prints the median
and best round trip beside the median time to encode the same text once, plus the
server-side parts (parse + validate, prompt count) measured in-process.

    PYTHONPATH=. python bench/refserver_roundtrip.py [--tokens 1048576] [--repeats 5]
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import time
from collections.abc import Callable

import openai

from agentbench.refserver.embedded import EmbeddedServer
from agentbench.refserver.schema import parse_request
from agentbench.refserver.settings import Settings
from agentbench.refserver.usage import prompt_tokens
from agentbench.tokenizers import get_tokenizer

VOCABULARY = (
    "the of and to in is was for on that with as by at from his her they this which be or are an had not but what all were "
    "when we there can more if no out so said up its about into than them only other new some could time these two may then "
    "first any like now my such make over our even most after also made many before must through back years where much way "
    "river mountain harbour ledger invoice kernel reactor violet quartz lantern orchard compass"
)


def haystack(tokens: int, tokenizer_name: str) -> str:
    """Deterministic English-like filler of exactly `tokens` tokens (give or take one at the cut)."""
    rng, words = random.Random(0), VOCABULARY.split()
    text = " ".join(rng.choice(words) for _ in range(int(tokens * 1.1)))
    tokenizer = get_tokenizer(tokenizer_name)
    return tokenizer.decode(tokenizer.encode(text)[:tokens])


def timed(action: Callable[[], object], repeats: int) -> list[float]:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tokens", type=int, default=1_048_576)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--tokenizer", default="qwen3")
    args = parser.parse_args()

    text = haystack(args.tokens, args.tokenizer)
    tokenizer = get_tokenizer(args.tokenizer)
    messages = [{"role": "user", "content": text}]
    body = json.dumps({"model": "ref/oracle", "messages": messages}).encode()
    print(f"message: {tokenizer.count(text):,} tokens, request body {len(body) / 1e6:.1f} MB, tokenizer {args.tokenizer}")

    encode = timed(lambda: tokenizer.encode(text), args.repeats)
    parse = timed(lambda: parse_request(body), args.repeats)
    count = timed(lambda: prompt_tokens(tokenizer, messages, []), args.repeats)
    with EmbeddedServer(Settings(tokenizer=args.tokenizer)) as server:
        client = openai.OpenAI(base_url=server.base_url, api_key="unused", timeout=120)

        def round_trip() -> None:
            completion = client.chat.completions.create(model="ref/oracle", messages=messages)  # type: ignore[arg-type]
            assert completion.usage is not None and completion.usage.prompt_tokens >= args.tokens

        round_trip()
        trips = timed(round_trip, args.repeats)

    encode_s = statistics.median(encode)
    rows = [
        ("round trip through the server (openai SDK)", trips),
        ("  server part: parse + validate body", parse),
        ("  server part: count prompt tokens", count),
        ("plain tokenizer encode of the same text", encode),
    ]
    print(f"{'':46} {'median':>9} {'best':>9} {'x encode':>9}")
    for label, times in rows:
        median = statistics.median(times)
        print(f"{label:46} {median:8.3f}s {min(times):8.3f}s {median / encode_s:8.2f}x")


if __name__ == "__main__":
    main()
