#!/usr/bin/env bash
# Regenerate results/baselines/default: a fresh default run (`agentbench run`, no arguments) saved as the
# baseline CI gates against (tests/test_regression_runs.py). Review `git diff --stat` and commit the result.
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=$(mktemp -d)
trap 'rm -rf "$runs"' EXIT
python -m agentbench run --results-dir "$runs" --display none
python -m agentbench baseline save "$(find "$runs" -mindepth 1 -maxdepth 1 -type d)" --name default --force
