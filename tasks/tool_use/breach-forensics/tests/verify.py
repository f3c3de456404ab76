from abverify import Checks, answer

# Derived by redoing the investigation over the generated logs (setup.sh, fixed seed).
EXPECTED = "185.220.101.47:26437954"
checks = Checks(all_or_nothing=True)
checks.check(answer() == EXPECTED, f"wrong answer: {answer()!r}")
checks.finish()
