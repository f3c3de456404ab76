# Wrong (shortcut): blames the deploy the first rollback undid, without reading the logs.
rb=$(grep 'result=rollback' ops/deploys.log | head -1); svc=$(echo "$rb" | grep -o 'service=[a-z]*'); t=${rb%% *}; d=$(grep "$svc" ops/deploys.log | awk -v t="$t" '$1 < t && /result=ok/' | tail -1 | grep -o 'D-[0-9]*'); echo "$d:$(grep -c 'status=502' logs/gateway.log)"
