# Wrong: converts only the files directly in notes/, missing those in its subfolders.
for f in notes/*; do [ -f "$f" ] && grep -qI $'\r$' "$f" && sed -i 's/\r$//' "$f"; done

echo done
