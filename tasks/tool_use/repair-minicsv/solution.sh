cat README.md minicsv/parser.py

python3 -m pytest -q 2>&1 | tail -15

cat > minicsv/parser.py <<'EOF'
"""Character-level CSV reader: quoted fields may hold delimiters, quotes and line breaks."""
#
#
class ParseError(ValueError):
    """Malformed CSV input."""
#
#
def _scan(text, delimiter):
    """Yield (start_line, fields) for every record in text."""
    fields, field, quoted = [], "", False
    line = start = 1
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if quoted:
            if ch == '"' and text[i + 1:i + 2] == '"':
                field += '"'
                i += 1
            elif ch == '"':
                quoted = False
            else:
                line += ch == "\n"
                field += ch
        elif ch == '"':
            quoted = True
        elif ch == delimiter:
            fields.append(field)
            field = ""
        elif ch == "\n" or (ch == "\r" and text[i + 1:i + 2] == "\n"):
            i += ch == "\r"
            fields.append(field)
            yield start, fields
            fields, field = [], ""
            line += 1
            start = line
        else:
            field += ch
        i += 1
    if quoted:
        raise ParseError(f"line {start}: unterminated quoted field")
    if field or fields:
        fields.append(field)
        yield start, fields
#
#
def parse(text, delimiter=","):
    return [fields for _, fields in _scan(text, delimiter)]
#
#
def parse_line(line, delimiter=","):
    rows = parse(line, delimiter)
    return rows[0] if rows else [""]
#
#
def records(text, delimiter=","):
    scanned = list(_scan(text, delimiter))
    if not scanned:
        return []
    header = scanned[0][1]
    out = []
    for start, fields in scanned[1:]:
        if len(fields) != len(header):
            raise ParseError(f"line {start}: expected {len(header)} fields, got {len(fields)}")
        out.append(dict(zip(header, fields)))
    return out
EOF
sed -i 's/^#$//' minicsv/parser.py

python3 -c "
from minicsv import *
print(parse('x;\"1;\r\n2\"\ny;3\n', delimiter=';'), parse('a\n\nb\n'), parse_line(',,'))
try:
    records('k,v\n1,\"x\ny\"\n2,3,4\n')
except ParseError as e:
    print(e)
"

python3 -m pytest -q 2>&1 | tail -1
