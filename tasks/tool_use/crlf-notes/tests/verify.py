from abverify import TESTS, WORK, finish

# Checks: each CRLF file converted exactly (lone CRs kept). Gates: LF files byte-identical and no
# files added, which doing nothing also meets, so they earn no credit on their own.
orig = TESTS / "orig"
expected = {}
for p in sorted(orig.rglob("*")):
    if p.is_file():
        expected[p.relative_to(orig).as_posix()] = p.read_bytes().replace(b"\r\n", b"\n")
actual = {p.relative_to(WORK).as_posix() for p in (WORK / "notes").rglob("*") if p.is_file()} if (WORK / "notes").is_dir() else set()
converted = [rel for rel, want in expected.items() if (orig / rel).read_bytes() != want]
# The traps must matter: a lone CR sits inside a CRLF file, so stripping every CR is wrong there.
assert converted and any(b"\r" in expected[rel] for rel in converted)
notes = []


def right(rel):
    path = WORK / rel
    ok = path.is_file() and not path.is_symlink() and path.read_bytes() == expected[rel]
    if not ok:
        notes.append(f"wrong or missing: {rel}")
    return ok


passed = sum(right(rel) for rel in converted)
untouched = all([right(rel) for rel in expected if rel not in converted])
extra = actual - set(expected)
if extra:
    notes.append(f"unexpected files: {sorted(extra)}")
finish(passed, len(converted), notes, gates_ok=untouched and not extra)
