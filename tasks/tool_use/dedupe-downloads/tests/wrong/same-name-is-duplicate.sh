# Wrong (shortcut): treats files with the same name and size as duplicates without comparing contents.
cd downloads && find . -type f -printf '%P\n' | LC_ALL=C sort | while IFS= read -r f; do printf '%s\t%s\n' "$(basename "$f")-$(stat -c %s "$f")" "$f"; done | awk -F'\t' 'seen[$1]++ {print $2}' > ../removed.txt

cd downloads && while IFS= read -r f; do rm -- "$f"; done < ../removed.txt

echo done
