from abverify import TESTS, WORK, finish

orig = TESTS / "orig"
expected = {}
for p in sorted(orig.rglob("*")):
    if p.is_file():
        expected[p.relative_to(orig).as_posix()] = p.read_bytes().replace(b"\r\n", b"\n")
actual = {p.relative_to(WORK).as_posix() for p in (WORK / "notes").rglob("*") if p.is_file()} if (WORK / "notes").is_dir() else set()
passed, notes = 0, []
for rel, want in expected.items():
    path = WORK / rel
    if path.is_file() and path.read_bytes() == want:
        passed += 1
    else:
        notes.append(f"wrong or missing: {rel}")
extra = actual - set(expected)
if extra:
    notes.append(f"unexpected files: {sorted(extra)}")
changed = sum(1 for rel, want in expected.items() if (orig / rel).read_bytes() != want)
total = len(expected) + 1
passed += 0 if extra else 1
# Doing nothing leaves every CRLF file wrong; make sure that cannot score full marks.
assert changed > 0
finish(passed, total, notes)
