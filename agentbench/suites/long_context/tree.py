"""The agentic variant's data: the same context split over a realistic tree of files.

Same spec, same sample, same needles: only where the text lives changes, so in-context and
tool-based retrieval of identical needles can be compared. The reading order is sorted path
order (`find ROOT -type f | sort`): concatenating the files in that order gives back the
context byte for byte, so a needle's depth in the files is its depth in the prompt, and no
needle is split between two files. Paths and sizes look like a log archive (logs haystack),
a documentation folder (prose) or a data export (noise, word lists): names, nesting and
uneven sizes come from the spec's seed alone, never from where the needles are.
"""

from __future__ import annotations

import hashlib
import math
import random
from dataclasses import dataclass
from itertools import accumulate, pairwise
from pathlib import Path

from agentbench.suites.long_context.spec import LongContextSample

FILE_CHARS = 40_000
"""Mean characters per file (about 10k tokens): a 1M-token context becomes about a hundred files."""
MIN_FILES = 3

_SERVICES = ("auth", "billing", "gateway", "ingest", "scheduler", "search", "storage", "worker")
_TOPICS = ("architecture", "guides", "handbook", "meetings", "onboarding", "postmortems", "research", "runbooks")
_DATASETS = ("exports", "feeds", "ledger", "metrics", "snapshots", "survey", "telemetry", "transcripts")
_WORDS = ("alpha", "atlas", "delta", "harbor", "meadow", "north", "quartz", "ridge", "summit", "tidal", "vector", "willow")


@dataclass(frozen=True)
class TreeFile:
    """One file of the tree: its path under the root and the slice of the context it holds."""

    path: str
    start: int
    end: int


def plan_tree(sample: LongContextSample, files: int | None = None) -> list[TreeFile]:
    """The files of the tree in reading (sorted path) order; `files` fixes their count (default: by size)."""
    count = files if files is not None else max(MIN_FILES, math.ceil(len(sample.context) / FILE_CHARS))
    if count < 1:
        raise ValueError(f"bad file count {count}: must be at least 1")
    rng = random.Random(_seed(sample))
    weights = [rng.lognormvariate(0.0, 0.6) for _ in range(count)]
    shares = [w / sum(weights) for w in accumulate(weights)][:-1]
    cuts = _cuts(sample, shares)
    paths = sorted(_paths(sample.haystack, len(cuts) - 1, rng))
    return [TreeFile(path, start, end) for path, (start, end) in zip(paths, pairwise(cuts), strict=True)]


def tree_files(sample: LongContextSample, files: int | None = None) -> dict[str, str]:
    """Relative path -> contents, in reading order."""
    return {f.path: sample.context[f.start : f.end] for f in plan_tree(sample, files)}


def tree_question(sample: LongContextSample, shown_as: str) -> str:
    """The question without the haystack, naming the root as the agent sees it."""
    return sample.question_template.format(where=f"in the files under {shown_as}")


def write_haystack_tree(sample: LongContextSample, root: Path, files: int | None = None, *, shown_as: str | None = None) -> str:
    """Write the tree under `root`; return the question to ask without the haystack (naming `shown_as`,
    the root as the agent sees it)."""
    for path, text in tree_files(sample, files).items():
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return "Question: " + tree_question(sample, shown_as or str(root))


def _seed(sample: LongContextSample) -> int:
    spec = sample.spec
    text = f"tree|{spec.variant}|{spec.length}|{spec.depth}|{spec.haystack}|{spec.tokenizer}|{spec.seed}"
    return int.from_bytes(hashlib.sha256(text.encode()).digest()[:8], "big")


def _paths(haystack: str, count: int, rng: random.Random) -> list[str]:
    """`count` distinct realistic paths for this kind of haystack."""
    made: set[str] = set()
    while len(made) < count:
        made.add(_path(haystack, rng))
    return list(made)


def _path(haystack: str, rng: random.Random) -> str:
    word = rng.choice(_WORDS)
    if haystack == "logs":
        service = rng.choice(_SERVICES)
        day = f"2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        tail = rng.choice((f"{service}.log", f"{service}-{rng.randint(1, 9)}.log", f"archive/{service}.{rng.randint(1, 30)}.log"))
        return f"var/log/{service}/{day}/{tail}"
    if haystack == "prose":
        topic = rng.choice(_TOPICS)
        return rng.choice((f"docs/{topic}/{word}-{rng.randint(1, 40):02d}.md", f"docs/{topic}/drafts/{word}.txt",
                           f"notes/{2020 + rng.randint(0, 4)}/{rng.randint(1, 12):02d}-{word}.md"))
    dataset = rng.choice(_DATASETS)
    return rng.choice((f"data/{dataset}/part-{rng.randint(0, 99999):05d}.txt", f"data/{dataset}/{word}/batch-{rng.randint(1, 400):03d}.txt",
                       f"shared/{word}/{dataset}-{rng.randint(1, 90):02d}.dat"))


def _cuts(sample: LongContextSample, shares: list[float]) -> list[int]:
    """File boundaries: after the first line break (else sentence end) past each share of the text,
    moved past any needle they would split."""
    text = sample.context
    spans = [(n.char_offset, n.char_offset + len(n.text)) for n in sample.needles]
    cuts = [0]
    for share in shares:
        at = max(int(share * len(text)), cuts[-1] + 1)
        newline, period = text.find("\n", at), text.find(". ", at)
        ends = [i + 1 for i in (newline, period) if i >= 0]
        at = min(ends) if ends else len(text)
        for start, end in spans:
            if start < at < end:
                at = end
        if at < len(text) and at > cuts[-1]:
            cuts.append(at)
    return cuts + [len(text)]
