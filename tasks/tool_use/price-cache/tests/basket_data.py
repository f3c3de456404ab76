"""Baskets full of differently spelled SKUs, and the pricing service's table, for one seed."""
import random


def generate(seed):
    rng = random.Random(seed)
    prefixes = ["AB", "CD", "EF", "GH", "KL", "MN"]
    known = {f"{p}-{n}": rng.randint(50, 99999) for p in prefixes for n in rng.sample(range(1, 3000), 450)}
    universe = list(known) + [f"ZZ-{n}" for n in range(1, 300)]  # unknown to the pricing service

    def spelling(sku):
        prefix, number = sku.split("-")
        return rng.choice([sku, f"{prefix.lower()}-{number}", f"{prefix}-{int(number):05d}", f" {sku} ", f"{prefix.title()}-0{number}"])

    baskets = {f"B{i}": [(spelling(rng.choice(universe)), rng.randint(1, 5)) for _ in range(rng.randint(1, 8))] for i in range(6000)}
    return known, baskets


def canonical(sku):
    prefix, _, number = sku.strip().upper().partition("-")
    return f"{prefix}-{int(number)}"
