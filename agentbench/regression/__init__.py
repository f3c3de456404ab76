"""Regression testing between two runs: comparability, paired comparison, the gate and its outputs."""
