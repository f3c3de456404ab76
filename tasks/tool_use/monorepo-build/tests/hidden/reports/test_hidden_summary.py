from abverify import agent_module

month_summary = agent_module("reports.summary").month_summary


def test_summary_of_several_invoices():
    assert month_summary([("B-7", [("3.335", 2), ("1.00", 1)]), ("B-8", [])], "0.005") == [
        "B-7: 7.68 EUR", "B-8: 0.00 EUR", "total: 7.67 EUR"]


def test_fee_larger_than_revenue():
    assert month_summary([("C-1", [("0.10", 1)])], "2.00")[-1] == "total: -1.90 EUR"
