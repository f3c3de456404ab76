# Wrong (the trap): strips every carriage return in the CRLF files, lone ones included.
grep -rlI $'\r$' notes | while read -r f; do tr -d '\r' < "$f" > "$f.tmp" && mv "$f.tmp" "$f"; done

echo done
