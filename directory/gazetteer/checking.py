"""Checking communities against the gazetteer and storing what the rules find.

check() resolves each community (resolving.py) except those a curator settled, stores
the GeoNames id, place check, candidates, kind, region and coordinates that follow, with
a line in each changed record's history, and merges the communities that are certainly
one place: those found to be one GeoNames place, and probable duplicates that share a
partner (one partnership the source recorded from both places' pages, under two
spellings of one of them: "Mitte" and "Berlin – Mitte", both twinned with Kreuzberg's
partner). Everything else it cannot decide (several places of one name, a point it
dropped, names alike) waits in the curators' queue.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db import transaction

from directory.bulk import update_with_history
from directory.models import Community, CoordinatesCheck, Generation, PlaceStatus
from directory.places.duplicates import recorded_twice
from directory.places.merging import merge

from .lookup import Gazetteer
from .resolving import Resolution, Subject, resolve

REASON = "Checked against the GeoNames gazetteer"
ACTED = {CoordinatesCheck.REPLACED, CoordinatesCheck.DROPPED}
BATCH_SIZE = 1000
FIELDS = [
    "geonames_id",
    "place_status",
    "place_candidates",
    "coordinates_check",
    "latitude",
    "longitude",
    "kind",
    "region",
    "region_from_gazetteer",
    "gazetteer_names",
]


@dataclass
class Report:
    checked: int = 0
    changed: int = 0
    statuses: Counter = field(default_factory=Counter)
    coordinates: Counter = field(default_factory=Counter)
    merged: list = field(default_factory=list)  # (kept, merged name)


def check(communities=None, *, gazetteer=None, user=None, dry_run=False, unsure=None):
    """Check ``communities`` (a queryset; every one by default) and store the results,
    unless ``dry_run``. Returns a Report.

    check_in_batches() passes ``unsure``, the pks of the communities its earlier batches
    found less certainly, which it adds to; it merges the places recorded twice itself."""
    communities = Community.objects.all() if communities is None else communities
    own = gazetteer is None
    gazetteer = gazetteer or Gazetteer()
    report = Report()
    try:
        with transaction.atomic():
            resolved = {}
            for community in communities.exclude(place_status=PlaceStatus.CURATED).iterator(
                chunk_size=BATCH_SIZE
            ):
                resolved[community] = resolve(gazetteer, Subject.of(community))
            report.checked = len(resolved)
            merged = merge_same_places(
                resolved, report, user=user, dry_run=dry_run, unsure=unsure or set()
            )
            changed = [
                community
                for community, resolution in resolved.items()
                if community.pk not in merged and apply(community, resolution, gazetteer)
            ]
            for community in changed:
                report.statuses[community.place_status] += 1
                report.coordinates[community.coordinates_check] += 1
            report.changed = len(changed)
            if changed and not dry_run:
                # No id is held twice, not even between two batches of the update.
                Community.objects.filter(pk__in=[c.pk for c in changed]).update(geonames_id=None)
                for community in changed:
                    community.fill_derived_fields()
                update_with_history(changed, [*FIELDS, "search_text"], user=user, reason=REASON)
                Generation.objects.advance()
            if unsure is None:
                merge_recorded_twice(communities, report, user=user, dry_run=dry_run)
            else:
                unsure.update(c.pk for c, r in resolved.items() if r.geonames_id and not r.certain)
    finally:
        if own:
            gazetteer.close()
    return report


def check_in_batches(communities, *, user=None):
    """check() ``communities`` BATCH_SIZE at a time, each batch in a transaction of its
    own, so that checking the 100,000 communities of a large import holds neither the
    database's write lock nor all of them in memory; then merge those recorded twice.
    A place found in two batches is settled as within one: merged when both found it
    certainly, left for a curator when one did not."""
    pks = list(communities.order_by("pk").values_list("pk", flat=True))
    report, unsure = Report(), set()
    gazetteer = Gazetteer()
    try:
        for start in range(0, len(pks), BATCH_SIZE):
            batch = Community.objects.filter(pk__in=pks[start : start + BATCH_SIZE])
            part = check(batch, gazetteer=gazetteer, user=user, unsure=unsure)
            report.checked += part.checked
            report.changed += part.changed
            report.statuses.update(part.statuses)
            report.coordinates.update(part.coordinates)
            report.merged += part.merged
    finally:
        gazetteer.close()
    merge_recorded_twice(communities, report, user=user, dry_run=False)
    return report


def apply(community, resolution, gazetteer):
    """Set the fields of ``community`` that ``resolution`` changes, with the names of its
    place in ``gazetteer``; True if any did.

    Once a check has replaced or dropped a source's point, the coordinates are no longer
    the source's: a later check finds them kept or absent, and keeps the verdict."""
    verdict = resolution.coordinates_check
    if community.coordinates_check in ACTED and verdict in (CoordinatesCheck.KEPT, ""):
        verdict = community.coordinates_check
    values = {
        "geonames_id": resolution.geonames_id,
        "place_status": resolution.status,
        "place_candidates": [place.as_candidate() for place in resolution.candidates],
        "coordinates_check": verdict,
        "latitude": resolution.latitude,
        "longitude": resolution.longitude,
        "kind": resolution.kind or community.kind,
        "gazetteer_names": "\n".join(gazetteer.names_of(resolution.geonames_id))
        if resolution.geonames_id
        else "",
    }
    # A region a source or a curator gave stays; one the check filled in follows the check.
    if community.region and not community.region_from_gazetteer:
        values["region"] = community.region
    else:
        values["region"] = resolution.region
        values["region_from_gazetteer"] = bool(resolution.region)
    changed = [name for name, value in values.items() if getattr(community, name) != value]
    for name in changed:
        setattr(community, name, values[name])
    return bool(changed)


def merge_same_places(resolved, report, *, user, dry_run, unsure):
    """Merge the communities that are certainly one GeoNames place, this check's and
    those the directory already holds; the pks of the communities merged away. A
    community found less certainly (by an alternate name alone, or a holder whose pk is
    in ``unsure``) whose place another community is, stays unlocated, without its point,
    for a curator to settle."""
    by_place = defaultdict(list)
    for community, resolution in resolved.items():
        if resolution.geonames_id:
            by_place[resolution.geonames_id].append(community)
    checked = {community.pk for community in resolved}
    holders = Community.objects.filter(geonames_id__in=list(by_place)).exclude(pk__in=checked)
    for holder in holders:
        by_place[holder.geonames_id].append(holder)
    merged = set()
    for communities in by_place.values():
        if len(communities) < 2:
            continue
        certain = [
            c
            for c in communities
            if (resolved[c].certain if c in resolved else c.pk not in unsure)
        ]
        for other in communities:
            if other not in certain:
                resolved[other] = uncertain(resolved.get(other) or other)
        kept = max(certain or communities[:1], key=keeping_order)
        for other in certain:
            if other is kept:
                continue
            report.merged.append((kept.name, other.name))
            merged.add(other.pk)
            if not dry_run:
                merge(kept, other, user=user, reason=f"{REASON}: the same place")
                kept.refresh_from_db()
    return merged


def merge_recorded_twice(communities, report, *, user, dry_run):
    """Merge the probable duplicates among ``communities`` that share a partner."""
    merged = set()
    for a, b, reason in recorded_twice(communities):
        if a.pk in merged or b.pk in merged:
            continue  # the next check takes it up
        kept, other = sorted((a, b), key=keeping_order, reverse=True)
        report.merged.append((kept.name, other.name))
        merged.add(other.pk)
        if not dry_run:
            merge(kept, other, user=user, reason=f"{REASON}: one place recorded twice ({reason})")


def keeping_order(community):
    """Of communities that are one place, the one kept: a curator's, then one the
    gazetteer found, then the one with the most partners, then the oldest."""
    return (
        community.place_status == PlaceStatus.CURATED,
        community.geonames_id is not None,
        community.partner_count,
        -community.pk,
    )


def uncertain(resolution):
    """``resolution`` (or a community's stored check) made unlocated."""
    return Resolution(
        status=PlaceStatus.NOT_FOUND,
        latitude=None,
        longitude=None,
        coordinates_check=CoordinatesCheck.DROPPED if resolution.coordinates_check else "",
    )
