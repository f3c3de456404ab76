import json
import math
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "data" / "stations.json"


def load_stations(path=DATA):
    with open(path) as fh:
        return json.load(fh)["stations"]


def _distance_km(lat1, lon1, lat2, lon2):
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371 * 2 * math.asin(math.sqrt(a))


def nearest_station(lat, lon, path=DATA):
    stations = load_stations(path)
    print("loaded", len(stations), "stations")  # DEBUG
    best = min(stations, key=lambda s: _distance_km(lat, lon, s["lat"], s["lon"]))
    print("nearest", best)  # DEBUG
    return best
