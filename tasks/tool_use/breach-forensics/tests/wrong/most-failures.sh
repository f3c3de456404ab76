# Shortcut: the client with the most failed logins is taken for the attacker.
ls logs

zcat -f logs/* | grep 'POST /api/login' | awk '$9 == 401' | grep -o 'xff="[^"]*"' | sort | uniq -c | sort -rn | head -3

zcat -f logs/* | grep 'POST /api/login' | awk '$9 == 401' | grep -o 'xff="[^"]*"' | sort | uniq -c | sort -rn | head -1 | sed 's/.*xff="\([^"]*\)"/\1:0/'
