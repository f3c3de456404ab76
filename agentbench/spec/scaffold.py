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
#!/usr/bin/env bash
# Verifier: runs in the working directory after the agent stops. Exit 0 = success.
# $AGENTBENCH_ANSWER_FILE holds the submitted answer; write a number in [0, 1] to
# $AGENTBENCH_REWARD_FILE for partial credit. Check the end state, and that nothing else broke.
set -u
answer=$(tr -d '[:space:]' < "$AGENTBENCH_ANSWER_FILE")
[ "$answer" = "FILL-IN-expected" ]
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
    (folder / "tests").mkdir(parents=True)
    (folder / "files").mkdir()
    (folder / "task.yaml").write_text(TASK_YAML, encoding="utf-8")
    (folder / "solution.sh").write_text(SOLUTION, encoding="utf-8")
    (folder / "tests" / "test.sh").write_text(TEST, encoding="utf-8")
    return folder
