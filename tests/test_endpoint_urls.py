"""A base URL that cannot be an endpoint's fails in one line where the user typed it (the endpoints
file, `run --base-url`, `probe --base-url`, the `Endpoint` API), never with a traceback ("Invalid IPv6
URL" was one) and never echoing credentials it carries."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from agentbench.cli.main import cli
from agentbench.endpoints.config import EndpointsFileError, load_endpoints
from agentbench.endpoints.urls import check_base_url, public_url
from agentbench.run.endpoints import Endpoint

BAD = {
    "no scheme": ("localhost:8000/v1", "not an http:// or https:// URL with a host"),
    "words": ("not a url", "not an http:// or https:// URL with a host"),
    "other scheme": ("ftp://user:s3cret@host/v1", "base URL 'ftp://host/v1': not an http:// or https:// URL with a host"),
    "no host": ("http:///v1", "not an http:// or https:// URL with a host"),
    "broken IPv6": ("http://user:s3cret@[::1/v1", "base URL: not a URL (Invalid IPv6 URL)"),
    "port out of range": ("http://user:s3cret@host:99999/v1", "base URL: not a URL (Port out of range 0-65535)"),
    "port not a number": ("http://host:eighty/v1", "base URL: not a URL (Port could not be cast to integer"),
}
GOOD = ("http://localhost:8000/v1", "https://api.example.com/v1", "http://[::1]:8000/v1", "http://user:pw@10.0.0.2/v1?x=1")


@pytest.mark.parametrize("case", BAD)
def test_bad_urls_are_one_line_without_credentials(case: str) -> None:
    url, expected = BAD[case]
    for build in (check_base_url, lambda u: Endpoint("m", u)):
        with pytest.raises(ValueError) as caught:
            build(url)
        assert expected in str(caught.value) and "s3cret" not in str(caught.value) and "\n" not in str(caught.value)


@pytest.mark.parametrize("url", GOOD)
def test_good_urls_pass(url: str) -> None:
    check_base_url(url)
    assert Endpoint("m", url).public_url() == public_url(url) and "pw" not in public_url(url)


def test_the_endpoints_file_names_the_file_and_field(tmp_path: Path) -> None:
    path = tmp_path / "endpoints.yaml"
    path.write_text("endpoints:\n  mine:\n    base_url: 'http://user:s3cret@[::1/v1'\n    model: m\n")
    with pytest.raises(EndpointsFileError) as caught:
        load_endpoints(path)
    assert str(caught.value) == f"{path}: endpoints.mine.base_url: base URL: not a URL (Invalid IPv6 URL)"


@pytest.mark.parametrize("command", [["run", "long_context", "--max-length", "1k", "--model", "m"], ["probe", "--model", "m"]])
def test_the_commands_refuse_a_bad_base_url_in_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: list[str]) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, [*command, "--base-url", "http://user:s3cret@[::1/v1"])
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit)  # not a traceback
    assert "s3cret" not in result.output
    assert result.output.strip().splitlines()[-1] == "Error: base URL: not a URL (Invalid IPv6 URL)"
    assert not (tmp_path / "results").exists()
