#!/usr/bin/env bash
# Install what the tests need on a fresh machine: a Docker engine, Chromium (report tests),
# and agentbench with its test extra at the tested versions of constraints.txt.
# AGENTBENCH_UNPINNED=1 installs the newest versions instead (to try a new release before
# regenerating constraints.txt with `python .ci/lock.py > constraints.txt`).
# Idempotent: fast when everything is already there.
set -euo pipefail
cd "$(dirname "$0")/.."
bash sandboxes/engine.sh
if ! command -v chromium >/dev/null 2>&1; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
if [[ ${AGENTBENCH_UNPINNED:-} == 1 ]]; then
  python -m pip install -q --disable-pip-version-check --upgrade --upgrade-strategy eager -e '.[test]'
else
  python -m pip install -q --disable-pip-version-check -c constraints.txt -e '.[test]'
fi
