#!/bin/bash
# Verifier entry point: the checks live in verify.py next to this script, on the verifier runtime
# (abverify.py, copied beside it by agentbench); -s -E: no user site, no PYTHON* variables.
exec python3 -s -E "$AGENTBENCH_TESTS_DIR/verify.py"
