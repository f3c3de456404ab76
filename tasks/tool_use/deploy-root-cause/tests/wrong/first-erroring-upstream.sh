# Wrong (the decoy): stops at the gateway's upstream (orders) and blames its latest deploy.
d=$(grep 'service=orders' ops/deploys.log | tail -1 | grep -o 'D-[0-9]*'); echo "$d:$(grep -c 'status=502' logs/gateway.log)"
