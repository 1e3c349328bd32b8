"""Reading an import file into rows to match, and rejections with their line numbers.

The file is UTF-8 CSV with a header row, in the directory's own columns (COLUMNS) or in
the Wikipedia twin-town list's (city1, country1, lat1, lng1, city2, country2, lat2, lng2).
A file that is not UTF-8, names a column twice, lacks a required column or breaks the
CSV format (a stray quote that runs on) is refused as a whole, with the line, before
anything is read into the database. A row that cannot be stored is rejected with its
reason (a name longer than the directory keeps, a control character, a bad year); the
others go on to matching. Text is trimmed, its spaces collapsed and written in Unicode's
composed form (NFC), so "Zürich" typed two ways is one name.
"""

import codecs
import csv
import datetime
import io
import re
import unicodedata
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


# The longest text a row may give, as the models keep it: a community's name and region
# (Community), the name as printed (Citation), a note.
LIMITS = {"name": 200, "printed": 300, "region": 200, "note": 2000}
# C0 and C1 control characters, NUL among them; tabs and line breaks are spaces.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


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
    rows, rejections = [], []
    for batch_rows, batch_rejections in batches(data, size=None):
        rows += batch_rows
        rejections += batch_rejections
    return rows, rejections


def batches(data, size):
    """([Row], [Rejection]) for each ``size`` records of an import file in turn (all of
    them at once when ``size`` is None); ImportFileError when the file as a whole cannot
    be read, raised before the first batch or, for a broken line, at the batch that
    holds it."""
    check_utf8(data)
    reader = csv_reader(data)
    _, first = next(records(reader), (1, []))
    header = [WIKIPEDIA_COLUMNS.get(name, name) for name in map(normalize, first)]
    twice = sorted({column for column in header if column and header.count(column) > 1})
    if twice:
        raise ImportFileError(
            f"The first line names the column{'s' if len(twice) > 1 else ''} "
            f"{', '.join(twice)} twice: each column may appear once."
        )
    missing = [column for column in REQUIRED if column not in header]
    if missing:
        raise ImportFileError(
            "The file lacks the required column"
            f"{'s' if len(missing) > 1 else ''} {', '.join(missing)}. The first line must "
            "name the columns; see the README for the format."
        )
    rows, rejections = [], []
    for line, values in records(reader):
        if not any(value.strip() for value in values):
            continue
        record = dict(zip(header, values, strict=False))
        try:
            rows.append(read_row(line, record))
        except Rejected as error:
            rejections.append(Rejection(line, str(error)))
        if size and len(rows) + len(rejections) >= size:
            yield rows, rejections
            rows, rejections = [], []
    yield rows, rejections


def check_utf8(data, chunk=1 << 20):
    """ImportFileError unless ``data`` is UTF-8 throughout; read a megabyte at a time, so
    a large file is never held twice as text."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    for start in range(0, len(data), chunk):
        try:
            decoder.decode(data[start : start + chunk], final=start + chunk >= len(data))
        except UnicodeDecodeError as error:
            raise ImportFileError(
                f"The file is not UTF-8 text (byte {start + error.start + 1} cannot be read). "
                "Save it as UTF-8 CSV and try again."
            ) from error


def check_format(data):
    """ImportFileError unless the whole file reads as UTF-8 CSV: checked before an
    import stores its first batch."""
    check_utf8(data)
    for _ in records(csv_reader(data)):
        pass


def csv_reader(data):
    return csv.reader(io.TextIOWrapper(io.BytesIO(data), encoding="utf-8-sig", newline=""))


def records(reader):
    """(the line a record starts on, its values) for each record of ``reader``."""
    while True:
        line = reader.line_num + 1
        try:
            values = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            raise ImportFileError(
                f"Line {line} breaks the CSV format ({error}); often a quotation mark that "
                "is never closed. Nothing was imported: correct the file and try again."
            ) from error
        yield line, values


def normalize(column):
    return column.strip().lower()


def text(record, column, what, limit):
    """The column's text: trimmed, spaces collapsed, in composed form; Rejected when it
    holds a control character or is longer than ``limit``."""
    value = unicodedata.normalize("NFC", " ".join(record.get(column, "").split()))
    if CONTROL.search(value):
        raise Rejected(f"The {what} holds a control character, which no name has.")
    if len(value) > limit:
        raise Rejected(f"The {what} is {len(value):,} characters long; the most is {limit}.")
    return value


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
        note=text(record, "note", "note", LIMITS["note"]),
    )


def place(record, side):
    printed = text(record, side, f"{side}'s name", LIMITS["printed"])
    if not printed:
        raise Rejected(f"The {side} has no name.")
    match = QUALIFIED.match(printed)
    name, qualifier = (match["name"], match["qualifier"].strip()) if match else (printed, "")
    if not name:
        raise Rejected(f"The {side} has no name, only “{printed}”.")
    if len(name) > LIMITS["name"]:
        raise Rejected(
            f"The {side}'s name is {len(name):,} characters long; the most is {LIMITS['name']}."
        )
    latitude = coordinate(record.get(f"{side}_latitude", ""), 90, f"{side} latitude")
    longitude = coordinate(record.get(f"{side}_longitude", ""), 180, f"{side} longitude")
    if (latitude is None) != (longitude is None):
        latitude = longitude = None  # half a position is no position
    country_text = text(record, f"{side}_country", f"{side}'s country", LIMITS["name"])
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
        region=text(record, f"{side}_region", f"{side}'s region", LIMITS["region"])
        or country.region,
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
