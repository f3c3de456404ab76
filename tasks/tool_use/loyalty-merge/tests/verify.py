import os
import tempfile
from pathlib import Path

from abverify import TESTS, WORK, Checks, copy_repository, git, run_pytest

MAIN_TIP = "691c67286eca3ae4d4c632ae873893cbd3a3822d"
FEATURE_TIP = "cca4955a43de4ec287a344484fe3c77a454d57f7"
checks = Checks(all_or_nothing=True)
root = Path(tempfile.mkdtemp(prefix="verify_"))
os.chmod(root, 0o755)
git_dir = copy_repository(WORK / "shop" / ".git", root / "git")
if git_dir is None:
    checks.check(False, "shop/.git is missing")
    checks.finish()


def text(*args):
    return git(git_dir, *args)[1].decode(errors="replace").strip()


def blob(sha):
    return git(git_dir, "cat-file", "blob", sha)[1]


head_ref = text("symbolic-ref", "-q", "HEAD")
parents = text("rev-list", "--parents", "-n", "1", "refs/heads/main")
checks.check(head_ref == "refs/heads/main", f"HEAD is {head_ref or 'detached'}, not the main branch")
checks.check(parents.split()[1:] == [MAIN_TIP, FEATURE_TIP],
             f"main's tip is not a merge of main ({MAIN_TIP[:7]}) and feature/loyalty ({FEATURE_TIP[:7]}): parents {[p[:7] for p in parents.split()[1:]]}")
tree = {}
for entry in git(git_dir, "ls-tree", "-r", "-z", "refs/heads/main")[1].split(b"\0"):
    if entry:
        meta, path = entry.split(b"\t", 1)
        mode, kind, sha = meta.split()
        if kind == b"blob":
            tree[path.decode(errors="replace")] = sha.decode()
markers = [p for p, sha in tree.items() if any(line.startswith((b"<<<<<<<", b">>>>>>>", b"=======")) for line in blob(sha).splitlines())]
checks.check(not markers, f"conflict markers committed in {markers}")
for name in sorted(os.listdir(TESTS / "branch_tests")):
    sha = tree.get(f"tests/{name}")
    checks.check(sha is not None and blob(sha) == (TESTS / "branch_tests" / name).read_bytes(),
                 f"tests/{name} is not the branches' version in the merge")
merged = root / "merged"
for path, sha in tree.items():
    parts = Path(path).parts
    if parts[0] == "shop" and path.endswith(".py") and ".." not in parts:
        target = merged / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(blob(sha))
# tests/suite: the branches' tests (branch_tests/, as committed) and the hidden ones, calling the
# merged code through abverify.agent_module().
result = run_pytest(TESTS / "suite", ["shop"], timeout=120, source_root=merged)
checks.check(result.passed(13), f"tests of both branches and hidden tests on the merged main: {result.describe(13)}")
checks.finish()
