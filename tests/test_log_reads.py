"""After the eval, a run reads no log of a task that ended (rows and transcripts were collected as samples
completed), and any other log at most once. Opens are counted with an audit hook in a fresh interpreter."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from agentbench.analysis.samples import samples_table
from agentbench.report.page import escape
from agentbench.report.transcripts import read_transcript

_SCRIPT = """
import json, sys
from collections import Counter
from pathlib import Path

import inspect_ai

from agentbench.run.endpoints import Endpoint
from agentbench.run.runner import RunOptions, run
from agentbench.run.selection import Selection

after_eval = False
opens = Counter()

def audit(event, args):
    if after_eval and event == "open" and isinstance(args[0], (str, bytes, Path)) and str(args[0]).endswith(".eval"):
        opens[Path(str(args[0])).name] += 1

sys.addaudithook(audit)
real_eval = inspect_ai.eval

def eval_then_count(*args, **kwargs):
    global after_eval
    try:
        return real_eval(*args, **kwargs)
    finally:
        after_eval = True

inspect_ai.eval = eval_then_count
outcome = run([Endpoint("ref/oracle"), Endpoint("ref/null")],
              Selection(suites=("long_context",), lengths="1k", depths="0,100", variants="niah_single_number,mrcr"),
              RunOptions(results_dir=Path(sys.argv[1]), display="none", run_id="counted"), progress=lambda m: None)
print(json.dumps({"opens": opens, "samples": len(outcome.samples), "logs": len(list((outcome.files.run_dir / "logs").glob("*.eval")))}))
"""


@pytest.mark.slow
def test_a_run_reads_no_log_of_an_ended_task_after_the_eval(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-c", _SCRIPT, str(tmp_path)], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    counted = json.loads(done.stdout.strip().splitlines()[-1])
    assert counted["logs"] == 2 and counted["samples"] > 0, counted
    assert counted["opens"] == {}, f"logs opened after the eval: {counted['opens']}"
    run_dir = tmp_path / "counted"
    collected = pd.read_parquet(run_dir / "samples.parquet")
    key = ["model", "sample_id", "epoch"]
    from_logs = samples_table(run_dir, "counted").sort_values(key).reset_index(drop=True)
    pd.testing.assert_frame_equal(collected.sort_values(key).reset_index(drop=True), from_logs.assign(
        cost_usd=collected.sort_values(key)["cost_usd"].to_numpy()))
    html = (run_dir / "leaderboard.html").read_text(encoding="utf-8")
    assert "Transcript unavailable" not in html
    for row in collected.itertuples():
        shown = read_transcript(run_dir / row.log_file, row.sample_id, row.epoch)
        assert shown.entries and all(escape(entry.text) in html for entry in shown.entries), row.sample_id
