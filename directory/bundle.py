"""The whole directory in one file, and back: ``export_directory`` and ``restore_directory``.

A bundle is one JSON document::

    {"format": "sistercities-bundle", "version": 1, "exported": "2025-06-01T12:00:00+00:00",
     "counts": {"directory.source": 3, ...}, "records": [
    {"model": "directory.source", "pk": 1, "fields": {...}},
    ...
    ]}

The records are Django's serializer output ("python" format, as ``dumpdata`` writes),
model after model so that a record follows those it refers to, one record per line: the
export writes a chunk of rows at a time and the restore reads a line at a time, so memory
stays flat whatever the size of the directory.

Records keep their primary keys and refer to each other by them, not by natural keys: a
restored directory has the same ids, so links to admin pages stay valid, and a restore
needs no lookup per reference. Columns derived from others (search text, folded names,
partner counts) are left out and computed again on restore. The addresses of merged
communities go with them, so old links still answer after a restore. The change history
of each record, the admin's users, pending imports, correction reports (with their
reporters' addresses) and the rate limits' counts are not part of a bundle: a partnership
keeps who verified it only when that user's account exists where it is restored (the
date it was verified is always kept).
"""

import datetime
import itertools
import json

from django.contrib.auth import get_user_model
from django.core import serializers
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.core.management.color import no_style
from django.core.serializers.base import DeserializationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import DatabaseError, connection, transaction

from .models import (
    Citation,
    Community,
    CommunityRedirect,
    Generation,
    HistoryEvent,
    Listing,
    Organization,
    Partnership,
    Question,
    Source,
    StatusChange,
)
from .models.community import DERIVED_FIELDS

FORMAT = "sistercities-bundle"
VERSION = 1
CHUNK = 2000
# In this order, each model's references point to models before it.
MODELS = [
    Source,
    Community,
    CommunityRedirect,
    Partnership,
    Citation,
    StatusChange,
    Organization,
    Listing,
    Question,
    HistoryEvent,
]
LINKS = Organization.partnerships.through
DERIVED = {Community: DERIVED_FIELDS, Organization: ["search_text"]}
RECORDS_OPEN = ', "records": ['
RECORDS_CLOSE = "]}"


class Encoder(DjangoJSONEncoder):
    """Django's encoder, but keeping times to the microsecond, as the database does."""

    def default(self, o):
        if isinstance(o, datetime.datetime | datetime.time):
            return o.isoformat()
        return super().default(o)


class BundleError(Exception):
    """A file that is not a bundle this code can restore, or a directory that cannot
    take it; the message says which."""


def label(model):
    return model._meta.label_lower


def exported_fields(model):
    derived = DERIVED.get(model, [])
    return [
        field.name
        for field in model._meta.get_fields()
        if field.concrete and not field.primary_key and field.name not in derived
    ]


def export(stream):
    """Write every directory record to ``stream`` (text); return the counts.

    One transaction, repeatable-read on PostgreSQL, so that the counts and the records
    are one consistent snapshot while curators keep working.
    """
    outermost = not connection.in_atomic_block
    with transaction.atomic():
        if connection.vendor == "postgresql" and outermost:
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        counts = {label(model): model._default_manager.count() for model in MODELS}
        header = {
            "format": FORMAT,
            "version": VERSION,
            "exported": datetime.datetime.now(datetime.UTC).isoformat(),
            "counts": counts,
        }
        stream.write(json.dumps(header)[:-1] + RECORDS_OPEN)
        separator = "\n"
        for model in MODELS:
            for record in serialized(model):
                stream.write(separator + json.dumps(record, cls=Encoder))
                separator = ",\n"
        stream.write("\n" + RECORDS_CLOSE + "\n")
    return counts


def serialized(model):
    """The records of ``model`` as the "python" serializer gives them, a chunk at a time."""
    queryset = model._default_manager.order_by("pk")
    if model is Organization:
        queryset = queryset.prefetch_related("partnerships")
    rows = queryset.iterator(chunk_size=CHUNK)
    serializer = serializers.get_serializer("python")()
    fields = exported_fields(model)
    while chunk := list(itertools.islice(rows, CHUNK)):
        yield from serializer.serialize(chunk, fields=fields)


def read(stream):
    """(header, records): the header checked, the records read one line at a time."""
    try:
        first = stream.readline()
        if not first.rstrip("\n").endswith(RECORDS_OPEN):
            raise ValueError("no records")
        header = json.loads(first.rstrip("\n")[: -len(RECORDS_OPEN)] + "}")
    except UnicodeDecodeError as error:
        raise BundleError(
            "This file is not UTF-8 text: it is not a bundle export_directory wrote, or it "
            "was changed since."
        ) from error
    except ValueError as error:
        raise BundleError(
            f"This file is not a directory bundle written by export_directory ({error})."
        ) from error
    if not isinstance(header, dict) or header.get("format") != FORMAT:
        raise BundleError(f'This file is not a directory bundle (its format is not "{FORMAT}").')
    if header.get("version") != VERSION:
        raise BundleError(
            f"This bundle is of version {header.get('version')!r}; this code reads "
            f"version {VERSION} only."
        )
    return header, records(stream)


def records(stream):
    number = 1
    try:
        for number, line in enumerate(stream, start=2):
            line = line.strip()
            if line == RECORDS_CLOSE:
                return
            try:
                yield json.loads(line.removesuffix(","))
            except ValueError as error:
                raise BundleError(
                    f"Line {number} of the bundle is not a record ({error})."
                ) from error
    except UnicodeDecodeError as error:
        raise BundleError(
            f"Line {number + 1} of the bundle is not UTF-8 text: it is not a bundle "
            "export_directory wrote, or it was changed since."
        ) from error  # beyond the part of the file read with the first line
    raise BundleError("The bundle ends before its last record: the file is cut short.")


def restore(stream):
    """Load a bundle into an empty directory, in one transaction; return the counts.

    Rows are inserted as they are, timestamps included, a batch at a time and without
    signals; then the derived columns are filled, the partner counts recounted and the
    generation moved on, in the same transaction. Anything wrong leaves the directory
    empty.
    """
    header, rows = read(stream)
    try:
        with transaction.atomic():
            held = {label(model): model._default_manager.count() for model in MODELS}
            if any(held.values()):
                listed = ", ".join(f"{n} {name}" for name, n in held.items() if n)
                raise BundleError(
                    f"The directory is not empty (it holds {listed}): a bundle is restored "
                    "into an empty directory only, such as a new database after migrate."
                )
            counts = load(serializers.deserialize("python", rows))
            if counts != header.get("counts"):
                raise BundleError(
                    f"The bundle's header counts {header.get('counts')}, but it holds {counts}."
                )
            # As loaddata does: references checked now, not at commit.
            connection.check_constraints(
                table_names=[model._meta.db_table for model in (*MODELS, LINKS)]
            )
            with connection.cursor() as cursor:
                for sql in connection.ops.sequence_reset_sql(no_style(), MODELS):
                    cursor.execute(sql)
            Community.objects.update_partner_stats()
            Generation.objects.advance()
    except (
        DeserializationError,
        DatabaseError,
        FieldDoesNotExist,
        ValidationError,
        KeyError,
        TypeError,
    ) as error:
        raise BundleError(f"The bundle could not be restored: {error}") from error
    return counts


def load(objects):
    """Insert deserialized objects a batch at a time; return the count per model."""
    counts = {label(model): 0 for model in MODELS}
    users = set(get_user_model()._default_manager.values_list("pk", flat=True))
    for model, group in itertools.groupby(objects, key=lambda o: type(o.object)):
        if model not in MODELS:
            raise BundleError(f"The bundle holds {label(model)} records, which it may not.")
        while batch := list(itertools.islice(group, CHUNK)):
            for item in batch:
                if model in DERIVED:
                    item.object.fill_derived_fields()
                if model is Partnership and item.object.verified_by_id not in users:
                    item.object.verified_by_id = None
            insert(model, [item.object for item in batch])
            counts[label(model)] += len(batch)
            LINKS.objects.bulk_create(
                LINKS(organization_id=item.object.pk, partnership_id=pk)
                for item in batch
                for pk in item.m2m_data.get("partnerships", [])
            )
    return counts


def insert(model, objects):
    """INSERT the objects as they are: raw, so that no timestamp is set anew."""
    fields = model._meta.local_concrete_fields
    size = connection.ops.bulk_batch_size(fields, objects) or len(objects)
    for start in range(0, len(objects), size):
        model._base_manager._insert(objects[start : start + size], fields=fields, raw=True)
