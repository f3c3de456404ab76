from core.money import Money, cents


def test_cents_rounds_half_up():
    assert cents("12.345") == 1235 and cents("0.004") == 0


def test_money_is_immutable():
    a = Money(100)
    assert a.add(Money(50)) == Money(150) and a == Money(100)


def test_split():
    assert [m.cents for m in Money(1001).split(3)] == [334, 334, 333]
