"""Communities looking for new partners: a listing says what a community offers and
seeks. A listing is open until it is closed, or until it has gone unconfirmed for
LISTING_LIFETIME_DAYS."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from directory.translation import SPANISH_HELP

from ..addresses import address
from .base import TimeStampedModel
from .community import Community
from .organization import Organization


class Interest(models.TextChoices):
    TRADE = "trade", _("Trade")
    EDUCATION = "education", _("Education")
    CULTURE = "culture", _("Culture")
    YOUTH_EXCHANGE = "youth_exchange", _("Youth exchange")
    TOURISM = "tourism", _("Tourism")
    SPORT = "sport", _("Sport")
    ENVIRONMENT = "environment", _("Environment")
    HEALTH = "health", _("Health")
    TECHNOLOGY = "technology", _("Technology")
    MUNICIPAL_COOPERATION = "municipal_cooperation", _("Municipal cooperation")


class WorldRegion(models.TextChoices):
    AFRICA = "africa", _("Africa")
    ASIA = "asia", _("Asia")
    EUROPE = "europe", _("Europe")
    LATIN_AMERICA = "latin_america", _("Latin America and the Caribbean")
    NORTH_AMERICA = "north_america", _("North America")
    OCEANIA = "oceania", _("Oceania")
    MIDDLE_EAST = "middle_east", _("Middle East")


def choice_list_validator(choices):
    """A validator for a JSON list whose items are all values of ``choices``."""

    def validate(value):
        if not isinstance(value, list) or any(item not in choices.values for item in value):
            raise ValidationError(_("Choose only from the listed options."), code="invalid_choice")

    return validate


def validate_interests(value):
    choice_list_validator(Interest)(value)


def validate_regions(value):
    choice_list_validator(WorldRegion)(value)


def lifetime_start():
    """The earliest confirmation date of an open listing."""
    return timezone.localdate() - datetime.timedelta(days=settings.LISTING_LIFETIME_DAYS)


class ListingQuerySet(models.QuerySet):
    def open(self):
        return self.filter(closed_on__isnull=True, confirmed_on__gte=lifetime_start())

    def expired(self):
        return self.filter(closed_on__isnull=True, confirmed_on__lt=lifetime_start())

    def closed(self):
        return self.filter(closed_on__isnull=False)

    def with_interest(self, interest):
        # The JSON text of the list holds each value in quotes: a match on the quoted
        # value, on SQLite and PostgreSQL alike.
        return self.filter(interests__icontains=f'"{interest}"')

    def with_region(self, region):
        return self.filter(preferred_regions__icontains=f'"{region}"')

    def in_or_seeking_country(self, code):
        """Listings of communities in ``code``, or preferring partners there."""
        return self.filter(Q(community__country=code) | Q(preferred_countries__contains=code))


class Listing(TimeStampedModel):
    """A community looking for new partners."""

    community = models.ForeignKey(
        Community,
        on_delete=models.CASCADE,
        related_name="listings",
        verbose_name=_("community"),
    )
    interests = models.JSONField(
        _("interests"),
        default=list,
        validators=[validate_interests],
        help_text=_("What a partnership would be about."),
    )
    offers = models.TextField(_("offers"), help_text=_("What the community brings."))
    seeks = models.TextField(_("seeks"), help_text=_("What it hopes to find in a partner."))
    offers_es = models.TextField(_("offers in Spanish"), blank=True, help_text=SPANISH_HELP)
    seeks_es = models.TextField(_("seeks in Spanish"), blank=True, help_text=SPANISH_HELP)
    preferred_countries = CountryField(
        _("preferred countries"),
        multiple=True,
        blank=True,
        help_text=_("Countries where it would like a partner, if any."),
    )
    preferred_regions = models.JSONField(
        _("preferred regions"),
        default=list,
        blank=True,
        validators=[validate_regions],
        help_text=_("Parts of the world where it would like a partner, if any."),
    )
    contact = models.ForeignKey(
        Organization,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="listings",
        verbose_name=_("contact organization"),
        help_text=_("The organization to write to about this listing."),
    )
    confirmed_on = models.DateField(
        _("last confirmed on"),
        default=timezone.localdate,
        help_text=_("The day the community last said it is still looking."),
    )
    closed_on = models.DateField(
        _("closed on"),
        null=True,
        blank=True,
        help_text=_("Set when the community no longer looks; the listing leaves the site."),
    )

    objects = ListingQuerySet.as_manager()
    history = HistoricalRecords()

    TRANSLATED_FIELDS = {"offers": "offers_es", "seeks": "seeks_es"}

    class Meta:
        ordering = ["-confirmed_on", "pk"]
        verbose_name = _("listing")
        verbose_name_plural = _("listings")
        indexes = [models.Index(fields=["closed_on", "confirmed_on"], name="listing_open_idx")]

    def __str__(self):
        return str(self.community)

    def get_absolute_url(self):
        return address("directory:seeking") + f"#listing-{self.pk}"

    def get_interests_display(self):
        return [Interest(value).label for value in self.interests if value in Interest.values]

    def get_preferred_regions_display(self):
        return [
            WorldRegion(value).label for value in self.preferred_regions if value in WorldRegion
        ]
