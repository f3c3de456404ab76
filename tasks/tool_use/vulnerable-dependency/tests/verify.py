from abverify import TESTS, answer, finish

import json
want = json.loads((TESTS / "expected.json").read_text())["answer"]
got = answer().replace(" ", "").strip("`'\"").lower()
parts = got.split(",")
checks = [len(parts) == 3 and parts[i] == want[i] for i in range(3)]
finish(sum(checks), 3, [] if all(checks) else [f"expected DIRECT,ADVISORY,PACKAGE@VERSION; got {got!r}"])
