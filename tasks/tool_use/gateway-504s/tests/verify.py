from abverify import Checks, answer

# Derived by redoing the investigation over the generated logs (setup.sh, fixed seed).
EXPECTED = "s09:267"
checks = Checks(all_or_nothing=True)
checks.check(answer() == EXPECTED, f"wrong answer: {answer()!r}")
checks.finish()
