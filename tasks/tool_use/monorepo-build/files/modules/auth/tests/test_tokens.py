from auth.tokens import sign, verify


def test_round_trip():
    assert verify(sign("acme", "s3"), "s3") == "acme"


def test_wrong_secret():
    assert verify(sign("acme", "s3"), "other") is None
