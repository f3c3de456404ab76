# Wrong: stops one fix short (skips the step starting `cat > minicsv/parser.py <<'EOF'`), so the hidden tests fail.
cat README.md minicsv/parser.py

python3 -m pytest -q 2>&1 | tail -15

python3 -c "
from minicsv import *
print(parse('x;\"1;\r\n2\"\ny;3\n', delimiter=';'), parse('a\n\nb\n'), parse_line(',,'))
try:
    records('k,v\n1,\"x\ny\"\n2,3,4\n')
except ParseError as e:
    print(e)
"

python3 -m pytest -q 2>&1 | tail -1
