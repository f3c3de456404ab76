from abverify import TESTS, answer, finish, same

import re
from collections import Counter
fail = re.compile(r"Failed password for (?:invalid user )?(\S+) from (\S+)")
ok_re = re.compile(r"Accepted password for (\S+) from (\S+)")
failures, winners = Counter(), set()
events = []
for log in sorted((TESTS / "hosts").rglob("auth.log")):
    for line in log.read_text().splitlines():
        events.append(line)
# Syslog time stamps sort within one year: month day time.
months = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()
def key(line):
    mon, day, clock = line.split()[:3]
    return (months.index(mon), int(day), clock)
for line in sorted(events, key=key):
    m = fail.search(line)
    if m:
        failures[m.group(2)] += 1
        continue
    m = ok_re.search(line)
    if m and failures[m.group(2)] >= 10:
        winners.add(f"{m.group(2)} {m.group(1)}")
ok = len(winners) == 1 and same(answer().replace(",", " "), next(iter(winners)))
finish(int(ok), 1, [] if ok else [f"wrong answer: {answer()!r}"])
