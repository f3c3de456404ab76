"""Per-sample transcripts for the drill-down, read from Inspect logs one sample at a time.

Only the fields shown are read (events, attachments, store, timelines and retries are skipped while
parsing), every message is cut to its first and last few thousand characters, and a whole
transcript to a budget, so a run with 1M-token prompts is reported without holding those prompts.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from inspect_ai.log import EvalSample, read_eval_log_sample, read_eval_log_samples_by_id
from inspect_ai.model import ChatMessage

KEEP_CHARS = 2000
"""Characters kept at each end of a long message."""
TRANSCRIPT_BUDGET = 40_000
"""Characters of message text kept per sample; messages in the middle go first."""
BATCH_SAMPLES = 64
"""Samples of one log read together (the log's zip directory is read once per batch)."""
BATCH_TOKENS = 1_000_000
"""Tokens (by the samples' size hints) a batch may hold at once; a sample above it is read alone."""
_SKIPPED_FIELDS = {"events", "attachments", "store", "timelines", "error_retries"}
TranscriptKey = tuple[str, str, int]
"""(resolved log path, sample id, epoch): which sample a transcript shows."""


@dataclass(frozen=True)
class SampleRef:
    """Where a sample's transcript is, and a size hint in tokens (NaN: unknown, read alone)."""

    log_path: Path
    sample_id: str
    epoch: int
    size_tokens: float


@dataclass(frozen=True)
class Entry:
    """One message as shown: role, abbreviated text, tool calls as (name, abbreviated JSON arguments)."""

    role: str
    text: str
    tool_calls: tuple[tuple[str, str], ...] = ()
    label: str = ""


@dataclass(frozen=True)
class Transcript:
    """What the drill-down shows of one sample; `unavailable` says why there are no entries."""

    entries: tuple[Entry, ...] = ()
    explanation: str | None = None
    error: str | None = None
    limit: str | None = None
    unavailable: str | None = None


def abbreviate(text: str, keep: int = KEEP_CHARS) -> str:
    """`text` with all but its first and last `keep` characters replaced by a marker saying how many went."""
    if len(text) <= 2 * keep + 80:
        return text
    omitted = len(text) - 2 * keep
    return f"{text[:keep]}\n[... {omitted:,} characters omitted ...]\n{text[-keep:]}"


def read_transcripts(refs: Iterable[SampleRef | None]) -> Iterator[Transcript]:
    """The transcripts of `refs`, in order (None: no log recorded). Consecutive samples of one log are
    read in batches of at most BATCH_SAMPLES and BATCH_TOKENS, so memory holds one batch at most."""
    batch: list[SampleRef] = []
    for ref in refs:
        if batch and (ref is None or not _fits(batch, ref)):
            yield from _read_batch(batch)
            batch = []
        if ref is None:
            yield Transcript(unavailable="no log_file recorded for this sample")
        else:
            batch.append(ref)
    if batch:
        yield from _read_batch(batch)


def _tokens(ref: SampleRef) -> float:
    return BATCH_TOKENS if ref.size_tokens != ref.size_tokens else ref.size_tokens


def _fits(batch: list[SampleRef], ref: SampleRef) -> bool:
    return (ref.log_path == batch[0].log_path and len(batch) < BATCH_SAMPLES
            and sum(_tokens(item) for item in batch) + _tokens(ref) <= BATCH_TOKENS)


def _read_batch(batch: list[SampleRef]) -> Iterator[Transcript]:
    if len(batch) == 1 or not batch[0].log_path.is_file():
        for ref in batch:
            yield read_transcript(ref.log_path, ref.sample_id, ref.epoch)
        return
    try:
        samples = read_eval_log_samples_by_id(str(batch[0].log_path), [(ref.sample_id, ref.epoch) for ref in batch],
                                              concurrency=1, exclude_fields=_SKIPPED_FIELDS)
    except Exception:  # one sample missing or damaged: read each alone to say which
        samples = None
    if samples is None:
        for ref in batch:
            yield read_transcript(ref.log_path, ref.sample_id, ref.epoch)
        return
    for sample in samples:
        yield transcript_of(sample)


def read_transcript(log_path: Path, sample_id: str, epoch: int) -> Transcript:
    """The transcript of `sample_id`/`epoch` in the Inspect log at `log_path`, or why it cannot be shown."""
    if not log_path.is_file():
        return Transcript(unavailable=f"log file not found: {log_path.name}")
    try:
        sample = read_eval_log_sample(str(log_path), id=sample_id, epoch=epoch, exclude_fields=_SKIPPED_FIELDS)
    except IndexError:
        return Transcript(unavailable=f"sample {sample_id} epoch {epoch} is not in {log_path.name}")
    except Exception as exc:  # a damaged or foreign log must not stop the report
        return Transcript(unavailable=f"cannot read {log_path.name}: {type(exc).__name__}: {_one_line(str(exc))}")
    return transcript_of(sample)


def transcript_of(sample: EvalSample) -> Transcript:
    """What the drill-down shows of `sample`: only clipped text is kept, so the sample itself can be dropped."""
    entries = _within_budget([entry for message in sample.messages for entry in _entries(message)])
    explanations = [score.explanation for score in (sample.scores or {}).values() if score.explanation]
    limit = None
    if sample.limit is not None:
        limit = sample.limit.reason or f"{sample.limit.type} limit ({sample.limit.limit:g})"
    return Transcript(
        entries=tuple(entries),
        explanation=abbreviate("\n".join(explanations)) if explanations else None,
        error=abbreviate(sample.error.message) if sample.error else None,
        limit=abbreviate(limit) if limit else None,
    )


def _entries(message: ChatMessage) -> list[Entry]:
    texts: list[str] = []
    reasoning: list[str] = []
    if isinstance(message.content, str):
        texts.append(message.content)
    else:
        for part in message.content:
            if part.type == "text":
                texts.append(part.text)
            elif part.type == "reasoning":
                reasoning.append("[redacted reasoning]" if part.redacted else part.reasoning)
            else:
                texts.append(f"[{part.type} content]")
    entries = [Entry("reasoning", abbreviate(text)) for text in reasoning]
    calls = tuple(
        (call.function, abbreviate(json.dumps(call.arguments, ensure_ascii=False)))
        for call in (getattr(message, "tool_calls", None) or [])
    )
    label = ""
    if message.role == "tool":
        label = message.function or ""
        if message.error is not None:
            label = f"{label} error ({message.error.type}): {_one_line(message.error.message)}"
    entries.append(Entry(message.role, abbreviate("\n".join(texts)), calls, abbreviate(label, 200)))
    return entries


def _size(entry: Entry) -> int:
    return len(entry.text) + sum(len(name) + len(arguments) for name, arguments in entry.tool_calls)


def _within_budget(entries: list[Entry], budget: int = TRANSCRIPT_BUDGET) -> list[Entry]:
    """Keep messages from both ends until the budget is spent; say how many in the middle were left out."""
    if sum(_size(entry) for entry in entries) <= budget:
        return entries
    head: list[Entry] = []
    tail: list[Entry] = []
    spent = 0
    low, high = 0, len(entries) - 1
    take_head = True
    while low <= high:
        entry = entries[low] if take_head else entries[high]
        if spent + _size(entry) > budget:
            break
        spent += _size(entry)
        if take_head:
            head.append(entry)
            low += 1
        else:
            tail.insert(0, entry)
            high -= 1
        take_head = not take_head
    omitted = high - low + 1
    marker = Entry("omitted", f"[... {omitted:,} messages omitted to keep the report small ...]")
    return [*head, marker, *tail]


def _one_line(text: str) -> str:
    return " ".join(text.split())[:300]
