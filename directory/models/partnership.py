import heapq
from collections import defaultdict

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import F, OuterRef, Prefetch, Q, Subquery, prefetch_related_objects
from django.db.models.functions import Greatest, Least
from django.db.models.lookups import Exact
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .base import FIRST_YEAR, YEAR_VALIDATORS, TimeStampedModel, label_of
from .citation import Citation
from .community import Community
from .source import Source
from .status import StatusChange, current_status

# "Communities with the same partners" reads at most this many partners' partnerships:
# exact for nearly every community, a fair sample for hubs with hundreds of partners.
SHARED_PARTNER_SAMPLE = 100
SHARED_PARTNER_ROWS = 500
# What a community's partner table shows.
PARTNER_TABLE_FIELDS = [
    "status",
    "domestic",
    "established_year",
    "established_on",
    "suspended_year",
    "ended_year",
    "verified_on",
]
PARTNER_FIELDS = [
    "name",
    "slug",
    "kind",
    "region",
    "country",
    "latitude",
    "longitude",
    "geonames_id",
]
CITATION_FIELDS = ["partnership", "source", "published_a", "published_b"]
HISTORY_FIELDS = ["partnership", "status", "year", "date", "reason"]

# Where a partnership stands, read from its years and its status (see state_of()).
UNSTATED = "unstated"
CURRENT = Q(ended_year__isnull=True, suspended_year__isnull=True)
STATES = {
    "active": CURRENT & ~Q(status=UNSTATED),
    "suspended": Q(ended_year__isnull=True, suspended_year__isnull=False),
    "ended": Q(ended_year__isnull=False),
    "unstated": CURRENT & Q(status=UNSTATED),
}
STATE_CHOICES = [
    ("active", _("Active")),
    ("suspended", _("Suspended")),
    ("ended", _("Ended")),
]
# Whether a partnership joins two countries' communities or one country's.
SCOPES = {"international": Q(domestic=False), "domestic": Q(domestic=True)}
SCOPE_CHOICES = [
    ("international", _("International: two countries")),
    ("domestic", _("Domestic: one country")),
]


def state_of(status, suspended_year, ended_year):
    """ended or suspended when a year says so; otherwise active, but only when a status is
    stated: a partnership whose sources state no status is "unstated", never active on
    the strength of nothing."""
    if ended_year is not None:
        return "ended"
    if suspended_year is not None:
        return "suspended"
    return "unstated" if status == UNSTATED else "active"


def same_country(community_model):
    """An expression for update(): whether a partnership's two communities are in one
    country. ``community_model`` is Community, or its historical model in a migration."""

    def country(side):
        return Subquery(community_model.objects.filter(pk=OuterRef(side)).values("country"))

    return Exact(country("community_a"), country("community_b"))


class PartnershipQuerySet(models.QuerySet):
    def involving(self, community):
        return self.filter(Q(community_a=community) | Q(community_b=community))

    def involving_any(self, communities):
        return self.filter(Q(community_a__in=communities) | Q(community_b__in=communities))

    def in_state(self, state):
        """Partnerships that are ``state``: active (which needs a stated status),
        suspended, ended or unstated (see state_of())."""
        return self.filter(STATES[state])

    def in_scope(self, scope):
        """Partnerships that are ``scope``: international or domestic."""
        return self.filter(SCOPES[scope])

    def mark_domestic(self):
        """Set ``domestic`` from the two communities' countries, in one UPDATE."""
        return self.update(domestic=same_country(Community))

    def get_by_natural_key(self, slug_a, slug_b):
        return self.get(community_a__slug=slug_a, community_b__slug=slug_b)

    def of(self, community):
        """Every partnership of ``community``, sorted by partner name, each with
        ``partner`` (the other side) and ``cited`` (its citations with their sources, each
        with ``partner_as_published`` and ``own_as_published``: the partner's name and
        ``community``'s as that source printed them, or ""), and ``steps`` (its status
        history, in order).

        Three queries, whatever the number of partners (a hub has hundreds): the
        partnerships with both sides, reading only the columns the partner table shows;
        their citations with their sources; their status histories.
        """
        sides = [*PARTNER_TABLE_FIELDS, "community_a", "community_b"]
        for side in ("community_a", "community_b"):
            sides += [f"{side}__{field}" for field in PARTNER_FIELDS]
        partnerships = list(
            self.involving(community).select_related("community_a", "community_b").only(*sides)
        )
        prefetch_related_objects(
            partnerships,
            Prefetch(
                "citations",
                Citation.objects.select_related("source").only(*CITATION_FIELDS),
                to_attr="cited",
            ),
            Prefetch(
                "status_changes",
                StatusChange.objects.only(*HISTORY_FIELDS),
                to_attr="steps",
            ),
        )
        for partnership in partnerships:
            side_b = partnership.community_a_id == community.pk
            partnership.partner = partnership.community_b if side_b else partnership.community_a
            for citation in partnership.cited:
                names = (citation.published_a, citation.published_b)
                citation.own_as_published, citation.partner_as_published = (
                    names if side_b else names[::-1]
                )
        return sorted(partnerships, key=lambda p: (p.partner.name, p.pk))


class Partnership(TimeStampedModel):
    """A sister- or friendship-city relationship, or one whose sources state neither.
    A-B and B-A are the same partnership."""

    class Status(models.TextChoices):
        SISTER = "sister", _("Sister city")
        FRIENDSHIP = "friendship", _("Friendship city")
        UNSTATED = "unstated", _("Status not stated by its source")

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
    status = models.CharField(
        max_length=20,
        choices=Status,
        default=Status.UNSTATED,
        help_text="As its sources state it; not stated when none does.",
    )
    domestic = models.BooleanField(
        _("domestic"),
        default=False,
        editable=False,
        help_text=_("Both communities are in one country. Set from their countries."),
    )
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
    suspended_year = models.PositiveSmallIntegerField(
        _("suspended since"),
        null=True,
        blank=True,
        validators=YEAR_VALIDATORS,
        help_text=_("Set by the status history: the year it was suspended, while it is."),
    )
    verified_on = models.DateField(
        _("last verified on"),
        null=True,
        blank=True,
        help_text=_("When a curator last checked this record against its sources."),
    )
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("last verified by"),
    )
    sources = models.ManyToManyField(
        Source,
        through="Citation",
        related_name="partnerships",
        help_text="The lists or documents this partnership is recorded in.",
    )
    notes = models.TextField(blank=True)

    objects = PartnershipQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        indexes = [
            models.Index(fields=["established_year", "id"], name="partnership_year_id_idx"),
            models.Index(fields=["domestic"], name="partnership_domestic_idx"),
            # The City Search's partnership filters read this index alone, never the table.
            models.Index(
                fields=[
                    "status",
                    "established_year",
                    "ended_year",
                    "suspended_year",
                    "community_a",
                    "community_b",
                ],
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
            models.CheckConstraint(
                condition=Q(suspended_year__isnull=True) | Q(ended_year__isnull=True),
                name="partnership_suspended_or_ended",
                violation_error_message=_("A partnership is either suspended or ended."),
            ),
            models.CheckConstraint(
                condition=Q(suspended_year__isnull=True)
                | Q(established_year__isnull=True)
                | Q(suspended_year__gte=F("established_year")),
                name="partnership_suspended_after_start",
                violation_error_message=_(
                    "A partnership cannot be suspended before it was established."
                ),
            ),
        ]

    def get_status_display(self):
        return label_of(self.Status, self.status)

    def __str__(self):
        return f"{self.community_a.name} – {self.community_b.name}"

    def get_absolute_url(self):
        return self.community_a.get_absolute_url()

    def natural_key(self):
        return (self.community_a.slug, self.community_b.slug)

    natural_key.dependencies = ["directory.community"]

    def save(self, *args, **kwargs):
        """Sets ``domestic`` from the two communities, unless only other fields are saved."""
        update_fields = kwargs.get("update_fields")
        if update_fields is None or {"community_a", "community_b"} & set(update_fields):
            self.domestic = self.community_a.country == self.community_b.country
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "domestic"}
        super().save(*args, **kwargs)

    @property
    def is_active(self):
        return self.state == "active"

    @property
    def state(self):
        """active, suspended, ended or unstated: see state_of()."""
        return state_of(self.status, self.suspended_year, self.ended_year)

    def status_after(self, entries):
        """A copy of this partnership as its status history ``entries`` would leave it."""
        fields = self._meta.concrete_fields
        copy = Partnership(**{field.attname: getattr(self, field.attname) for field in fields})
        copy._state.adding = self._state.adding
        for name, value in current_status(self, entries).items():
            setattr(copy, name, value)
        return copy

    def apply_status_history(self, state_removed=False):
        """Set the status, years and state that follow from the status history (see
        directory/models/status.py), and save them when they changed."""
        with transaction.atomic():
            saved = Partnership.objects.select_for_update().filter(pk=self.pk).first()
            if saved is None:  # deleted, with its history
                return
            values = current_status(saved, saved.status_changes.all(), state_removed)
            changed = [name for name, value in values.items() if getattr(saved, name) != value]
            if changed:
                for name in changed:
                    setattr(saved, name, values[name])
                saved._change_reason = "Status from its status history"
                saved.save(update_fields=[*changed, "updated"])
        for name in (*values, "updated"):
            setattr(self, name, getattr(saved, name))

    def partner_of(self, community):
        """The other side of the partnership, seen from ``community``."""
        return self.community_b if community.pk == self.community_a_id else self.community_a

    def clean(self):
        errors = {}
        if self.established_on and self.established_year is None:
            self.established_year = self.established_on.year
        if self.established_on and self.established_on.year != self.established_year:
            errors["established_on"] = (
                f"The date is in {self.established_on.year}, "
                f"but the established year is {self.established_year}."
            )
        if errors:
            raise ValidationError(errors)


def communities_sharing_partners(community, partners, limit=8):
    """[(community, [names of the partners it shares with ``community``])], the ones
    sharing the most first.

    Reads the partnerships of the first SHARED_PARTNER_SAMPLE ``partners`` only, and at
    most SHARED_PARTNER_ROWS of them, so a hub's page costs no more than anyone else's.
    """
    name_by_pk = {partner.pk: partner.name for partner in partners[:SHARED_PARTNER_SAMPLE]}
    rows = (
        Partnership.objects.involving_any(list(name_by_pk))
        .exclude(Q(community_a=community) | Q(community_b=community))
        .values_list("community_a_id", "community_b_id")[:SHARED_PARTNER_ROWS]
    )
    shared = defaultdict(list)
    for a, b in rows:
        if a in name_by_pk:
            shared[b].append(name_by_pk[a])
        if b in name_by_pk:
            shared[a].append(name_by_pk[b])
    top = heapq.nsmallest(limit, shared, key=lambda pk: (-len(shared[pk]), pk))
    others = Community.objects.only("name", "slug", "country").in_bulk(top)
    return [(others[pk], sorted(shared[pk])) for pk in top]
