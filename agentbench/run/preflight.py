"""Check an endpoint answers before any sample starts, so a typo fails in a second, not an hour."""

from __future__ import annotations

import os

import httpx
import openai

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


def preflight(endpoint: Endpoint, base_url: str, timeout_s: float = 10.0) -> None:
    """Reachable, key accepted, model known: else raise with the endpoint's own words."""
    url = endpoint.public_url() or base_url
    client = openai.OpenAI(base_url=base_url, api_key=_key(endpoint), max_retries=0, timeout=timeout_s)
    try:
        listed = {m.id for m in client.models.list()}
    except openai.APIConnectionError as exc:
        cause = exc.__cause__ or exc
        raise EndpointUnavailable(f"cannot reach endpoint {url}: {type(cause).__name__}: {cause}".splitlines()[0]) from None
    except openai.AuthenticationError:
        raise EndpointUnavailable(f"endpoint {url} rejected the API key (HTTP 401)") from None
    except (openai.APIStatusError, httpx.HTTPError):
        listed = set()
    if endpoint.model in listed:
        return
    try:
        client.chat.completions.create(
            model=endpoint.model, messages=[{"role": "user", "content": "ping"}], max_tokens=1
        )
    except openai.APIStatusError as exc:
        raise EndpointUnavailable(f"endpoint {url} refused model {endpoint.model!r}: {exc.message}".splitlines()[0]) from None
    except openai.APIConnectionError as exc:
        raise EndpointUnavailable(f"cannot reach endpoint {url}: {exc}".splitlines()[0]) from None
