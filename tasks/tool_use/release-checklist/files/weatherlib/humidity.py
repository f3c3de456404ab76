import math

B, C = 17.62, 243.12


def calc_dewpoint(temp_c, rel_humidity):
    """Dew point in degrees C (Magnus formula)."""
    gamma = math.log(rel_humidity / 100) + B * temp_c / (C + temp_c)
    print("gamma", gamma)  # DEBUG
    return C * gamma / (B - gamma)
