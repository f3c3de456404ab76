#!/usr/bin/env bash
# The third-party real-server smoke: transformers serve (CPU) in a private venv, then
# bench/third_party_smoke.py against it. torch 2.13.0 is the CPU build pip finds on this
# machine kind's disk; transformers comes from PyPI. Run by .ci/run under its own `timeout`.
set -euo pipefail
cd "$(dirname "$0")/.."
venv="${AGENTBENCH_SMOKE_VENV:-/tmp/agentbench-smoke-venv}"
[ -x "$venv/bin/python" ] || python -m venv --system-site-packages "$venv"
"$venv/bin/python" -m pip install -q --disable-pip-version-check 'torch==2.13.0' 'transformers[serving]==5.24.0'
PYTHONPATH="$PWD${PYTHONPATH:+:$PYTHONPATH}" "$venv/bin/python" bench/third_party_smoke.py "$@"
