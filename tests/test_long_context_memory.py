"""A long-context run generates each prompt when its sample starts, not the whole grid up front: counted in a
fresh interpreter, each time a prompt is filled, as the distinct long strings still reachable (no timing).

Inspect itself keeps a finished sample's messages until the eval returns (see BENCHMARKS.md), so the bound
checked is "prompts of the samples started so far", never "the whole grid before the first sample"."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

_SCRIPT = """
import gc, json, sys
from inspect_ai import eval as inspect_eval
from inspect_ai.model import ModelOutput, ModelUsage, get_model

import agentbench.suites.long_context.task as task_module
from agentbench.oracle import Conversation
from agentbench.suites.long_context.oracle import long_context_oracle

LONG = 100_000  # characters: a 64k-token prompt is about 250,000, nothing else in the process comes close

def prompts_held():
    found = set()
    for obj in gc.get_objects():
        try:  # the fill runs in a worker thread: the event loop may change a container under the scan
            values = list(obj.values()) if isinstance(obj, dict) else list(obj) if isinstance(obj, (list, tuple)) else ()
        except RuntimeError:
            continue
        found.update(id(value) for value in values if isinstance(value, str) and len(value) > LONG)
    return len(found)

held = []
real_build = task_module.build_sample

def counting_build(spec):
    held.append(prompts_held())
    return real_build(spec)

task_module.build_sample = counting_build

def respond(messages, tools, tool_choice, config):
    reply = long_context_oracle(Conversation(messages=[{"role": m.role, "content": m.text} for m in messages]))
    output = ModelOutput.from_content(model="mockllm", content=reply.content if reply else "")
    output.usage = ModelUsage(input_tokens=1, output_tokens=1, total_tokens=2)
    return output

depths = ",".join(str(d) for d in range(0, 100, 100 // int(sys.argv[2])))
task = task_module.long_context(lengths="64k", depths=depths, variants="niah_single_number")
(log,) = inspect_eval(task, model=get_model("mockllm/model", custom_outputs=respond), display="none",
                      log_dir=sys.argv[1], max_samples=int(sys.argv[3]))
print(json.dumps({"held": held, "samples": len(log.samples or []), "scores": [s.scores["long_context_scorer"].value for s in log.samples or []]}))
"""


@pytest.mark.slow
def test_a_64k_grid_holds_no_prompt_of_a_sample_not_yet_started(tmp_path: Path) -> None:
    samples, in_flight = 20, 2
    done = subprocess.run([sys.executable, "-c", _SCRIPT, str(tmp_path / "logs"), str(samples), str(in_flight)],
                          capture_output=True, text=True, timeout=900, env={**__import__("os").environ,
                                                                            "AGENTBENCH_CACHE": str(tmp_path / "cache")})
    assert done.returncode == 0, done.stderr[-2000:]
    outcome = json.loads(done.stdout.strip().splitlines()[-1])
    assert outcome["samples"] == samples and set(outcome["scores"]) == {1.0}, outcome
    assert len(outcome["held"]) == samples, "every prompt is filled once, just before its model call"
    held = outcome["held"]
    assert held[0] == 0, f"{held[0]} prompts existed before the first sample started"
    assert all(count <= started for started, count in enumerate(held)), f"prompts held when each was filled: {held}"
