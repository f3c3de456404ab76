# Plausible mistake: recovers the log but counts every declined attempt instead of each payment's outcome.
ls -la var/log

pid=$(pgrep -f '^python3 app/payd.py' | head -1); for fd in /proc/$pid/fd/*; do if [ "$(readlink $fd)" = "$PWD/var/log/payd.log (deleted)" ]; then cp $fd var/log/payd-20250312.log; fi; done; wc -l var/log/payd-20250312.log

grep 'currency=EUR result=E_LIMIT' var/log/payd-20250312.log | sed 's/.*amount=\([0-9.]*\).*/\1/' | awk '{n++; s+=$1} END {printf "%d:%.2f\n", n, s}'
