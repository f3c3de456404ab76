"""The sandbox backends' names, apart from their table (backends.py), so the CLI can offer them
without importing Inspect or any backend."""

BACKEND_NAMES: tuple[str, ...] = ("docker", "k8s", "local")
DEFAULT_BACKEND = "docker"
