"""The Inspect task: lazy dataset, metadata contract, scoring end to end, and the file tree."""

from __future__ import annotations

import http.server
import json
import threading
from pathlib import Path

import pytest
from inspect_ai import eval as inspect_eval
from inspect_ai.model import (
    ChatMessage,
    GenerateConfig,
    ModelOutput,
    ModelUsage,
    get_model,
)

from agentbench.endpoints.extensions import EPOCH_HEADER
from agentbench.oracle import Conversation
from agentbench.suites.long_context.generate import build_sample
from agentbench.suites.long_context.oracle import long_context_oracle
from agentbench.suites.long_context.spec import LongContextSpec
from agentbench.suites.long_context.task import LongContextDataset, long_context
from agentbench.suites.long_context.tree import write_haystack_tree

METADATA = {
    "suite", "task_id", "length", "context_tokens", "planned_prompt_tokens", "answer_reserve", "template",
    "depth", "needle_span", "shape", "variant", "haystack", "tokenizer", "seed",
}


@pytest.fixture(autouse=True)
def _cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AGENTBENCH_CACHE", str(tmp_path / "cache"))


def test_smoke_preset_is_one_4k_sample_with_the_metadata_contract(tmp_path: Path) -> None:
    """Inspect is handed a light sample; the metadata contract holds once `fill_and_generate` has run (as logged)."""
    task = long_context(lengths="4k", depths="50", variants="niah_single_number")
    (light,) = list(task.dataset)
    assert light.id == "niah_single_number-4096-d50-s0" and len(str(light.input)) < 200
    (log,) = inspect_eval(task, model=_model(_oracle), display="none", log_dir=str(tmp_path / "logs"))
    (sample,) = log.samples or []
    assert METADATA <= set(sample.metadata)
    assert sample.metadata["suite"] == "long_context" and sample.metadata["task_id"] == "niah_single_number"
    assert sample.metadata["length"] == 4096 and sample.metadata["depth"] == 0.5
    assert sample.metadata["planned_prompt_tokens"] + sample.metadata["answer_reserve"] == 4096
    assert 4096 - 200 < sample.metadata["context_tokens"] < sample.metadata["planned_prompt_tokens"]
    low, high = sample.metadata["needle_span"]
    assert low == high and abs(low - 0.5) < 0.01
    prompt = sample.messages[0].text
    assert prompt == build_sample(LongContextSpec("niah_single_number", 4096, 0.5)).prompt
    assert prompt.endswith('or with "not present" if there is none.')
    assert sample.scores["long_context_scorer"].value == 1.0


def test_reading_the_dataset_generates_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    """Inspect reads every sample before the first runs: reading must not generate (a 1M grid would be held whole)."""
    import agentbench.suites.long_context.task as task_module

    def refuse(spec: LongContextSpec) -> None:
        raise AssertionError(f"generated {spec.sample_id} while the dataset was read")

    monkeypatch.setattr(task_module, "build_sample", refuse)
    samples = list(long_context(lengths="1k,1m", depths="0,50,100").dataset)
    assert len(samples) > 20 and all(len(str(sample.input)) < 200 for sample in samples)


def test_dataset_is_lazy_and_keeps_specs_through_slices_filters_and_shuffles() -> None:
    task = long_context(lengths="1k,2k", depths="0,100", variants="niah_single_word,common_words")
    dataset = task.dataset
    assert isinstance(dataset, LongContextDataset) and len(dataset) == 6
    assert [s.id for s in dataset[1:3]] == [dataset[1].id, dataset[2].id]
    kept = dataset.filter(lambda s: s.metadata["variant"] == "common_words")
    assert [s.id for s in kept] == ["common_words-1024-d50-s0", "common_words-2048-d50-s0"]
    assert all(s.metadata["depth"] is None for s in kept), "depth-free: off the depth axis"
    before = sorted(s.id for s in dataset)
    dataset.shuffle(seed=1)
    assert dataset.shuffled and sorted(s.id for s in dataset) == before
    dataset.sort()
    assert [s.length for s in dataset.specs] == sorted(s.length for s in dataset.specs)


def _model(answer):
    def respond(messages: list[ChatMessage], tools, tool_choice, config: GenerateConfig) -> ModelOutput:
        output = ModelOutput.from_content(model="mockllm", content=answer(messages))
        output.usage = ModelUsage(input_tokens=1, output_tokens=1, total_tokens=2)
        return output

    return get_model("mockllm/model", custom_outputs=respond)


def _oracle(messages: list[ChatMessage]) -> str:
    reply = long_context_oracle(Conversation(messages=[{"role": m.role, "content": m.text} for m in messages]))
    return reply.content if reply else ""


@pytest.mark.parametrize(("answer", "reward"), [(_oracle, 1.0), (lambda messages: "I do not know.", 0.0)])
def test_scores_end_to_end(answer, reward: float, tmp_path: Path) -> None:
    task = long_context(lengths="1k,2k", depths="0,100", variants="niah_multivalue,variable_tracking,common_words,niah_nonliteral,niah_absent,mrcr")
    (log,) = inspect_eval(task, model=_model(answer), display="none", log_dir=str(tmp_path / "logs"))
    assert log.status == "success"
    for sample in log.samples or []:
        score = sample.scores["long_context_scorer"]
        assert score.value == reward and score.metadata["success"] is (reward == 1.0)


def test_tree_holds_the_same_context_without_splitting_needles(tmp_path: Path) -> None:
    sample = build_sample(LongContextSpec("niah_multikey", 8192, 0.4, "logs"))
    question = write_haystack_tree(sample, tmp_path / "hay", files=12, shown_as="/data/hay")
    pages = sorted((p for p in (tmp_path / "hay").rglob("*") if p.is_file()), key=lambda p: p.relative_to(tmp_path / "hay").as_posix())
    assert len(pages) == 12 and "".join(p.read_text() for p in pages) == sample.context
    for needle in sample.needles:
        assert sum(needle.text in p.read_text() for p in pages) == 1
    assert "in the files under /data/hay" in question and "in the text above" not in question


class _Recorder(http.server.BaseHTTPRequestHandler):
    """A Chat Completions endpoint that answers "7" and records each request's epoch header."""

    epochs: list[str | None] = []

    def do_POST(self) -> None:  # noqa: N802 (http.server's name)
        self.rfile.read(int(self.headers["Content-Length"]))
        type(self).epochs.append(self.headers.get(EPOCH_HEADER))
        body = json.dumps({"id": "c", "object": "chat.completion", "created": 1, "model": "m",
                           "choices": [{"index": 0, "message": {"role": "assistant", "content": "7"}, "finish_reason": "stop"}],
                           "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2}}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        """Quiet."""


def test_each_epoch_of_a_sample_reaches_the_endpoint(tmp_path: Path) -> None:
    """`fill_and_generate` notes the epoch (the task has no `note_epoch` step): every request says which epoch it is."""
    _Recorder.epochs = []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        (log,) = inspect_eval(long_context(lengths="1k", depths="50", variants="niah_single_number"), epochs=2,
                              model="agentbench/ref/null", model_base_url=f"http://127.0.0.1:{server.server_port}/v1",
                              model_args={"stream": False}, display="none", log_dir=str(tmp_path / "logs"))
    finally:
        server.shutdown()
        thread.join()
    assert log.status == "success"
    assert sorted(_Recorder.epochs) == ["1", "2"]
