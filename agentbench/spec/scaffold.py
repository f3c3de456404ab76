"""`agentbench tasks new`: a task folder with every field commented, ready to fill in."""

from __future__ import annotations

import re
from pathlib import Path

TASK_YAML = """\
# The instruction is exactly what the model is told; ref/oracle recognises the task by it.
# Say what to achieve and how to report it; never leak the answer.
instruction: |
  FILL IN: describe the goal. Files are in the current directory.
  Submit the answer with the submit tool.
category: general          # free text; the report groups by it (files, data, code, logs, ...)
difficulty: medium         # easy | medium | hard
tags: []                   # `starter` puts the task in `agentbench run` with no arguments
tools: [bash, python, text_editor]   # withhold what the task does not need; submit is always given
sandbox:
  image: base              # folder under sandboxes/ whose Dockerfile builds the image
  workdir: /workspace      # the agent's working directory; files/ is copied here
  network: false           # true only if the task truly needs the network
  memory_mb: 1024
  cpus: 1.0
  pids: 256
  disk_mb: 512             # each writable place (working dir, /tmp, home) is a tmpfs this big
limits:
  max_turns: 30            # assistant turns before `turn_limit`; leave room beyond the solution's steps
  time_s: 600              # wall seconds before `time_limit`
  max_tokens: null         # total tokens before `token_limit` (null: no limit)
  max_output_tokens: null  # tokens one model reply may use (null: the suite default, 4096)
scoring:
  verifier: tests/test.sh  # runs after the agent stops; the agent never sees tests/
  timeout_s: 120
"""

SOLUTION = """\
#!/usr/bin/env bash
# Steps are separated by blank lines; ref/oracle sends each as one bash call, in the working
# directory, with no shell state shared between steps. The last step's output is submitted.
ls -la

echo "FILL IN: do the work"

echo "FILL IN: print the answer"
"""

TEST = """\
#!/bin/bash
# Verifier entry point: runs after the agent stops; the checks live in verify.py, on the verifier
# runtime (abverify.py, copied beside it by agentbench). -s -E: no user site, no PYTHON* variables.
exec python3 -s -E "$AGENTBENCH_TESTS_DIR/verify.py"
"""

VERIFY = """\
# The checks (tasks/README.md, "Verify the end state"). abverify gives: answer() (the submitted
# answer under the one answer rule), same(), number(), finish(); for code: pytest_checks().
from abverify import answer, finish, same

ok = same(answer(), "FILL-IN-expected")
finish(int(ok), 1, [] if ok else [f"wrong answer: {answer()!r}"])
"""

WRONG = """\
# A known-wrong solution (solution.sh format): a plausible mistake or shortcut that must fail.
# `agentbench tasks validate` replays every tests/wrong/*.sh as the agent and requires failure.
echo "FILL-IN-a-plausible-wrong-answer"
"""

_ID = re.compile(r"^[a-z0-9][a-z0-9_.-]*$")


def scaffold_task(tasks_root: Path, name: str) -> Path:
    """Create `tasks_root/<suite>/<id>/`; `name` is `suite/id` (suite defaults to tool_use)."""
    suite, _, task_id = name.rpartition("/")
    suite = suite or "tool_use"
    if not _ID.match(task_id) or not _ID.match(suite):
        raise ValueError(f"task name {name!r}: use lowercase letters, digits, '.', '_' or '-'")
    folder = tasks_root / suite / task_id
    if folder.exists():
        raise FileExistsError(f"{folder} already exists")
    (folder / "tests" / "wrong").mkdir(parents=True)
    (folder / "files").mkdir()
    (folder / "task.yaml").write_text(TASK_YAML, encoding="utf-8")
    (folder / "solution.sh").write_text(SOLUTION, encoding="utf-8")
    (folder / "tests" / "test.sh").write_text(TEST, encoding="utf-8")
    (folder / "tests" / "verify.py").write_text(VERIFY, encoding="utf-8")
    (folder / "tests" / "wrong" / "guess.sh").write_text(WRONG, encoding="utf-8")
    return folder
