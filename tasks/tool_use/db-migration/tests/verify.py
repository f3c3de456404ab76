import shutil, sqlite3, sys, tempfile
from pathlib import Path
from abverify import TESTS, WORK, Checks
from migration import expected

checks = Checks(all_or_nothing=True)
original = WORK / "app.db"
checks.check(original.is_file() and not original.is_symlink() and original.read_bytes() == (TESTS / "app.db").read_bytes(),
             "app.db was changed (it must stay untouched)")
target = WORK / "app_v2.db"
if not target.is_file() or target.is_symlink():
    checks.check(False, "app_v2.db is missing")
    checks.finish()
scratch = Path(tempfile.mkdtemp()) / "v2.db"
shutil.copyfile(target, scratch)  # read our own copy: no -wal/-journal of the agent's is picked up
try:
    db = sqlite3.connect(f"file:{scratch}?mode=ro", uri=True)
    reference = sqlite3.connect(":memory:")
    reference.executescript((TESTS / "schema_v2.sql").read_text())
    schema = "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_autoindex%' ORDER BY name"
    norm = lambda rows: [(t, n, tb, " ".join((sql or "").split())) for t, n, tb, sql in rows]
    checks.check(norm(db.execute(schema).fetchall()) == norm(reference.execute(schema).fetchall()),
                 "app_v2.db's schema is not exactly schema_v2.sql's")
    checks.check(db.execute("PRAGMA integrity_check").fetchall() == [("ok",)], "integrity_check is not ok")
    checks.check(db.execute("PRAGMA foreign_key_check").fetchall() == [], "foreign_key_check reports violations")
    want = expected(TESTS / "app.db")
    for table, rows in want.items():
        try:
            got = sorted(db.execute(f'SELECT * FROM "{table}"').fetchall())
        except sqlite3.Error as exc:
            got = [f"{exc}"]
        missing, extra = len(set(rows) - set(got)), len(set(got) - set(rows))
        checks.check(got == rows, f"{table}: {len(got)} rows, {missing} expected rows missing, {extra} unexpected rows")
except sqlite3.DatabaseError as exc:
    checks.check(False, f"app_v2.db is not a readable SQLite database: {exc}")
checks.finish()
