import hashlib, os, random, shutil, sys, tarfile, tempfile
from pathlib import Path
from abverify import TESTS, WORK, Checks, run_as_agent

checks = Checks(all_or_nothing=True)
script = WORK / "backup.sh"
if not script.is_file() or script.is_symlink():
    checks.check(False, "backup.sh is missing")
    checks.finish()
root = Path(tempfile.mkdtemp(prefix="verify_"))
os.chmod(root, 0o777)
rng = random.Random(os.urandom(8))
tag = f"{rng.randrange(10**6):06d}"
code_dir, run_dir = root / "ops tools", root / "run"
code_dir.mkdir()
shutil.copyfile(script, code_dir / "backup.sh")
shutil.copyfile(TESTS / "backup.exclude", code_dir / "backup.exclude")
data = run_dir / "srv data"
files = {  # relative name -> content; names chosen to break naive shell scripts
    f"docs/plan Q3 {tag}.txt": "quarterly plan\n", "team notes/- todo.md": "- [ ] ship\n", ".env": f"SECRET={tag}\n",
    ".config/settings.ini": "k=v\n", "docs/résumé.txt": "ünïcode\n", "app/main.py": "print('app')\n",
    "it's \"quoted\".txt": "q\n", "deep/a/b/c/d.txt": tag, "app/cachefile.txt": "not a cache folder\n",
    "reports/2024/*.txt": "a file named star\n", "--help": "dash dash\n",
}
excluded = {"cache/blob.bin": "x", "app/cache/c.bin": "y", "docs/draft.tmp": "scratch", "a/b/cache/deep.bin": "z", ".tmp": "dot tmp"}
for name, content in {**files, **excluded}.items():
    (data / name).parent.mkdir(parents=True, exist_ok=True)
    (data / name).write_text(content)
links = {"app/plan-link": f"../docs/plan Q3 {tag}.txt", "outside": "/etc/hostname"}
for name, target in links.items():
    os.symlink(target, data / name)
for path in [run_dir, *run_dir.rglob("*")]:
    if not path.is_symlink():
        os.chmod(path, 0o777 if path.is_dir() else 0o666)
date = f"2024-06-{rng.randint(10, 28)}"
run = run_as_agent(["bash", str(code_dir / "backup.sh"), "srv data", "out dir", date], cwd=run_dir, timeout=60)
archive, manifest = run_dir / "out dir" / f"{date}.tar.gz", run_dir / "out dir" / f"{date}.sha256"
checks.check(run.exit_code == 0, f"backup.sh failed (exit {run.exit_code}): {run.stderr[-400:]}")
members = {}
try:
    with tarfile.open(archive, "r:gz") as tar:
        for m in tar.getmembers():
            if m.isfile():
                members[m.name] = ("file", tar.extractfile(m).read())
            elif m.issym():
                members[m.name] = ("link", m.linkname)
            elif not m.isdir():
                members[m.name] = ("other", m.type)
except (OSError, tarfile.TarError) as exc:
    checks.check(False, f"{archive.name} is not a readable gzipped tar: {exc}")
want = {**{n: ("file", c.encode()) for n, c in files.items()}, **{n: ("link", t) for n, t in links.items()}}
missing = sorted(set(want) - set(members))
extra = sorted(set(members) - set(want))
wrong = sorted(n for n in set(want) & set(members) if members[n] != want[n])
checks.check(not (missing or extra or wrong), f"archive members: missing {missing}, unexpected {extra}, wrong content/type {wrong}")
expected_manifest = "".join(f"{hashlib.sha256(c.encode()).hexdigest()}  {n}\n" for n, c in sorted(files.items(), key=lambda kv: kv[0].encode()))
got_manifest = manifest.read_text(errors="replace") if manifest.is_file() and not manifest.is_symlink() else ""
checks.check(got_manifest == expected_manifest, f"manifest differs:\n{got_manifest[:600]}\nexpected:\n{expected_manifest[:600]}")
checks.finish()
