import json

from abverify import TESTS, answer, finish, same

want = json.loads((TESTS / "expected.json").read_text())["answer"]
ok = same(answer(), want)
finish(int(ok), 1, [] if ok else [f"wrong answer: {answer()!r}"])
