from abverify import TESTS, answer, finish

import json
want = json.loads((TESTS / "expected.json").read_text())["deploy"]
got = answer().strip().strip("`'\"").upper()
ok = got == want
finish(int(ok), 1, [] if ok else [f"wrong deploy: {got!r}"])
