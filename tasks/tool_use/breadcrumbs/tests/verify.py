from abverify import TESTS, answer, finish

import json
want = json.loads((TESTS / "expected.json").read_text())["answer"]
got = " ".join(answer().strip("`'\" ").split())
ok = got.lower() == want.lower()
finish(int(ok), 1, [] if ok else [f"wrong answer: {got!r}"])
