"""Landmark -> city: the one associative hop of the non-literal needles (NoLiMa's idea).

Hand-written common knowledge (our own list, free of licence terms). No landmark names its
city, and every city appears once, so a question about a city has exactly one landmark.
`ref/oracle` reads this table the way it reads our question templates.
"""

from __future__ import annotations

LANDMARK_CITY: dict[str, str] = {
    "the Semperoper": "Dresden",
    "the Atomium": "Brussels",
    "the Sagrada Familia": "Barcelona",
    "the Hallgrimskirkja": "Reykjavik",
    "the Brandenburg Gate": "Berlin",
    "the Colosseum": "Rome",
    "the Acropolis": "Athens",
    "the Eiffel Tower": "Paris",
    "the Rijksmuseum": "Amsterdam",
    "the Alhambra": "Granada",
    "the Charles Bridge": "Prague",
    "Red Square": "Moscow",
    "the Space Needle": "Seattle",
    "the Golden Gate Bridge": "San Francisco",
    "the Burj Khalifa": "Dubai",
    "the Petronas Towers": "Kuala Lumpur",
    "the Forbidden City": "Beijing",
    "the Fushimi Inari shrine": "Kyoto",
    "the Hagia Sophia": "Istanbul",
    "the Wawel Castle": "Krakow",
    "the Bund": "Shanghai",
    "the Prado": "Madrid",
    "the Uffizi": "Florence",
    "the Rialto Bridge": "Venice",
    "the Fisherman's Bastion": "Budapest",
    "the CN Tower": "Toronto",
    "the Gateway of India": "Mumbai",
    "the Shwedagon Pagoda": "Yangon",
    "Big Ben": "London",
    "the Vigeland sculpture park": "Oslo",
    "the Vasa Museum": "Stockholm",
    "the Belem Tower": "Lisbon",
    "the Hermitage": "Saint Petersburg",
    "the Marienplatz": "Munich",
    "Nyhavn": "Copenhagen",
    "the Christ the Redeemer statue": "Rio de Janeiro",
}

CITY_LANDMARK: dict[str, str] = {city: landmark for landmark, city in LANDMARK_CITY.items()}

CHARACTER_NAMES: tuple[str, ...] = (
    "Yuki", "Stefan", "Amara", "Dmitri", "Ingrid", "Kofi", "Leilani", "Mateo", "Noor", "Oren",
    "Priya", "Quentin", "Saoirse", "Tariq", "Ulla", "Valentin", "Wren", "Ximena", "Yusuf", "Zofia",
    "Bjorn", "Chiara", "Desmond", "Farida", "Gideon", "Hiroshi", "Ismael", "Jovana", "Kasimir", "Ludmila",
)
"""Names no built-in haystack uses (prose has its own cast)."""
