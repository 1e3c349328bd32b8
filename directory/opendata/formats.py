"""Streamed CSV and JSON: rows are written as the database yields them, so a download of
any size takes the same memory.

CSV cells that a spreadsheet would read as a formula (starting with =, +, -, @, a tab or a
carriage return) are prefixed with a single quote (OWASP, "CSV Injection"). Only text is
changed: numbers such as a negative longitude are written as they are. JSON is left as
it is: it is not opened by spreadsheets.
"""

import csv
import json
from decimal import Decimal

from django.core.serializers.json import DjangoJSONEncoder
from django.http import StreamingHttpResponse

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Rows per database round trip: enough to keep the round trips few, small enough that
# a worker's memory does not grow with the download.
CHUNK_SIZE = 2000
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
}


def spreadsheet_safe(value):
    """``value`` as a CSV cell that no spreadsheet runs as a formula."""
    if value is None:
        return ""
    if value is True or value is False:
        return "true" if value else "false"
    if type(value) is list:
        value = "; ".join(str(item) for item in value)
    if type(value) is str and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class Echo:
    """A file that hands back what is written to it, for csv.writer."""

    def write(self, value):
        return value


def csv_lines(columns, rows):
    writer = csv.writer(Echo())
    yield writer.writerow(columns)
    for row in rows:
        yield writer.writerow([spreadsheet_safe(row[column]) for column in columns])


class DecimalAsNumber(DjangoJSONEncoder):
    """Coordinates as JSON numbers, not the strings DjangoJSONEncoder makes of Decimals."""

    def default(self, o):
        if isinstance(o, Decimal):
            return float(o)
        return super().default(o)


def json_lines(rows):
    """A JSON array of objects, one line each."""
    encoder = DecimalAsNumber(ensure_ascii=False)
    separator = "[\n"
    for row in rows:
        yield separator + encoder.encode(row)
        separator = ",\n"
    yield "[]\n" if separator == "[\n" else "\n]\n"


def lines(fmt, columns, rows):
    """The text of ``rows`` (dicts with ``columns``) as CSV or JSON, a line at a time."""
    return csv_lines(columns, rows) if fmt == "csv" else json_lines(rows)


def download(fmt, columns, rows, filename):
    """A streamed response of ``rows`` (dicts with ``columns``) as CSV or JSON, saved as
    ``filename``.``fmt``."""
    response = StreamingHttpResponse(lines(fmt, columns, rows), content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response


def dumps(value):
    return json.dumps(value, cls=DecimalAsNumber, ensure_ascii=False)
