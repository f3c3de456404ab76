"""Haystack kinds: endless (or, for data sets, finite) streams of text units.

A unit is a sentence or a line. Units are written so that the point between two units is
always a split point of the tokenizers' pre-tokenizers: a unit inside a paragraph starts
with a space and ends without one; a unit that ends a paragraph or line ends with its
newline(s), and the next unit starts without a space. Token counts of a stream are then
sums over units, which lets the assembler hit a budget exactly.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import numpy as np

from agentbench.suites.long_context.prose import FILL_SENTENCES, sentence_pool

BLOCK_UNITS = 4096

Blocks = Callable[[int, int], Iterator[list[str]]]
"""(seed, length) -> blocks of units; `length` matters only to streams planned for one budget."""


@dataclass(frozen=True)
class Haystack:
    """One kind of haystack text."""

    name: str
    blocks: Blocks
    fill: tuple[str, ...]
    """Short units (without lead space or break) that top a cut haystack up to the exact budget."""
    brk: str
    """What ends a needle or fill unit that stands on its own line or paragraph."""
    fingerprint: str = ""
    """Changes when the text behind the name changes (data sets); part of the cache key."""


def _paragraphs(sentences: list[str], sizes: list[int], brk: str) -> list[str]:
    """Units of consecutive paragraphs: "S1", " S2", ..., " Sn" + brk."""
    units: list[str] = []
    at = 0
    for size in sizes:
        paragraph = sentences[at : at + size]
        at += size
        if not paragraph:
            break
        units.append(paragraph[0])
        units.extend(" " + s for s in paragraph[1:])
        units[-1] += brk
    return units


NOISE_SENTENCES = (
    "The river keeps flowing past the town.",
    "Clouds drift slowly across the wide sky.",
    "The hills stay green all through the year.",
    "Time passes quietly in this place.",
    "Another ordinary day begins and ends.",
)


def _noise_blocks(seed: int, length: int) -> Iterator[list[str]]:
    inline = [" " + s for s in NOISE_SENTENCES]
    yield [NOISE_SENTENCES[0], *inline[1:]] + inline * (BLOCK_UNITS // len(inline))
    block = inline * (BLOCK_UNITS // len(inline))
    while True:
        yield block


def _prose_blocks(seed: int, length: int) -> Iterator[list[str]]:
    pool = sentence_pool()
    rng = np.random.default_rng([seed, 1])
    while True:
        sentences = [pool[i] for i in rng.integers(0, len(pool), BLOCK_UNITS)]
        sizes = rng.integers(3, 8, BLOCK_UNITS // 3).tolist()
        yield _paragraphs(sentences, sizes, "\n\n")


_SERVICES = ("auth", "billing", "search", "gateway", "scheduler", "storage", "mailer", "indexer", "cache", "reports")
_LEVELS = ("INFO", "INFO", "INFO", "INFO", "DEBUG", "DEBUG", "WARN", "ERROR")
_TABLES = ("orders", "users", "sessions", "invoices", "events", "payments")
_PATHS = ("orders", "users/me", "search", "cart/items", "health", "reports/daily", "login", "settings")
_LOG_MESSAGES: tuple[Callable[[random.Random], str], ...] = (
    lambda r: f"request {r.getrandbits(32):08x} handled in {r.randint(2, 900)} ms",
    lambda r: f"cache miss for key session:{r.getrandbits(24):06x}",
    lambda r: f"user {r.randint(100, 9999)} signed in from 10.{r.randint(0, 255)}.{r.randint(0, 255)}.{r.randint(1, 254)}",
    lambda r: f"job {r.choice(_TABLES)}-sync finished with status {r.choice(('ok', 'ok', 'ok', 'partial', 'failed'))}",
    lambda r: f"retrying connection to db-{r.randint(1, 6)}:5432 (attempt {r.randint(2, 5)} of 5)",
    lambda r: f"flushed {r.randint(10, 5000)} rows to table {r.choice(_TABLES)}",
    lambda r: f"GET /api/v2/{r.choice(_PATHS)} {r.choice((200, 200, 200, 201, 304, 404, 500))} {r.randint(1, 700)}ms",
    lambda r: f"queue depth is {r.randint(0, 400)}, {r.randint(1, 16)} workers busy",
    lambda r: f"config reloaded, {r.randint(3, 40)} keys changed",
    lambda r: f"slow query on {r.choice(_TABLES)} took {r.randint(1000, 9000)} ms",
    lambda r: f"health check passed for {r.choice(_SERVICES)}",
    lambda r: f"lease renewed for shard {r.randint(0, 63)}",
)


def _log_blocks(seed: int, length: int) -> Iterator[list[str]]:
    rng = random.Random(f"logs-{seed}")
    millis = 1_709_251_200_000 + rng.randrange(86_400_000)  # some time on 2024-03-01 (UTC)
    while True:
        lines = []
        for _ in range(BLOCK_UNITS):
            millis += rng.randint(1, 2500)
            seconds, ms = divmod(millis, 1000)
            stamp = np.datetime64(seconds, "s").astype(str)
            level = rng.choice(_LEVELS)
            lines.append(f"{stamp}.{ms:03d}Z {level:<5} [{rng.choice(_SERVICES)}-{rng.randint(1, 4)}] {rng.choice(_LOG_MESSAGES)(rng)}\n")
        yield lines


_FRAMES = (
    ("db", "Pool", "take"), ("http", "Router", "dispatch"), ("jobs", "Runner", "run"),
    ("db", "ConnectionManager", "acquireWithTimeout"), ("core", "Main", "main"),
    ("http", "RequestHandlerChain", "invokeNextHandler"), ("jobs", "Scheduler", "tick"),
    ("util", "Retry", "call"), ("cache", "LruCache", "evictExpiredEntries"),
    ("auth", "TokenValidator", "verifySignatureAndExpiry"), ("io", "Buffer", "flush"),
    ("search", "QueryPlanner", "rewriteNestedBooleanClauses"), ("io", "FileStore", "write"),
    ("reports", "DailyReportGenerator", "renderSummaryTableForAllRegions"), ("core", "EventLoop", "poll"),
    ("db", "Tx", "commit"), ("billing", "InvoiceService", "applyDiscountsAndTaxesToLineItems"),
    ("mail", "Smtp", "send"), ("gateway", "UpstreamClient", "forwardRequestWithRetries"),
)
LOG_FILL: tuple[str, ...] = (
    *(f"    at com.example.{p}.{c}.{m}({c}.java:{n})" for p, c, m in _FRAMES for n in (7, 42, 318, 2048, 16384)),
    *(f"    at {c}.{m}({c}.java:{n})" for _, c, m in _FRAMES for n in (7, 42, 318, 2048)),
    *(f"    ... {n} more" for n in (3, 12, 157)),
    *(f"Caused by: java.io.IOException: {why}" for why in ("timeout", "connection reset", "broken pipe", "stream closed by peer")),
)
"""Stack-trace lines, as a crashing service prints them between its log lines."""


NOISE = Haystack("noise", _noise_blocks, FILL_SENTENCES, "\n")
PROSE = Haystack("prose", _prose_blocks, FILL_SENTENCES, "\n\n")
LOGS = Haystack("logs", _log_blocks, LOG_FILL, "\n")
BUILTIN_HAYSTACKS: dict[str, Haystack] = {h.name: h for h in (NOISE, PROSE, LOGS)}
DATASET_PREFIX = "dataset:"


def resolve_haystack(name: str) -> Haystack:
    """A haystack by name: noise, prose, logs, or dataset:SOURCE[@CONFIG][#COLUMN]."""
    if name in BUILTIN_HAYSTACKS:
        return BUILTIN_HAYSTACKS[name]
    if name.startswith(DATASET_PREFIX):
        from agentbench.suites.long_context.dataset_text import dataset_haystack

        return dataset_haystack(name[len(DATASET_PREFIX) :])
    raise ValueError(f"unknown haystack {name!r}; choose one of {', '.join(BUILTIN_HAYSTACKS)} or {DATASET_PREFIX}PATH_OR_NAME")
