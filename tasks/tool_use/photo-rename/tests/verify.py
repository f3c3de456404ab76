from abverify import TESTS, WORK, finish

import hashlib, json
expected = json.loads((TESTS / "expected.json").read_text())
lib = WORK / "library"
have = {p.relative_to(WORK).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in lib.rglob("*") if p.is_file()} if lib.is_dir() else {}
# Checks: each file to be filed is in place. Gates: what was already in library/ is kept, nothing
# extra, nothing left behind, README kept (doing nothing meets some of them: no credit alone).
existing = set(json.loads((TESTS / "existing.json").read_text()))
passed, notes = 0, []
for rel, digest in expected.items():
    if have.get(rel) == digest:
        passed += rel not in existing
    else:
        notes.append(f"missing or wrong: {rel}")
kept = all(have.get(rel) == expected[rel] for rel in existing)
extra = sorted(set(have) - set(expected))
if extra:
    notes.append(f"unexpected files in library/: {extra[:5]}")
leftover = sorted(p.relative_to(WORK).as_posix() for p in (WORK / "incoming").rglob("*")
                  if p.is_file() and p.suffix.lower() in {".jpg", ".jpeg", ".png"}) if (WORK / "incoming").is_dir() else []
if leftover:
    notes.append(f"photos left in incoming/: {leftover[:5]}")
readme_ok = (WORK / "incoming" / "README.txt").is_file()
if not readme_ok:
    notes.append("incoming/README.txt was removed")
finish(passed, len(expected) - len(existing), notes, gates_ok=kept and not extra and not leftover and readme_ok)
