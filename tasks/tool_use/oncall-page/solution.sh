cat README.md alerts/latest.json && ls -R

grep '^db-7,' inventory/hosts.csv && cat services.yaml

cat schedules/data-infra.csv schedules/overrides.csv

sqlite3 directory.db '.schema' "SELECT * FROM people WHERE username IN ('spetrov', 'lfischer');"

sqlite3 directory.db "SELECT extension FROM people WHERE username = 'spetrov';"
