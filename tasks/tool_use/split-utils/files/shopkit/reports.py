import shopkit.utils as u


def report_name(title, total_cents):
    amount = u.format_money(total_cents).replace("€", "EUR").replace(",", "")
    return f"{u.slugify(title)}-{amount}"
