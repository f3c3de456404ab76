from abverify import finish, pytest_checks

notes = []
unchanged, suites = pytest_checks(notes)
finish(sum(suites), len(suites), notes, gates_ok=unchanged)
