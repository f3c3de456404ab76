from abverify import TESTS, answer, finish, same

from collections import Counter
counts = Counter()
for log in sorted((TESTS / "logs").glob("*.log")):
    for line in log.read_text().splitlines():
        parts = line.split()
        if len(parts) > 1 and parts[0].startswith("2024-03-12T") and parts[1] == "ERROR":
            counts[log.stem] += 1
top = max(counts.values())
winners = {s for s, n in counts.items() if n == top}
ok = any(same(answer(), f"{service}:{top}") for service in winners)
finish(int(ok), 1, [] if ok else ["wrong service or count"])
