"""What an import will do (the plan, which the preview shows) and doing it.

plan() reads nothing into the database; apply() stores the whole plan in one
transaction: an error or an interruption leaves the directory as it was. Importing the
same file again finds every pair already cited by the source and changes nothing.
"""

from dataclasses import dataclass, field

from django.db import transaction
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from directory.gazetteer import checking
from directory.models import Citation, Community, Generation, Partnership

from .matching import Ambiguous, Communities
from .reading import Rejection

BATCH_SIZE = 1000


@dataclass
class Pair:
    """A row whose two places are known: a partnership to create or to cite."""

    row: object
    community: object
    partner: object
    partnership: int | None = None  # an existing partnership joining the two
    reversed: bool = False  # that partnership lists the partner first


@dataclass
class Plan:
    source: object
    rows_read: int
    rejections: list[Rejection] = field(default_factory=list)
    ambiguous: list[tuple[int, str, list]] = field(default_factory=list)
    created: list = field(default_factory=list)  # Candidates to create
    matched: list = field(default_factory=list)  # Candidates of the directory
    new: list[Pair] = field(default_factory=list)
    cited: list[Pair] = field(default_factory=list)  # present, gaining this source
    present: int = 0  # present and already citing this source
    places: object = None  # what checking the created communities found (gazetteer.checking)

    @property
    def located(self):
        """Communities of the directory that gain the file's coordinates."""
        return [candidate for candidate in self.matched if candidate.located]

    @property
    def changes(self):
        return bool(self.created or self.new or self.cited or self.located)


def plan(rows, rejections, source):
    """The Plan for importing ``rows`` (and reporting ``rejections``) as from ``source``."""
    result = Plan(source=source, rows_read=len(rows) + len(rejections))
    rejected = list(rejections)
    communities = Communities({p.country for row in rows for p in (row.community, row.partner)})
    pairs, seen = [], {}
    for row in rows:
        try:
            community = communities.find(row.community)
            partner = communities.find(row.partner)
        except Ambiguous as error:
            result.ambiguous.append((row.line, error.place.printed, error.candidates))
            names = "; ".join(map(str, error.candidates))
            rejected.append(
                Rejection(row.line, f"Ambiguous: “{error.place.printed}” could be {names}.")
            )
            continue
        key = frozenset((id(community), id(partner)))
        if community is partner:
            rejected.append(Rejection(row.line, f"{community} is paired with itself."))
        elif key in seen:
            rejected.append(Rejection(row.line, f"The same pair as line {seen[key]}."))
        else:
            seen[key] = row.line
            pairs.append(Pair(row, community, partner))
    # Only communities of accepted rows are created or given coordinates.
    ends = list({id(c): c for pair in pairs for c in (pair.community, pair.partner)}.values())
    result.created = [c for c in ends if c.pk is None]
    result.matched = [c for c in ends if c.pk is not None]
    existing, citing = partnerships_between({c.pk for c in result.matched}, source)
    for pair in pairs:
        found = existing.get(frozenset((pair.community.pk, pair.partner.pk)))
        if found is None:
            result.new.append(pair)
            continue
        pair.partnership, first = found
        pair.reversed = first != pair.community.pk
        if pair.partnership in citing:
            result.present += 1
        else:
            result.cited.append(pair)
    result.rejections = sorted(rejected, key=lambda rejection: rejection.line)
    return result


def partnerships_between(pks, source):
    """({frozenset of the two community pks: (partnership pk, first community pk)},
    {pks of those partnerships citing ``source``}) among the communities ``pks``."""
    pks = sorted(pks)
    existing = {}
    for start in range(0, len(pks), BATCH_SIZE):
        chunk = pks[start : start + BATCH_SIZE]
        for pk, a, b in Partnership.objects.filter(community_a__in=chunk).values_list(
            "pk", "community_a", "community_b"
        ):
            existing[frozenset((a, b))] = (pk, a)
    partnerships = sorted(pk for pk, _ in existing.values())
    citing = set()
    for start in range(0, len(partnerships), BATCH_SIZE):
        citing.update(
            Citation.objects.filter(
                source=source, partnership__in=partnerships[start : start + BATCH_SIZE]
            ).values_list("partnership", flat=True)
        )
    return existing, citing


@transaction.atomic
def apply(plan, user=None):
    """Store ``plan``: new communities, coordinates for communities that had none, new
    partnerships, and a citation of the source for each pair. All or nothing."""
    history = {"batch_size": BATCH_SIZE, "default_user": user}
    taken = set(Community.objects.values_list("slug", flat=True))
    communities = []
    for candidate in plan.created:
        community = Community(
            name=candidate.name,
            kind=candidate.kind,
            country=candidate.country,
            region=candidate.region,
            alternate_names="\n".join(sorted(candidate.printed - {candidate.name})),
            latitude=candidate.latitude,
            longitude=candidate.longitude,
        )
        community.fill_derived_fields(is_slug_taken=taken.__contains__)
        taken.add(community.slug)
        communities.append(community)
    for candidate, community in zip(
        plan.created, bulk_create_with_history(communities, Community, **history), strict=True
    ):
        candidate.pk = community.pk
    located = Community.objects.in_bulk([candidate.pk for candidate in plan.located])
    for candidate in plan.located:
        community = located[candidate.pk]
        community.latitude, community.longitude = candidate.latitude, candidate.longitude
    fields = ["latitude", "longitude"]
    bulk_update_with_history(list(located.values()), Community, fields, **history)

    partnerships = bulk_create_with_history(
        [
            Partnership(
                community_a_id=pair.community.pk,
                community_b_id=pair.partner.pk,
                status=pair.row.status,
                domestic=pair.community.country == pair.partner.country,
                established_year=pair.row.established_year,
                established_on=pair.row.established_on,
                ended_year=pair.row.ended_year,
                notes=pair.row.note,
            )
            for pair in plan.new
        ],
        Partnership,
        **history,
    )
    for pair, partnership in zip(plan.new, partnerships, strict=True):
        pair.partnership = partnership.pk
    bulk_create_with_history(
        [citation(pair, plan.source) for pair in [*plan.new, *plan.cited]], Citation, **history
    )
    touched = sorted({c.pk for pair in plan.new for c in (pair.community, pair.partner)})
    for start in range(0, len(touched), BATCH_SIZE):
        Community.objects.filter(pk__in=touched[start : start + BATCH_SIZE]).update_partner_stats()
    if plan.created:
        # The range of the new ids: a list of them could pass the database's limit on
        # parameters. A community created meanwhile is checked as well, which is harmless.
        pks = [candidate.pk for candidate in plan.created]
        created = Community.objects.filter(pk__gte=min(pks), pk__lte=max(pks))
        plan.places = checking.check(created, user=user)
    if plan.changes:
        Generation.objects.advance()


def citation(pair, source):
    """The source's record of ``pair``, with the names as the file printed them."""
    printed = [pair.row.community.printed, pair.row.partner.printed]
    if pair.reversed:
        printed.reverse()
    return Citation(
        partnership_id=pair.partnership,
        source=source,
        published_a=printed[0],
        published_b=printed[1],
    )
