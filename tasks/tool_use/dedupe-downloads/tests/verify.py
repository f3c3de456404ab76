from abverify import TESTS, WORK, finish

import hashlib, json
manifest = json.loads((TESTS / "manifest.json").read_text())
groups = {}
for rel, digest in manifest.items():
    groups.setdefault(digest, []).append(rel)
keep = {min(paths): digest for digest, paths in groups.items()}
removed = sorted(rel for rel in manifest if rel not in keep)
root = WORK / "downloads"
have = {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in root.rglob("*") if p.is_file()} if root.is_dir() else {}
notes = []
state_ok = have == keep
if not state_ok:
    notes.append(f"downloads/ differs: missing {sorted(set(keep) - set(have))[:5]}, "
                 f"extra {sorted(set(have) - set(keep))[:5]}, "
                 f"changed {[k for k in keep if k in have and have[k] != keep[k]][:5]}")
listed_path = WORK / "removed.txt"
listed = [l.strip() for l in listed_path.read_text().splitlines() if l.strip()] if listed_path.is_file() else []
listed = [l[len("downloads/"):] if l.startswith("downloads/") else l for l in listed]
list_ok = listed == removed
if not list_ok:
    notes.append(f"removed.txt should list {len(removed)} paths in sorted order, found {len(listed)}")
finish(state_ok + list_ok, 2, notes)
