from abverify import TESTS, WORK, finish

import json
want = json.loads((TESTS / "expected.json").read_text())
notes = []
try:
    got = json.loads((WORK / "incident.json").read_text())
    if not isinstance(got, dict):
        raise ValueError("not an object")
except (OSError, ValueError) as exc:
    finish(0, len(want), [f"incident.json missing or not a JSON object: {exc}"])
def norm(value):
    return value.strip().lower() if isinstance(value, str) else value
passed = 0
for key, value in want.items():
    if norm(got.get(key)) == norm(value):
        passed += 1
    else:
        notes.append(f"wrong {key}: {got.get(key)!r}")
finish(passed, len(want), notes)
