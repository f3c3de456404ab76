"""Build every module under modules/: check versions, order by dependencies, compile, test, package.

    python3 build.py            builds into dist/ (dist/manifest.json lists what was built)

A module is a folder with a module.toml:
    name = "billing"
    version = "1.8.0"
    requires = ["core>=2.0,<3"]      # other modules of this repository, with version constraints
Each module is tested in isolation: only its own folder and the folders of the modules it
requires (directly or not) are importable while its tests run.
"""
import hashlib
import json
import os
import re
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent
SPEC = re.compile(r"^\s*([a-z_]+)\s*(.*)$")


def version_tuple(text):
    return tuple(int(part) for part in text.split("."))


def satisfies(version, constraints):
    v = version_tuple(version)
    for c in filter(None, (c.strip() for c in constraints.split(","))):
        op, want = re.match(r"(~=|>=|<=|==|<|>)\s*([\d.]+)$", c).groups()
        w = version_tuple(want)
        padded = v[: len(w)] + (0,) * max(0, len(w) - len(v))
        ok = {"==": padded == w, ">=": v >= w, "<=": v <= w, "<": v < w, ">": v > w,
              "~=": v >= w and v[: len(w) - 1] == w[:-1]}[op]
        if not ok:
            return False
    return True


def load_modules():
    modules = {}
    for manifest in sorted(ROOT.glob("modules/*/module.toml")):
        meta = tomllib.loads(manifest.read_text())
        meta["path"] = manifest.parent
        meta["deps"] = {}
        for requirement in meta.get("requires", []):
            name, constraint = SPEC.match(requirement).groups()
            meta["deps"][name] = constraint
        modules[meta["name"]] = meta
    return modules


def check_versions(modules):
    errors = []
    for name, meta in modules.items():
        for dep, constraint in meta["deps"].items():
            if dep not in modules:
                errors.append(f"{name} requires {dep}, which is not a module of this repository")
            elif not satisfies(modules[dep]["version"], constraint):
                errors.append(f"{name} requires {dep}{constraint} but {dep} is {modules[dep]['version']}")
    return errors


def build_order(modules):
    order, state = [], {}
    def visit(name, stack):
        if state.get(name) == "done":
            return
        if state.get(name) == "visiting":
            raise SystemExit(f"error: dependency cycle: {' -> '.join(stack + [name])}")
        state[name] = "visiting"
        for dep in sorted(modules[name]["deps"]):
            visit(dep, stack + [name])
        state[name] = "done"
        order.append(name)
    for name in sorted(modules):
        visit(name, [])
    return order


def closure(modules, name):
    seen, todo = set(), [name]
    while todo:
        current = todo.pop()
        if current not in seen:
            seen.add(current)
            todo.extend(modules[current]["deps"])
    return sorted(seen)


def main():
    modules = load_modules()
    errors = check_versions(modules)
    if errors:
        for error in errors:
            print(f"error: {error}")
        sys.exit(1)
    dist = ROOT / "dist"
    dist.mkdir(exist_ok=True)
    manifest = {}
    for name in build_order(modules):
        meta = modules[name]
        print(f"== {name} {meta['version']}", flush=True)
        sources = sorted(p for p in (meta["path"] / name).rglob("*.py"))
        for source in sources:
            compile(source.read_text(encoding="utf-8"), str(source), "exec")
        path = os.pathsep.join(str(modules[m]["path"]) for m in closure(modules, name))
        env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "PYTHONPATH": path, "PYTHONDONTWRITEBYTECODE": "1"}
        tests = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--rootdir", str(meta["path"]),
                                str(meta["path"] / "tests")], env=env, cwd=meta["path"], capture_output=True, text=True)
        if tests.returncode != 0:
            print(tests.stdout[-3000:] + tests.stderr[-1000:])
            sys.exit(f"error: tests of {name} failed")
        archive = dist / f"{name}-{meta['version']}.zip"
        with zipfile.ZipFile(archive, "w") as z:
            for source in sources:
                z.writestr(zipfile.ZipInfo(str(source.relative_to(meta["path"])), (2024, 1, 1, 0, 0, 0)), source.read_bytes())
        manifest[name] = {"version": meta["version"], "requires": sorted(meta.get("requires", [])),
                          "sha256": hashlib.sha256(archive.read_bytes()).hexdigest()}
    (dist / "manifest.json").write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n")
    print(f"built {len(manifest)} modules")


if __name__ == "__main__":
    main()
