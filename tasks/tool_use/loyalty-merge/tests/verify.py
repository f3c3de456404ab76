import os, shutil, subprocess, sys, tempfile
import xml.etree.ElementTree as ET
from pathlib import Path
sys.path.insert(0, str(Path(__file__).resolve().parent))
from lib import SAFE_ENV, TESTS, WORK, Checks, run_untrusted

MAIN_TIP = "691c67286eca3ae4d4c632ae873893cbd3a3822d"
FEATURE_TIP = "cca4955a43de4ec287a344484fe3c77a454d57f7"
checks = Checks()
root = Path(tempfile.mkdtemp(prefix="verify_"))
os.chmod(root, 0o755)
git_dir = root / "git"
source = WORK / "shop" / ".git"
if not source.is_dir() or source.is_symlink():
    checks.check(False, "shop/.git is missing")
    checks.finish()
shutil.copytree(source, git_dir, symlinks=True, ignore=shutil.ignore_patterns("hooks", "info"))
(git_dir / "config").write_text("[core]\n\trepositoryformatversion = 0\n\tbare = true\n")  # none of the agent's settings
(git_dir / "objects" / "info" / "alternates").unlink(missing_ok=True)
env = dict(SAFE_ENV, GIT_DIR=str(git_dir), GIT_CONFIG_NOSYSTEM="1", GIT_CONFIG_GLOBAL="/dev/null", HOME=str(root))


def git(*args, data=False):
    proc = subprocess.run(["git", "-c", "core.fsmonitor=false", "-c", "core.hooksPath=/dev/null", *args],
                          env=env, capture_output=True, timeout=60)
    return proc.returncode, (proc.stdout if data else proc.stdout.decode(errors="replace").strip())


_, head_ref = git("symbolic-ref", "-q", "HEAD")
_, main = git("rev-parse", "-q", "--verify", "refs/heads/main^{commit}")
_, parents = git("rev-list", "--parents", "-n", "1", "refs/heads/main")
checks.check(head_ref == "refs/heads/main", f"HEAD is {head_ref or 'detached'}, not the main branch")
checks.check(parents.split()[1:] == [MAIN_TIP, FEATURE_TIP],
             f"main's tip is not a merge of main ({MAIN_TIP[:7]}) and feature/loyalty ({FEATURE_TIP[:7]}): parents {[p[:7] for p in parents.split()[1:]]}")
code, listing = git("ls-tree", "-r", "-z", "refs/heads/main", data=True)
tree = {}
for entry in listing.split(b"\0"):
    if entry:
        meta, path = entry.split(b"\t", 1)
        mode, kind, sha = meta.split()
        if kind == b"blob":
            tree[path.decode()] = sha.decode()
markers = [p for p, sha in tree.items() if any(line.startswith((b"<<<<<<<", b">>>>>>>", b"=======")) for line in git("cat-file", "blob", sha, data=True)[1].splitlines())]
checks.check(not markers, f"conflict markers committed in {markers}")
for name in sorted(os.listdir(TESTS / "branch_tests")):
    sha = tree.get(f"tests/{name}")
    same = sha is not None and git("cat-file", "blob", sha, data=True)[1] == (TESTS / "branch_tests" / name).read_bytes()
    checks.check(same, f"tests/{name} is not the branches' version in the merge")
run = root / "run"
for path, sha in tree.items():
    if path.startswith("shop/") and path.endswith(".py") and ".." not in path:
        target = run / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(git("cat-file", "blob", sha, data=True)[1])
shutil.copytree(TESTS / "branch_tests", run / "tests")
shutil.copyfile(TESTS / "hidden" / "test_merged.py", run / "tests" / "test_merged.py")
(run / "empty.ini").write_text("[pytest]\n")
(run / "out").mkdir()
os.chmod(run / "out", 0o777)
report = run / "out" / "report.xml"
code, out, err = run_untrusted([sys.executable, "-I", "-B", "-m", "pytest", "-q", "-p", "no:cacheprovider", "-c", str(run / "empty.ini"),
                                "--rootdir", str(run), f"--junitxml={report}", str(run / "tests")], cwd=run, timeout=120)
counts = {}
if report.is_file():
    suite = ET.parse(report).getroot()
    suite = suite if suite.tag == "testsuite" else suite.find("testsuite")
    counts = {k: int(suite.get(k, 0)) for k in ("tests", "failures", "errors", "skipped")}
checks.check(code == 0 and counts == {"tests": 13, "failures": 0, "errors": 0, "skipped": 0},
             f"tests of both branches and hidden tests on the merged main: exit {code}, {counts or 'no report'}\n{out[-900:]}")
checks.finish()
