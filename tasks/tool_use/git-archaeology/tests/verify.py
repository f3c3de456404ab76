import json
import re

from abverify import TESTS, answer, finish

want = json.loads((TESTS / "expected.json").read_text())
email, _, commit = answer().partition(" ")
ok = email == want["answer"].lower() and re.fullmatch(r"[0-9a-f]{7,40}", commit) is not None and want["commit"].startswith(commit)
finish(int(ok), 1, [] if ok else [f"wrong answer: {answer()!r}"])
