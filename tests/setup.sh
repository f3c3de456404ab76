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
# sshd for the remote-engine test (DOCKER_HOST=ssh://); the test starts its own on 127.0.0.1, so
# keep the package's service from starting (policy-rc.d 101: "action forbidden").
if ! [[ -x /usr/sbin/sshd ]]; then
  guard=
  if ! [[ -e /usr/sbin/policy-rc.d ]]; then
    guard=/usr/sbin/policy-rc.d && printf '#!/bin/sh\nexit 101\n' >"$guard" && chmod +x "$guard"
  fi
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openssh-server >/dev/null
  [[ -z $guard ]] || rm -f "$guard"
fi
if [[ ${AGENTBENCH_UNPINNED:-} == 1 ]]; then
  python -m pip install -q --disable-pip-version-check --upgrade --upgrade-strategy eager -e '.[test]'
else
  python -m pip install -q --disable-pip-version-check -c constraints.txt -e '.[test]'
fi
# An editable install leaves our modules uncompiled, and where PYTHONDONTWRITEBYTECODE is set every
# process the tests start (CLI runs, probes, interrupts) compiles them again: about 0.7 s each.
python -m compileall -q agentbench
