# Wrong (the trap): pages the regular rota's primary and ignores the override.
u=$(awk -F, '$1 <= "2024-04-06T03:12Z" && $2 > "2024-04-06T03:12Z" {print $3}' schedules/data-infra.csv); e=$(sqlite3 directory.db "SELECT extension FROM people WHERE username = '$u';"); echo "$e:$(( ($(date -ud 2024-04-08T09:00Z +%s) - $(date -ud 2024-04-06T03:12:00Z +%s)) / 60 ))"
