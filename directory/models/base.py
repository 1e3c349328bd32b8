"""What every directory model shares: timestamps, years, slugs."""

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.text import slugify

from directory.folding import fold

# No partnership, and no event in the history of the movement, is recorded before this.
FIRST_YEAR = 1900


def validate_not_future_year(year):
    this_year = timezone.now().year
    if year is not None and year > this_year:
        raise ValidationError(
            "%(year)s is in the future. Enter a year from %(first)s to %(this)s.",
            params={"year": year, "first": FIRST_YEAR, "this": this_year},
            code="future_year",
        )


def validate_not_future_date(day):
    if day is not None and day > timezone.localdate():
        raise ValidationError("%(day)s is in the future.", params={"day": day}, code="future_date")


YEAR_VALIDATORS = [
    MinValueValidator(FIRST_YEAR, f"Enter a year from {FIRST_YEAR} onwards."),
    validate_not_future_year,
]


class TimeStampedModel(models.Model):
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class SlugQuerySet(models.QuerySet):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


# A slug fits its column (220): the name's part, a suffix's, and room for "-99999".
SLUG_NAME, SLUG_SUFFIX = 150, 60


def shortened(slug, length):
    """``slug`` cut to ``length`` at most, at a hyphen where there is one."""
    if len(slug) <= length:
        return slug
    cut = slug[:length]
    return (cut.rsplit("-", 1)[0] if "-" in cut else cut).strip("-")


def slug_candidates(name, suffixes):
    """The slugs unique_slug() tries first: the name alone, then with each suffix."""
    base = shortened(slugify(fold(name)), SLUG_NAME) or "item"
    return [base] + [
        f"{base}-{shortened(slugify(fold(suffix)), SLUG_SUFFIX)}" for suffix in suffixes if suffix
    ]


def unique_slug(name, suffixes, is_taken):
    """A slug for ``name`` that ``is_taken`` refuses: the name alone, then with each
    suffix in turn (a region, a country), then the last of those with a number."""
    candidates = slug_candidates(name, suffixes)
    for candidate in candidates:
        if not is_taken(candidate):
            return candidate
    number = 2
    while is_taken(f"{candidates[-1]}-{number}"):
        number += 1
    return f"{candidates[-1]}-{number}"


def slug_taken_in(model):
    """``is_taken`` for unique_slug(): asks the database."""
    return lambda slug: model.objects.filter(slug=slug).exists()


def label_of(choices, value):
    """What ``get_FOO_display()`` gives for ``value`` of a TextChoices field, from the
    enumeration's own lookup: Django's builds a dictionary of every choice on each call,
    which shows on pages that draw rows by the hundred."""
    try:
        return choices(value).label
    except ValueError:
        return value
