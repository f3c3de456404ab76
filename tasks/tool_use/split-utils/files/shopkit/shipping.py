from .utils import add_business_days, parse_date


def delivery_date(order_date_text, transit_days):
    return add_business_days(parse_date(order_date_text), transit_days)
