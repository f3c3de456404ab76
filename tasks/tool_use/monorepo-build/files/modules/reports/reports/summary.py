"""Month summaries for the accountants."""
from billing.invoice import invoice_total
from core.money import Money, to_cents


def month_summary(invoices, fee):
    """Text lines: each invoice's total, then the grand total minus the flat `fee` (a decimal string)."""
    lines, grand = [], Money(amount=0)
    for number, invoice_lines in invoices:
        total = invoice_total(invoice_lines)
        lines.append(f"{number}: {total}")
        grand.add(total)
    grand.add(Money(amount=-to_cents(fee)))
    lines.append(f"total: {grand}")
    return lines
