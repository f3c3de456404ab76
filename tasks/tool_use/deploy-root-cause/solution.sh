ls -R && head -3 logs/*.log && cat ops/deploys.log

grep -h ERROR logs/gateway.log | head -3 && grep -c "status=502" logs/gateway.log && grep "status=502" logs/gateway.log | sed -n '1p;$p'

grep "status=502" logs/gateway.log | head -1 | grep -o 'req=[a-z0-9]*' | xargs -I{} grep -rh {} logs/

grep ERROR logs/inventory.log | sed -n '1p;$p' && grep ERROR logs/notifications.log | head -3

cat ops/release-notes.txt && awk '$1 < "2024-05-14T11:17:00Z"' ops/deploys.log | tail -4

grep "status=502" logs/gateway.log | grep -o 'req=[a-z0-9]*' | sort > /tmp/failed.txt && grep -h 'pool exhausted' logs/inventory.log | grep -o 'req=[a-z0-9]*' | sort | comm -12 - /tmp/failed.txt | wc -l

deploy=$(grep 'service=inventory' ops/deploys.log | awk '$1 <= "2024-05-14T11:17:00Z"' | tail -1 | sed 's/.*deploy=\([^ ]*\).*/\1/'); echo "$deploy:$(grep -c 'status=502' logs/gateway.log)"
