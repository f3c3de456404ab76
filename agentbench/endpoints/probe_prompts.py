"""What `agentbench probe` asks an endpoint, and how `ref/oracle` answers it (as a well-configured server would)."""

from __future__ import annotations

import random
import re
import uuid
from typing import Any

from agentbench.oracle import Conversation, Reply, ToolCallReply

WEATHER_TOOL: dict[str, Any] = {
    "type": "function",
    "function": {
        "name": "get_weather",
        "description": "Current weather in a city.",
        "parameters": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]},
    },
}
PLAIN = "agentbench probe: reply with the single word ok."
ONE_CALL = "agentbench probe: what is the weather in Paris? Use the get_weather tool."
PARALLEL_CALLS = "agentbench probe: what is the weather in Paris and in Tokyo? Call get_weather for both cities at once."
WEATHER_RESULT = "18 degrees Celsius and sunny"
LONG_QUESTION = "agentbench probe: the text above is filler. Reply with the single word ok."
FILLER = "The quick brown fox jumps over the lazy dog while the probe measures the context window. "



def tokenizer_sample(lines: int = 40) -> str:
    """Text on which tokenizers disagree (numbers, ids, accents, code), the same every time; English
    prose alone is counted alike by Qwen3, DeepSeek-V3 and Mistral's tokenizers and would hide a mismatch."""
    rng = random.Random(0)
    return "agentbench probe: tokenizer sample, reply ok.\n" + "".join(
        f"Record {rng.randint(0, 10**9)}: id {uuid.UUID(int=rng.getrandbits(128))}, Zürich–São Paulo naïve café, "
        f"value={rng.random():.6f}; def f_{i}(x): return x**{i} # ok\n"
        for i in range(lines)
    )


_CITIES = re.compile(r"\b(Paris|Tokyo)\b")


def probe_strategy(conversation: Conversation) -> Reply | None:
    """ref/oracle's answers to the probe: call get_weather per city asked about, then report the result."""
    question = conversation.last_user_text
    if not question.startswith("agentbench probe:") and LONG_QUESTION not in question:
        return None
    if conversation.tool_results:
        return Reply(content=f"The weather is {conversation.tool_results[-1]}.")
    if question in (ONE_CALL, PARALLEL_CALLS) and "get_weather" in conversation.tools:
        return Reply(tool_calls=tuple(ToolCallReply("get_weather", {"city": city}) for city in _CITIES.findall(question)))
    return Reply(content="ok")

