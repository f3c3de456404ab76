#!/bin/bash
# Verifier entry point: the checks live in verify.py next to this script (isolated interpreter, fixed PATH).
export PATH=/usr/sbin:/usr/bin:/sbin:/bin
exec /usr/bin/python3 -I -B "$AGENTBENCH_TESTS_DIR/verify.py"
