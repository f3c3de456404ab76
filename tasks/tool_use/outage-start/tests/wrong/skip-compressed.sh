# Wrong (the trap): reads only the uncompressed log files.
cat logs/access.log.1 logs/access.log | awk '{m = substr($4, 2, 17); t[m]++; if ($9 ~ /^5/) b[m]++} END {for (m in t) if (b[m] * 2 > t[m]) print m}' | python3 -c "import sys, datetime as d; print(min(d.datetime.strptime(l.strip(), '%d/%b/%Y:%H:%M') for l in sys.stdin).strftime('%Y-%m-%d %H:%M'))"
