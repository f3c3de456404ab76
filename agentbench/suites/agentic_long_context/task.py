"""The Inspect task `agentic_long_context`: long-context samples as files in a sandbox, found with tools.

Each sample is the in-context sample of the same spec (same seed, haystack, needles), its context
written as a tree of files (`long_context.tree`) into our hardened Docker sandbox just before the
agent starts; the prompt holds only the question. The agent gets the tool-use scaffold (bash,
python, submit) and the submitted answer is graded by the long-context rules (`scoring.grade`).
"""

from __future__ import annotations

from dataclasses import asdict
from functools import partial

from inspect_ai import Task, task
from inspect_ai.dataset import Sample
from inspect_ai.model import GenerateConfig
from inspect_ai.scorer import Score, Scorer, Target, mean, scorer, stderr
from inspect_ai.solver import Generate, Solver, TaskState, solver
from inspect_ai.util import SandboxEnvironmentSpec, sandbox

from agentbench.agent.scaffold import tool_agent
from agentbench.endpoints.epoch import note_epoch
from agentbench.endpoints.generation import SUITE_MAX_TOKENS
from agentbench.sandbox.backends import get_backend
from agentbench.sandbox.docker.names import AGENT_USER, SANDBOX_TYPE
from agentbench.suites.agentic_long_context.pager import list_files, read_page
from agentbench.suites.agentic_long_context.pages import PAGE_CHARS
from agentbench.suites.agentic_long_context.suite import parse_horizon
from agentbench.sandbox.root_files import write_files_as
from agentbench.spec.schema import SandboxSpec
from agentbench.suites.long_context.generate import build_sample
from agentbench.suites.long_context.grid import DEFAULT_DEPTHS, DEFAULT_LENGTHS
from agentbench.suites.long_context.scoring import grade
from agentbench.suites.long_context.spec import GENERATOR_VERSION, LongContextSample, LongContextSpec
from agentbench.suites.long_context.task import DEFAULT_VARIANTS, LongContextDataset, grid_specs
from agentbench.suites.long_context.tree import tree_files, tree_question
from agentbench.suites.tool_use.verifier import submitted_answer
from agentbench.tokenizers import DEFAULT_TOKENIZER

SUITE = "agentic_long_context"
SANDBOX = SandboxSpec(memory_mb=1024, disk_mb=512)
"""The tool-use suite's hardened defaults (no network, capped memory, pids and disk)."""
ROOT = f"{SANDBOX.workdir}/archive"
"""Where the tree lives in the sandbox."""
MAX_TURNS = 20
TIME_S = 600
PROMPT = (
    "The files under {root} hold one long text split over many files; read in sorted path order "
    "(`find {root} -type f | LC_ALL=C sort`) they are the whole text. They are too large to read at once: "
    "search them with the tools.\n\nQuestion: {question}\n\nSubmit only the answer with submit()."
)
LONG_PROMPT = (
    "The files under {root} hold one long text split over many files; read in the order list_files gives "
    "they are the whole text. Read them page by page with read_page.\n\nQuestion: {question}\n\n"
    "Submit only the answer with submit()."
)


def to_agentic_sample(sample: LongContextSample, horizon: str = "search") -> Sample:
    """The Inspect sample: the question alone, the spec to rebuild the files from, the grading facts.
    A long-horizon sample may take a turn per page (and a few more)."""
    spec = sample.spec
    pages = -(-len(sample.context) // PAGE_CHARS) + len(tree_files(sample)) if horizon == "long" else 0
    return Sample(
        id=spec.sample_id,
        input=(LONG_PROMPT if horizon == "long" else PROMPT).format(root=ROOT, question=tree_question(sample, ROOT)),
        target=list(sample.answers),
        sandbox=SandboxEnvironmentSpec(SANDBOX_TYPE, SANDBOX),
        metadata={
            "suite": SUITE,
            "task_id": spec.variant,
            "variant": spec.variant,
            "spec": asdict(spec),
            "length": spec.length,
            "context_tokens": sample.context_tokens,
            "depth": None if sample.depth_free else spec.depth,
            "haystack": sample.haystack,
            "tokenizer": spec.tokenizer,
            "seed": spec.seed,
            "shape": sample.shape,
            "prefix": sample.prefix,
            "distractors": list(sample.distractors),
            "needle_depths": [n.depth for n in sample.needles],
            "horizon": horizon,
            "tools": ["bash", "python"] if horizon == "search" else ["list_files", "read_page"],
            "max_turns": MAX_TURNS + pages,
            "time_s": TIME_S + pages,
        },
    )


@solver
def write_tree() -> Solver:
    """Write the sample's files into the sandbox (one archive, as the agent user) before the agent starts."""

    async def solve(state: TaskState, generate: Generate) -> TaskState:
        sample = build_sample(LongContextSpec(**state.metadata["spec"]))
        files = {f"{ROOT}/{path}": text.encode() for path, text in tree_files(sample).items()}
        await write_files_as(sandbox(), files, user=AGENT_USER)
        state.metadata["files"] = len(files)
        return state

    return solve


@scorer(metrics=[mean(), stderr()])
def agentic_scorer() -> Scorer:
    """The submitted answer graded like an in-context reply (`scoring.grade`): values of the asked shape,
    extra values cost credit, so listing every number in the files or a distractor fails."""

    async def score(state: TaskState, target: Target) -> Score:
        answer = submitted_answer(state)
        meta = state.metadata
        result = grade(answer, target.target, meta.get("distractors", ()), meta.get("shape", "number"), meta.get("prefix", ""))
        return Score(value=result.reward, answer=answer[:2000],
                     metadata={"success": result.success, "found": result.found, "wrong": result.wrong})

    return score


@task
def agentic_long_context(
    lengths: str = DEFAULT_LENGTHS,
    depths: str = DEFAULT_DEPTHS,
    variants: str = DEFAULT_VARIANTS,
    haystack: str = "noise",
    tokenizer: str = DEFAULT_TOKENIZER,
    seed: int = 0,
    max_length: str | None = None,
    sandbox: str = "docker",
    horizon: str = "search",
) -> Task:
    """The long-context grid as files in a Docker sandbox: the same samples as `long_context` with the
    same arguments, searched by an agent with bash and python (`horizon="long"`: read page by page)."""
    if sandbox != "docker":
        raise ValueError(f"agentic_long_context runs in Docker sandboxes only, not {sandbox!r} (use --sandbox docker)")
    get_backend(sandbox)  # loads the Docker backend, which registers the `agentbench_docker` sandbox with Inspect
    parse_horizon(horizon)
    specs = grid_specs(lengths, depths, variants, haystack, tokenizer, seed, max_length)
    tools = [list_files(ROOT), read_page(ROOT)] if horizon == "long" else None
    return Task(name=SUITE, dataset=LongContextDataset(specs, SUITE, make=partial(to_agentic_sample, horizon=horizon)),
                solver=[note_epoch(), write_tree(), tool_agent(tools=tools)], scorer=agentic_scorer(),
                version=GENERATOR_VERSION, config=GenerateConfig(max_tokens=SUITE_MAX_TOKENS["tool_use"]))
