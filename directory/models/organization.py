from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from directory.folding import fold_all
from directory.translation import SPANISH_HELP

from ..addresses import with_slug
from .base import SlugQuerySet, TimeStampedModel, slug_taken_in, unique_slug
from .community import Community
from .partnership import Partnership
from .source import source_field


class Organization(TimeStampedModel):
    """A sister-city organization or program; the Membership Directory lists these."""

    class Kind(models.TextChoices):
        NONPROFIT = "nonprofit", _("Nonprofit organization")
        MUNICIPAL = "municipal", _("Municipal office or program")
        CHAMBER = "chamber", _("Chamber of commerce")
        INSTITUTION = "institution", _("Institution")
        INTERNATIONAL_PARTNER = "international_partner", _("International partner")
        OTHER = "other", _("Other")

    class Membership(models.TextChoices):
        MEMBER = "member", _("Member")
        GLOBAL_MEMBER = "global_member", _("Global member")
        NOT_MEMBER = "not_member", _("Not a member")
        __empty__ = _("Not recorded")

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
    description_es = models.TextField(
        _("description in Spanish"), blank=True, help_text=SPANISH_HELP
    )
    source = source_field("organizations", "Where the description and contacts come from.")
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

    TRANSLATED_FIELDS = {"description": "description_es"}

    class Meta:
        ordering = ["name"]
        indexes = [
            models.Index(fields=["kind"], name="organization_kind_idx"),
            models.Index(fields=["membership"], name="organization_membership_idx"),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.fill_derived_fields()
        super().save(*args, **kwargs)

    def fill_derived_fields(self, is_slug_taken=None):
        """The search text and, for a new organization, a unique slug; as for
        Community.fill_derived_fields()."""
        self.search_text = fold_all(self.name, self.run_by)
        if not self.slug:
            self.slug = unique_slug(self.name, (), is_slug_taken or slug_taken_in(Organization))

    def get_absolute_url(self):
        return with_slug("directory:organization-detail", self.slug)

    def natural_key(self):
        return (self.slug,)
