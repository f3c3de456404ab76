from abverify import TESTS, answer, finish, same

import json
want = json.loads((TESTS / "expected.json").read_text())["answer"]
ok = same(answer(), ",".join(want))
finish(int(ok), 1, [] if ok else [f"expected DIRECT,ADVISORY,PACKAGE@VERSION; got {answer()!r}"])
