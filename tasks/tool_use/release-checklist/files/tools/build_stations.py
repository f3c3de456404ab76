"""Build the stations JSON used by weatherlib from the CSV master list."""
import csv
import json
import sys


def main(src, dest):
    with open(src, newline="") as fh:
        rows = list(csv.DictReader(fh))
    stations = [{"id": int(r["id"]), "name": r["name"], "lat": float(r["lat"]), "lon": float(r["lon"]),
                 "elevation_m": int(r["elevation_m"])} for r in rows]
    stations.sort(key=lambda s: s["id"])
    with open(dest, "w") as fh:
        json.dump({"stations": stations}, fh, indent=2)
        fh.write("\n")
    print(f"wrote {len(stations)} stations to {dest}")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        print("usage: python3 tools/build_stations.py SOURCE.csv DEST.json")
        sys.exit(2)
    main(sys.argv[1], sys.argv[2])
