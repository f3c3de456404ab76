"""Tests reach the agent's code only through `abverify.agent_module()`: it runs in a worker and
only plain data comes back, so code that forges the verdict from inside pytest gets nowhere.

Run on the host (the worker runs as this user; in Docker it is the agent user, see
test_verifier_hardening). The in-process cheats are the battery's own scripts.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from agentbench.battery import cheats
from agentbench.verifier_runtime import RUNTIME_FILES

sys.path.insert(0, str(RUNTIME_FILES[0].parent))
import abverify  # noqa: E402

HONEST = '''
import datetime as dt
from decimal import Decimal


class ShopError(ValueError):
    def __init__(self, sku):
        super().__init__(f"unknown sku {sku}")
        self.sku = sku


class OutOfStock(ShopError):
    pass


class Cart:
    def __init__(self, member=False):
        self.member, self.items = member, {}

    def add(self, sku, cents):
        if not sku:
            raise OutOfStock(sku)
        self.items[sku] = cents
        print("added", sku)
        return self

    @classmethod
    def of(cls, **items):
        cart = cls()
        cart.items.update(items)
        return cart

    def merge(self, other):
        return {**self.items, **other.items}


def spans(pairs):
    return sorted(pairs)


def due(day):
    return dt.date.fromisoformat(day) + dt.timedelta(days=14), Decimal("0.10")


def boom():
    raise SystemExit(3)
'''

SUITE = '''
import datetime as dt
from decimal import Decimal

import pytest

from abverify import agent_module

shop = agent_module("shop")


def test_plain_data_keeps_its_types():
    assert shop.spans([(3, 4), (1, 2)]) == [(1, 2), (3, 4)]
    assert shop.due("2024-05-01") == (dt.date(2024, 5, 15), Decimal("0.10"))


def test_objects_stay_in_the_worker(capsys):
    cart = shop.Cart(member=True)
    assert cart.add("A", 250) is not cart and cart.add("B", 100).items == {"A": 250, "B": 100}
    assert capsys.readouterr().out == "added A\\nadded B\\n"
    assert cart.member is True and cart.merge(shop.Cart.of(C=5)) == {"A": 250, "B": 100, "C": 5}


def test_exceptions_keep_their_class_message_and_fields():
    with pytest.raises(shop.ShopError, match="unknown sku") as err:
        shop.Cart().add("", 1)
    assert isinstance(err.value, ValueError) and isinstance(err.value, shop.OutOfStock) and err.value.sku == ""
    assert not hasattr(shop, "missing")
    with pytest.raises(ModuleNotFoundError):
        agent_module("shop.nothing")


def test_the_agents_exit_is_only_an_error():
    with pytest.raises(Exception) as err:
        shop.boom()
    assert type(err.value).__name__ == "Exception"
'''

HONEST_TESTS = 4


def _task(tmp_path: Path, module: str, suite: str) -> tuple[Path, Path]:
    work, tests = tmp_path / "work", tmp_path / "tests"
    (tests / "suite").mkdir(parents=True)
    work.mkdir()
    (work / "shop.py").write_text(textwrap.dedent(module))
    (tests / "suite" / "test_shop.py").write_text(textwrap.dedent(suite))
    return work, tests / "suite"


def test_tests_call_the_agents_code_through_plain_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    work, suite = _task(tmp_path, HONEST, SUITE)
    result = abverify.run_pytest(suite, ["shop.py"], source_root=work)
    assert result.passed(HONEST_TESTS), result.describe(HONEST_TESTS)


EQUALITY_ONLY = '''
from abverify import agent_module

shop = agent_module("shop")


def test_total():
    assert shop.total([1, 2]) == 3


def test_cart():
    assert shop.Cart().count() == 2
'''

BROKEN = '''
def total(values):
    return 0


class Cart:
    def count(self):
        return 0
'''


@pytest.mark.parametrize("cheat", ["forge-report", "patch-pytest", "always-equal"])
def test_code_that_forges_the_verdict_from_inside_pytest_fails(tmp_path: Path, cheat: str) -> None:
    """Each of these passed the broken module when pytest imported the agent's code (before)."""
    work, suite = _task(tmp_path, BROKEN, EQUALITY_ONLY)
    script = cheats()[cheat].read_text().replace("/tmp/abcheat", str(tmp_path / "abcheat"))
    subprocess.run(["bash", "-c", script], cwd=work, check=True, capture_output=True)
    assert "exec(open(" in (work / "shop.py").read_text()
    result = abverify.run_pytest(suite, ["shop.py"], source_root=work)
    assert result.exit_code == 1 and result.counts == {"tests": 2, "failures": 2, "errors": 0, "skipped": 0}, result.output


def test_an_object_equal_to_anything_is_not_equal_to_the_expected_value(tmp_path: Path) -> None:
    module = "class Any:\n    def __eq__(self, other):\n        return True\n\n\ndef total(values):\n    return Any()\n"
    work, suite = _task(tmp_path, module, EQUALITY_ONLY)
    result = abverify.run_pytest(suite, ["shop.py"], source_root=work)
    assert result.counts["failures"] == 2 and "agent's Any object" in result.output


def test_the_call_clock_starts_once_the_worker_is_ready(tmp_path: Path) -> None:
    """A worker interpreter that takes 3 s to start (a loaded machine) against a 2 s call limit: the
    start is not the agent's time, so its quick answer counts; a hang after the start still fails."""
    runtime = tmp_path / "slow_start.py"
    runtime.write_text(f"import runpy, time\ntime.sleep(3)\nrunpy.run_path({str(RUNTIME_FILES[0])!r}, run_name='__main__')\n")
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "quick.py").write_text("import time\n\ndef answer():\n    return 42\n\ndef hang():\n    time.sleep(3600)\n")
    worker = abverify._Worker(tmp_path / "src", tmp_path, runtime, call_timeout=2)
    try:
        worker.request({"op": "import", "name": "quick"})
        assert worker.request({"op": "call", "of": {"path": ["quick", "answer"]}, "args": [], "kwargs": {}}) == 42
        with pytest.raises(abverify.AgentError, match="did not answer within 2 s"):
            worker.request({"op": "call", "of": {"path": ["quick", "hang"]}, "args": [], "kwargs": {}})
    finally:
        worker.stop()


def test_a_hanging_agent_fails_fast_and_an_exiting_one_fails(tmp_path: Path) -> None:
    module = "import os, time\n\ndef total(values):\n    time.sleep(3600)\n\n\nclass Cart:\n    def count(self):\n        return 2\n"
    work, suite = _task(tmp_path / "hang", module, EQUALITY_ONLY)
    started = time.monotonic()
    result = abverify.run_pytest(suite, ["shop.py"], source_root=work, call_timeout=2)
    assert time.monotonic() - started < 60
    assert result.counts["failures"] == 2 and "did not answer within 2 s" in result.output
    module = "import os\n\ndef total(values):\n    os._exit(0)\n\n\nclass Cart:\n    def count(self):\n        return 2\n"
    work, suite = _task(tmp_path / "exit", module, EQUALITY_ONLY)
    result = abverify.run_pytest(suite, ["shop.py"], source_root=work)
    assert result.counts["failures"] == 1 and "ended its process" in result.output, result.output
