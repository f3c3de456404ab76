import re

from abverify import TESTS, WORK, finish

# Checks: each file that states quickmath's version matches the expected one. The changelog's
# new heading may be written as a reader would (`## 2.4.0`, `## [2.4.0] - 2024-06-01`,
# `## v2.4.0`): only that line is read loosely, the rest byte for byte. Gates: every other file
# unchanged, which doing nothing also meets.
exp = TESTS / "expected"
orig = TESTS / "original"
HEADING = re.compile(r"^## \[?v?2\.4\.0\]?(\s*[-(:].*)?$")
notes = []


def text(path):
    return path.read_text() if path.is_file() else None


def changelog_ok(got, want):
    if got is None:
        return False
    got_lines, want_lines = got.splitlines(keepends=True), want.splitlines(keepends=True)
    if len(got_lines) != len(want_lines):
        return False
    return all(g == w or (w == "## 2.4.0\n" and HEADING.match(g.rstrip("\n"))) for g, w in zip(got_lines, want_lines))


changed, unchanged = [], []
for p in sorted(exp.rglob("*")):
    if p.is_file():
        rel = p.relative_to(exp).as_posix()
        (unchanged if text(orig / rel) == text(p) else changed).append(rel)
passed = 0
for rel in changed:
    got, want = text(WORK / rel), text(exp / rel)
    ok = changelog_ok(got, want) if rel == "CHANGELOG.md" else got == want
    passed += ok
    if not ok:
        notes.append(f"not as expected: {rel}")
kept = [rel for rel in unchanged if text(WORK / rel) != text(exp / rel)]
if kept:
    notes.append(f"changed but must stay as they were: {kept}")
finish(passed, len(changed), notes, gates_ok=not kept)
