# Which files use CRLF?
find notes -type f -exec file {} + && grep -rlI $'\r$' notes

grep -rlI $'\r$' notes | while read -r f; do sed -i 's/\r$//' "$f"; done

# Check: no line ends in CR any more
grep -rlI $'\r$' notes | wc -l && find notes -type f -exec file {} +

echo done
