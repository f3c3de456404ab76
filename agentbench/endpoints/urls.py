"""Endpoint base URLs: refused in one line when they cannot be one, and shown without credentials.

Standard library only: `agentbench probe` checks its URL before importing anything heavy."""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit


def check_base_url(url: str) -> None:
    """A one-line ValueError unless `url` is an http(s) URL with a host; it names the URL without
    credentials (an unparseable one not at all: it may hold a key)."""
    try:
        parts = urlsplit(url)
        host = parts.hostname
        parts.port  # noqa: B018  (parsing the port is what rejects "host:notaport")
    except ValueError as exc:
        raise ValueError(f"base URL: not a URL ({exc})") from None
    if parts.scheme not in ("http", "https") or not host:
        raise ValueError(f"base URL {public_url(url)!r}: not an http:// or https:// URL with a host "
                         "(e.g. http://localhost:8000/v1)")


def public_url(url: str) -> str:
    """`url` with any credentials or query string removed, safe to log or keep in a run folder."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    netloc = f"{host}:{parts.port}" if parts.port else host
    return urlunsplit((parts.scheme, netloc, parts.path, "", ""))
