find downloads -type f | wc -l && find downloads -type f -exec sha256sum {} + | sort | awk '{print $1}' | uniq -d | wc -l

cd downloads && find . -type f -printf '%P\n' | LC_ALL=C sort | while IFS= read -r f; do printf '%s\t%s\n' "$(sha256sum < "$f" | cut -c1-64)" "$f"; done | awk -F'\t' 'seen[$1]++ {print $2}' > ../removed.txt && cat ../removed.txt

cd downloads && while IFS= read -r f; do rm -- "$f"; done < ../removed.txt && find . -type f | wc -l

# Check: no duplicate contents remain
find downloads -type f -exec sha256sum {} + | awk '{print $1}' | sort | uniq -d | wc -l

echo done
