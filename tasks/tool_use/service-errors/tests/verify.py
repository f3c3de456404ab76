from abverify import TESTS, answer, finish

from collections import Counter
counts = Counter()
for log in sorted((TESTS / "logs").glob("*.log")):
    for line in log.read_text().splitlines():
        parts = line.split()
        if len(parts) > 1 and parts[0].startswith("2024-03-12T") and parts[1] == "ERROR":
            counts[log.stem] += 1
top = max(counts.values())
winners = {s for s, n in counts.items() if n == top}
service, _, number = answer().replace(" ", "").lower().partition(":")
ok = service in winners and number == str(top)
finish(int(ok), 1, [] if ok else ["wrong service or count"])
