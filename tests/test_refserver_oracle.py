"""ref/oracle replaying a real task folder through the running server, and ref/null never acting."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import openai
import pytest
from openai.lib.streaming.chat import ChatCompletionStreamState

from agentbench.oracle import Conversation
from agentbench.refserver.embedded import EmbeddedServer
from agentbench.refserver.models import NULL_REPLY
from agentbench.refserver.settings import Settings
from agentbench.spec import discover
from agentbench.suites.tool_use_oracle import recognise_task, solution_steps

INSTRUCTION = "Write the words alpha, beta and gamma into out/words.txt, one line, then submit how many words the file holds."
SOLUTION = """\
#!/bin/bash
# Reference solution for count-words.

mkdir -p out

# Write the words.
echo "alpha beta gamma" > out/words.txt
echo written >&2

# Only a comment here.
#

wc -w < out/words.txt
"""
STEPS = [
    "mkdir -p out",
    '# Write the words.\necho "alpha beta gamma" > out/words.txt\necho written >&2',
    "wc -w < out/words.txt",
]
VERIFIER = """\
#!/bin/bash
set -e
test "$(cat out/words.txt)" = "alpha beta gamma"
test "$(cat "$AGENTBENCH_ANSWER_FILE")" = "3"
"""


def _tool(name: str, parameter: str) -> dict:
    schema = {"type": "object", "properties": {parameter: {"type": "string"}}, "required": [parameter], "additionalProperties": False}
    return {"type": "function", "function": {"name": name, "description": f"The {name} tool.", "parameters": schema}}


BASH, PYTHON, SUBMIT = _tool("bash", "command"), _tool("python", "code"), _tool("submit", "answer")


def make_task(root: Path, task_id: str = "count-words", instruction: str = INSTRUCTION) -> Path:
    folder = root / "tool_use" / task_id
    (folder / "tests").mkdir(parents=True)
    (folder / "task.yaml").write_text(f"instruction: {json.dumps(instruction)}\ntags: [starter]\n")
    (folder / "solution.sh").write_text(SOLUTION)
    (folder / "tests" / "test.sh").write_text(VERIFIER)
    return folder


@pytest.fixture(scope="module")
def task(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_task(tmp_path_factory.mktemp("tasks"))


@pytest.fixture(scope="module")
def server(task: Path):
    with EmbeddedServer(Settings(tasks_dirs=[task.parent.parent])) as running:
        yield running


@pytest.fixture
def client(server: EmbeddedServer) -> openai.OpenAI:
    return openai.OpenAI(base_url=server.base_url, api_key="unused", max_retries=0)


def _complete(client: openai.OpenAI, stream: bool, **request: object):
    if not stream:
        return client.chat.completions.create(**request)
    state = ChatCompletionStreamState()
    for chunk in client.chat.completions.create(**request, stream=True):
        state.handle_chunk(chunk)
    return state.get_final_completion()


def _inspect_output(result: subprocess.CompletedProcess[str]) -> str:
    """What Inspect's bash and python tools return: stderr (and a newline) first, then stdout."""
    return (f"{result.stderr}\n" if result.stderr else "") + result.stdout


def _run_tool(name: str, arguments: dict, workdir: Path) -> str:
    if name == "bash":
        return _inspect_output(subprocess.run(["bash", "-c", arguments["command"]], cwd=workdir, capture_output=True, text=True, check=False))
    return _inspect_output(subprocess.run([sys.executable, "-"], input=arguments["code"], cwd=workdir, capture_output=True, text=True, check=False))


def replay(client: openai.OpenAI, tools: list[dict], workdir: Path, stream: bool, user_text: str = INSTRUCTION) -> tuple[list[dict], str]:
    """Act as the agent: run every call the oracle makes until it submits; return the calls and the answer."""
    messages: list[dict] = [{"role": "system", "content": "You are a careful agent."}, {"role": "user", "content": user_text}]
    calls: list[dict] = []
    for _ in range(10):
        message = _complete(client, stream, model="ref/oracle", messages=messages, tools=tools).choices[0].message
        [call] = message.tool_calls
        arguments = json.loads(call.function.arguments)
        calls.append({"name": call.function.name, **arguments})
        if call.function.name == "submit":
            return calls, arguments["answer"]
        messages.append(message.model_dump(exclude_none=True, include={"role", "content", "tool_calls"}))
        messages.append({"role": "tool", "tool_call_id": call.id, "content": _run_tool(call.function.name, arguments, workdir)})
    raise AssertionError(f"the oracle never submitted: {calls}")


def _verify(task: Path, workdir: Path, answer: str) -> int:
    answer_file = workdir.parent / "answer.txt"
    answer_file.write_text(answer)
    env = {**os.environ, "AGENTBENCH_ANSWER_FILE": str(answer_file), "AGENTBENCH_WORKDIR": str(workdir)}
    return subprocess.run(["bash", str(task / "tests" / "test.sh")], cwd=workdir, env=env, check=False).returncode


def test_solution_steps_split_at_blank_lines(tmp_path: Path) -> None:
    task = make_task(tmp_path)
    assert solution_steps(task / "solution.sh") == STEPS


def test_solution_steps_edge_cases(tmp_path: Path) -> None:
    script = tmp_path / "solution.sh"
    script.write_text("#!/usr/bin/env bash\necho one\n   \n\n\n# note\necho two\n#\necho three\n\n# trailing comment\n")
    assert solution_steps(script) == ["echo one", "# note\necho two\n#\necho three"]
    script.write_text("# only comments\n\n#!/bin/bash\n")
    assert solution_steps(script) == []


@pytest.fixture
def workdir(tmp_path: Path) -> Path:
    folder = tmp_path / "workspace"
    folder.mkdir()
    return folder


@pytest.mark.parametrize("stream", [False, True])
def test_oracle_replays_the_solution_and_submits_the_last_output(client: openai.OpenAI, task: Path, workdir: Path, stream: bool) -> None:
    calls, answer = replay(client, [BASH, SUBMIT], workdir, stream)
    assert calls == [{"name": "bash", "command": step} for step in STEPS] + [{"name": "submit", "answer": "3"}]
    assert _verify(task, workdir, answer) == 0


def test_oracle_runs_steps_through_python_when_bash_is_withheld(client: openai.OpenAI, task: Path, workdir: Path) -> None:
    calls, answer = replay(client, [PYTHON, SUBMIT], workdir, stream=False)
    assert [call["name"] for call in calls] == ["python"] * len(STEPS) + ["submit"]
    assert answer == "3"
    assert _verify(task, workdir, answer) == 0


def test_oracle_recognises_the_instruction_inside_a_longer_message(client: openai.OpenAI, workdir: Path) -> None:
    calls, answer = replay(client, [BASH, SUBMIT], workdir, stream=False, user_text=f"\n\n  {INSTRUCTION}  \n\nGood luck.\n")
    assert answer == "3"
    assert len(calls) == len(STEPS) + 1


def test_oracle_uses_the_parameter_name_the_tool_schema_declares(client: openai.OpenAI) -> None:
    messages = [{"role": "user", "content": INSTRUCTION}]
    completion = client.chat.completions.create(model="ref/oracle", messages=messages, tools=[_tool("bash", "cmd"), SUBMIT])
    [call] = completion.choices[0].message.tool_calls
    assert json.loads(call.function.arguments) == {"cmd": STEPS[0]}


def test_oracle_answers_in_text_without_tools_or_with_tool_choice_none(client: openai.OpenAI) -> None:
    messages = [{"role": "user", "content": INSTRUCTION}]
    for extra in ({}, {"tools": [BASH, SUBMIT], "tool_choice": "none"}):
        message = client.chat.completions.create(model="ref/oracle", messages=messages, **extra).choices[0].message
        assert message.tool_calls is None
        assert "mkdir -p out" in message.content


def test_oracle_obeys_a_named_tool_choice(client: openai.OpenAI) -> None:
    messages = [{"role": "user", "content": INSTRUCTION}]
    choice = {"type": "function", "function": {"name": "submit"}}
    completion = client.chat.completions.create(model="ref/oracle", messages=messages, tools=[BASH, SUBMIT], tool_choice=choice)
    assert [call.function.name for call in completion.choices[0].message.tool_calls] == ["submit"]


def test_null_never_calls_tools(client: openai.OpenAI) -> None:
    messages = [{"role": "user", "content": INSTRUCTION}]
    for extra in ({}, {"tool_choice": "required"}, {"tool_choice": {"type": "function", "function": {"name": "bash"}}}):
        for stream in (False, True):
            completion = _complete(client, stream, model="ref/null", messages=messages, tools=[BASH, SUBMIT], **extra)
            assert not completion.choices[0].message.tool_calls
            assert completion.choices[0].message.content == NULL_REPLY
            assert completion.choices[0].finish_reason == "stop"


def test_longest_contained_instruction_wins(tmp_path: Path) -> None:
    make_task(tmp_path, "short", "Count the words.")
    make_task(tmp_path, "long", "Count the words. Then count the lines.")
    registry = discover([tmp_path], include_builtin=False)
    assert recognise_task(registry, "Please: Count the words. Then count the lines. Thanks").spec.id == "long"
    assert recognise_task(registry, "  Count the words.\n").spec.id == "short"
    assert recognise_task(registry, "Count words.") is None


@pytest.mark.slow
def test_inspect_react_agent_solves_the_task_through_the_server(server: EmbeddedServer, tmp_path: Path) -> None:
    """Inspect's own OpenAI-compatible provider and react agent, in a local sandbox, score the oracle 1."""
    from inspect_ai import Task, eval
    from inspect_ai.agent import react
    from inspect_ai.dataset import Sample
    from inspect_ai.scorer import includes
    from inspect_ai.tool import bash

    task = Task(dataset=[Sample(input=INSTRUCTION, target="3")], solver=react(tools=[bash()]), scorer=includes(), sandbox="local")
    [log] = eval(
        task,
        model="openai-api/agentbench/ref/oracle",
        model_base_url=server.base_url,
        model_args={"api_key": "unused"},
        log_dir=str(tmp_path),
        display="none",
    )
    assert log.status == "success"
    assert log.results is not None and log.results.scores[0].metrics["accuracy"].value == 1.0
    commands = [call.arguments["command"] for message in log.samples[0].messages for call in getattr(message, "tool_calls", None) or []]
    assert commands == STEPS


def test_two_apps_in_one_process_each_keep_their_own_oracle_knowledge(tmp_path: Path) -> None:
    """The bug of issue 16: building a second app (without the task folder) made the first app's
    ref/oracle forget a task it had just solved, as suites registered strategies process-wide."""
    from agentbench.refserver.app import create_app
    from agentbench.refserver.models import UNKNOWN_TASK_REPLY

    folder = make_task(tmp_path / "tasks", "count-words-apart", INSTRUCTION + " (two apps)")
    conversation = Conversation(messages=[{"role": "user", "content": INSTRUCTION + " (two apps)"}], tools=["bash", "submit"])
    knowing = create_app(Settings(tasks_dirs=(folder.parent.parent,)))
    first = knowing.state.service.model("ref/oracle").respond(conversation)
    assert [call.name for call in first.tool_calls] == ["bash"]
    ignorant = create_app(Settings())
    assert ignorant.state.service.model("ref/oracle").respond(conversation).content == UNKNOWN_TASK_REPLY
    again = knowing.state.service.model("ref/oracle").respond(conversation)
    assert again == first, "the first app's oracle forgot its task when a second app was built"
