"""Calibration: what the harness measures of a simulated model must recover what its card planted.

Statistics that need many repeated runs are simulated at the level of samples, with the very
draws the served model makes (`plan_attempt`, `answers_right`); the real path (embedded server,
our model API, Docker sandboxes, verifiers, scorer, samples table, prices) is run end to end at
a small size and checked sample by sample against those draws, which is what licenses the
sample-level simulation.
"""

from __future__ import annotations

import asyncio
import selectors
import statistics
from collections.abc import AsyncIterator
from pathlib import Path

import openai
import pytest
from inspect_ai.log import read_eval_log
from inspect_ai.model import ChatMessageUser, GenerateConfig, get_model
from statsmodels.stats.proportion import confint_proportions_2indep

import agentbench._registry  # noqa: F401  (our model API)
from agentbench.analysis.stats import RULER_THRESHOLD, longest_length_above, pass_hat_k, wilson_interval
from agentbench.endpoints.streaming import TimedCompletion, streamed_completion
from agentbench.refserver.embedded import EmbeddedServer
from agentbench.oracle import Conversation
from agentbench.refserver.settings import Settings
from agentbench.refserver.sim.card import NONLITERAL, SHIPPED_CARDS, LongContextCapability, ModelCard, load_card
from agentbench.refserver.sim.draws import Draws
from agentbench.refserver.sim.long_context import answers_right, long_context_reply
from agentbench.refserver.sim.serving import PlantedTiming, paced, planted_timing
from agentbench.refserver.sim.tool_use import plan_attempt
from agentbench.run.endpoints import Endpoint
from agentbench.run.runner import RunOptions, run
from agentbench.run.selection import Selection
from agentbench.spec import discover
from agentbench.suites.long_context.oracle import long_context_oracle

ANSWER_CHECKED = {"service-errors", "top-customer"}
"""Starter tasks whose verifier checks the submitted answer (crlf-notes checks only the files)."""
A3B = load_card(SHIPPED_CARDS / "sim-a3b.yaml")
A37B = load_card(SHIPPED_CARDS / "sim-a37b.yaml")


def _successes(card: ModelCard, seed: int, tasks: int, epoch: int = 1, difficulty: str = "easy") -> list[bool]:
    return [
        plan_attempt(card.tool_use, "files", difficulty, 3, Draws.of(card.name, seed, f"task {i}", epoch).rng("attempt")).failure is None
        for i in range(tasks)
    ]


@pytest.mark.parametrize(("card", "n"), [(A3B, 40), (A37B, 60)])
def test_wilson_interval_covers_the_planted_rate_in_93_to_97_percent_of_seeded_runs(card: ModelCard, n: int) -> None:
    planted = card.tool_use.probability("files", "easy")
    runs = 1000
    covered = 0
    for seed in range(runs):
        low, high = wilson_interval(sum(_successes(card, seed, n)), n)
        covered += low <= planted <= high
    assert 0.93 <= covered / runs <= 0.97


def test_pass_hat_k_matches_p_to_the_k_and_epochs_are_independent() -> None:
    planted = A3B.tool_use.probability("files", "easy")
    tasks, epochs, k = 400, 5, 3
    by_epoch = [_successes(A3B, 0, tasks, epoch) for epoch in range(1, epochs + 1)]
    successes = [sum(by_epoch[e][t] for e in range(epochs)) for t in range(tasks)]
    per_task = [pass_hat_k([epochs], [c], k) for c in successes]
    estimate = pass_hat_k([epochs] * tasks, successes, k)
    half = 1.96 * statistics.stdev(per_task) / tasks**0.5
    assert estimate - half <= planted**k <= estimate + half
    # independent attempts: epoch 1 says nothing about epoch 2
    both = sum(a and b for a, b in zip(by_epoch[0], by_epoch[1]))
    assert abs(both / tasks - planted**2) < 3 * (planted**2 * (1 - planted**2) / tasks) ** 0.5


@pytest.mark.parametrize("card", [A3B, A37B])
def test_effective_length_lands_on_the_planted_cliff_within_one_grid_step(card: ModelCard) -> None:
    lengths = [1024 * 2**i for i in range(7)]  # 1k .. 64k
    depths = [0.0, 0.25, 0.5, 0.75, 1.0]
    overhead = 40  # question and chat template: prompt tokens = context + overhead
    rates = {}
    for length in lengths:
        hits = [
            answers_right(card.long_context, length + overhead, depth, "single", Draws(card.name, 0, f"{length}/{depth}/{i}", 1).rng("answer"))
            for depth in depths for i in range(200)
        ]
        rates[length] = sum(hits) / len(hits)
    estimated = longest_length_above(rates, RULER_THRESHOLD)
    planted = max(length for length in lengths if length + overhead <= card.long_context.effective_length)
    assert estimated is not None
    assert lengths.index(planted) - 1 <= lengths.index(estimated) <= lengths.index(planted) + 1


def _nonliteral_gap_coverage(name: str, claimed: LongContextCapability, acted: LongContextCapability, runs: int = 1000, n: int = 100) -> float:
    """Share of seeded runs whose 95% Newcombe interval of (literal - non-literal success) covers the
    penalty `claimed` plants, when the model draws its answers as `acted` says (inside the effective
    length, needles spread over five depths: the same cells for both families)."""
    depths = [0.0, 0.25, 0.5, 0.75, 1.0]
    tokens = claimed.effective_length // 2
    covered = 0
    for seed in range(runs):
        literal, nonliteral = (
            sum(answers_right(acted, tokens, depths[i % len(depths)], family, Draws(name, seed, f"{family} {i}", 1).rng("answer"))
                for i in range(n))
            for family in ("single", NONLITERAL)
        )
        low, high = confint_proportions_2indep(literal, n, nonliteral, n, method="newcomb", compare="diff")
        covered += low <= claimed.nonliteral_penalty <= high
    return covered / runs


@pytest.mark.parametrize("card", [A3B, A37B])
def test_the_measured_nonliteral_gap_recovers_the_planted_penalty(card: ModelCard) -> None:
    assert card.long_context.nonliteral_penalty > 0
    assert 0.93 <= _nonliteral_gap_coverage(card.name, card.long_context, card.long_context) <= 0.97


@pytest.mark.parametrize("card", [A3B, A37B])
def test_a_card_claiming_a_nonliteral_penalty_its_model_ignores_fails_the_calibration(card: ModelCard) -> None:
    ignoring = card.long_context.model_copy(update={"nonliteral_penalty": 0.0})
    assert _nonliteral_gap_coverage(card.name, card.long_context, ignoring, runs=200) < 0.5


def _card_with(tmp_path: Path, **serving: float) -> Path:
    import yaml

    data = yaml.safe_load((SHIPPED_CARDS / "sim-a3b.yaml").read_text())
    data.update(name="ref/sim-timing", serving={"prefill_tokens_per_s": 4000, "decode_tokens_per_s": 40, "overhead_s": 0.8,
                                               "concurrency_slowdown": 0.0, **serving})
    data["tokens"] = {"reasoning": {"mean": 40, "sd": 0}, "verbosity": {"mean": 0, "sd": 0}}
    path = tmp_path / "timing.yaml"
    path.write_text(yaml.safe_dump(data))
    return path


def test_recorded_ttft_tpot_are_the_planted_ones_at_any_time_scale(tmp_path: Path) -> None:
    path = _card_with(tmp_path)
    card = load_card(path)
    with EmbeddedServer(Settings(model_cards=(path,), time_scale=0.01)) as server:
        model = get_model("agentbench/ref/sim-timing", base_url=server.base_url, memoize=False)
        output = asyncio.run(model.generate([ChatMessageUser(content="Say something.")], config=GenerateConfig()))
    call = output.message.metadata["agentbench_call"]
    assert call["simulated_timing"] is True
    prompt = output.usage.input_tokens
    assert call["ttft_s"] == pytest.approx(card.serving.ttft_s(prompt), rel=1e-9)
    assert call["tpot_s"] == pytest.approx(1 / 40, rel=1e-9)
    assert call["e2e_s"] == pytest.approx(card.serving.ttft_s(prompt) + (call["output_tokens"] - 1) / 40, rel=1e-9)


class _JumpingSelector(selectors.DefaultSelector):
    """Asked to wait for `timeout` seconds, advances its virtual clock by them and waits for nothing."""

    def __init__(self) -> None:
        super().__init__()
        self.now = 0.0

    def select(self, timeout: float | None = None) -> list[tuple[selectors.SelectorKey, int]]:
        self.now += timeout or 0.0
        return super().select(0)


class _VirtualTimeLoop(asyncio.SelectorEventLoop):
    """An event loop whose clock jumps to the next timer: every sleep ends exactly at its deadline,
    so what a coroutine does when is deterministic however loaded the machine is."""

    def __init__(self) -> None:
        self._clock = _JumpingSelector()
        super().__init__(self._clock)

    def time(self) -> float:
        return self._clock.now


def _release_times(timing: PlantedTiming, outputs: int) -> list[float]:
    """When the server's pacing lets each of `outputs` output events go, in seconds after the request
    arrived, on a virtual clock (a role delta before them; a finish and [DONE] after, as streamed)."""

    async def events() -> AsyncIterator[str]:
        for index in range(outputs + 3):
            yield f"event {index}"

    async def released() -> list[float]:
        loop = asyncio.get_running_loop()
        return [loop.time() async for _ in paced(events(), outputs, timing, loop.time())][1:outputs + 1]

    loop = _VirtualTimeLoop()
    try:
        return loop.run_until_complete(released())
    finally:
        loop.close()


@pytest.mark.slow
def test_real_time_pacing_is_exactly_the_planted_and_measured_times_never_fall_short(tmp_path: Path) -> None:
    """Real sleeping at time scale 1, measured by a client, can only be checked from below: sleeps are never
    shorter than asked, but a loaded machine delays each chunk by an unbounded amount, and since the
    server releases every token at a deadline counted from arrival, a late first token lets the later
    ones catch up and shrinks the measured TPOT. So the client's TTFT and end-to-end time get the planted
    floors (and a 10x hang guard), and the precision is checked where it is deterministic: the latency
    the server planted for this reply, and when its pacing releases each output event for that latency
    on a clock that jumps to each deadline, both against the card's own numbers."""
    path = _card_with(tmp_path)
    card = load_card(path)

    async def measure(base_url: str) -> TimedCompletion:
        client = openai.AsyncOpenAI(base_url=base_url, api_key="x")
        try:
            return await streamed_completion(client, {"model": "ref/sim-timing", "messages": [{"role": "user", "content": "Say something."}]})
        finally:
            await client.close()

    with EmbeddedServer(Settings(model_cards=(path,), time_scale=1.0)) as server:
        timed = asyncio.run(measure(server.base_url))
    usage = timed.completion["usage"]
    outputs = usage["completion_tokens"]
    planted_ttft = card.serving.ttft_s(usage["prompt_tokens"])  # the card's overhead + prompt / prefill
    planted_e2e = planted_ttft + (outputs - 1) / 40  # and its decode speed, 40 tokens/s whatever is in flight
    assert outputs > 10 and timed.ttft_s is not None
    assert planted_ttft <= timed.ttft_s <= 10 * planted_ttft
    assert planted_e2e <= timed.e2e_s <= 10 * planted_e2e
    timing = planted_timing(card.serving, usage["prompt_tokens"], outputs, in_flight=1, time_scale=1.0)
    assert timed.simulated == timing.as_field()  # what the server planted for this reply is what is replayed
    releases = _release_times(timing, outputs)
    assert releases[0] == pytest.approx(planted_ttft, rel=1e-9)
    assert releases[-1] == pytest.approx(planted_e2e, rel=1e-9)
    assert [later - earlier for earlier, later in zip(releases, releases[1:])] == pytest.approx([1 / 40] * (outputs - 1), rel=1e-9)


def test_cost_per_completed_task_of_a_card_priced_per_gpu_hour_is_exact(tmp_path: Path) -> None:
    import yaml

    path = _card_with(tmp_path)  # overhead 0.8 s, prefill 4,000 tok/s, decode 40 tok/s, no slowdown with concurrency
    data = yaml.safe_load(path.read_text())
    data["price"] = {"gpu_hour": 2.5, "gpus": 4, "concurrency": 8}
    path.write_text(yaml.safe_dump(data))
    outcome = run([Endpoint("ref/sim-timing")],
                  Selection(suites=("long_context",), lengths="1k", depths="0,50,100", variants="niah_single_number"),
                  RunOptions(epochs=2, results_dir=tmp_path / "res", display="none", model_cards=(path,), time_scale=0.01),
                  progress=lambda _: None)
    frame = outcome.samples
    assert len(frame) == 6 and frame["simulated_timing"].all() and (frame["model_calls"] == 1).all()
    for row in frame.itertuples():  # by hand, from the card: one call, planted e2e = TTFT + decode of the tokens after the first
        planted_s = 0.8 + row.input_tokens / 4000 + (row.output_tokens - 1) / 40
        assert row.model_s == pytest.approx(planted_s, rel=1e-12)
        assert row.cost_usd == pytest.approx(2.5 * 4 * planted_s / 3600 / 8, rel=1e-12)
    successes = int(frame["success"].sum())
    assert successes > 0
    board = outcome.leaderboard.set_index("model").loc["ref/sim-timing"]
    by_hand = sum(2.5 * 4 * (0.8 + r.input_tokens / 4000 + (r.output_tokens - 1) / 40) / 3600 / 8 for r in frame.itertuples()) / successes
    assert board["cost_per_success"] == pytest.approx(by_hand, rel=1e-12)


def _first_user_texts(run_dir: Path) -> dict[tuple[str, int], str]:
    texts = {}
    for log_file in (run_dir / "logs").glob("*.eval"):
        for sample in read_eval_log(str(log_file)).samples or ():
            first = next(m for m in sample.messages if m.role == "user")
            texts[(str(sample.id), sample.epoch)] = first.text
    return texts


@pytest.mark.slow
def test_real_tool_use_runs_succeed_exactly_when_the_card_drew_success_and_cost_is_exact(tmp_path: Path) -> None:
    outcome = run([Endpoint("ref/sim-a3b")], Selection(suites=("tool_use",), tags="starter"),
                  RunOptions(epochs=4, results_dir=tmp_path, display="none", time_scale=0.01), progress=lambda _: None)
    frame = outcome.samples
    assert len(frame) == 12 and not outcome.interrupted
    texts = _first_user_texts(outcome.files.run_dir)
    registry = discover([])
    seen = set()
    for row in frame.itertuples():
        text = texts[(str(row.sample_id), int(row.epoch))]
        spec = registry.tasks[f"tool_use/{row.task_id}"].spec
        planned = plan_attempt(A3B.tool_use, spec.category, spec.difficulty, 1, Draws.of(A3B.name, A3B.seed, text, int(row.epoch)).rng("attempt"))
        seen.add(planned.failure)
        if planned.failure is None or planned.failure in ("stop_early", "loop") or row.task_id in ANSWER_CHECKED:
            assert bool(row.success) == (planned.failure is None), (row.task_id, row.epoch, planned)
        else:  # crlf-notes judges the files alone: a fumbled final `echo done` or a wrong answer goes unseen
            assert row.task_id == "crlf-notes"
    assert None in seen and len(seen) >= 3  # successes and at least two kinds of failure were exercised
    price = A3B.price
    expected = ((frame["input_tokens"] - frame["cached_tokens"].fillna(0)) * price.input
                + frame["cached_tokens"].fillna(0) * price.cached_input + frame["output_tokens"] * price.output) / 1e6
    assert (frame["cost_usd"] - expected).abs().max() < 1e-15 and frame["cost_usd"].gt(0).all()
    board = outcome.leaderboard.set_index("model").loc["ref/sim-a3b"]
    successes = int(frame["success"].sum())
    if successes:
        assert board["cost_per_success"] == pytest.approx(frame["cost_usd"].sum() / successes, rel=1e-12)
    # planted latency recorded: every call's TTFT is the card's overhead + prompt / prefill
    assert frame["ttft_s"].gt(A3B.serving.overhead_s).all() and frame["simulated_timing"].all()


@pytest.mark.slow
def test_real_long_context_answers_are_right_exactly_when_the_card_drew_it(tmp_path: Path) -> None:
    outcome = run([Endpoint("ref/sim-a3b")],
                  Selection(suites=("long_context",), lengths="1k,8k", depths="0,50,100", variants="niah_single_number,niah_nonliteral"),
                  RunOptions(epochs=2, results_dir=tmp_path, display="none", time_scale=0.01), progress=lambda _: None)
    frame = outcome.samples
    assert len(frame) == 24
    texts = _first_user_texts(outcome.files.run_dir)
    for row in frame.itertuples():
        text = texts[(str(row.sample_id), int(row.epoch))]
        conversation = Conversation(messages=[{"role": "user", "content": text}], prompt_tokens=int(row.input_tokens), epoch=int(row.epoch))
        drawn = long_context_reply(A3B.long_context, conversation, Draws.of(A3B.name, A3B.seed, text, int(row.epoch)))
        assert bool(row.success) == (drawn == long_context_oracle(conversation))
    nonliteral = frame[frame["task_id"].str.contains("nonliteral")]
    assert len(nonliteral) == 12 and set(nonliteral["success"]) == {True, False}  # the penalty really acted, both ways
