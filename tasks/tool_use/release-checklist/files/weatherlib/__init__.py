"""Weather helpers."""

__version__ = "0.9.0"

from weatherlib.humidity import calc_dewpoint
from weatherlib.stations import load_stations, nearest_station
from weatherlib.units import c_to_f, f_to_c

__all__ = ["calc_dewpoint", "c_to_f", "f_to_c", "load_stations", "nearest_station"]
