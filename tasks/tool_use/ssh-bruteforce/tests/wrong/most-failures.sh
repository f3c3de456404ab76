# Wrong: the address with the most failed attempts, whether or not it ever got in.
ip=$(cat hosts/*/auth.log | grep -o 'Failed password for .* from [0-9.]*' | awk '{print $NF}' | sort | uniq -c | sort -rn | head -1 | awk '{print $2}'); echo "$ip $(grep -h "Accepted password for .* from $ip " hosts/*/auth.log | awk '{print $9}' | head -1)"
