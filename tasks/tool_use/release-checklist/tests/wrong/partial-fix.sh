# Wrong: stops one fix short (skips the step starting `sed -i 's/pip install weatherlib==0.9.0/pip install weatherlib==1.0.0/`), so the hidden tests fail.
cat RELEASE_CHECKLIST.md && find . -type f -not -path './.git/*' | sort

python3 -m pytest -q 2>&1 | tail -8

cat weatherlib/units.py weatherlib/__init__.py

sed -i 's|celsius \* 9 / 5 + 23|celsius * 9 / 5 + 32|' weatherlib/units.py && python3 -m pytest -q 2>&1 | tail -1

sed -i 's/^version = "0.9.0"/version = "1.0.0"/' pyproject.toml && sed -i 's/__version__ = "0.9.0"/__version__ = "1.0.0"/' weatherlib/__init__.py && grep -rn "1.0.0\|0.9.0" pyproject.toml weatherlib/__init__.py README.md

cat CHANGELOG.md

python3 - <<'EOF'
from pathlib import Path
p = Path("CHANGELOG.md")
p.write_text(p.read_text().replace("## Unreleased\n", "## Unreleased\n\n## 1.0.0 (2024-10-01)\n", 1))
EOF
cat CHANGELOG.md

grep -rn "calc_dewpoint" --include='*.py' --include='*.md' .

grep -rl "calc_dewpoint" --include='*.py' --include='*.md' . | xargs sed -i 's/calc_dewpoint/dew_point/g' && grep -rn "dew_point" --include='*.py' --include='*.md' .

grep -rn "# DEBUG" weatherlib

sed -i '/# DEBUG$/d' weatherlib/*.py && grep -rc "# DEBUG" weatherlib/*.py; cat weatherlib/humidity.py

cat data/stations.csv data/README.txt && python3 tools/build_stations.py

python3 - <<'EOF'
import csv
rows = list(csv.reader(open("data/stations.csv", newline="")))
header, body = rows[0], rows[1:]
body.append(["10961", "Zugspitze", "47.42", "10.98", "2956"])
body.sort(key=lambda r: int(r[0]))
with open("data/stations.csv", "w", newline="") as fh:
    csv.writer(fh, lineterminator="\n").writerows([header] + body)
EOF
cat data/stations.csv

python3 tools/build_stations.py data/stations.csv data/stations.json && grep -A3 10961 data/stations.json

find weatherlib data -type f -not -path '*__pycache__*' | LC_ALL=C sort > MANIFEST.txt && cat MANIFEST.txt

python3 -m pytest -q 2>&1 | tail -1 && python3 -c "from weatherlib import dew_point, nearest_station; print(dew_point(20.0, 50.0), nearest_station(47.45, 10.95)['name'])"

echo done
