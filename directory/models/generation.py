import datetime

from django.db import connections, models
from django.db.models import F
from django.db.models.functions import Now
from django.utils import timezone


class GenerationQuerySet(models.QuerySet):
    def current(self):
        """(number, changed) of the directory's generation; (0, None) before the first.

        Read by every request for a public page, so in plain SQL: building the query
        through the ORM takes several times as long as the database takes to answer it.
        """
        connection = connections[self.db]
        table = connection.ops.quote_name(self.model._meta.db_table)
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT number, changed FROM {table} WHERE id = 1")
            row = cursor.fetchone()
        if row is None:
            return 0, None
        number, changed = row
        # SQLite gives the stored UTC time without its zone.
        if timezone.is_naive(changed):
            changed = timezone.make_aware(changed, datetime.UTC)
        return number, changed

    def advance(self):
        """Move to the next generation, as part of the current transaction."""
        if not self.filter(pk=1).update(number=F("number") + 1, changed=Now()):
            self.get_or_create(pk=1)


class Generation(models.Model):
    """A number that moves on with every change to the directory's records.

    The change and the new number are committed together, so anything keyed on the
    number (cached pages and fragments, ETags) is never older than the last committed
    change, in any process. One row.
    """

    number = models.PositiveBigIntegerField(default=1)
    changed = models.DateTimeField(auto_now_add=True)

    objects = GenerationQuerySet.as_manager()

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return f"generation {self.number} ({self.changed:%Y-%m-%d %H:%M:%S})"
