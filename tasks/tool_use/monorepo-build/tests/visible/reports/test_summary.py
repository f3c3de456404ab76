from reports.summary import month_summary


def test_summary():
    assert month_summary([("A-1", [("10.00", 1)]), ("A-2", [("0.125", 4)])], "1.005") == [
        "A-1: 10.00 EUR", "A-2: 0.52 EUR", "total: 9.51 EUR"]
