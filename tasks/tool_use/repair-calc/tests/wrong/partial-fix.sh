# Wrong: stops one fix short (skips the step starting `sed -i 's/_TOKEN = re.compile(r"\\s\*(?:(\\d+(?:\\.\\d+)?)|(.))")/_TOK`), so the hidden tests fail.
cat docs/grammar.md calc/tokens.py calc/parser.py

python3 -m pytest -q 2>&1 | tail -15

python3 - <<'EOF'
from pathlib import Path
p = Path("calc/parser.py")
s = p.read_text()
s = s.replace('''    def term(self):
        value = self.power()
        while self.peek() in ("*", "/"):
            if self.take() == "*":
                value *= self.power()
            else:
                value /= self.power()
        return value''', '''    def term(self):
        value = self.unary()
        while self.peek() in ("*", "/"):
            if self.take() == "*":
                value *= self.unary()
            else:
                divisor = self.unary()
                if divisor == 0:
                    raise CalcError("division by zero")
                value /= divisor
        return value''')
s = s.replace('''    def power(self):
        value = self.unary()
        while self.peek() == "^":
            self.take()
            value = value ** self.unary()
        return value''', '''    def power(self):
        value = self.atom()
        if self.peek() == "^":
            self.take()
            value = value ** self.unary()
        return value''')
s = s.replace('''            return -self.unary()
        return self.atom()''', '''            return -self.unary()
        return self.power()''')
s = s.replace('''    return _Parser(tokenize(text)).expr()''', '''    parser = _Parser(tokenize(text))
    value = parser.expr()
    if parser.peek() is not None:
        raise CalcError(f"unexpected {parser.peek()!r}")
    return value''')
p.write_text(s)
EOF

python3 -c "
from calc import evaluate, CalcError
for t in ['2^-1', '-2^2', '2^3^2', '.5 + 1', '7. * 2', '2^2^-1']:
    print(t, evaluate(t))
for t in ['', '2 3', '1..2', '4 / 0', '()']:
    try:
        evaluate(t); print('NO ERROR', t)
    except CalcError as e:
        print(repr(t), 'error:', e)
"

python3 -m pytest -q 2>&1 | tail -1
