import re

from abverify import Checks, answer

# "Refactor rounding helpers" in the repository setup.sh builds (fixed dates: the hash is deterministic).
EXPECTED = "919a1e36099386ecae519c4599ffb691ccb2bfd2"
checks = Checks(all_or_nothing=True)
words = answer().split()
got = words[0] if words else ""
ok = re.fullmatch(r"[0-9a-f]{7,40}", got) is not None and EXPECTED.startswith(got)
checks.check(ok, f"wrong commit: {got!r}")
checks.finish()
