from abverify import TESTS, WORK, finish

exp = TESTS / "expected"
passed, total, notes = 0, 0, []
for p in sorted(exp.rglob("*")):
    if not p.is_file():
        continue
    rel = p.relative_to(exp).as_posix()
    total += 1
    target = WORK / rel
    if target.is_file() and target.read_text() == p.read_text():
        passed += 1
    else:
        notes.append(f"not as expected: {rel}")
finish(passed, total, notes)
