# Plausible mistake: counts every export response after the login, not only status 200.
ls logs

zcat -f logs/* | grep -c 'POST /api/login'

zcat -f logs/* | grep 'xff="185.220.101.47"' | awk '$7 ~ /^\/api\/export\// && seen {s += $10} $7 == "/api/login" && $9 == 200 {seen = 1} END {print "185.220.101.47:" s}'
