"""What an import will do (the plan, which the preview shows) and doing it.

A file is planned and stored in batches of BATCH_SIZE rows (see Planner), so that its
size bounds neither memory nor the time the database's write lock is held: each batch
is stored in a transaction of its own, and pages read meanwhile. An interrupted import
leaves the batches before it stored; importing the file again stores the rest, as a pair
already cited by the source is never stored twice. Its gazetteer check runs once, at
the end (finish()); communities an interrupted import created are checked by the next
`manage.py check_places`.
"""

from dataclasses import dataclass, field

from django.db import connection, transaction

from directory.bulk import record_history, update_with_history
from directory.gazetteer import checking
from directory.models import Citation, Community, Generation, Partnership
from directory.models.base import slug_candidates, slug_taken_in

from .matching import Ambiguous, Communities
from .reading import Rejection, batches

BATCH_SIZE = 1000
# A report keeps this many rejected rows and ambiguous names to show; it counts them all.
LISTED = 1000
# Communities (or pairs of them) named in one query.
CHUNK = 500


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
    """What one batch of rows (or a whole small file) changes."""

    source: object
    rows_read: int
    rejections: list[Rejection] = field(default_factory=list)
    ambiguous: list[tuple[int, str, list]] = field(default_factory=list)
    created: list = field(default_factory=list)  # Candidates to create
    matched: list = field(default_factory=list)  # Candidates of the directory
    located: list = field(default_factory=list)  # ... that gain the file's coordinates
    # Communities an earlier batch created, found since by another spelling, which
    # becomes one of their alternate names.
    respelled: list = field(default_factory=list)
    new: list[Pair] = field(default_factory=list)
    cited: list[Pair] = field(default_factory=list)  # present, gaining this source
    present: int = 0  # present and already citing this source

    @property
    def changes(self):
        return bool(self.created or self.new or self.cited or self.located)


@dataclass
class Report:
    """What a whole file does, summed over its batches, with the first LISTED rejected
    rows and ambiguous names."""

    rows_read: int = 0
    matched: int = 0
    created: int = 0
    located: int = 0
    new: int = 0
    cited: int = 0
    present: int = 0
    rejected: int = 0
    ambiguous: int = 0
    rejections: list = field(default_factory=list)  # [(line, reason)]
    ambiguities: list = field(default_factory=list)  # [(line, printed, [candidate])]
    changes: bool = False  # whether any batch changes the directory

    def add(self, plan):
        self.rows_read += plan.rows_read
        self.changes |= plan.changes
        for name in ("matched", "created", "located", "new", "cited"):
            setattr(self, name, getattr(self, name) + len(getattr(plan, name)))
        self.present += plan.present
        self.rejected += len(plan.rejections)
        self.ambiguous += len(plan.ambiguous)
        room = LISTED - len(self.rejections)
        self.rejections += [(r.line, r.reason) for r in plan.rejections[:room]]
        room = LISTED - len(self.ambiguities)
        self.ambiguities += [
            (line, printed, list(map(str, candidates)))
            for line, printed, candidates in plan.ambiguous[:room]
        ]


class Planner:
    """Plans the batches of one file in turn: one index of the communities and one record
    of the pairs seen serve them all, so a row matches a community an earlier batch
    created and a pair repeated far down the file is found."""

    def __init__(self, source):
        self.source = source
        self.communities = Communities()
        self.seen = {}  # {(id of one end, id of the other): line}
        self.report = Report()

    def plan(self, rows, rejections):
        result = Plan(source=self.source, rows_read=len(rows) + len(rejections))
        rejected = list(rejections)
        pairs = []
        for row in rows:
            try:
                community = self.communities.find(row.community)
                partner = self.communities.find(row.partner)
            except Ambiguous as error:
                result.ambiguous.append((row.line, error.place.printed, error.candidates))
                names = "; ".join(map(str, error.candidates))
                rejected.append(
                    Rejection(row.line, f"Ambiguous: “{error.place.printed}” could be {names}.")
                )
                continue
            key = tuple(sorted((id(community), id(partner))))
            if community is partner:
                rejected.append(Rejection(row.line, f"{community} is paired with itself."))
            elif key in self.seen:
                rejected.append(Rejection(row.line, f"The same pair as line {self.seen[key]}."))
            else:
                self.seen[key] = row.line
                pairs.append(Pair(row, community, partner))
        # Only communities of accepted rows are created or given coordinates.
        ends = list({id(c): c for pair in pairs for c in (pair.community, pair.partner)}.values())
        for candidate in ends:
            if not candidate.planned:
                candidate.planned = True
                (result.matched if candidate.pk else result.created).append(candidate)
            if candidate.located:
                candidate.located = False  # given once
                result.located.append(candidate)
        result.respelled = list(self.communities.respelled.values())
        self.communities.respelled.clear()
        existing, citing = partnerships_between(
            {
                (pair.community.pk, pair.partner.pk)
                for pair in pairs
                if pair.community.pk is not None and pair.partner.pk is not None
            },
            self.source,
        )
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
        self.report.add(result)
        return result


def each_batch(data, source, *, write, user=None):
    """Plan the file ``data`` (bytes) BATCH_SIZE rows at a time, storing each batch when
    ``write``, and yield each batch's Plan with the Report so far. After the last batch
    the communities the file created are checked against the gazetteer, with the
    planner's index of every place in the file let go first: the check needs the room."""
    planner, plan, created = Planner(source), None, []
    for rows, rejections in batches(data, BATCH_SIZE):
        plan = planner.plan(rows, rejections)
        if write:
            store(plan, user=user)
            created += [candidate.pk for candidate in plan.created]
        yield plan, planner.report
    del planner, plan
    if write:
        check_created(created, user=user)


def plan(rows, rejections, source):
    """The Plan for importing ``rows`` (and reporting ``rejections``) as from ``source``,
    in one batch: for small files and tests."""
    return Planner(source).plan(rows, rejections)


def partnerships_between(pairs, source):
    """({frozenset of the two community pks: (partnership pk, first community pk)},
    {pks of those partnerships citing ``source``}) for the ``pairs`` of community pks
    that the directory joins, in either order.

    Each pair is looked up in the index that keeps pairs unique (its lower pk, its
    higher), from a VALUES list, so a community with thousands of partners costs only
    the pairs asked for."""
    quote = connection.ops.quote_name
    partnership = Partnership._meta.db_table
    # The expressions of the index partnership_unique_pair (Least and Greatest).
    low, high = ("MIN", "MAX") if connection.vendor == "sqlite" else ("LEAST", "GREATEST")
    ends = "p.community_a_id, p.community_b_id"
    existing, citing = {}, set()
    pairs = sorted({(min(pair), max(pair)) for pair in pairs})
    for start in range(0, len(pairs), CHUNK):
        asked = pairs[start : start + CHUNK]
        if connection.vendor == "postgresql":
            # Two arrays: psycopg parses a query of a thousand placeholders slowly.
            rows = "SELECT * FROM unnest(%s::bigint[], %s::bigint[])"
            params = [[low for low, _ in asked], [high for _, high in asked]]
        else:
            rows = f"VALUES {', '.join(['(%s, %s)'] * len(asked))}"
            params = [pk for pair in asked for pk in pair]
        with connection.cursor() as cursor:
            cursor.execute(
                f"WITH asked (low, high) AS ({rows}) "
                "SELECT p.id, p.community_a_id, p.community_b_id "
                f"FROM asked CROSS JOIN {quote(partnership)} p "
                f"WHERE {low}({ends}) = asked.low AND {high}({ends}) = asked.high",
                params,
            )
            found = {pk: (a, b) for pk, a, b in cursor.fetchall()}
        for pk, (a, b) in found.items():
            existing[frozenset((a, b))] = (pk, a)
        citing.update(
            Citation.objects.filter(source=source, partnership__in=list(found)).values_list(
                "partnership", flat=True
            )
        )
    return existing, citing


def apply(plan, user=None):
    """Store a whole-file ``plan`` and check the communities it created."""
    store(plan, user=user)
    check_created([candidate.pk for candidate in plan.created], user=user)


@transaction.atomic
def store(plan, user=None):
    """Store ``plan``: new communities, coordinates for communities that had none, new
    partnerships, and a citation of the source for each pair. All or nothing."""
    communities = [
        Community(
            name=candidate.name,
            kind=candidate.kind,
            country=candidate.country,
            region=candidate.region,
            alternate_names="\n".join(sorted(candidate.printed - {candidate.name})),
            latitude=candidate.latitude,
            longitude=candidate.longitude,
        )
        for candidate in plan.created
    ]
    # The slugs these communities would take, read in a few queries; the database is
    # asked of any other (a numbered one) as needed.
    wanted = {s for c in communities for s in slug_candidates(c.name, c.slug_suffixes)}
    taken, stored = slugs_among(wanted), slug_taken_in(Community)
    for community in communities:
        community.fill_derived_fields(
            is_slug_taken=lambda slug: slug in taken or (slug not in wanted and stored(slug))
        )
        taken.add(community.slug)
    for candidate, community in zip(plan.created, created(communities, user), strict=True):
        candidate.pk = community.pk
    respelled = Community.objects.in_bulk([candidate.pk for candidate in plan.respelled])
    for candidate in plan.respelled:
        community = respelled[candidate.pk]
        community.alternate_names = "\n".join(sorted(candidate.printed - {candidate.name}))
        community.fill_derived_fields()
    update_with_history(list(respelled.values()), ["alternate_names", "search_text"], user=user)
    located = Community.objects.in_bulk([candidate.pk for candidate in plan.located])
    for candidate in plan.located:
        community = located[candidate.pk]
        community.latitude, community.longitude = candidate.latitude, candidate.longitude
    update_with_history(list(located.values()), ["latitude", "longitude"], user=user)

    partnerships = created(
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
        user,
    )
    for pair, partnership in zip(plan.new, partnerships, strict=True):
        pair.partnership = partnership.pk
    created([citation(pair, plan.source) for pair in [*plan.new, *plan.cited]], user)
    touched = sorted({c.pk for pair in plan.new for c in (pair.community, pair.partner)})
    for start in range(0, len(touched), BATCH_SIZE):
        Community.objects.filter(pk__in=touched[start : start + BATCH_SIZE]).update_partner_stats()
    if plan.changes:
        Generation.objects.advance()


def slugs_among(slugs):
    """Which of ``slugs`` communities have."""
    slugs, taken = sorted(slugs), set()
    for start in range(0, len(slugs), CHUNK):
        chunk = slugs[start : start + CHUNK]
        taken.update(Community.objects.filter(slug__in=chunk).values_list("slug", flat=True))
    return taken


def created(objs, user):
    """Insert ``objs`` (new instances of one model) and a history record of each."""
    if objs:
        model = type(objs[0])
        objs = model.objects.bulk_create(objs, batch_size=BATCH_SIZE)
        record_history(model, [obj.pk for obj in objs], user=user)
    return objs


def check_created(pks, user=None):
    """Check the communities an import created against the gazetteer, once it has stored
    them all: a check merges places, which a later batch could still be pairing."""
    if pks:
        # The range of the new ids: a list of them could pass the database's limit on
        # parameters. A community created meanwhile is checked as well, which is harmless.
        created = Community.objects.filter(pk__gte=min(pks), pk__lte=max(pks))
        return checking.check_in_batches(created, user=user)
    return None


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
