"""Writes files/data (and the verifier's copy in tests/data) with the traps the comments warn about. Deterministic."""
import csv, json, random, shutil
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = HERE / "files" / "data"
shutil.rmtree(DATA, ignore_errors=True)
(DATA / "timesheets" / "2024-10").mkdir(parents=True)
(DATA / "timesheets" / "2024-09").mkdir(parents=True)
(DATA / "timesheets" / "2024-11").mkdir(parents=True)
rng = random.Random(131)
names = ["Jón Ólafsson", "Aiko Tanaka", "Marta Nowak", "Liam O'Brien", "Sofía Ruiz", "Erik Lund", "Chen Wei", "Amara Okafor",
         "Noah Weber", "Elif Kaya", "Pierre Martin", "Ingrid Berg", "Kenji Sato", "Lucía Gómez", "Oskar Nilsson", "Priya Nair"]
currencies = {"EUR": (4000, 9000), "USD": (4500, 9500), "GBP": (3800, 8000), "SEK": (45000, 90000), "JPY": (4500, 9000)}
contractors, rates = [], []
for i in range(48):
    cid = f"C{1000 + i * 7}"
    currency = rng.choice(list(currencies))
    status = rng.choice(["active"] * 8 + ["paused", "offboarded", "blocked"])
    iban = f"DE{rng.randint(10, 99)}{rng.randint(10**17, 10**18 - 1)}"
    if rng.random() < 0.3:
        iban = " ".join(iban[k:k + 4] for k in range(0, len(iban), 4))
    contractors.append({"contractor_id": cid, "name": f"{rng.choice(names)}", "country": "DE", "currency": currency, "status": status, "iban": iban})
    lo, hi = currencies[currency]
    rates.append({"contractor_id": cid, "effective_from": "2024-01-01", "hourly_rate_minor": rng.randint(lo, hi)})
    if rng.random() < 0.3:
        rates.append({"contractor_id": cid, "effective_from": f"2024-10-{rng.randint(5, 25):02d}", "hourly_rate_minor": rng.randint(lo, hi)})
    if rng.random() < 0.1:
        rates.append({"contractor_id": cid, "effective_from": "2024-11-01", "hourly_rate_minor": rng.randint(lo, hi)})
rng.shuffle(rates)
with open(DATA / "contractors.csv", "w", newline="", encoding="utf-8") as f:
    w = csv.DictWriter(f, list(contractors[0])); w.writeheader(); w.writerows(contractors)
with open(DATA / "rates.csv", "w", newline="", encoding="utf-8") as f:
    w = csv.DictWriter(f, ["contractor_id", "effective_from", "hourly_rate_minor"]); w.writeheader(); w.writerows(rates)
teams = {"platform": [], "mobile": [], "data": []}
eid = 50000
idle = {c["contractor_id"] for c in rng.sample(contractors, 5)}
for c in contractors:
    team = rng.choice(list(teams))
    if c["contractor_id"] in idle:
        continue
    for month, days in (("2024-10", 31), ("2024-09", 30)):
        for _ in range(rng.randint(10, 28)):
            eid += 1
            day = rng.randint(1, days)
            e = {"entry_id": f"E{eid}", "contractor_id": c["contractor_id"], "date": f"{month}-{day:02d}",
                 "minutes": rng.choice([15, 30, 45, 50, 55, 60, 90, 95, 120, 135, 240]), "billable": rng.random() < 0.85,
                 "project": rng.choice(["apollo", "borealis", "cygnus"])}
            # late uploads land in the next month's export folder
            folder = {"2024-09": "2024-10", "2024-10": "2024-11"}[month] if rng.random() < 0.07 else month
            teams[team].append((folder, e))
            if rng.random() < 0.06:
                teams[rng.choice(list(teams))].append((folder, dict(e)))
for team, rows in teams.items():
    for month in ("2024-11", "2024-10", "2024-09"):
        with open(DATA / "timesheets" / month / f"{team}.jsonl", "w", encoding="utf-8") as f:
            for m, e in rows:
                if m == month:
                    f.write(json.dumps(e, ensure_ascii=False) + "\n")
shutil.rmtree(HERE / "tests" / "data", ignore_errors=True)
shutil.copytree(DATA, HERE / "tests" / "data")
