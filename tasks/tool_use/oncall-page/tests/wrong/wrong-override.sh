# Wrong: takes the override active at the alert time without matching the owning team.
u=$(awk -F, 'NR > 1 && $2 <= "2024-04-06T03:12Z" && $3 > "2024-04-06T03:12Z" {print $4}' schedules/overrides.csv | tail -1); e=$(sqlite3 directory.db "SELECT extension FROM people WHERE username = '$u';"); echo "$e:528"
