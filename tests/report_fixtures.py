"""Realistic run folders for tests: real Inspect logs made with `mockllm/model`, plus a
`samples.parquet` (columns of `agentbench.analysis.columns`) whose `log_file`, `sample_id` and
`epoch` point into those logs, a `run.json` and a `summary.json`.

    write_run(tmp_path / "run", [
        FixtureSample("deepseek-chat", "tool_use", "count-errors",
                      turns=(Turn(tool_args={"query": "ls"}), Turn("42"))),
        FixtureSample("deepseek-chat", "tool_use", "count-errors", epoch=2,
                      row={"success": False, "failure": "turn_limit"}),
    ])

Each (model, suite) becomes one Inspect eval (one log file); the scripted turns are replayed by the
mock model for exactly that sample and epoch. `samples_frame` builds a samples table alone.
"""

from __future__ import annotations

import contextvars
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
from inspect_ai import Task
from inspect_ai import eval as inspect_eval
from inspect_ai.dataset import Sample
from inspect_ai.model import ChatMessage, GenerateConfig, ModelOutput, ModelUsage, get_model
from inspect_ai.scorer import CORRECT, INCORRECT, Score, Target, accuracy, scorer
from inspect_ai.solver import Generate, TaskState, solver, use_tools
from inspect_ai.tool import ToolChoice, ToolInfo, tool

from agentbench.analysis.columns import sample_dtypes

SAMPLE_DTYPES = sample_dtypes()

ROW_DEFAULTS: dict[str, Any] = {
    "run_id": "fixture-run",
    "model": "ref/oracle",
    "suite": "tool_use",
    "task_id": "task",
    "sample_id": None,
    "epoch": 1,
    "success": True,
    "reward": None,
    "failure": None,
    "error": None,
    "category": "general",
    "difficulty": "easy",
    "input_tokens": 100,
    "output_tokens": 20,
    "reasoning_tokens": 0,
    "cached_tokens": 0,
    "model_calls": 1,
    "tool_calls": 0,
    "tools_used": "",
    "wall_s": 1.0,
    "working_s": 1.0,
    "cost_usd": 0.0,
    "ttft_s": None,
    "tpot_s": None,
    "model_s": 1.0,
    "retries": 0,
    "tool_call_anomalies": 0,
    "repaired_tool_calls": 0,
    "context_tokens": None,
    "depth": None,
    "log_file": None,
}


def samples_frame(rows: Sequence[Mapping[str, Any]], extra_columns: Sequence[str] = ()) -> pd.DataFrame:
    """A samples table with every column of SAMPLE_DTYPES (typed), each row overriding ROW_DEFAULTS.

    `sample_id` defaults to the task id, `reward` to 1.0/0.0 from `success`; `extra_columns` (such as
    `ttft_s`) are copied from the rows that have them.
    """
    records = []
    for row in rows:
        record = {**ROW_DEFAULTS, **row}
        record["sample_id"] = record["sample_id"] or record["task_id"]
        if record["reward"] is None:
            record["reward"] = 1.0 if record["success"] else 0.0
        records.append(record)
    frame = pd.DataFrame.from_records(records, columns=[*SAMPLE_DTYPES, *extra_columns])
    return frame.astype({name: dtype for name, dtype in SAMPLE_DTYPES.items()})


@dataclass(frozen=True)
class Turn:
    """One model turn: plain text, or (with `tool_args`) a call of the `lookup` tool, which echoes its query."""

    text: str = ""
    tool_args: Mapping[str, Any] | None = None


@dataclass(frozen=True)
class FixtureSample:
    """One sample and epoch: what the model is asked, what it says, and its samples.parquet values."""

    model: str
    suite: str
    task_id: str
    epoch: int = 1
    prompt: str = "Find the answer and submit it."
    turns: tuple[Turn, ...] = (Turn("The answer is 42."),)
    row: Mapping[str, Any] = field(default_factory=dict)

    @property
    def key(self) -> tuple[str, int]:
        return (self.task_id, self.epoch)


_CURRENT: contextvars.ContextVar[tuple[str, int]] = contextvars.ContextVar("fixture_sample")


@tool
def lookup():
    async def execute(query: str) -> str:
        """Look something up.

        Args:
          query: What to look up.
        """
        return f"lookup result: {query}"

    return execute


@solver
def _scripted():
    async def solve(state: TaskState, generate: Generate) -> TaskState:
        _CURRENT.set((str(state.sample_id), state.epoch))
        return await generate(state)

    return solve


@scorer(metrics=[accuracy()])
def _recorded(specs: Mapping[tuple[str, int], FixtureSample]):
    async def score(state: TaskState, target: Target) -> Score:
        spec = specs[(str(state.sample_id), state.epoch)]
        success = bool(spec.row.get("success", True))
        explanation = spec.row.get("failure") or "verifier passed"
        return Score(value=CORRECT if success else INCORRECT, explanation=str(explanation))

    return score


def _mock_outputs(specs: Mapping[tuple[str, int], FixtureSample]):
    def respond(messages: list[ChatMessage], tools: list[ToolInfo], tool_choice: ToolChoice,
                config: GenerateConfig) -> ModelOutput:
        spec = specs[_CURRENT.get()]
        turn_index = sum(1 for message in messages if message.role == "assistant")
        turn = spec.turns[turn_index] if turn_index < len(spec.turns) else Turn("(end of script)")
        if turn.tool_args is not None:
            output = ModelOutput.for_tool_call("mockllm/model", "lookup", dict(turn.tool_args),
                                               content=turn.text or None)
        else:
            output = ModelOutput.from_content("mockllm/model", turn.text)
        # usage set here keeps mockllm from counting tokens with a downloaded tiktoken file
        output.usage = ModelUsage(input_tokens=len(spec.prompt) // 4, output_tokens=len(turn.text) // 4 + 1,
                                  total_tokens=len(spec.prompt) // 4 + len(turn.text) // 4 + 1)
        return output

    return respond


def _run_group(log_dir: Path, group: Sequence[FixtureSample]) -> Path:
    specs = {spec.key: spec for spec in group}
    prompts: dict[str, str] = {}
    for spec in group:
        prompts.setdefault(spec.task_id, spec.prompt)
    epochs = max(spec.epoch for spec in group)
    missing = [(task, epoch) for task in prompts for epoch in range(1, epochs + 1) if (task, epoch) not in specs]
    if missing:
        raise ValueError(f"every task needs all epochs 1..{epochs}; missing {missing}")
    task = Task(
        dataset=[Sample(id=task_id, input=prompt) for task_id, prompt in prompts.items()],
        solver=[use_tools(lookup()), _scripted()],
        scorer=_recorded(specs),
        epochs=epochs,
        name=f"{group[0].suite}",
    )
    model = get_model("mockllm/model", custom_outputs=_mock_outputs(specs))
    logs = inspect_eval(task, model=model, log_dir=str(log_dir), display="none", log_level="error")
    if logs[0].status != "success":
        raise RuntimeError(f"fixture eval failed: {logs[0].error.message if logs[0].error else logs[0].status}")
    return Path(logs[0].location)


def write_run(run_dir: Path, samples: Sequence[FixtureSample], run_config: Mapping[str, Any] | None = None,
              run_id: str = "fixture-run") -> Path:
    """Write a run folder (logs/, samples.parquet, summary.json, run.json) for `samples`; returns `run_dir`."""
    run_dir.mkdir(parents=True, exist_ok=True)
    groups: dict[tuple[str, str], list[FixtureSample]] = {}
    for spec in samples:
        groups.setdefault((spec.model, spec.suite), []).append(spec)
    rows = []
    for group in groups.values():
        log_file = _run_group(run_dir / "logs", group).relative_to(run_dir).as_posix()
        for spec in group:
            rows.append({
                "run_id": run_id, "model": spec.model, "suite": spec.suite, "task_id": spec.task_id,
                "sample_id": spec.task_id, "epoch": spec.epoch, "log_file": log_file,
                "model_calls": len(spec.turns),
                "tool_calls": sum(1 for turn in spec.turns if turn.tool_args is not None),
                **spec.row,
            })
    frame = samples_frame(rows)
    frame.to_parquet(run_dir / "samples.parquet", index=False)
    config = {
        "run_id": run_id, "date": "2026-11-22T12:00:00Z",
        "models": sorted({spec.model for spec in samples}),
        "endpoints": {"embedded": "http://127.0.0.1:0/v1"}, "seed": 0, "epochs": int(frame["epoch"].max()),
        "tokenizer": "qwen3", "sandbox": "local", "versions": {"agentbench": "0.1.0"},
    }
    (run_dir / "run.json").write_text(json.dumps({**config, **(run_config or {})}, indent=2), encoding="utf-8")
    summary = frame.groupby(["model", "suite"])["success"].mean().reset_index().to_dict(orient="records")
    (run_dir / "summary.json").write_text(json.dumps(summary, indent=2), encoding="utf-8")
    return run_dir


def haystack(tokens: int) -> str:
    """About `tokens` tokens (4 characters each) of varied filler text, for long-context samples."""
    sentences = []
    size = 0
    index = 0
    while size < tokens * 4:
        sentence = f"Line {index}: the harbour log records {index * 7919 % 100003} crates and calm weather. "
        sentences.append(sentence)
        size += len(sentence)
        index += 1
    return "".join(sentences)[: tokens * 4]


HOSTILE_SCRIPT = '<script>window.__pwned = 1; console.log("PWNED-script")</script>'
HOSTILE_IMG = '<img src="x" onerror="window.__pwned = 2; console.log(\'PWNED-img\')">'
HOSTILE_MODEL = 'evil<b>model</b><script>console.log("PWNED-model")</script>'
HUGE_TEXT = "<i>big</i> " * 95_326  # about 1 MB of model output, tags included
STANDARD_PRICED_MODEL = "deepseek-chat"


def standard_specs() -> list[FixtureSample]:
    """Three models on two suites: epochs, failures, tool calls, hostile and huge model output, a grid."""
    specs: list[FixtureSample] = []
    for epoch in (1, 2):
        specs += [
            FixtureSample(STANDARD_PRICED_MODEL, "tool_use", "count-errors", epoch,
                          turns=(Turn(tool_args={"query": "grep -c ERROR app.log"}), Turn("42")),
                          row={"success": True, "category": "logs", "input_tokens": 1200, "output_tokens": 300,
                               "cached_tokens": 400, "wall_s": 4.0 + epoch, "working_s": 3.0 + epoch,
                               "cost_usd": 0.001}),
            FixtureSample(STANDARD_PRICED_MODEL, "tool_use", "fix-config", epoch,
                          turns=(Turn(HOSTILE_SCRIPT + HOSTILE_IMG, tool_args={"query": HOSTILE_SCRIPT}),
                                 Turn(HUGE_TEXT)),
                          row={"success": epoch == 1, "failure": None if epoch == 1 else "verifier_failed",
                               "error": None if epoch == 1 else f"verifier said {HOSTILE_SCRIPT}",
                               "category": "config", "input_tokens": 5000, "output_tokens": 250_000,
                               "wall_s": 20.0, "working_s": 18.0, "cost_usd": 0.11}),
            FixtureSample("ref/oracle", "tool_use", "count-errors", epoch, turns=(Turn("42"),),
                          row={"success": True, "category": "logs", "wall_s": 0.5, "working_s": 0.4}),
            FixtureSample("ref/oracle", "tool_use", "fix-config", epoch, turns=(Turn("done"),),
                          row={"success": True, "category": "config", "wall_s": 0.6, "working_s": 0.5}),
            FixtureSample("ref/oracle", "tool_use", "long-session", epoch,
                          turns=(*(Turn(tool_args={"query": f"step {step} " + "x" * 3000}) for step in range(20)),
                                 Turn("finished after 20 steps")),
                          row={"success": True, "category": "logs", "wall_s": 9.0, "working_s": 8.0,
                               "model_calls": 21, "tool_calls": 20}),
        ]
    specs += [
        FixtureSample(HOSTILE_MODEL, "tool_use", task, turns=(Turn("no idea"),),
                      row={"success": False, "failure": "turn_limit", "category": category, "cost_usd": float("nan")})
        for task, category in (("count-errors", "logs"), ("fix-config", "config"))
    ]
    for length in (1000, 4000, 16000):
        for depth in (0, 50, 100):
            task = f"niah-{length}-{depth}"
            found = length < 16000 or depth == 0
            specs.append(FixtureSample(
                STANDARD_PRICED_MODEL, "long_context", task, prompt=f"Haystack of {length} tokens. Where is the key?",
                turns=(Turn("the key is 7" if found else "I could not find it"),),
                row={"success": found, "failure": None if found else "verifier_failed", "category": "niah",
                     "context_tokens": length, "depth": depth, "input_tokens": length, "output_tokens": 8,
                     "wall_s": length / 4000, "working_s": length / 4000, "cost_usd": length * 0.28e-6},
            ))
    return specs


def standard_run(root: Path) -> Path:
    """The run of `standard_specs()` under `root`, built once per root (tests share it)."""
    run_dir = root / "standard-run"
    if not (run_dir / "samples.parquet").is_file():
        write_run(run_dir, standard_specs(), run_config={"endpoints": {"deepseek": "https://api.example/v1"},
                                                          "api_key": "sk-should-not-appear"})
    return run_dir
