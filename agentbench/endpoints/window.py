"""Learn a served model's context window from wherever its server reports it.

vLLM puts `max_model_len` on each `/v1/models` entry; llama.cpp's C++ server keeps the training
window under `meta.n_ctx_train` there and the running window in `/props` (`n_ctx`, also under
`default_generation_settings`); SGLang reports `context_length` on `/get_model_info` (or
`/get_server_info`); transformers serve and llama-cpp-python report none, so the window must
then come from `--context-window` or endpoints.yaml. The running window wins over the
training one, which is used only when nothing else is reported.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import httpx

WINDOW_FIELDS = ("max_model_len", "context_window", "context_length", "max_context_length", "n_ctx")
TRAINING_FIELDS = ("n_ctx_train",)
NESTED = ("meta", "metadata")


@dataclass(frozen=True)
class Window:
    """A context window in tokens and where it came from (shown by probe, recorded in run.json)."""

    tokens: int
    source: str


def _int_field(mapping: Any, names: tuple[str, ...]) -> tuple[str, int] | None:
    if not isinstance(mapping, dict):
        return None
    for name in names:
        value = mapping.get(name)
        if isinstance(value, int) and not isinstance(value, bool) and value > 0:
            return name, value
    return None


def window_of_entry(entry: dict[str, Any]) -> Window | None:
    """The running window on one `/v1/models` entry: a top-level field or one under `meta`/`metadata`."""
    found = _int_field(entry, WINDOW_FIELDS)
    if found:
        return Window(found[1], f"/v1/models {found[0]}")
    for key in NESTED:
        found = _int_field(entry.get(key), WINDOW_FIELDS)
        if found:
            return Window(found[1], f"/v1/models {key}.{found[0]}")
    return None


def training_window_of_entry(entry: dict[str, Any]) -> Window | None:
    """The training window under `meta` (llama.cpp), a last resort: the server may run a smaller one."""
    for key in NESTED:
        found = _int_field(entry.get(key), TRAINING_FIELDS)
        if found:
            return Window(found[1], f"/v1/models {key}.{found[0]}")
    return None


def _get_json(client: httpx.Client, url: str) -> Any:
    try:
        response = client.get(url)
    except httpx.HTTPError:
        return None
    if response.status_code != 200:
        return None
    try:
        return response.json()
    except ValueError:
        return None


def _server_root(base_url: str) -> str:
    return base_url.rstrip("/").removesuffix("/v1")


def _native_window(client: httpx.Client, root: str) -> Window | None:
    """llama.cpp's `/props`, then SGLang's `/get_model_info` and `/get_server_info`."""
    props = _get_json(client, f"{root}/props")
    if isinstance(props, dict):
        found = _int_field(props, ("n_ctx",)) or _int_field(props.get("default_generation_settings"), ("n_ctx",))
        if found:
            return Window(found[1], "/props n_ctx")
    for route in ("/get_model_info", "/get_server_info"):
        info = _get_json(client, f"{root}{route}")
        found = _int_field(info, ("context_length", "max_model_len"))
        if found:
            return Window(found[1], f"{route} {found[0]}")
    return None


def discover_window(base_url: str, model: str, api_key: str | None = None, timeout_s: float = 10.0,
                    models: list[dict[str, Any]] | None = None) -> Window | None:
    """The window the server reports for `model`, or None; `models` is a `/v1/models` listing already read."""
    headers = {"Authorization": f"Bearer {api_key}"} if api_key else {}
    with httpx.Client(timeout=timeout_s, headers=headers) as client:
        if models is None:
            listing = _get_json(client, f"{base_url.rstrip('/')}/models")
            models = listing.get("data", []) if isinstance(listing, dict) and isinstance(listing.get("data"), list) else []
        entry = next((m for m in models if isinstance(m, dict) and m.get("id") == model), None)
        if entry is None and len(models) == 1 and isinstance(models[0], dict):
            entry = models[0]  # a server pinned to one model may list it under another name
        window = window_of_entry(entry) if entry else None
        return window or _native_window(client, _server_root(base_url)) or (training_window_of_entry(entry) if entry else None)
