#!/usr/bin/env bash
# Make a Docker engine answer on this machine. Idempotent: does nothing when one already answers.
# Otherwise (as root, DOCKER_HOST unset) installs Debian's docker.io if dockerd is missing,
# starts dockerd in the background and waits until `docker info` works.
set -euo pipefail

answers() { docker info >/dev/null 2>&1; }

if command -v docker >/dev/null 2>&1 && answers; then
  exit 0
fi
if [[ -n ${DOCKER_HOST:-} ]]; then
  echo "engine.sh: DOCKER_HOST=$DOCKER_HOST does not answer; start that engine or unset DOCKER_HOST" >&2
  exit 1
fi
if ((EUID != 0)); then
  echo "engine.sh: no Docker engine answers; run this script as root to install and start one" >&2
  exit 1
fi
if ! command -v dockerd >/dev/null 2>&1 || ! command -v docker >/dev/null 2>&1; then
  echo "engine.sh: installing docker.io" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq docker.io >/dev/null
fi
log=${AGENTBENCH_DOCKERD_LOG:-/var/log/agentbench-dockerd.log}
echo "engine.sh: starting dockerd (log: $log)" >&2
# dockerd outlives this script: hand it none of our caller's descriptors (a CI runner's output
# pipe, a flock), only /dev/null and its log on 0-2, in a session of its own.
(
  for fd in /proc/self/fd/*; do
    fd=${fd##*/}
    if ((fd > 2)); then eval "exec ${fd}>&-" 2>/dev/null || true; fi
  done
  exec setsid dockerd </dev/null >>"$log" 2>&1
) &
for _ in $(seq 60); do
  if answers; then
    exit 0
  fi
  sleep 1
done
echo "engine.sh: dockerd did not answer within 60 s; see $log" >&2
exit 1
