import hashlib
import os
import re

from abverify import WORK, Checks, answer

# From the generated batch (setup.sh, fixed seed); payd's pid in each line varies per run.
EXPECTED_ANSWER = "69:299798.87"
EXPECTED_LOG_SHA256 = "29491e6f9a65a049d733878e09ba551d1de9d2f31de7699530bbe83a62d1c1eb"
EXPECTED_LINES = 2708


def recovered():
    try:
        fd = os.open(WORK / "var/log/payd-20250312.log", os.O_RDONLY | os.O_NOFOLLOW)
    except OSError as exc:
        return None, f"var/log/payd-20250312.log: {exc.strerror}"
    with os.fdopen(fd, "rb") as f:
        data = f.read(50_000_000)
    return re.sub(rb"payd\[\d+\]", b"payd[PID]", data), None


checks = Checks(all_or_nothing=True)
data, problem = recovered()
if data is None:
    checks.check(False, problem)
else:
    lines = data.count(b"\n")
    checks.check(hashlib.sha256(data).hexdigest() == EXPECTED_LOG_SHA256,
                 f"var/log/payd-20250312.log is not payd's log of today ({lines} lines, expected {EXPECTED_LINES})")
checks.check(answer() == EXPECTED_ANSWER, f"wrong answer: {answer()!r}")
checks.finish()
