"""Simulated reference models: cards, planted failures acted out through tools, determinism, timing."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import openai
import pytest
import yaml

from agentbench.refserver.embedded import EmbeddedServer
from agentbench.oracle import Conversation
from agentbench.refserver.settings import Settings
from agentbench.refserver.sim.card import SHIPPED_CARDS, CardError, ModelCard, load_card, load_cards, shipped_cards
from agentbench.refserver.sim.long_context import NOT_FOUND, long_context_reply, question_family
from agentbench.refserver.sim.model import SimModel
from agentbench.refserver.sim.draws import Draws
from agentbench.refserver.sim.tool_use import LOOP_STEP, STOP_TEXT, corrupt, perturb
from agentbench.spec import discover
from agentbench.suites.long_context import LongContextSpec, build_sample
from agentbench.suites.long_context.spec import VARIANTS
from agentbench.suites.long_context.scoring import grade
from agentbench.suites.tool_use_oracle import solution_steps

TOOLS = ["bash", "python", "submit"]
SCHEMAS = {"bash": {"properties": {"cmd": {"type": "string"}}, "required": ["cmd"]},
           "python": {"properties": {"code": {"type": "string"}}, "required": ["code"]},
           "submit": {"properties": {"answer": {"type": "string"}}, "required": ["answer"]}}


_A3B_DATA = yaml.safe_load((SHIPPED_CARDS / "sim-a3b.yaml").read_text())


def _a3b() -> ModelCard:
    return load_card(SHIPPED_CARDS / "sim-a3b.yaml")


def _card(p: float, failure: str | None = None, **per_call: float) -> ModelCard:
    card = _a3b()
    tool_use = card.tool_use.model_copy(update={
        "success": {"easy": p, "medium": p, "hard": p}, "by_category": {},
        "failure_modes": {failure: 1.0} if failure else card.tool_use.failure_modes,
        "malformed_arguments": 0.0, "tool_call_in_content": 0.0, **per_call,
    })
    return card.model_copy(update={"tool_use": tool_use})


def _act(model: SimModel, instruction: str, epoch: int = 1, max_turns: int = 12) -> list[dict[str, Any]]:
    """Play the agent loop: fake step outputs `out<N>` (N counts every executed command), stop as the scaffold does."""
    messages: list[dict[str, Any]] = [{"role": "user", "content": instruction}]
    executed = 0
    for turn in range(max_turns):
        reply = model.respond(Conversation(messages=messages, tools=TOOLS, tool_schemas=SCHEMAS, epoch=epoch))
        calls = [{"id": f"c{turn}", "type": "function", "function": {"name": c.name, "arguments": c.arguments_text}} for c in reply.tool_calls]
        messages.append({"role": "assistant", "content": reply.content, "tool_calls": calls, "reasoning": reply.reasoning})
        if not calls:
            if len(messages) > 2 and not messages[-3].get("tool_calls") and messages[-3]["role"] == "assistant":
                break
            messages.append({"role": "user", "content": "Please proceed to the next step."})
            continue
        call = reply.tool_calls[0]
        try:
            json.loads(call.arguments_text)
        except json.JSONDecodeError:
            messages.append({"role": "tool", "tool_call_id": f"c{turn}", "content": "Error: could not parse the arguments"})
            continue
        if call.name == "submit":
            break
        executed += 1
        messages.append({"role": "tool", "tool_call_id": f"c{turn}", "content": f"out{executed}\n"})
    return messages


def _commands(messages: list[dict[str, Any]]) -> list[str]:
    return [json.loads(c["function"]["arguments"])["cmd"] for m in messages if m["role"] == "assistant"
            for c in m["tool_calls"] if c["function"]["name"] == "bash" and _json(c["function"]["arguments"])]


def _json(text: str) -> bool:
    try:
        json.loads(text)
    except json.JSONDecodeError:
        return False
    return True


def _submitted(messages: list[dict[str, Any]]) -> str | None:
    last = messages[-1]
    calls = last.get("tool_calls") or []
    return json.loads(calls[0]["function"]["arguments"])["answer"] if calls and calls[0]["function"]["name"] == "submit" else None


@pytest.fixture(scope="module")
def task(fixture_tasks: Path):
    registry = discover([fixture_tasks])
    return registry, registry.tasks["tool_use/make-report"]


def test_shipped_cards_load_and_contrast() -> None:
    cards = {card.name: card for card in shipped_cards()}
    a3b, a37b = cards["ref/sim-a3b"], cards["ref/sim-a37b"]
    assert a3b.price.output < a37b.price.output and a3b.serving.decode > a37b.serving.decode
    assert a3b.long_context.effective_length < a37b.long_context.effective_length
    assert a3b.tool_use.probability("files", "easy") < a37b.tool_use.probability("files", "easy")
    # a37b's speeds come from its size and hardware: decode reads the 37B active FP8 weights once per token
    assert a37b.serving.decode == pytest.approx(4800e9 * 0.5 / 37e9)


def test_a_faithful_attempt_runs_every_step_and_submits_the_last_output(task) -> None:
    registry, folder = task
    messages = _act(SimModel(_card(1.0), registry), folder.spec.instruction)
    assert _commands(messages) == solution_steps(folder.solution)
    assert _submitted(messages) == f"out{len(solution_steps(folder.solution))}"
    assert all(m.get("reasoning") for m in messages if m["role"] == "assistant")


@pytest.mark.parametrize("failure", ["stop_early", "skip_step", "corrupt_step", "wrong_answer", "loop"])
def test_each_planted_failure_is_acted_out_through_the_tools(task, failure: str) -> None:
    registry, folder = task
    steps = solution_steps(folder.solution)
    messages = _act(SimModel(_card(0.0, failure), registry), folder.spec.instruction)
    commands, answer = _commands(messages), _submitted(messages)
    if failure == "stop_early":
        assert commands == steps[: len(commands)] and len(commands) < len(steps) and answer is None
        assert messages[-1]["content"] == STOP_TEXT
    elif failure == "skip_step":
        assert commands == steps[:-1] and answer == f"out{len(steps) - 1}"
    elif failure == "corrupt_step":
        assert commands == [*steps[:-1], corrupt(steps[-1])] and commands[-1] != steps[-1]
    elif failure == "wrong_answer":
        assert commands == steps and answer == perturb(f"out{len(steps)}") != f"out{len(steps)}"
    else:
        assert set(commands) == {LOOP_STEP} and len(commands) == 12 and answer is None


def test_malformed_and_in_content_calls_are_redone_next_turn(task) -> None:
    registry, folder = task
    model = SimModel(_card(1.0, malformed_arguments=0.3, tool_call_in_content=0.2), registry)
    seen = {"malformed": 0, "in_content": 0}
    for epoch in range(1, 9):
        messages = _act(model, folder.spec.instruction, epoch=epoch, max_turns=30)
        assert _commands(messages) == solution_steps(folder.solution)
        assert _submitted(messages) == f"out{len(solution_steps(folder.solution))}"
        for m in messages:
            if m["role"] != "assistant":
                continue
            seen["malformed"] += sum(not _json(c["function"]["arguments"]) for c in m["tool_calls"])
            seen["in_content"] += "<tool_call>" in (m["content"] or "")
    assert seen["malformed"] > 0 and seen["in_content"] > 0


def test_corrupt_and_perturb_always_change_something() -> None:
    for step in ("echo done", "ls", "awk '{print}' f", "for f in *; do :; done", "aa"):
        assert corrupt(step) != step
    for answer in ("alice", "api:12", "Zed", "", "9"):
        assert perturb(answer) != answer


def test_same_card_seed_sample_epoch_replies_byte_identically_and_epochs_are_independent(task) -> None:
    registry, folder = task
    card = _a3b()
    first = _act(SimModel(card, registry), folder.spec.instruction, epoch=1)
    again = _act(SimModel(card, registry), folder.spec.instruction, epoch=1)
    assert json.dumps(first) == json.dumps(again)
    outcomes = {json.dumps(_act(SimModel(card, registry), folder.spec.instruction, epoch=e)) for e in range(1, 9)}
    assert len(outcomes) > 1
    draws = [Draws.of(card.name, seed, "x", 1).rng("attempt").random() for seed in range(20)]
    assert len(set(draws)) == 20


_REPLIES_SCRIPT = """
import json, sys
from agentbench.oracle import Conversation
from agentbench.refserver.sim.card import shipped_cards
from agentbench.refserver.sim.model import SimModel
from agentbench.spec import discover
from agentbench.suites.long_context import LongContextSpec, build_sample
from agentbench.suites.long_context.spec import VARIANTS
registry = discover([])
for card in shipped_cards():
    model = SimModel(card.model_copy(update={"seed": int(sys.argv[1])}), registry)
    for variant in VARIANTS:
        sample = build_sample(LongContextSpec(variant=variant, length=2048, depth=0.5, haystack="noise", tokenizer="qwen3", seed=3))
        for epoch in (1, 2, 3):
            reply = model.respond(Conversation(messages=[{"role": "user", "content": sample.prompt}], prompt_tokens=sample.prompt_tokens, epoch=epoch))
            print(json.dumps([card.name, variant, epoch, reply.content, reply.reasoning]))
"""


def test_same_card_and_seed_answer_byte_identically_in_fresh_processes_and_another_seed_does_not() -> None:
    def replies(seed: int, hash_seed: str) -> str:
        env = {**os.environ, "PYTHONHASHSEED": hash_seed}
        done = subprocess.run([sys.executable, "-c", _REPLIES_SCRIPT, str(seed)], capture_output=True, text=True, timeout=600, env=env, check=True)
        return done.stdout

    first = replies(0, "1")
    assert len(first.splitlines()) == 2 * len(VARIANTS) * 3
    assert replies(0, "2") == first  # byte-identical, whatever Python's string hashing
    assert replies(1, "1") != first


def _lc(length: int, depth: float, variant: str = "niah_multikey") -> tuple[Conversation, list[str], list[str]]:
    sample = build_sample(LongContextSpec(variant=variant, length=length, depth=depth, haystack="noise", tokenizer="qwen3", seed=3))
    return Conversation(messages=[{"role": "user", "content": sample.prompt}], prompt_tokens=sample.prompt_tokens), list(sample.answers), list(sample.distractors)


def test_long_context_failures_are_a_distractor_or_not_found_and_the_scorer_fails_them() -> None:
    card = _a3b().long_context.model_copy(update={"plateau": 0.0, "beyond_cliff": 0.0, "floor": 0.0, "middle_dip": 0.0})
    conversation, expected, distractors = _lc(2048, 0.5)
    seen = set()
    for epoch in range(1, 13):
        draws = Draws("ref/x", 0, "s", epoch)
        reply = long_context_reply(card, conversation, draws)
        assert reply is not None and not grade(reply.content, expected, distractors).success
        seen.add("not_found" if reply.content == NOT_FOUND else "distractor")
        if reply.content != NOT_FOUND:
            assert reply.content in conversation.last_user_text  # a value really in the context, not made up
    assert seen == {"not_found", "distractor"}


@pytest.mark.parametrize("variant", sorted(VARIANTS))
def test_every_variant_fails_when_the_card_plants_0_and_passes_when_it_plants_1(variant: str) -> None:
    """A failure the scorer cannot see (a near miss MRCR's similarity grading forgives) would break the planted rate."""
    sample = build_sample(LongContextSpec(variant=variant, length=2048, depth=0.5, haystack="noise", tokenizer="qwen3", seed=3))
    conversation = Conversation(messages=[{"role": "user", "content": sample.prompt}], prompt_tokens=sample.prompt_tokens)
    never = _a3b().long_context.model_copy(update={"plateau": 0.0, "beyond_cliff": 0.0, "floor": 0.0, "family_offsets": {}})
    always = _a3b().long_context.model_copy(update={"plateau": 1.0, "middle_dip": 0.0, "family_offsets": {}, "nonliteral_penalty": 0.0})
    for epoch in range(1, 9):
        draws = Draws("ref/x", 0, "s", epoch)
        wrong, right = long_context_reply(never, conversation, draws), long_context_reply(always, conversation, draws)
        assert wrong is not None and right is not None
        assert not grade(wrong.content, list(sample.answers), list(sample.distractors), sample.shape, sample.prefix).success, wrong
        assert grade(right.content, list(sample.answers), list(sample.distractors), sample.shape, sample.prefix).success


def test_long_context_success_follows_the_planted_cliff_and_dip() -> None:
    lc = _a3b().long_context.model_copy(update={"dip_width": 0.05})  # no dip left at the edges
    assert lc.probability(4000, 0.0, "single") == pytest.approx(lc.plateau)
    assert lc.probability(4000, 0.5, "single") == pytest.approx(lc.plateau * (1 - lc.middle_dip))
    assert lc.probability(lc.effective_length, 1.0, "single") == pytest.approx(lc.plateau)
    assert lc.probability(lc.effective_length + 1, 0.0, "single") == pytest.approx(lc.beyond_cliff)
    assert lc.probability(lc.effective_length * 4, 0.0, "single") == pytest.approx(lc.floor + (lc.beyond_cliff - lc.floor) * lc.decay_per_doubling)
    assert lc.probability(4000, 0.0, "variable_tracking") < lc.probability(4000, 0.0, None)


def test_the_nonliteral_penalty_lowers_success_against_a_literal_needle_and_nothing_else() -> None:
    lc = _a3b().long_context.model_copy(update={"nonliteral_penalty": 0.3})
    for tokens, depth in [(2000, 0.0), (2000, 0.5), (lc.effective_length * 3, 1.0)]:
        single = lc.probability(tokens, depth, "single")
        assert lc.probability(tokens, depth, "nonliteral") == pytest.approx(max(0.0, single - 0.3))
        assert lc.probability(tokens, depth, "multi_value") == _a3b().long_context.probability(tokens, depth, "multi_value")
    assert lc.model_copy(update={"nonliteral_penalty": 0.99}).probability(2000, 0.0, "nonliteral") == 0.0  # floored, never negative


def test_a_nonliteral_failure_names_another_character_of_the_context_or_not_found_and_the_scorer_fails_it() -> None:
    card = _a3b().long_context.model_copy(update={"nonliteral_penalty": 1.0})
    conversation, expected, distractors = _lc(2048, 0.5, "niah_nonliteral")
    seen = set()
    for epoch in range(1, 13):
        reply = long_context_reply(card, conversation, Draws("ref/x", 0, "s", epoch))
        assert reply is not None and not grade(reply.content, expected, distractors, "name").success
        if reply.content == NOT_FOUND:
            seen.add("not_found")
        else:  # a decoy's character, who really lives next to another landmark in the context
            assert reply.content in distractors and f"Actually, {reply.content} lives next to" in conversation.last_user_text
            seen.add("distractor")
    assert seen == {"not_found", "distractor"}
    # without the penalty the same card answers this sample right
    right = long_context_reply(card.model_copy(update={"nonliteral_penalty": 0.0}), conversation, Draws("ref/x", 0, "s", 1))
    assert right is not None and grade(right.content, expected, distractors, "name").success


def test_question_families_are_recognised() -> None:
    for variant, family in [("niah_single_number", "single"), ("niah_multivalue", "multi_value"),
                            ("niah_multiquery", "multi_query"), ("variable_tracking", "variable_tracking"), ("common_words", "common_words"),
                            ("niah_nonliteral", "nonliteral"), ("mrcr", "mrcr"), ("niah_absent", "single")]:
        sample = build_sample(LongContextSpec(variant=variant, length=1024, depth=0.5, haystack="noise", tokenizer="qwen3", seed=0))
        assert question_family(sample.question) == family


def _write(path: Path, data: dict[str, Any]) -> Path:
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    return path


def test_a_user_card_from_a_path_is_served_and_replaces_a_shipped_one(tmp_path: Path) -> None:
    data = yaml.safe_load((SHIPPED_CARDS / "sim-a3b.yaml").read_text())
    mine = _write(tmp_path / "mine.yaml", {**data, "name": "ref/my-model", "description": "mine"})
    with EmbeddedServer(Settings(model_cards=(mine,), time_scale=0.01)) as server:
        client = openai.OpenAI(base_url=server.base_url, api_key="x")
        assert "ref/my-model" in {m.id for m in client.models.list()}
        reply = client.chat.completions.create(model="ref/my-model", messages=[{"role": "user", "content": "hi"}])
        assert reply.model_dump()["agentbench_simulated_timing"]["simulated"] is True
    assert [c.name for c in load_cards([mine])][-1] == "ref/my-model"


@pytest.mark.parametrize(("change", "field"), [
    ({"tool_use": {"success": {"easy": 1.5}}}, "tool_use.success.easy"),
    ({"tool_use": {"success": {"easy": 0.5}}}, "tool_use: success needs a probability for every difficulty; missing medium, hard"),
    ({"serving": {"decode_tokens_per_s": -3, "prefill_tokens_per_s": 10}}, "serving.decode_tokens_per_s"),
    ({"name": "sim-no-prefix"}, "name"),
    ({"long_context": {"plateau": 0.5, "effective_length": 4096, "beyond_cliff": 0.9}}, "long_context"),
    ({"price": {"input": 1}}, "price.output: Field required for a $/M-tokens price"),
    ({"price": {}}, "price: give either input and output ($/M tokens) or gpu_hour, gpus and concurrency"),
    ({"price": {"gpu_hour": 2.0, "gpus": 8}}, "price.concurrency: Field required for a $/GPU-hour price"),
    ({"price": {"gpu_hour": 2.0, "gpus": 0, "concurrency": 4}}, "price.gpus"),
    ({"price": {"gpu_hour": "cheap", "gpus": 8, "concurrency": 4}}, "price.gpu_hour"),
    ({"price": {"gpu_hour": 2.0, "gpus": 8, "concurrency": 4, "output": 1.0}}, "price.gpu_hour: a $/GPU-hour price cannot be combined"),
    ({"price": {"gpu_hour": 2.0, "gpus": 8, "concurrency": 4, "throughput": 900}}, "price.throughput"),
    ({"tokens": {"reasoning": {"mean": 10, "sdev": 2}}}, "tokens.reasoning.sdev"),
    ({"long_context": {**_A3B_DATA["long_context"], "nonliteral_penalty": 1.2}}, "long_context.nonliteral_penalty"),
    ({"long_context": {**_A3B_DATA["long_context"], "family_offsets": {"nonliteral": -0.2}}}, "long_context.family_offsets.nonliteral"),
])
def test_a_bad_card_field_is_one_line_naming_file_and_field(tmp_path: Path, change: dict[str, Any], field: str) -> None:
    data = yaml.safe_load((SHIPPED_CARDS / "sim-a3b.yaml").read_text())
    path = _write(tmp_path / "bad.yaml", {**data, **change})
    with pytest.raises(CardError) as error:
        load_card(path)
    message = str(error.value)
    assert "\n" not in message and message.startswith(f"{path}: {field}")


def test_the_cli_reports_a_bad_card_in_one_line(tmp_path: Path) -> None:
    path = _write(tmp_path / "bad.yaml", {"name": "ref/x"})
    result = subprocess.run([sys.executable, "-m", "agentbench", "serve", "--port", "0", "--model-card", str(path)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and str(path) in lines[0] and "description" in lines[0]


def test_the_epoch_header_draws_afresh_and_a_bad_one_is_a_400() -> None:
    with EmbeddedServer(Settings(time_scale=0.01)) as server:
        client = openai.OpenAI(base_url=server.base_url, api_key="x")
        ask = {"model": "ref/sim-a37b", "messages": [{"role": "user", "content": "hi"}]}
        replies = {client.chat.completions.create(**ask, extra_headers={"X-Agentbench-Epoch": str(e)}).choices[0].message.reasoning_content
                   for e in (1, 2, 3)}
        assert len(replies) == 3
        same = client.chat.completions.create(**ask, extra_headers={"X-Agentbench-Epoch": "2"}).choices[0].message.reasoning_content
        assert same in replies
        with pytest.raises(openai.BadRequestError, match="X-Agentbench-Epoch must be a positive whole number"):
            client.chat.completions.create(**ask, extra_headers={"X-Agentbench-Epoch": "zero"})


def test_decode_slows_with_the_requests_in_flight(tmp_path: Path) -> None:
    data = yaml.safe_load((SHIPPED_CARDS / "sim-a3b.yaml").read_text())
    slow = _write(tmp_path / "slow.yaml", {**data, "name": "ref/slow", "serving": {**data["serving"], "decode_tokens_per_s": 2}})
    card = _a3b()
    slowdown, decode = card.serving.concurrency_slowdown, card.serving.decode
    with EmbeddedServer(Settings(model_cards=(slow,), time_scale=1.0)) as server:
        client = openai.OpenAI(base_url=server.base_url, api_key="x")
        ask = {"model": "ref/sim-a3b", "messages": [{"role": "user", "content": "hi"}]}
        alone = client.chat.completions.create(**ask)
        assert alone.model_dump()["agentbench_simulated_timing"]["tpot_s"] == pytest.approx(1 / decode)
        held = {"model": "ref/slow", "messages": [{"role": "user", "content": "hi"}], "stream": True}
        with client.chat.completions.create(**held) as stream:
            next(iter(stream))  # ref/slow is being served: it decodes for a minute at 2 tokens/s
            second = openai.OpenAI(base_url=server.base_url, api_key="x").chat.completions.create(**ask)
        assert second.model_dump()["agentbench_simulated_timing"]["tpot_s"] == pytest.approx((1 + slowdown) / decode)


def test_a_run_serves_prices_and_keeps_a_user_card(tmp_path: Path) -> None:
    from agentbench.analysis.prices import load_prices
    from agentbench.refserver.sim.card import RUN_CARDS_DIR
    from agentbench.run.endpoints import Endpoint
    from agentbench.run.runner import RunOptions, run
    from agentbench.run.selection import Selection

    data = yaml.safe_load((SHIPPED_CARDS / "sim-a3b.yaml").read_text())
    mine = _write(tmp_path / "mine.yaml", {**data, "name": "ref/mine", "price": {"input": 3.0, "output": 15.0}})
    selection = Selection(suites=("long_context",), lengths="1k", depths="50", variants="niah_single_number")
    outcome = run([Endpoint("ref/mine"), Endpoint("ref/oracle")], selection, RunOptions(results_dir=tmp_path / "res", display="none",
                  model_cards=(mine,), time_scale=0.01), progress=lambda _: None)
    frame = outcome.samples.set_index("model")
    row = frame.loc["ref/mine"]
    assert bool(row["simulated_timing"]) and not bool(frame.loc["ref/oracle", "simulated_timing"])
    assert frame.loc["ref/oracle", "cost_usd"] == 0.0
    assert row["cost_usd"] == pytest.approx((row["input_tokens"] * 3.0 + row["output_tokens"] * 15.0) / 1e6, rel=1e-12)
    kept = list((outcome.files.run_dir / RUN_CARDS_DIR).glob("*.yaml"))
    assert len(kept) == 1 and kept[0].read_bytes() == mine.read_bytes()
    # the run folder alone prices it again later (mine.yaml may be gone by then)
    mine.unlink()
    assert load_prices(None, [outcome.files.run_dir / RUN_CARDS_DIR]).cost("ref/mine", input_tokens=1e6) == pytest.approx(3.0)
    assert load_prices().cost("ref/mine", input_tokens=1e6) == 0.0  # unknown reference model: free, never guessed
