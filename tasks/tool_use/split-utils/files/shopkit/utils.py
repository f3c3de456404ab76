import datetime as dt
import re


def slugify(text):
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def title_case(text):
    small = {"and", "or", "of", "the", "a", "an", "in"}
    words = text.split()
    return " ".join(w.lower() if i and w.lower() in small else w.capitalize() for i, w in enumerate(words))


def parse_money(text):
    """'12.50', '€12.50', '1,234.56' -> cents."""
    cleaned = text.replace("€", "").replace(",", "").strip()
    euros, _, cents = cleaned.partition(".")
    return int(euros) * 100 + int((cents + "00")[:2])


def format_money(cents):
    sign = "-" if cents < 0 else ""
    cents = abs(cents)
    return f"{sign}€{cents // 100:,}.{cents % 100:02d}"


def parse_date(text):
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return dt.date.fromisoformat(text)
    day, month, year = text.split(".")
    return dt.date(int(year), int(month), int(day))


def add_business_days(start, days):
    current = start
    while days > 0:
        current += dt.timedelta(days=1)
        if current.weekday() < 5:
            days -= 1
    return current
