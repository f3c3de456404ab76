"""Agentic long context: the in-context needles as files, an oracle that must search them, a scorer
that cheats cannot pass; end to end in Docker (oracle 1, null 0, and one 1M-token sample)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from agentbench.oracle import Conversation
from agentbench.suites.agentic_long_context.oracle import agentic_oracle
from agentbench.suites.agentic_long_context.task import PROMPT, ROOT, to_agentic_sample
from agentbench.suites.long_context.generate import build_sample
from agentbench.suites.long_context.scoring import grade
from agentbench.suites.long_context.spec import VARIANTS, LongContextSpec
from agentbench.suites.long_context.task import grid_specs, to_sample
from agentbench.suites.long_context.tree import plan_tree, tree_files, tree_question


@pytest.fixture(autouse=True)
def _cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AGENTBENCH_CACHE", str(tmp_path_factory.getbasetemp() / "cache"))


def _conversation(sample, results: list[str] = ()) -> Conversation:
    prompt = PROMPT.format(root=ROOT, question=tree_question(sample, ROOT))
    messages = [{"role": "user", "content": prompt}]
    for index, result in enumerate(results):
        messages += [{"role": "assistant", "content": "", "tool_calls": [{"id": f"c{index}", "type": "function",
                      "function": {"name": "python", "arguments": "{}"}}]},
                     {"role": "tool", "tool_call_id": f"c{index}", "content": result}]
    return Conversation(messages=messages, tools=["bash", "python", "submit"])


def _run_search(code: str, tree: Path) -> str:
    """Run the oracle's python as the sandbox would, on a copy of the tree at `tree`."""
    return subprocess.run([sys.executable, "-c", code.replace(repr(ROOT), repr(str(tree)))], capture_output=True,
                          text=True, check=True, timeout=120).stdout


def _write(sample, root: Path) -> None:
    for path, text in tree_files(sample).items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(text, encoding="utf-8")


def test_same_needles_and_context_as_the_in_context_sample_of_the_same_seed() -> None:
    for spec in grid_specs("2k,16k", "0,50,100", ",".join(VARIANTS), "logs", seed=3):
        sample = build_sample(spec)
        agentic, in_context = to_agentic_sample(sample), to_sample(sample)
        assert agentic.target == in_context.target and agentic.id == in_context.id
        assert agentic.metadata["distractors"] == in_context.metadata["distractors"]
        assert agentic.metadata["needle_depths"] == in_context.metadata["needle_depths"]
        assert agentic.metadata["context_tokens"] == in_context.metadata["context_tokens"]
        files = tree_files(sample)
        assert "".join(files.values()) == sample.context and list(files) == sorted(files)
        for needle in sample.needles:
            assert sum(needle.text in text for text in files.values()) == 1
        assert sample.context[:200] not in str(agentic.input) and "in the files under " + ROOT in str(agentic.input)


def test_the_tree_looks_like_a_repository_or_archive_and_hides_where_the_needles_are() -> None:
    logs = plan_tree(build_sample(LongContextSpec("niah_single_number", 65536, 0.5, "logs")))
    assert all(f.path.startswith("var/log/") and f.path.endswith(".log") for f in logs) and len(logs) >= 3
    sizes = [f.end - f.start for f in logs]
    assert max(sizes) > 1.5 * min(sizes), "file sizes are uneven, as in a real archive"
    prose = plan_tree(build_sample(LongContextSpec("niah_single_number", 65536, 0.1, "prose")))
    assert all(f.path.startswith(("docs/", "notes/")) for f in prose)
    assert not any(re.search(r"needle|answer|secret", f.path) for f in logs + prose)


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("haystack", ["noise", "prose", "logs"])
def test_the_oracle_solves_every_variant_only_through_its_search(variant: str, haystack: str, tmp_path: Path) -> None:
    sample = build_sample(LongContextSpec(variant, 8192, 0.3, haystack, seed=5))
    first = agentic_oracle(_conversation(sample))
    assert first is not None and [c.name for c in first.tool_calls] == ["python"]
    _write(sample, tmp_path)
    printed = _run_search(first.tool_calls[0].arguments["code"], tmp_path)
    final = agentic_oracle(_conversation(sample, [printed]))
    (submit,) = final.tool_calls
    answer = submit.arguments["answer"]
    assert grade(answer, sample.answers, sample.distractors, sample.shape, sample.prefix).success, answer
    blind = agentic_oracle(_conversation(sample, [""])).tool_calls[0].arguments["answer"]
    if sample.shape != "abstain":
        assert not grade(blind, sample.answers, sample.distractors, sample.shape, sample.prefix).success, \
            "the oracle must not know the answer without reading the files"


def _all_numbers(sample) -> str:
    return " ".join(re.findall(r"\d{3,}", sample.context))


def test_cheats_fail_the_agentic_scorer() -> None:
    sample = build_sample(LongContextSpec("niah_multikey", 16384, 0.5, "logs", seed=1))
    rules = (sample.answers, sample.distractors, sample.shape, sample.prefix)
    assert grade(", ".join(sample.answers), *rules).success
    assert not grade(_all_numbers(sample), *rules).success, "every number found in the files"
    assert not grade(sample.distractors[0], *rules).success, "a distractor's value"
    assert not grade("a seven-digit number", *rules).success, "the shape only"
    assert not grade(f"{sample.answers[0]} or {sample.distractors[0]}", *rules).success, "a hedge"
    assert not grade("not present", *rules).success
    assert not grade("", *rules).success


def _docker_run(tmp_path: Path, models: list[str], **grid: str):
    from agentbench.run.endpoints import Endpoint
    from agentbench.run.runner import RunOptions, run
    from agentbench.run.selection import Selection

    outcome = run([Endpoint(m) for m in models], Selection(("agentic_long_context",), **grid),
                  RunOptions(results_dir=tmp_path / "results", display="none"), progress=lambda _: None)
    assert not outcome.interrupted
    return outcome


@pytest.mark.docker
@pytest.mark.slow
def test_oracle_solves_and_null_fails_a_small_grid_in_docker(tmp_path: Path, base_image: str) -> None:
    grid = {"lengths": "2k,8k", "depths": "0,100", "variants": "niah_single_number,niah_multikey,variable_tracking,niah_absent,common_words"}
    frame = _docker_run(tmp_path, ["ref/oracle", "ref/null"], **grid).samples
    assert set(frame["suite"]) == {"agentic_long_context"} and len(frame) == 2 * (2 * 2 * 4 + 2)
    assert frame["failure"].isin(["sandbox_error", "endpoint_error"]).sum() == 0, frame["error"].dropna().tolist()
    by_model = frame.groupby("model")["success"].mean().to_dict()
    assert by_model == {"ref/null": 0.0, "ref/oracle": 1.0}, frame[["model", "sample_id", "failure", "error"]]
    oracle = frame[frame["model"] == "ref/oracle"]
    assert (oracle["tool_calls"] == 1).all() and (oracle["tools_used"] == "python").all(), "one real search per sample"
    assert set(oracle["length"]) == {2048, 8192} and set(oracle["depth"].dropna()) == {0.0, 100.0}


@pytest.mark.docker
@pytest.mark.slow
def test_a_one_million_token_agentic_sample_end_to_end(tmp_path: Path, base_image: str) -> None:
    frame = _docker_run(tmp_path, ["ref/oracle"], lengths="1m", depths="50", variants="niah_single_uuid").samples
    (row,) = frame.to_dict(orient="records")
    assert row["success"] and row["length"] == 1_048_576 and row["context_tokens"] > 1_000_000, row


def _pager_conversation(sample, results: list[str]) -> Conversation:
    from agentbench.suites.agentic_long_context.task import LONG_PROMPT

    messages = [{"role": "user", "content": LONG_PROMPT.format(root=ROOT, question=tree_question(sample, ROOT))}]
    for index, result in enumerate(results):
        messages += [{"role": "assistant", "content": "", "tool_calls": [{"id": f"c{index}", "type": "function",
                      "function": {"name": "read_page", "arguments": "{}"}}]},
                     {"role": "tool", "tool_call_id": f"c{index}", "content": result}]
    return Conversation(messages=messages, tools=["list_files", "read_page", "submit"])


@pytest.mark.parametrize("variant", ["niah_single_number", "variable_tracking", "mrcr", "common_words"])
def test_with_only_the_pager_the_oracle_reads_every_page_then_answers(variant: str, tmp_path: Path) -> None:
    from agentbench.suites.agentic_long_context.pages import LIST_SCRIPT, PAGE_CHARS, READ_SCRIPT

    sample = build_sample(LongContextSpec(variant, 16384, 0.8, "prose", seed=2))
    _write(sample, tmp_path)
    results: list[str] = []
    for _ in range(200):
        reply = agentic_oracle(_pager_conversation(sample, results))
        (call,) = reply.tool_calls
        if call.name == "submit":
            break
        script, args = (LIST_SCRIPT, []) if call.name == "list_files" else (READ_SCRIPT, [call.arguments["path"], str(call.arguments["page"])])
        run = subprocess.run([sys.executable, "-c", script, str(tmp_path), *args, str(PAGE_CHARS)],
                             capture_output=True, text=True, check=True)
        results.append(run.stdout)
    assert call.name == "submit" and grade(call.arguments["answer"], sample.answers, sample.distractors, sample.shape, sample.prefix).success
    assert len(results) - 1 >= len(sample.context) // PAGE_CHARS, "every page was read"


@pytest.mark.docker
@pytest.mark.slow
def test_long_horizon_history_grows_past_100k_tokens_and_the_peak_is_recorded(tmp_path: Path, base_image: str) -> None:
    frame = _docker_run(tmp_path, ["ref/oracle", "ref/null"], lengths="128k", depths="90", variants="niah_single_number",
                        horizon="long").samples
    rows = frame.set_index("model")
    assert bool(rows.loc["ref/oracle", "success"]) and not bool(rows.loc["ref/null", "success"])
    assert rows.loc["ref/oracle", "peak_prompt_tokens"] > 100_000, rows.loc["ref/oracle"].to_dict()
    assert rows.loc["ref/oracle", "tools_used"] == "list_files,read_page" and rows.loc["ref/oracle", "tool_calls"] > 30


def test_bad_input_is_one_line() -> None:
    from agentbench.run.selection import Selection, build_tasks

    with pytest.raises(ValueError, match=r"^agentic_long_context runs in Docker sandboxes only, not 'local'"):
        build_tasks(Selection(("agentic_long_context",), sandbox="local", lengths="1k"))
    with pytest.raises(ValueError, match=r"^agentic_long_context --horizon forever: unknown horizon 'forever'; choose from search, long$"):
        Selection(("agentic_long_context",), horizon="forever")
    with pytest.raises(ValueError, match=r"^--horizon is an option of agentic_long_context, not of long_context$"):
        Selection(("long_context",), horizon="long")
