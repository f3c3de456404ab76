from calc.errors import CalcError
from calc.tokens import tokenize


class _Parser:
    def __init__(self, tokens):
        self.tokens = tokens
        self.pos = 0

    def peek(self):
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def take(self):
        token = self.peek()
        self.pos += 1
        return token

    def expr(self):
        value = self.term()
        while self.peek() in ("+", "-"):
            if self.take() == "+":
                value += self.term()
            else:
                value -= self.term()
        return value

    def term(self):
        value = self.power()
        while self.peek() in ("*", "/"):
            if self.take() == "*":
                value *= self.power()
            else:
                value /= self.power()
        return value

    def power(self):
        value = self.unary()
        while self.peek() == "^":
            self.take()
            value = value ** self.unary()
        return value

    def unary(self):
        if self.peek() == "-":
            self.take()
            return -self.unary()
        return self.atom()

    def atom(self):
        token = self.take()
        if isinstance(token, float):
            return token
        if token == "(":
            value = self.expr()
            if self.take() != ")":
                raise CalcError("missing )")
            return value
        raise CalcError(f"unexpected {token!r}")


def evaluate(text):
    return _Parser(tokenize(text)).expr()
