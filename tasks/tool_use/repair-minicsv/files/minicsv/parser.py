class ParseError(ValueError):
    """Malformed CSV input."""


def parse_line(line, delimiter=","):
    fields, field, in_quotes = [], "", False
    for ch in line:
        if in_quotes:
            if ch == '"':
                in_quotes = False
            else:
                field += ch
        elif ch == '"':
            in_quotes = True
        elif ch == delimiter:
            fields.append(field)
            field = ""
        else:
            field += ch
    if field:
        fields.append(field)
    return fields


def parse(text, delimiter=","):
    return [parse_line(line, delimiter) for line in text.splitlines()]


def records(text, delimiter=","):
    rows = parse(text, delimiter)
    header, body = rows[0], rows[1:]
    return [dict(zip(header, row)) for row in body]
