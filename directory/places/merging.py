"""Merging two records of one place, and splitting one record of several places.

Both are recorded edits: every record they change or delete gets the reason in its
history, with the curator as the history's user, and the merged community's address
redirects to the one kept (CommunityRedirect). Partner counts are recounted and the
directory's generation moves on, in the same transaction.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.text import Truncator

from directory.models import (
    Community,
    CommunityRedirect,
    Generation,
    Partnership,
    PlaceStatus,
)
from directory.models.base import unique_slug

# What a partnership states, in the order a merge compares them.
FACTS = ["status", "established_year", "established_on", "suspended_year", "ended_year"]
# What the kept community takes from the merged one when it has none of its own.
COORDINATES = ("latitude", "longitude", "coordinates_check")
BLANK_FIELDS = ("region", "website")


def recorded(obj, reason, user):
    """Mark ``obj``'s next save or delete with ``reason`` and ``user`` in its history;
    a reason naming two long names is cut to what the history keeps."""
    limit = obj.history.model._meta.get_field("history_change_reason").max_length
    obj._change_reason = Truncator(reason).chars(limit)
    if user is not None:
        obj._history_user = user
    return obj


def locked(*communities):
    """The communities read again, their rows locked, in the order given."""
    rows = Community.objects.select_for_update().in_bulk([c.pk for c in communities])
    return [rows[c.pk] for c in communities]


def side(partnership, community):
    """ "community_a" or "community_b": where ``community`` is in ``partnership``."""
    return "community_a" if partnership.community_a_id == community.pk else "community_b"


def between(community, partner):
    return Partnership.objects.filter(
        Q(community_a=community, community_b=partner)
        | Q(community_a=partner, community_b=community)
    ).first()


@transaction.atomic
def merge(kept, other, *, user=None, reason=""):
    """Merge ``other`` into ``kept``, one place recorded twice, and return ``kept``.

    ``other``'s partnerships, listings, correction reports, organizations and redirects
    move to ``kept``; a partner both had becomes one partnership with the citations and
    status history of both; a partnership between the two is deleted. ``other``'s names
    become alternate names of ``kept``, which takes its GeoNames id, coordinates, region
    and website where it has none. ``other`` is deleted and its address redirects.
    """
    if kept.pk == other.pk:
        raise ValueError("A community cannot be merged into itself.")
    kept, other = locked(kept, other)
    note = f"Merged {other.name} into {kept.name}" + (f": {reason}" if reason else "")
    touched = {kept.pk, other.pk}
    for partnership in Partnership.objects.involving(other).select_for_update().order_by("pk"):
        own = side(partnership, other)
        partner = getattr(partnership, "community_b" if own == "community_a" else "community_a")
        touched.add(partner.pk)
        if partner.pk == kept.pk:
            recorded(partnership, f"{note}; deleted: it joined the two merged records", user)
            partnership.delete()
            continue
        existing = between(kept, partner)
        if existing is None:
            setattr(partnership, own, kept)
            recorded(partnership, note, user).save()
        else:
            combine(existing, partnership, partner, note, user)

    take_place(kept, other)
    names = [*kept.alternate_name_list, other.name, *other.alternate_name_list]
    kept.alternate_names = "\n".join(name for name in dict.fromkeys(names) if name != kept.name)
    for related in (other.listings, other.correction_reports, other.organizations):
        field = related.field.name
        for record in related.all():
            setattr(record, field, kept)
            recorded(record, note, user).save()
    CommunityRedirect.objects.filter(community=other).update(community=kept)
    CommunityRedirect.objects.update_or_create(old_slug=other.slug, defaults={"community": kept})
    recorded(other, note, user).delete()
    recorded(kept, note, user).save()
    finish(touched)
    return kept


def take_place(kept, other):
    """Give ``kept`` what ``other`` knows of the place and it does not."""
    if kept.geonames_id is None and other.geonames_id is not None:
        # Two communities never share a GeoNames id: the merged one lets go first.
        Community.objects.filter(pk=other.pk).update(geonames_id=None)
        kept.geonames_id = other.geonames_id
        kept.place_status = other.place_status
        kept.place_candidates = other.place_candidates
        kept.gazetteer_names = other.gazetteer_names
    if kept.latitude is None and kept.longitude is None and other.latitude is not None:
        for name in COORDINATES:
            setattr(kept, name, getattr(other, name))
    for name in BLANK_FIELDS:
        if not getattr(kept, name):
            setattr(kept, name, getattr(other, name))
            if name == "region":
                kept.region_from_gazetteer = other.region_from_gazetteer


def combine(kept, other, partner, note, user):
    """Make ``other`` (a partnership with the same partner) part of ``kept``: its
    citations, status history, organizations and reports move, what it states that
    ``kept`` does not is kept, and it is deleted."""
    # The citations' names follow the order of the two sides: the partner may be on
    # the other side of the partnership kept.
    swapped = side(kept, partner) != side(other, partner)
    also = combine_facts(kept, other)
    if other.notes.strip() and other.notes.strip() not in kept.notes:
        also.append(other.notes.strip())
    if also:
        kept.notes = "\n\n".join(
            filter(None, [kept.notes.strip(), "Also recorded: " + "; ".join(also)])
        )
    if kept.verified_on is None and other.verified_on is not None:
        kept.verified_on, kept.verified_by = other.verified_on, other.verified_by
    recorded(kept, note, user).save()

    cited = {citation.source_id: citation for citation in kept.citations.all()}
    for citation in other.citations.all():
        if swapped:
            citation.published_a, citation.published_b = citation.published_b, citation.published_a
        mine = cited.get(citation.source_id)
        if mine is None:
            citation.partnership = kept
            recorded(citation, note, user).save()
        elif not (mine.published_a or mine.published_b) and (
            citation.published_a or citation.published_b
        ):
            mine.published_a, mine.published_b = citation.published_a, citation.published_b
            recorded(mine, note, user).save()
    for step in other.status_changes.all():
        step.partnership = kept
        recorded(step, note, user).save()
    for report in other.correction_reports.all():
        report.partnership = kept
        recorded(report, note, user).save()
    for organization in other.organizations.all():
        organization.partnerships.add(kept)
    recorded(other, f"{note}; made one with the partnership kept", user).delete()


def combine_facts(kept, other):
    """Fill ``kept``'s empty facts from ``other``; return, as text, those of ``other``
    that differ from ``kept``'s (or that ``kept`` cannot take without contradicting
    itself, such as an end year while suspended)."""
    also, filled = [], []
    for name in FACTS:
        mine, theirs = getattr(kept, name), getattr(other, name)
        if theirs in (None, "") or theirs == mine:
            continue
        if mine in (None, ""):
            setattr(kept, name, theirs)
            filled.append(name)
        else:
            also.append(fact(other, name))
    try:
        kept.validate_constraints()
    except ValidationError:
        for name in filled:
            setattr(kept, name, None)
            also.append(fact(other, name))
    return also


def fact(partnership, name):
    field = partnership._meta.get_field(name)
    value = getattr(partnership, name)
    if field.choices:
        value = dict(field.flatchoices).get(value, value)
    return f"{field.verbose_name} {value}"


def finish(communities):
    Community.objects.filter(pk__in=communities).update_partner_stats()
    Generation.objects.advance()


@transaction.atomic
def split(community, partnerships, *, into=None, name=None, user=None, reason=""):
    """Move ``partnerships`` of ``community`` to ``into``, or to a new community named
    ``name`` in the same country, of the same kind; return that community.

    Refuses (ValueError) partnerships that are not ``community``'s, and a move that
    would give the community moved to two partnerships with one partner, or make it its
    own partner.
    """
    if (into is None) == (not name):
        raise ValueError("Give either an existing community or a new community's name.")
    community, *_ = locked(community)
    if into is not None:
        (into,) = locked(into)
        if into.pk == community.pk:
            raise ValueError("Choose another community than the one split.")
    ids = [p.pk for p in partnerships]
    chosen = list(Partnership.objects.involving(community).filter(pk__in=ids).order_by("pk"))
    if len(chosen) != len(set(ids)):
        raise ValueError(f"Some of those partnerships are not {community}'s.")
    if not chosen:
        raise ValueError("Choose at least one partnership to move.")
    if into is not None:
        for partnership in chosen:
            partner = partnership.partner_of(community)
            if partner.pk == into.pk:
                raise ValueError(
                    f"{partnership} joins {community.name} and {into.name}: moving it would "
                    f"make {into.name} its own partner."
                )
            if between(into, partner) is not None:
                raise ValueError(
                    f"{into.name} already has a partnership with {partner.name}: moving "
                    f"{partnership} would make a second one."
                )
    note = f"Split from {community.name}" + (f": {reason}" if reason else "")
    if into is None:
        into = Community(name=name, country=community.country, kind=community.kind)
        into.slug = unique_slug(name, (community.country.name,), slug_taken)
        into.place_status = PlaceStatus.UNCHECKED
        recorded(into, note, user).save()
    moved = f"{note}: moved to {into.name} ({into.slug})"
    for partnership in chosen:
        setattr(partnership, side(partnership, community), into)
        recorded(partnership, moved, user).save()
    count = len(chosen)
    moved_all = (
        f"{note}: {count} partnership{'s' * (count != 1)} moved to {into.name} ({into.slug})"
    )
    recorded(community, moved_all, user).save()
    finish({community.pk, into.pk, *(p.partner_of(into).pk for p in chosen)})
    into.refresh_from_db()
    return into


def slug_taken(slug):
    """A new community's slug is not one that redirects elsewhere, either."""
    return (
        Community.objects.filter(slug=slug).exists()
        or CommunityRedirect.objects.filter(old_slug=slug).exists()
    )
