"""Screenshot the HTML report of the default `agentbench run` in real headless Chromium, for the README.

    PYTHONPATH=. python bench/report_screenshot.py                  # run the default run, then shoot its report
    PYTHONPATH=. python bench/report_screenshot.py results/<run-id>  # shoot an existing run's report

Writes examples/default-run.png: the report from the leaderboard through the failures section
(leaderboard with intervals, cost-vs-success Pareto, length x depth heatmaps, TTFT/TPOT, tokens,
failure categories).
Needs `chromium` (tests/setup.sh installs it) and, to run, the Docker engine.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from cdp import Browser  # noqa: E402  (tests/cdp.py: our DevTools driver)

from agentbench.cli.run import DEFAULT_TIME_SCALE  # noqa: E402
from agentbench.run.endpoints import DEFAULT_MODELS, Endpoint  # noqa: E402
from agentbench.run.runner import RunOptions, run  # noqa: E402
from agentbench.run.selection import Selection  # noqa: E402

OUT = ROOT / "examples" / "default-run.png"
WIDTH = 1280
FIRST, LAST = "#leaderboard", "#failures"


def default_run(results: Path) -> Path:
    """The run `agentbench run` makes with no arguments; returns its folder."""
    started = time.monotonic()
    outcome = run([Endpoint(m) for m in DEFAULT_MODELS], Selection(), RunOptions(results_dir=results, display="none",
                  time_scale=DEFAULT_TIME_SCALE), progress=lambda message: print(message, file=sys.stderr))
    print(f"default run: {time.monotonic() - started:.1f} s wall", file=sys.stderr)
    return outcome.files.run_dir


def shoot(report: Path, out: Path, profile: Path) -> Path:
    """Capture the report from the top of FIRST to the bottom of LAST at WIDTH css pixels."""
    with Browser.launch(profile) as browser:
        page = browser.open(report)
        top, bottom = page.evaluate(
            f"[document.querySelector('{FIRST}').getBoundingClientRect().top + window.scrollY,"
            f" document.querySelector('{LAST}').getBoundingClientRect().bottom + window.scrollY]"
        )
        page.send("Emulation.setDeviceMetricsOverride", width=WIDTH, height=int(bottom) + 20, deviceScaleFactor=1, mobile=False)
        clip = {"x": 0, "y": max(0, top - 16), "width": WIDTH, "height": bottom - top + 32, "scale": 1}
        data = page.send("Page.captureScreenshot", format="png", clip=clip, captureBeyondViewport=True)["data"]
        if page.errors:
            raise RuntimeError(f"the report logged errors in Chromium: {page.errors}")
    import base64

    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(base64.b64decode(data))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("run_dir", nargs="?", type=Path, help="an existing run folder (default: make the default run)")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="agentbench-shot-") as tmp:
        run_dir = args.run_dir or default_run(Path(tmp) / "results")
        print(shoot(run_dir / "leaderboard.html", args.out, Path(tmp) / "chromium"))


if __name__ == "__main__":
    main()
