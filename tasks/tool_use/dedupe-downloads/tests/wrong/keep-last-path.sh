# Wrong: keeps the path that sorts last in each group instead of the first.
cd downloads && find . -type f -printf '%P\n' | LC_ALL=C sort -r | while IFS= read -r f; do printf '%s\t%s\n' "$(sha256sum < "$f" | cut -c1-64)" "$f"; done | awk -F'\t' 'seen[$1]++ {print $2}' | LC_ALL=C sort > ../removed.txt

cd downloads && while IFS= read -r f; do rm -- "$f"; done < ../removed.txt

echo done
