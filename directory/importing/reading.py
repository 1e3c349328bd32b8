"""Reading an import file into rows to match, and rejections with their line numbers.

The file is UTF-8 CSV with a header row, in the directory's own columns (COLUMNS) or in
the Wikipedia twin-town list's (city1, country1, lat1, lng1, city2, country2, lat2, lng2).
A file that is not UTF-8 or lacks a required column is refused as a whole, before
anything is read into the database. A row that cannot be stored is rejected with its
reason; the others go on to matching.
"""

import csv
import datetime
import io
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.utils import timezone

from directory.models import FIRST_YEAR, Community, Partnership

from .countries import resolve_country

COLUMNS = [
    "community", "community_country", "community_region", "community_latitude",
    "community_longitude", "partner", "partner_country", "partner_region", "partner_latitude",
    "partner_longitude", "status", "established_year", "established_on", "ended_year", "note",
]  # fmt: skip
REQUIRED = ["community", "community_country", "partner", "partner_country"]
WIKIPEDIA_COLUMNS = {
    "city1": "community", "country1": "community_country", "lat1": "community_latitude",
    "lng1": "community_longitude", "city2": "partner", "country2": "partner_country",
    "lat2": "partner_latitude", "lng2": "partner_longitude",
}  # fmt: skip
# An empty or missing status is one the file does not state, as in the Wikipedia list.
STATUSES = {"": Partnership.Status.UNSTATED, **{value: value for value in Partnership.Status}}
# "Kłodzko (rural gmina)", "Setagaya (Tokyo)": the name, then a qualifier, which is
# either a kind of community or, like "Tokyo", a hint of where it is.
QUALIFIED = re.compile(r"^(?P<name>.*?)\s*\((?P<qualifier>[^()]*)\)\s*$")
KIND_QUALIFIERS = {
    "district": Community.Kind.DISTRICT,
    "local government district": Community.Kind.DISTRICT,
    "rural gmina": Community.Kind.MUNICIPALITY,
    "urban gmina": Community.Kind.MUNICIPALITY,
    "urban-rural gmina": Community.Kind.MUNICIPALITY,
    "municipality": Community.Kind.MUNICIPALITY,
    "county": Community.Kind.COUNTY,
    "state": Community.Kind.STATE,
}


class ImportFileError(Exception):
    """The file as a whole cannot be imported; the message says why."""


class Rejected(Exception):
    """One row cannot be imported; the message says why."""


@dataclass(frozen=True)
class Place:
    """One side of a row: a community as the file gives it."""

    name: str
    qualifier: str
    kind: str | None  # from a qualifier that names a kind of community
    printed: str
    country: str
    region: str
    latitude: Decimal | None
    longitude: Decimal | None


@dataclass(frozen=True)
class Row:
    line: int
    community: Place
    partner: Place
    status: str
    established_year: int | None
    established_on: datetime.date | None
    ended_year: int | None
    note: str


@dataclass(frozen=True)
class Rejection:
    line: int
    reason: str


def read(data):
    """([Row], [Rejection]) from the bytes of an import file; ImportFileError when the
    file as a whole cannot be read."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportFileError(
            f"The file is not UTF-8 text (byte {error.start + 1} cannot be read). "
            "Save it as UTF-8 CSV and try again."
        ) from error
    reader = csv.reader(io.StringIO(text, newline=""))
    header = [WIKIPEDIA_COLUMNS.get(name, name) for name in map(normalize, next(reader, []))]
    missing = [column for column in REQUIRED if column not in header]
    if missing:
        raise ImportFileError(
            "The file lacks the required column"
            f"{'s' if len(missing) > 1 else ''} {', '.join(missing)}. The first line must "
            "name the columns; see the README for the format."
        )
    rows, rejections = [], []
    for values in reader:
        if not any(value.strip() for value in values):
            continue
        record = dict(zip(header, values, strict=False))
        try:
            rows.append(read_row(reader.line_num, record))
        except Rejected as error:
            rejections.append(Rejection(reader.line_num, str(error)))
    return rows, rejections


def normalize(column):
    return column.strip().lower()


def read_row(line, record):
    established_on = date_of(record.get("established_on", ""))
    established_year = year_of(record.get("established_year", ""), "established year")
    if established_on:
        if established_year not in (None, established_on.year):
            raise Rejected(
                f"The date {established_on:%Y-%m-%d} is not in the established year "
                f"{established_year}."
            )
        established_year = year_of(str(established_on.year), "established date")
    ended_year = year_of(record.get("ended_year", ""), "ended year")
    if ended_year and established_year and ended_year < established_year:
        raise Rejected(
            f"It ends in {ended_year}, before it was established in {established_year}."
        )
    status = record.get("status", "").strip().lower()
    if status not in STATUSES:
        raise Rejected(f"Unknown status “{status}”: use sister or friendship.")
    return Row(
        line=line,
        community=place(record, "community"),
        partner=place(record, "partner"),
        status=str(STATUSES[status]),
        established_year=established_year,
        established_on=established_on,
        ended_year=ended_year,
        note=record.get("note", "").strip(),
    )


def place(record, side):
    printed = " ".join(record.get(side, "").split())
    if not printed:
        raise Rejected(f"The {side} has no name.")
    match = QUALIFIED.match(printed)
    name, qualifier = (match["name"], match["qualifier"].strip()) if match else (printed, "")
    if not name:
        raise Rejected(f"The {side} has no name, only “{printed}”.")
    latitude = coordinate(record.get(f"{side}_latitude", ""), 90, f"{side} latitude")
    longitude = coordinate(record.get(f"{side}_longitude", ""), 180, f"{side} longitude")
    if (latitude is None) != (longitude is None):
        latitude = longitude = None  # half a position is no position
    country_text = record.get(f"{side}_country", "").strip()
    country = resolve_country(country_text, latitude, longitude)
    if country is None:
        raise Rejected(
            f"Unknown country “{country_text}” for {printed}."
            if country_text
            else f"No country for {printed}."
        )
    return Place(
        name=name,
        qualifier=qualifier,
        kind=KIND_QUALIFIERS.get(qualifier.lower()),
        printed=printed,
        country=country.code,
        region=record.get(f"{side}_region", "").strip() or country.region,
        latitude=latitude,
        longitude=longitude,
    )


def year_of(text, what):
    text = text.strip()
    if not text:
        return None
    this_year = timezone.now().year
    if not text.isdigit() or not FIRST_YEAR <= int(text) <= this_year:
        raise Rejected(f"The {what} “{text}” is not a year from {FIRST_YEAR} to {this_year}.")
    return int(text)


def date_of(text):
    text = text.strip()
    if not text:
        return None
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise Rejected(f"The date “{text}” is not a date like 1957-05-26.") from None


def coordinate(text, limit, what):
    text = text.strip()
    if not text:
        return None
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise Rejected(f"The {what} “{text}” is not a number.") from None
    if not value.is_finite() or abs(value) > limit:
        raise Rejected(f"The {what} {text} is outside -{limit} to {limit}.")
    return value.quantize(Decimal("0.000001"))
