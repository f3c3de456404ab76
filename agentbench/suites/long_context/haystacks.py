"""Haystack kinds: endless (or, for data sets, finite) streams of text units.

A unit is a sentence or a line. Units are written so that the point between two units is
always a split point of the tokenizers' pre-tokenizers: a unit inside a paragraph starts
with a space and ends without one; a unit that ends a paragraph or line ends with its
newline(s), and the next unit starts the new line. Token counts of a stream are then sums
over units, which lets the assembler hit a budget exactly (it still verifies every sample).
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import numpy as np

from agentbench.suites.long_context.prose import FILL_SENTENCES, sentence_pool

BLOCK_UNITS = 4096
PARAGRAPH_BREAK = "\n\n"

Blocks = Callable[[int, int], Iterator[list[str]]]
"""(seed, length) -> blocks of units; `length` matters only to streams planned for one budget."""
Dress = Callable[[str, str, str], str]
"""(needle text, haystack text before it, text after it) -> the needle as this haystack writes it."""


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
    dress: Dress | None = None
    """Makes a needle look like the text around it (a log line in logs); None leaves it as is."""


def _paragraphs(sentences: list[str], sizes: list[int]) -> list[str]:
    """Units of consecutive paragraphs: "S1", " S2", ..., " Sn" + a blank line."""
    units: list[str] = []
    at = 0
    for size in sizes:
        paragraph = sentences[at : at + size]
        at += size
        if not paragraph:
            break
        units.append(paragraph[0])
        units.extend(" " + s for s in paragraph[1:])
        units[-1] += PARAGRAPH_BREAK
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
        yield _paragraphs(sentences, sizes)


_SERVICES = ("auth", "billing", "search", "gateway", "scheduler", "storage", "mailer", "indexer", "cache", "reports")
_LEVELS = ("INFO", "INFO", "INFO", "INFO", "DEBUG", "DEBUG", "WARN", "ERROR")
_TABLES = ("orders", "users", "sessions", "invoices", "events", "payments")
_PATHS = ("orders", "users/me", "search", "cart/items", "health", "reports/daily", "login", "settings")
_STATUSES = ("ok", "ok", "ok", "partial", "failed")
_CODES = (200, 200, 200, 201, 304, 404, 500)
_LOG_MESSAGES: tuple[Callable[[int, int, int], str], ...] = (
    lambda a, b, c: f"request {a:08x} handled in {2 + b % 900} ms",
    lambda a, b, c: f"cache miss for key session:{a % 16**6:06x}",
    lambda a, b, c: f"user {100 + b % 9900} signed in from 10.{a % 256}.{b % 256}.{1 + c % 254}",
    lambda a, b, c: f"job {_TABLES[b % 6]}-sync finished with status {_STATUSES[c % 5]}",
    lambda a, b, c: f"retrying connection to db-{1 + b % 6}:5432 (attempt {2 + c % 4} of 5)",
    lambda a, b, c: f"flushed {10 + a % 4990} rows to table {_TABLES[b % 6]}",
    lambda a, b, c: f"GET /api/v2/{_PATHS[a % 8]} {_CODES[b % 7]} {1 + c % 700}ms",
    lambda a, b, c: f"queue depth is {a % 400}, {1 + b % 16} workers busy",
    lambda a, b, c: f"config reloaded, {3 + a % 38} keys changed",
    lambda a, b, c: f"slow query on {_TABLES[a % 6]} took {1000 + b % 8000} ms",
    lambda a, b, c: f"health check passed for {_SERVICES[a % 10]}",
    lambda a, b, c: f"lease renewed for shard {a % 64}",
)


def _log_blocks(seed: int, length: int) -> Iterator[list[str]]:
    rng = np.random.default_rng([seed, 2])
    start = np.datetime64("2024-03-01T00:00:00", "ms") + int(rng.integers(0, 86_400_000))
    elapsed = 0
    while True:
        steps = np.cumsum(rng.integers(1, 2500, BLOCK_UNITS)) + elapsed
        elapsed = int(steps[-1])
        stamps = (start + steps).astype(str).tolist()
        fields = rng.integers(0, 2**32, (BLOCK_UNITS, 7), dtype=np.int64).tolist()
        yield [
            f"{stamp}Z {_LEVELS[level % 8]:<5} [{_SERVICES[service % 10]}-{1 + worker % 4}] {_LOG_MESSAGES[kind % 12](a, b, c)}\n"
            for stamp, (level, service, worker, kind, a, b, c) in zip(stamps, fields)
        ]


_STAMP = re.compile(r"^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z) ", re.MULTILINE)


def _dress_log(core: str, before: str, after: str) -> str:
    """A needle as a log line, stamped like the line before it (or after it, at the very start),
    so that neither a missing nor an out-of-order timestamp gives it away."""
    stamps = _STAMP.findall(before) or _STAMP.findall(after) or ["2024-03-01T00:00:00.000Z"]
    stamp = stamps[-1] if _STAMP.search(before) else stamps[0]
    tag = zlib.crc32(core.encode())
    return f"{stamp} INFO  [{_SERVICES[tag % 10]}-{1 + tag // 10 % 4}] {core}"


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
PROSE = Haystack("prose", _prose_blocks, FILL_SENTENCES, PARAGRAPH_BREAK)
LOGS = Haystack("logs", _log_blocks, LOG_FILL, "\n", dress=_dress_log)
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
