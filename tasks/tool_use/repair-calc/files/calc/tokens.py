import re

from calc.errors import CalcError

_TOKEN = re.compile(r"\s*(?:(\d+(?:\.\d+)?)|(.))")


def tokenize(text):
    """Split text into numbers (floats) and one-character operator strings."""
    tokens = []
    for number, op in _TOKEN.findall(text):
        if number:
            tokens.append(float(number))
        elif op in "+-*/^()":
            tokens.append(op)
        elif op.strip():
            raise CalcError(f"unexpected character {op!r}")
    return tokens
