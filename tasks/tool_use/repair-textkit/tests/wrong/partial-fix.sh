# Wrong: stops one fix short (skips the step starting `python3 - <<'EOF'`), so the hidden tests fail.
cat README.md textkit/core.py && ls tests

python3 -m pytest -q 2>&1 | tail -25

python3 -c "from textkit import *; print(slugify('Crème Brûlée -- 2024!'), truncate('abcdefghij', 6, '~'), wrap('a verylongword b', 5))"

python3 -m pytest -q 2>&1 | tail -1
