from django.db import models
from django.db.models import F
from django.db.models.functions import Now


class GenerationQuerySet(models.QuerySet):
    def current(self):
        """(number, changed) of the directory's generation; (0, None) before the first."""
        return self.filter(pk=1).values_list("number", "changed").first() or (0, None)

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
