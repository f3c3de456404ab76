cat README.md alerts/latest.json && ls -R

grep '^db-7,' inventory/hosts.csv && cat services.yaml

cat schedules/data-infra.csv schedules/overrides.csv

sqlite3 directory.db '.schema' "SELECT * FROM people WHERE username IN ('spetrov', 'lfischer');"

python3 -c "from datetime import datetime as d; print(int((d.fromisoformat('2024-04-06T08:00+00:00') - d.fromisoformat('2024-04-06T03:12:00+00:00')).total_seconds() // 60))" > /tmp/minutes.txt && cat /tmp/minutes.txt

echo "$(sqlite3 directory.db "SELECT extension FROM people WHERE username = 'spetrov';"):$(cat /tmp/minutes.txt)"
