from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import connections, models
from django.db.models import F, Func, OuterRef, Q, Subquery
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce, Greatest, Least
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from .search import contains_every_word, fold, fold_all

FIRST_YEAR = 1900

SQLITE_FTS_MATCH = (
    "SELECT rowid FROM directory_community_fts WHERE directory_community_fts MATCH %s"
)

# Columns the application derives from other data; history does not track them.
DERIVED_FIELDS = ["search_text", "folded_name", "partner_count", "first_year"]


def validate_not_future_year(year):
    this_year = timezone.now().year
    if year is not None and year > this_year:
        raise ValidationError(
            "%(year)s is in the future. Enter a year from %(first)s to %(this)s.",
            params={"year": year, "first": FIRST_YEAR, "this": this_year},
            code="future_year",
        )


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


def unique_slug(model, name, *suffixes):
    """A slug for ``name`` not yet used by ``model``, adding suffixes then numbers."""
    base = slugify(fold(name)) or "item"
    candidates = [base] + [f"{base}-{slugify(fold(s))}" for s in suffixes if s]
    for candidate in candidates:
        if not model.objects.filter(slug=candidate).exists():
            return candidate
    number = 2
    while model.objects.filter(slug=f"{candidates[-1]}-{number}").exists():
        number += 1
    return f"{candidates[-1]}-{number}"


class Source(TimeStampedModel):
    """A published list or document that partnerships are taken from."""

    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
    publisher = models.CharField(max_length=200, blank=True)
    url = models.URLField("address", blank=True)
    description = models.TextField(blank=True)

    objects = SlugQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.slug,)


class CommunityQuerySet(SlugQuerySet):
    def matching(self, text):
        """Communities whose names, region or country contain every word of ``text``."""
        queryset = contains_every_word(self, text)
        long_words = [word for word in fold(text).split() if len(word) >= 3]
        if long_words and connections[self.db].vendor == "sqlite":
            # Narrow through the FTS5 trigram index (migration 0003) instead of
            # scanning every row; PostgreSQL's trigram index serves LIKE itself.
            match = " AND ".join(f'"{word}"' for word in long_words)
            queryset = queryset.filter(pk__in=RawSQL(SQLITE_FTS_MATCH, [match]))
        return queryset


class Community(TimeStampedModel):
    """Any jurisdiction that can be a partner: a city, a county, a state, a country..."""

    class Kind(models.TextChoices):
        CITY = "city", "City"
        TOWN = "town", "Town"
        MUNICIPALITY = "municipality", "Municipality"
        DISTRICT = "district", "District"
        COUNTY = "county", "County"
        DEPARTMENT = "department", "Department"
        PROVINCE = "province", "Province"
        STATE = "state", "State"
        REGION = "region", "Region"
        METROPOLITAN_AREA = "metropolitan_area", "Metropolitan area"
        ISLAND = "island", "Island"
        TERRITORY = "territory", "Territory"
        COUNTRY = "country", "Country"

    name = models.CharField(max_length=200, help_text="The correct, current name.")
    slug = models.SlugField(
        max_length=220, unique=True, help_text="Used in the page address; keep it stable."
    )
    kind = models.CharField(max_length=20, choices=Kind, default=Kind.CITY)
    country = CountryField(
        help_text="The country, or the territory's own code (Cayman Islands: KY)."
    )
    region = models.CharField(
        "state or region",
        max_length=200,
        blank=True,
        help_text="State, province or region within the country, where known.",
    )
    alternate_names = models.TextField(
        blank=True,
        help_text="One per line: published spellings, older or local forms, transliterations.",
    )
    latitude = models.DecimalField(
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    website = models.URLField(blank=True)
    search_text = models.TextField(
        editable=False,
        help_text="Folded names, region and country, one per line, kept for searching.",
    )
    folded_name = models.CharField(
        max_length=200, editable=False, help_text="The name, folded, for ranking matches."
    )
    partner_count = models.PositiveIntegerField(
        default=0, editable=False, help_text="Number of partnerships, kept up to date."
    )
    first_year = models.PositiveSmallIntegerField(
        null=True, editable=False, help_text="Year of its earliest recorded partnership."
    )

    objects = CommunityQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=DERIVED_FIELDS)

    class Meta:
        ordering = ["name", "country"]
        verbose_name_plural = "communities"
        indexes = [
            models.Index(fields=["name"], name="community_name_idx"),
            # Walks a country's communities in name order: page one needs no sort.
            models.Index(fields=["country", "name", "id"], name="community_country_name_idx"),
            models.Index(fields=["kind"], name="community_kind_idx"),
            models.Index(fields=["folded_name"], name="community_folded_name_idx"),
            models.Index(fields=["-partner_count", "name"], name="community_partners_idx"),
            models.Index(fields=["first_year", "name"], name="community_first_year_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(latitude__isnull=True) | Q(latitude__gte=-90, latitude__lte=90),
                name="community_latitude_range",
            ),
            models.CheckConstraint(
                condition=Q(longitude__isnull=True) | Q(longitude__gte=-180, longitude__lte=180),
                name="community_longitude_range",
            ),
        ]

    def __str__(self):
        if not self.country or self.country.name == self.name:
            return self.name
        return f"{self.name}, {self.country.name}"

    def save(self, *args, **kwargs):
        self.alternate_names = "\n".join(self.alternate_name_list)
        self.folded_name = fold(self.name)
        self.search_text = fold_all(
            self.name, *self.alternate_name_list, self.region, self.country.name
        )
        if not self.slug:
            self.slug = unique_slug(Community, self.name, self.region, self.country.name)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("directory:community-detail", args=[self.slug])

    def natural_key(self):
        return (self.slug,)

    @property
    def alternate_name_list(self):
        return [line.strip() for line in self.alternate_names.splitlines() if line.strip()]


class PartnershipQuerySet(models.QuerySet):
    def involving(self, community):
        return self.filter(Q(community_a=community) | Q(community_b=community))

    def involving_any(self, communities):
        return self.filter(Q(community_a__in=communities) | Q(community_b__in=communities))

    def active(self):
        return self.filter(ended_year__isnull=True)

    def get_by_natural_key(self, slug_a, slug_b):
        return self.get(community_a__slug=slug_a, community_b__slug=slug_b)


class Partnership(TimeStampedModel):
    """A sister- or friendship-city relationship. A-B and B-A are the same partnership."""

    class Status(models.TextChoices):
        SISTER = "sister", "Sister city"
        FRIENDSHIP = "friendship", "Friendship city"

    community_a = models.ForeignKey(
        Community,
        on_delete=models.PROTECT,
        related_name="partnerships_as_a",
        verbose_name="community",
    )
    community_b = models.ForeignKey(
        Community,
        on_delete=models.PROTECT,
        related_name="partnerships_as_b",
        verbose_name="partner community",
    )
    status = models.CharField(max_length=20, choices=Status, default=Status.SISTER)
    established_year = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=YEAR_VALIDATORS,
        help_text="Leave empty when the year is not recorded.",
    )
    established_on = models.DateField(
        "established on",
        null=True,
        blank=True,
        help_text="The exact date, only where a source gives one.",
    )
    ended_year = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=YEAR_VALIDATORS,
        help_text="Leave empty while the partnership is active.",
    )
    source = models.ForeignKey(
        Source,
        on_delete=models.PROTECT,
        related_name="partnerships",
        help_text="The list or document this partnership is recorded in.",
    )
    notes = models.TextField(blank=True)

    objects = PartnershipQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["community_a__name", "community_b__name"]
        indexes = [
            models.Index(fields=["established_year", "id"], name="partnership_year_id_idx"),
            # The City Search's partnership filters read this index alone, never the table.
            models.Index(
                fields=["status", "established_year", "ended_year", "community_a", "community_b"],
                name="partnership_filters_idx",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(community_a=F("community_b")),
                name="partnership_not_self",
                violation_error_message="A community cannot be its own partner.",
            ),
            models.UniqueConstraint(
                Least("community_a", "community_b"),
                Greatest("community_a", "community_b"),
                name="partnership_unique_pair",
                violation_error_message=(
                    "These two communities already have a partnership (in one order or the other)."
                ),
            ),
            models.CheckConstraint(
                condition=Q(established_year__isnull=True) | Q(established_year__gte=FIRST_YEAR),
                name="partnership_established_year_range",
                violation_error_message=f"Enter an established year from {FIRST_YEAR} onwards.",
            ),
            models.CheckConstraint(
                condition=Q(ended_year__isnull=True)
                | Q(established_year__isnull=True)
                | Q(ended_year__gte=F("established_year")),
                name="partnership_ends_after_start",
                violation_error_message="A partnership cannot end before it was established.",
            ),
        ]

    def __str__(self):
        return f"{self.community_a.name} – {self.community_b.name}"

    def get_absolute_url(self):
        return self.community_a.get_absolute_url()

    def natural_key(self):
        return (self.community_a.slug, self.community_b.slug)

    natural_key.dependencies = ["directory.community", "directory.source"]

    @property
    def is_active(self):
        return self.ended_year is None

    def partner_of(self, community):
        """The other side of the partnership, seen from ``community``."""
        return self.community_b if community.pk == self.community_a_id else self.community_a

    def clean(self):
        errors = {}
        a = self.community_a if self.community_a_id else None
        b = self.community_b if self.community_b_id else None
        if a and b and a.pk != b.pk and a.country == b.country:
            errors["community_b"] = (
                f"Both communities are in {a.country.name}. "
                "A partnership joins communities in two different countries."
            )
        if self.established_on and self.established_year is None:
            self.established_year = self.established_on.year
        if self.established_on and self.established_on.year != self.established_year:
            errors["established_on"] = (
                f"The date is in {self.established_on.year}, "
                f"but the established year is {self.established_year}."
            )
        if errors:
            raise ValidationError(errors)


class Organization(TimeStampedModel):
    """A sister-city organization or program; the Membership Directory lists these."""

    class Kind(models.TextChoices):
        NONPROFIT = "nonprofit", "Nonprofit organization"
        MUNICIPAL = "municipal", "Municipal office or program"
        CHAMBER = "chamber", "Chamber of commerce"
        INSTITUTION = "institution", "Institution"
        INTERNATIONAL_PARTNER = "international_partner", "International partner"
        OTHER = "other", "Other"

    class Membership(models.TextChoices):
        MEMBER = "member", "Member"
        GLOBAL_MEMBER = "global_member", "Global member"
        NOT_MEMBER = "not_member", "Not a member"
        __empty__ = "Not recorded"

    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=220, unique=True)
    kind = models.CharField(max_length=30, choices=Kind, default=Kind.NONPROFIT)
    home_community = models.ForeignKey(
        Community,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="organizations",
        help_text="Where the organization is based.",
    )
    run_by = models.CharField(
        max_length=200,
        blank=True,
        help_text="The office or body that runs it, if not the organization itself.",
    )
    description = models.TextField(blank=True)
    partnerships = models.ManyToManyField(
        Partnership,
        blank=True,
        related_name="organizations",
        help_text="The partnerships this organization runs.",
    )
    membership = models.CharField(
        "Sister Cities International membership",
        max_length=20,
        choices=Membership,
        blank=True,
    )
    contact_name = models.CharField("contact person", max_length=200, blank=True)
    contact_title = models.CharField("contact's title", max_length=200, blank=True)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=50, blank=True)
    postal_address = models.TextField(blank=True)
    website = models.URLField(blank=True)
    search_text = models.TextField(editable=False)

    objects = SlugQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=[partnerships], excluded_fields=["search_text"])

    class Meta:
        ordering = ["name"]
        indexes = [
            models.Index(fields=["kind"], name="organization_kind_idx"),
            models.Index(fields=["membership"], name="organization_membership_idx"),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.search_text = fold_all(self.name, self.run_by)
        if not self.slug:
            self.slug = unique_slug(Organization, self.name)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("directory:organization-detail", args=[self.slug])

    def natural_key(self):
        return (self.slug,)


class QuestionQuerySet(models.QuerySet):
    def published(self):
        return self.filter(published=True)


class Question(TimeStampedModel):
    """A question and answer on the FAQ page."""

    question = models.CharField(max_length=300)
    answer = models.TextField(
        help_text=(
            "Paragraphs separated by a blank line. Simple HTML is allowed: "
            "<strong>, <em>, <a href>, <ul>, <ol>, <li>; anything else is removed."
        )
    )
    position = models.PositiveSmallIntegerField(
        default=0, help_text="Questions are shown from the lowest number up."
    )
    published = models.BooleanField(default=True)

    objects = QuestionQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self):
        return self.question

    def get_absolute_url(self):
        return reverse("directory:faq") + f"#question-{self.pk}"


class HistoryEvent(TimeStampedModel):
    """A dated event on the history page's timeline."""

    year = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1800), validate_not_future_year]
    )
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["year", "pk"]

    def __str__(self):
        return f"{self.year}: {self.title}"

    def get_absolute_url(self):
        return reverse("directory:history") + f"#event-{self.pk}"


def refresh_partner_stats(community_ids=None):
    """Recount partners and the earliest year for the given communities (default: all)."""

    def per_side(function, field):
        # One subquery per side: each is a plain index lookup, where a single
        # "a = pk OR b = pk" subquery makes PostgreSQL scan the whole table.
        return [
            Subquery(
                Partnership.objects.filter(**{side: OuterRef("pk")})
                .order_by()
                .annotate(value=Func(field, function=function))
                .values("value")
            )
            for side in ("community_a", "community_b")
        ]

    counts = per_side("COUNT", "pk")
    first_a, first_b = per_side("MIN", "established_year")
    communities = Community.objects.all()
    if community_ids is not None:
        communities = communities.filter(pk__in=community_ids)
    communities.update(
        partner_count=counts[0] + counts[1],
        # LEAST() is NULL on SQLite when either side is: fall back to the other side.
        first_year=Least(Coalesce(first_a, first_b), Coalesce(first_b, first_a)),
    )


@receiver(pre_save, sender=Partnership)
def remember_communities(sender, instance, raw=False, **kwargs):
    instance._previous_communities = set(
        Partnership.objects.filter(pk=instance.pk)
        .values_list("community_a_id", "community_b_id")
        .first()
        or ()
    )


@receiver(post_save, sender=Partnership)
@receiver(post_delete, sender=Partnership)
def update_partner_stats(sender, instance, **kwargs):
    previous = getattr(instance, "_previous_communities", set())
    refresh_partner_stats(previous | {instance.community_a_id, instance.community_b_id})
