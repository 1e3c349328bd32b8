import functools

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import connections, models
from django.db.models import (
    Case,
    F,
    Func,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Least
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from directory.folding import fold, fold_all
from directory.search import (
    contains_every_word,
    leading_words,
    spellings,
    sqlite_trigram_match,
)

from ..addresses import with_slug
from .base import SlugQuerySet, TimeStampedModel, label_of, slug_taken_in, unique_slug


@functools.cache
def country_names(code):
    """A country's name in each of the site's languages, English first: a search in
    either language finds its communities ("germany", "alemania")."""
    names = []
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            names.append(str(countries.name(code)))
    return tuple(dict.fromkeys(names))


@functools.lru_cache(maxsize=8)
def names_of_countries(language):
    """{code: name} of every country in ``language``, for lists that name a country on
    each row (downloads, the templates' country_name()): asking django-countries for
    each row's name costs more than the rest of the row."""
    with translation.override(language):
        return {code: str(name) for code, name in countries}


# What people write for a country besides its name and its ISO code ("hastings nz").
ABBREVIATIONS = {"GB": ("uk",), "US": ("usa",), "AE": ("uae",)}


def country_abbreviations(code):
    return (code.lower(), *ABBREVIATIONS.get(code, ())) if code else ()


# Columns the application derives from other data; history does not track them.
DERIVED_FIELDS = ["search_text", "folded_name", "partner_count", "first_year"]


class CommunityQuerySet(SlugQuerySet):
    def matching(self, folded):
        """Communities whose names, region or country contain every word of ``folded``."""
        queryset = contains_every_word(self, folded)
        if connections[self.db].vendor == "sqlite":
            candidates = sqlite_trigram_match(folded)
            if candidates is not None:
                queryset = queryset.filter(pk__in=candidates)
        return queryset

    def search(self, folded):
        """matching(), with a ``rank``: 0 where one of its names, or its region or
        country, is the query exactly ("munchen" for Munich), or the name is what the
        query starts with ("paris" of "paris france"); 1 for names starting with the
        query; 2 for the rest."""
        # "st petersburg" is Saint Petersburg's name; "sankt petersburg" is one of the
        # gazetteer's names for it, a line of its search text, as the query is typed.
        names = [words for spelling in spellings(folded) for words in leading_words(spelling)]
        exact = (
            Q(folded_name__in=names)
            | Q(search_text=folded)
            | Q(search_text__startswith=f"{folded}\n")
            | Q(search_text__endswith=f"\n{folded}")
            | Q(search_text__contains=f"\n{folded}\n")
        )
        return self.matching(folded).annotate(
            rank=Case(
                When(exact, then=Value(0)),
                When(folded_name__startswith=folded, then=Value(1)),
                default=Value(2),
                output_field=IntegerField(),
            )
        )

    def partnerships_by_country(self):
        """{alpha-2 code: partnerships with an end in that country}, most first. A
        partnership counts once for each of its two countries: the sum of the partner
        counts, read from these communities alone."""
        rows = (
            self.order_by()
            .values("country")
            .annotate(total=Sum("partner_count"))
            .filter(total__gt=0)
            .order_by("-total", "country")
        )
        return {row["country"]: row["total"] for row in rows}

    def update_partner_stats(self):
        """Recount the partners and the earliest partnership year of these communities.

        One subquery per side: each is a plain index lookup, where a single
        "a = pk OR b = pk" subquery makes PostgreSQL scan the whole table. The year is
        taken as ``established_year + 0``: PostgreSQL would otherwise find a MIN by
        walking the index of years until a row of the community turns up, through every
        dated partnership for a community without one (minutes for an import's
        thousand communities among 500,000 partnerships).
        """
        from .partnership import Partnership

        def per_side(function, value):
            return [
                Subquery(
                    Partnership.objects.filter(**{side: OuterRef("pk")})
                    .order_by()
                    .annotate(value=Func(value, function=function))
                    .values("value")
                )
                for side in ("community_a", "community_b")
            ]

        counts = per_side("COUNT", F("pk"))
        first_a, first_b = per_side("MIN", F("established_year") + 0)
        return self.update(
            partner_count=counts[0] + counts[1],
            # LEAST() is NULL on SQLite when either side is: fall back to the other side.
            first_year=Least(Coalesce(first_a, first_b), Coalesce(first_b, first_a)),
        )


class PlaceStatus(models.TextChoices):
    """What checking a community against the gazetteer found (directory/gazetteer/)."""

    UNCHECKED = "unchecked", _("Not yet checked")
    LOCATED = "located", _("Found in the gazetteer")
    AMBIGUOUS = "ambiguous", _("Several places of this name")
    REGION = "region", _("A first-level region")
    NOT_FOUND = "not_found", _("Not in the gazetteer")
    CURATED = "curated", _("Settled by a curator")


class CoordinatesCheck(models.TextChoices):
    KEPT = "kept", _("Kept: near the gazetteer's place")
    REPLACED = "replaced", _("Replaced: the source's were a namesake's")
    DROPPED = "dropped", _("Dropped: the source's could not be trusted")


class Community(TimeStampedModel):
    """Any jurisdiction that can be a partner: a city, a county, a state, a country..."""

    class Kind(models.TextChoices):
        CITY = "city", _("City")
        TOWN = "town", _("Town")
        MUNICIPALITY = "municipality", _("Municipality")
        DISTRICT = "district", _("District")
        COUNTY = "county", _("County")
        DEPARTMENT = "department", _("Department")
        PROVINCE = "province", _("Province")
        STATE = "state", _("State")
        REGION = "region", _("Region")
        METROPOLITAN_AREA = "metropolitan_area", _("Metropolitan area")
        ISLAND = "island", _("Island")
        TERRITORY = "territory", _("Territory")
        COUNTRY = "country", _("Country")

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
    region_from_gazetteer = models.BooleanField(
        default=False,
        editable=False,
        help_text="The region was filled in by the gazetteer check, not given by a source "
        "or a curator: a later check may change it, and does not take it as evidence.",
    )
    alternate_names = models.TextField(
        blank=True,
        help_text="One per line: published spellings, older or local forms, transliterations.",
    )
    gazetteer_names = models.TextField(
        blank=True,
        editable=False,
        help_text="The names the gazetteer gives its place, in every language, folded, one "
        "per line: searched, not shown. The check fills them in.",
    )
    latitude = models.DecimalField(
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
        help_text="Degrees north of the equator, negative south of it (Miami: 25.7617). "
        "A point in the community, its centre or seat; for a region or country, its "
        "capital will do. Maps and distances need both coordinates.",
    )
    longitude = models.DecimalField(
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
        help_text="Degrees east of Greenwich, negative west of it (Miami: -80.1918). "
        "Clear both coordinates when the location is not known.",
    )
    website = models.URLField(blank=True)
    geonames_id = models.PositiveIntegerField(
        "GeoNames id",
        null=True,
        blank=True,
        help_text="The place in the GeoNames gazetteer (geonames.org) this community is. "
        "Two communities never share one.",
    )
    place_status = models.CharField(
        _("place check"),
        max_length=20,
        choices=PlaceStatus,
        default=PlaceStatus.UNCHECKED,
        help_text="What the check against the gazetteer found. Set it to “Settled by a "
        "curator” and the automatic check leaves this community alone.",
    )
    place_candidates = models.JSONField(
        default=list,
        blank=True,
        help_text="The gazetteer's places this community could be, when its source does not "
        "say which: GeoNames id, name, region, population.",
    )
    coordinates_check = models.CharField(
        max_length=20,
        choices=CoordinatesCheck,
        blank=True,
        help_text="What the check did to the coordinates its source gave.",
    )
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
            # A country page: its communities, most partners first.
            models.Index(
                fields=["country", "-partner_count", "name"], name="community_country_partners_idx"
            ),
            models.Index(fields=["kind"], name="community_kind_idx"),
            models.Index(fields=["folded_name"], name="community_folded_name_idx"),
            models.Index(fields=["-partner_count", "name"], name="community_partners_idx"),
            models.Index(fields=["first_year", "name"], name="community_first_year_idx"),
            models.Index(fields=["place_status"], name="community_place_status_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["geonames_id"],
                name="community_unique_geonames_id",
                violation_error_message="Another community is already this GeoNames place.",
            ),
            models.CheckConstraint(
                condition=Q(latitude__isnull=True) | Q(latitude__gte=-90, latitude__lte=90),
                name="community_latitude_range",
            ),
            models.CheckConstraint(
                condition=Q(longitude__isnull=True) | Q(longitude__gte=-180, longitude__lte=180),
                name="community_longitude_range",
            ),
        ]

    def get_kind_display(self):
        return label_of(self.Kind, self.kind)

    def __str__(self):
        if not self.country or self.country.name == self.name:
            return self.name
        return f"{self.name}, {self.country.name}"

    def clean(self):
        # Not a database constraint: records saved before this check may hold one
        # coordinate, and only a curator can tell what the other should be.
        if (self.latitude is None) != (self.longitude is None):
            missing = "longitude" if self.longitude is None else "latitude"
            raise ValidationError(
                {missing: "Enter both the latitude and the longitude, or leave both empty."}
            )

    def save(self, *args, **kwargs):
        self.fill_derived_fields()
        super().save(*args, **kwargs)

    def fill_derived_fields(self, is_slug_taken=None):
        """Set what is derived from the names: tidy alternate names, the folded name, the
        search text and, for a new community, a unique slug.

        save() calls this; generate_directory calls it on communities it inserts in bulk,
        with ``is_slug_taken`` checking a set instead of the database. Partner counts
        are kept by CommunityQuerySet.update_partner_stats().
        """
        self.alternate_names = "\n".join(self.alternate_name_list)
        # Folding can lengthen a name ("東京" is "dong jing"); the start ranks it as well.
        self.folded_name = fold(self.name)[: Community._meta.get_field("folded_name").max_length]
        english, *others = country_names(self.country.code) if self.country else ("",)
        self.search_text = fold_all(
            self.name,
            *self.alternate_name_list,
            *self.gazetteer_names.splitlines(),
            self.region,
            english,
            *others,
            *country_abbreviations(self.country.code if self.country else ""),
        )
        if not self.slug:
            self.slug = unique_slug(
                self.name, self.slug_suffixes, is_slug_taken or slug_taken_in(Community)
            )

    @property
    def slug_suffixes(self):
        """What tells apart communities of one name in their slugs: region, country."""
        return (self.region, country_names(self.country.code)[0] if self.country else "")

    def get_absolute_url(self):
        return with_slug("directory:community-detail", self.slug)

    def natural_key(self):
        return (self.slug,)

    @property
    def candidate_names(self):
        """The places an ambiguous community could be: "Portland, Oregon"."""
        return [
            ", ".join(filter(None, [place["name"], place.get("region")]))
            for place in self.place_candidates
        ]

    @property
    def geonames_url(self):
        return f"https://www.geonames.org/{self.geonames_id}/" if self.geonames_id else ""

    @property
    def alternate_name_list(self):
        return [line.strip() for line in self.alternate_names.splitlines() if line.strip()]
