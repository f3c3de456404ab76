"""The Docker backend: our `agentbench_docker` Inspect sandbox on the Docker SDK, its engine, images and pruning.

`backend.BACKEND` is its entry in the backend table (`agentbench/sandbox/backends.py`); nothing outside
this folder imports its modules except through that entry, the CLI's Docker verbs and the tests.
"""
