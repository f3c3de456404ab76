#!/usr/bin/env bash
# Install what the tests need on a fresh machine: a Docker engine, Chromium (report tests),
# and agentbench with its test extra. Idempotent: fast when everything is already there.
set -euo pipefail
cd "$(dirname "$0")/.."
bash sandboxes/engine.sh
if ! command -v chromium >/dev/null 2>&1; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
python -m pip install -q --disable-pip-version-check -e '.[test]'
