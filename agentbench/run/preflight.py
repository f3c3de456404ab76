"""Check an endpoint answers before any sample starts, so a typo fails in a second, not an hour;
and learn its context window where the server reports one.

The openai SDK (0.4-0.9 s of CPU to import) is imported by the check itself, so `agentbench run` starts
(and starts the embedded server) without waiting for it."""

from __future__ import annotations

import os

import httpx

from agentbench.endpoints.window import Window, discover_window
from agentbench.run.endpoints import Endpoint


class EndpointUnavailable(Exception):
    """One-line reason an endpoint cannot be used."""


def _key(endpoint: Endpoint) -> str:
    if endpoint.api_key_env is None:
        return "no-key"
    value = os.environ.get(endpoint.api_key_env)
    if not value:
        raise EndpointUnavailable(f"environment variable {endpoint.api_key_env} (API key for {endpoint.public_url()}) is not set")
    return value


def preflight(endpoint: Endpoint, base_url: str, timeout_s: float = 10.0) -> Window | None:
    """Reachable, key accepted, model known: else raise with the endpoint's own words.

    Returns the context window: the one configured (`--context-window`, endpoints.yaml), else
    the one the server reports (see `endpoints.window`), else None.
    """
    import openai

    from agentbench.endpoints.failure_text import describe_failure, server_message

    url = endpoint.public_url() or base_url
    key = _key(endpoint)
    client = openai.OpenAI(base_url=base_url, api_key=key, max_retries=0, timeout=timeout_s)
    try:
        models = [m.model_dump() for m in client.models.list()]
    except openai.APIConnectionError as exc:
        raise EndpointUnavailable(f"cannot reach endpoint {url}: {describe_failure(exc)}") from None
    except openai.AuthenticationError:
        raise EndpointUnavailable(f"endpoint {url} rejected the API key (HTTP 401)") from None
    except (openai.APIStatusError, httpx.HTTPError):
        models = []
    if endpoint.model not in {m.get("id") for m in models}:
        try:
            client.chat.completions.create(
                model=endpoint.model, messages=[{"role": "user", "content": "ping"}], max_tokens=1
            )
        except openai.APIStatusError as exc:
            raise EndpointUnavailable(f"endpoint {url} refused model {endpoint.model!r}: {server_message(exc)}".splitlines()[0]) from None
        except openai.APIConnectionError as exc:
            raise EndpointUnavailable(f"cannot reach endpoint {url}: {describe_failure(exc)}") from None
    configured = endpoint.model_args.get("context_window")
    if configured:
        return Window(int(configured), endpoint.window_source or ("endpoints.yaml" if endpoint.name else "--context-window"))
    return discover_window(base_url, endpoint.model, None if key == "no-key" else key, timeout_s, models)
