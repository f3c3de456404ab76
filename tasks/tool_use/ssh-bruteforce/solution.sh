ls -R hosts && head -3 hosts/*/auth.log

cat hosts/*/auth.log | grep -o 'Failed password for .* from [0-9.]*' | awk '{print $NF}' | sort | uniq -c | sort -rn | head

grep -h 'Accepted' hosts/*/auth.log | grep -E '185.220.101.7|203.0.113.45|198.51.100.23'

grep -h '203.0.113.45' hosts/*/auth.log | sort -k1,1M -k2,2n -k3,3 | tail -3

grep -h 'Accepted password for .* from 203.0.113.45' hosts/*/auth.log | awk '{print $11, $9}' | head -1
