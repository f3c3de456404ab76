"""Tool calls that went astray: detect them in a completion, and optionally parse them back out.

A server with the wrong tool-call parser returns the model's calls as text in `content`
(Hermes/Qwen `<tool_call>{json}</tool_call>`, Mistral `[TOOL_CALLS]`, DeepSeek's
`<｜tool▁calls▁begin｜>`, gpt-oss harmony `to=functions.NAME ... <|call|>`), says
`finish_reason: tool_calls` with no calls, sends arguments that are not JSON, or leaves the
call inside the reasoning. Counting these keeps a server's bug from passing as the model's.
"""

from __future__ import annotations

import json
import re
import uuid
from collections import Counter
from dataclasses import dataclass
from typing import Any

CALLS_IN_CONTENT = "calls_in_content"
CALLS_IN_REASONING = "calls_in_reasoning"
EMPTY_TOOL_CALLS = "empty_tool_calls"
UNPARSEABLE_ARGUMENTS = "unparseable_arguments"

_MARKERS = re.compile(
    r"<tool_call>|\[TOOL_CALLS\]|<｜tool▁calls?▁begin｜>|<\|channel\|>|<\|call\|>|to=functions\.",
)
_HERMES = re.compile(r"<tool_call>\s*")
_HERMES_END = re.compile(r"\s*</tool_call>")
_MISTRAL = re.compile(r"\[TOOL_CALLS\]\s*")
_MISTRAL_NAMED = re.compile(r"(?P<name>[\w.-]+)\s*\[ARGS\]\s*")
_DEEPSEEK = re.compile(r"<｜tool▁call▁begin｜>(?:function<｜tool▁sep｜>)?(?P<name>[^<\n｜]+?)(?:<｜tool▁sep｜>|\n)\s*(?:```json\s*)?")
_DEEPSEEK_BLOCK = re.compile(r"<｜tool▁calls▁begin｜>.*?(?:<｜tool▁calls▁end｜>|$)", re.DOTALL)
_HARMONY = re.compile(r"(?:<\|start\|>assistant)?(?:<\|channel\|>\w+\s*)?to=functions\.(?P<name>[\w.-]+)[^{]*?<\|message\|>")
_HARMONY_END = re.compile(r"\s*(?:<\|call\|>)?")


@dataclass(frozen=True)
class RecoveredCall:
    """A tool call parsed out of text: its name and its arguments as JSON text."""

    name: str
    arguments: str


def _json_at(text: str, start: int) -> tuple[Any, int] | None:
    """The JSON value starting at `start` (after whitespace) and where it ends, or None."""
    while start < len(text) and text[start].isspace():
        start += 1
    try:
        return json.JSONDecoder().raw_decode(text, start)
    except (ValueError, RecursionError):  # nested past the parser's depth: not a value we can read
        return None


def _call(name: str, arguments: Any) -> RecoveredCall | None:
    if not isinstance(arguments, dict):
        return None
    return RecoveredCall(name.strip(), json.dumps(arguments))


def _hermes(text: str) -> tuple[list[RecoveredCall], list[tuple[int, int]]]:
    calls, spans = [], []
    for match in _HERMES.finditer(text):
        parsed = _json_at(text, match.end())
        if parsed is None or not isinstance(parsed[0], dict):
            continue
        value, end = parsed
        call = _call(str(value.get("name", "")), value.get("arguments", value.get("parameters", {})))
        if call is not None and call.name:
            closing = _HERMES_END.match(text, end)
            calls.append(call)
            spans.append((match.start(), closing.end() if closing else end))
    return calls, spans


def _mistral(text: str) -> tuple[list[RecoveredCall], list[tuple[int, int]]]:
    calls, spans = [], []
    for match in _MISTRAL.finditer(text):
        named = _MISTRAL_NAMED.match(text, match.end())
        if named is not None:
            parsed = _json_at(text, named.end())
            call = _call(named["name"], parsed[0]) if parsed else None
            if call is not None and parsed is not None:
                calls.append(call)
                spans.append((match.start(), parsed[1]))
            continue
        parsed = _json_at(text, match.end())
        if parsed is None:
            continue
        items = parsed[0] if isinstance(parsed[0], list) else [parsed[0]]
        found = [_call(str(i.get("name", "")), i.get("arguments", {})) for i in items if isinstance(i, dict)]
        if found and all(c is not None and c.name for c in found):
            calls.extend(c for c in found if c is not None)
            spans.append((match.start(), parsed[1]))
    return calls, spans


def _deepseek(text: str) -> tuple[list[RecoveredCall], list[tuple[int, int]]]:
    calls = []
    for match in _DEEPSEEK.finditer(text):
        parsed = _json_at(text, match.end())
        call = _call(match["name"], parsed[0]) if parsed else None
        if call is not None:
            calls.append(call)
    spans = [(m.start(), m.end()) for m in _DEEPSEEK_BLOCK.finditer(text)] if calls else []
    return calls, spans


def _harmony(text: str) -> tuple[list[RecoveredCall], list[tuple[int, int]]]:
    calls, spans = [], []
    for match in _HARMONY.finditer(text):
        parsed = _json_at(text, match.end())
        call = _call(match["name"], parsed[0]) if parsed else None
        if call is not None and parsed is not None:
            closing = _HARMONY_END.match(text, parsed[1])
            calls.append(call)
            spans.append((match.start(), closing.end() if closing else parsed[1]))
    return calls, spans


_PARSERS = (_hermes, _mistral, _deepseek, _harmony)


def recover_calls(text: str) -> tuple[list[RecoveredCall], str]:
    """Tool calls written as text in a known format, and the text left once they are cut out."""
    for parser in _PARSERS:
        calls, spans = parser(text)
        if calls:
            remaining, last = [], 0
            for start, end in sorted(spans):
                remaining.append(text[last:start])
                last = max(last, end)
            remaining.append(text[last:])
            return calls, "".join(remaining).strip()
    return [], text


def has_call_markers(text: str | None) -> bool:
    """The text carries tool-call syntax of some known format."""
    return bool(text) and _MARKERS.search(text or "") is not None


def _arguments_parse(arguments: Any) -> bool:
    try:
        return isinstance(json.loads(arguments or "{}"), dict)
    except (TypeError, ValueError, RecursionError):  # nested past the parser's depth: unparseable too
        return False


def reasoning_text(message: dict[str, Any]) -> str:
    """The message's reasoning, under whichever name the server used."""
    value = message.get("reasoning_content") or message.get("reasoning")
    return value if isinstance(value, str) else ""


def find_anomalies(message: dict[str, Any], finish_reason: str | None) -> Counter[str]:
    """Count each kind of tool-call anomaly in one completion message (OpenAI dict shape)."""
    found: Counter[str] = Counter()
    calls = message.get("tool_calls") or []
    content = message.get("content") if isinstance(message.get("content"), str) else None
    if has_call_markers(content):
        found[CALLS_IN_CONTENT] += max(1, len(recover_calls(content or "")[0]))
    if has_call_markers(reasoning_text(message)):
        found[CALLS_IN_REASONING] += 1
    if finish_reason == "tool_calls" and not calls:
        found[EMPTY_TOOL_CALLS] += 1
    found[UNPARSEABLE_ARGUMENTS] += sum(not _arguments_parse(c.get("function", {}).get("arguments")) for c in calls)
    return +found


def repair_message(message: dict[str, Any]) -> int:
    """Move calls found in `content` into `tool_calls` (in place); returns how many were repaired."""
    content = message.get("content")
    if not isinstance(content, str) or not has_call_markers(content):
        return 0
    calls, remaining = recover_calls(content)
    if not calls:
        return 0
    message["content"] = remaining or None
    message["tool_calls"] = [*(message.get("tool_calls") or []), *(
        {"id": f"call_repaired_{uuid.uuid4().hex[:16]}", "type": "function", "function": {"name": c.name, "arguments": c.arguments}}
        for c in calls
    )]
    return len(calls)
