"""The CLI starts without what only some commands need: a module check in a fresh interpreter, not a timing."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

HEAVY = ("matplotlib", "pandas", "docker", "scipy", "fastapi", "openai", "agentbench.endpoints.probe", "agentbench.report.build")
"""Report (matplotlib, pandas), statistics, Docker's SDK, the server and the probe: loaded by the commands that use them."""

_SCRIPT = """
import json, sys
from click.testing import CliRunner
from agentbench.cli.main import cli
results = {}
for args in json.loads(sys.argv[1]):
    result = CliRunner().invoke(cli, args)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    results[" ".join(args)] = result.exit_code
heavy = json.loads(sys.argv[2])
print(json.dumps({"exit_codes": results, "loaded": sorted(name for name in heavy if name in sys.modules)}))
"""


def _loaded_after(*invocations: list[str]) -> dict:
    done = subprocess.run([sys.executable, "-c", _SCRIPT, json.dumps(list(invocations)), json.dumps(HEAVY)],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-1500:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_help_of_every_command_loads_none_of_the_heavy_modules() -> None:
    outcome = _loaded_after(["--help"], ["run", "--help"], ["report", "--help"], ["probe", "--help"],
                            ["sandbox", "--help"], ["serve", "--help"], ["compare", "--help"], ["gate", "--help"],
                            ["baseline", "save", "--help"], ["tasks", "list", "--help"])
    assert set(outcome["exit_codes"].values()) == {0}, outcome
    assert outcome["loaded"] == [], outcome


def test_help_does_not_import_inspect() -> None:
    """Inspect alone takes about a second to import; `agentbench --help` must not pay for it."""
    done = subprocess.run([sys.executable, "-c", "import sys\nfrom click.testing import CliRunner\n"
                           "from agentbench.cli.main import cli\nassert CliRunner().invoke(cli, ['--help']).exit_code == 0\n"
                           "print('inspect_ai' in sys.modules, 'openai' in sys.modules)"],
                          capture_output=True, text=True, timeout=300)
    assert done.stdout.split() == ["False", "False"], done.stderr[-1500:]


def test_the_run_module_loads_no_report_statistics_or_probe_before_the_eval() -> None:
    """`agentbench run` imports the runner; the report, pandas and the probe come only once results are written,
    the openai SDK (0.7-0.9 s here) when the endpoint is checked, after the embedded server has started."""
    done = subprocess.run([sys.executable, "-c", "import json, sys\nimport agentbench.run.runner\n"
                           f"print(json.dumps(sorted(n for n in {list(HEAVY)!r} if n in sys.modules)))"],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-1500:]
    assert json.loads(done.stdout) == [], done.stdout


_LONG_CONTEXT_RUN = """
import json, sys, tempfile
from pathlib import Path
from agentbench.run import collect
from agentbench.run.endpoints import Endpoint
from agentbench.run.runner import RunOptions, run
from agentbench.run.selection import Selection
at_first = []
sample_ended = collect.SampleCollector.sample_ended
def first_seen(self, eval_id, sample):
    if not at_first:
        at_first.append(sorted(n for n in json.loads(sys.argv[1]) if n in sys.modules))
    sample_ended(self, eval_id, sample)
collect.SampleCollector.sample_ended = first_seen
api_before = "agentbench.endpoints.openai_api" in sys.modules
with tempfile.TemporaryDirectory() as tmp:
    outcome = run([Endpoint("ref/oracle")], Selection(("long_context",), lengths="1k", depths="50"),
                  RunOptions(display="none", results_dir=Path(tmp)), progress=lambda message: None)
    files = sorted(path.name for path in (outcome.files.samples, outcome.files.summary, outcome.files.report) if path and path.is_file())
print(json.dumps({"api_before": api_before, "api_after": "agentbench.endpoints.openai_api" in sys.modules, "samples": len(outcome.samples), "files": files,
                  "results_at_first_sample": at_first[0],
                  "docker": sorted(n for n in ("docker", "agentbench.sandbox.docker.environment") if n in sys.modules)}))
"""

RESULT_MODULES = ("pyarrow.parquet", "matplotlib", "agentbench.analysis.metrics", "agentbench.report.build")
"""What writing the results imports (about 0.8 s of CPU) in a thread during the eval."""


@pytest.fixture(scope="module")
def long_context_run() -> dict:
    """A whole long-context run (11 samples of 1k tokens, the embedded server) in a fresh interpreter."""
    done = subprocess.run([sys.executable, "-c", _LONG_CONTEXT_RUN, json.dumps(RESULT_MODULES)],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-1500:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_a_long_context_run_never_imports_docker(long_context_run: dict) -> None:
    """A long-context run from start to results (its tasks, its model, which loads Inspect's entry points, our
    registry among them, the eval and the report) imports neither Docker's SDK nor our Docker sandbox."""
    assert long_context_run["docker"] == [], long_context_run
    assert (long_context_run["api_before"], long_context_run["api_after"]) == (False, True), long_context_run  # loaded when the model is made
    assert long_context_run["samples"] > 0, long_context_run


def test_the_results_imports_wait_for_the_first_sample(long_context_run: dict) -> None:
    """The results' imports run in a thread during the eval, but only from the first sample's end on: started
    with the eval, their 0.8 s of CPU delayed the first sample by as much (the 1M grid's, 6.1-6.7 s -> 5.1-5.6 s).
    They still finish: the run wrote its results."""
    assert long_context_run["results_at_first_sample"] == [], long_context_run
    assert {"samples.parquet", "summary.json", "leaderboard.html"} <= set(long_context_run["files"]), long_context_run


def test_tasks_that_run_in_docker_register_its_sandbox_when_built() -> None:
    """Our registry no longer registers `agentbench_docker` (it would import Docker's SDK into every eval): a task
    built to run in it (tool use, agentic long context; `inspect eval agentbench/<suite>` too) loads the Docker
    entry, which registers it."""
    script = ("import sys\nimport agentbench._registry as r\nloaded = 'agentbench.sandbox.docker.environment' in sys.modules\n"
              "r.agentic_long_context(lengths='1k', depths='50')\n"
              "print(loaded, 'agentbench.sandbox.docker.environment' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300)
    assert done.stdout.split() == ["False", "True"], done.stderr[-1500:]


def test_commands_reach_what_they_import_late(tmp_path) -> None:
    """The late imports resolve: each command's body runs to its own one-line error, not an ImportError."""
    empty = str(tmp_path)
    outcome = _loaded_after(["report", empty], ["serve", "--faults", "no_such_fault=1"], ["compare", empty, empty],
                            ["baseline", "save", empty, "--name", "x"], ["tasks", "list", "--tasks-dir", empty])
    assert outcome["exit_codes"] == {f"report {empty}": 1, "serve --faults no_such_fault=1": 1,
                                     f"compare {empty} {empty}": 2, f"baseline save {empty} --name x": 2,
                                     f"tasks list --tasks-dir {empty}": 0}, outcome
