from django.db import models


class Count(models.Model):
    """A counter that every web worker shares (directory/counting.py): how many times a
    key (a limit, a client address, a window of time) has been counted, until
    ``expires``. Used when the site has no Redis."""

    key = models.CharField(max_length=200, primary_key=True)
    count = models.PositiveIntegerField(default=0)
    expires = models.DateTimeField(db_index=True)

    def __str__(self):
        return f"{self.key}: {self.count}"
