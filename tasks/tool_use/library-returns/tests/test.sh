#!/bin/bash
# Verifier entry point: the checks live in verify.py next to this script.
exec python3 "$AGENTBENCH_TESTS_DIR/verify.py"
