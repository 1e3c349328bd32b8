"""Fill the database with a realistic synthetic directory, for scale tests and benchmarks.

    python manage.py generate_directory --communities 100000 --partnerships 250000 --seed 1

Names are built from a few languages' syllables, with accented and non-decomposing letters
(ł, ø, æ, ß, đ, ı, þ); some names recur in many countries ("San José", "Springfield"). Every
community gets at least one partner when there are enough partnerships; the number of
partners is skewed (a Pareto draw): most communities have one to three, a few hubs hundreds.
The same seed always gives the same directory.

Rows are inserted in bulk (COPY on PostgreSQL), so no signals and no history: the search
columns, slugs, partner counts and first years are computed here as Community.save() and
refresh_partner_stats() would compute them.
"""

import collections
import itertools
import random
import time

from django.core.management.base import BaseCommand, CommandError
from django.core.management.color import no_style
from django.db import connection, transaction
from django.db.models import Exists, Max, OuterRef
from django.utils import timezone
from django.utils.text import slugify
from django_countries import countries

from directory.models import (
    Community,
    Organization,
    Partnership,
    Source,
)
from directory.search import fold, fold_all

SOURCE_NAME = "Synthetic data"
BATCH_SIZE = 5000
FIRST_YEAR, LAST_YEAR = 1950, 2025

# Share of communities that are countries' sister-city heavyweights, roughly.
COUNTRY_WEIGHTS = {
    "US": 14, "DE": 9, "FR": 9, "JP": 6, "CN": 6, "IT": 5, "GB": 4, "PL": 4, "ES": 4,
    "RU": 3, "UA": 2, "BR": 2, "MX": 2, "CA": 2, "NO": 2, "SE": 2, "DK": 2, "FI": 1.5,
    "TR": 2, "KR": 2, "NL": 2, "BE": 1.5, "AT": 1.5, "CH": 1, "PT": 1.5, "CZ": 1.5,
    "HR": 1, "RS": 1, "VN": 1, "IS": 0.5, "AR": 1, "CR": 0.5, "PH": 1, "AU": 1, "NZ": 0.5,
}  # fmt: skip
OTHER_COUNTRY_WEIGHT = 0.3

# Syllables and affixes per language; names are made of two or three syllables.
FLAVORS = {
    "english": {
        "syllables": ["ash", "brook", "ham", "ley", "ford", "wick", "mar", "ton", "bur",
                      "ches", "dal", "ing", "win", "stan", "ridge", "wood", "kel", "sey"],
        "prefixes": ["New ", "North ", "East ", "Port ", "Mount "],
        "suffixes": ["ton", "field", "ville", " Falls", " Springs", "bury", "ford"],
    },
    "german": {
        "syllables": ["bad", "lü", "ne", "ber", "gen", "mün", "ster", "groß", "hei",
                      "del", "ro", "sen", "wal", "dorf", "ei", "chen", "kö", "nig"],
        "prefixes": ["Groß", "Neu", "Bad ", "Alt", "Sankt "],
        "suffixes": ["burg", "hausen", "bach", "straße", "dorf", "heim", "ßen"],
    },
    "french": {
        "syllables": ["mon", "bé", "ri", "ve", "lu", "ne", "cha", "teau", "roc", "lès",
                      "ar", "gen", "vil", "pé", "sau", "mur", "ga", "çon"],
        "prefixes": ["Saint-", "Sainte-", "Le ", "La ", "Mont-"],
        "suffixes": ["-sur-Mer", "ville", "ac", "court", "-les-Bains", "ières"],
    },
    "iberian": {
        "syllables": ["san", "ta", "ma", "rí", "a", "co", "ro", "lo", "gua", "da",
                      "ja", "ra", "bel", "ca", "ña", "to", "ver", "al"],
        "prefixes": ["San ", "Santa ", "São ", "Villa ", "Puerto "],
        "suffixes": ["ón", "ejo", "ão", "illa", "al", "ença", " del Río"],
    },
    "italian": {
        "syllables": ["mon", "te", "ca", "sa", "vi", "ce", "ren", "za", "pa", "ler",
                      "mo", "vec", "chio", "fi", "gna", "ro", "sci", "lù"],
        "prefixes": ["San ", "Santa ", "Monte", "Villa "],
        "suffixes": ["ano", "ello", "ina", " di Sopra", "ù"],
    },
    "polish": {
        "syllables": ["ło", "dź", "wro", "cław", "kra", "ków", "szcz", "bie", "żyn",
                      "ska", "gó", "ra", "mi", "ęc", "wie", "lu", "bań", "sze"],
        "prefixes": ["Nowy ", "Stary ", "Nowa ", "Biała "],
        "suffixes": ["ów", "ice", "ewo", "sk", "ówka", "ń"],
    },
    "nordic": {
        "syllables": ["ær", "ø", "sko", "bing", "søn", "hal", "lil", "le", "kris",
                      "tian", "sand", "vå", "ge", "fjæ", "rås", "ny", "kø", "hel"],
        "prefixes": ["Nørre ", "Søndre ", "Øster", "Vester"],
        "suffixes": ["by", "øy", "fjord", "stad", "vik", "købing", "holm"],
    },
    "icelandic": {
        "syllables": ["þor", "láks", "höf", "reyk", "ja", "vík", "ís", "ak", "ur",
                      "eyr", "hús", "ða", "vík", "sel", "foss", "grind"],
        "prefixes": ["Þing", "Suður", "Norður"],
        "suffixes": ["höfn", "vík", "ur", "fjörður", "þorp"],
    },
    "turkish": {
        "syllables": ["kır", "şe", "hir", "ıs", "tan", "bul", "ağ", "rı", "çan",
                      "kal", "ma", "de", "niz", "ız", "mir", "gaz", "ı", "ant"],
        "prefixes": ["Yeni ", "Eski ", "Büyük "],
        "suffixes": ["köy", "lı", "ova", "kent", "hisar", "ıyaka"],
    },
    "south_slavic": {
        "syllables": ["đa", "ko", "vo", "ča", "žup", "ni", "sla", "bro", "đur", "ri",
                      "je", "ka", "ša", "ba", "vi", "ce", "ćin", "mo"],
        "prefixes": ["Novi ", "Stari ", "Gornji ", "Donji "],
        "suffixes": ["ovac", "ica", "evo", "grad", "đevo", "ići"],
    },
    "vietnamese": {
        "syllables": ["Đà", "Nẵng", "Hà", "Huế", "Cần", "Thơ", "Hải", "Phòng", "Vũng",
                      "Tàu", "Quy", "Nhơn", "Đồng", "Hới", "Bắc", "Ninh"],
        "prefixes": [],
        "suffixes": [],
        "separator": " ",
    },
    "east_asian": {
        "syllables": ["kō", "chi", "ō", "sa", "ka", "shi", "ma", "ya", "gu", "chū",
                      "jing", "zhou", "hai", "an", "shan", "dong", "yang", "su"],
        "prefixes": [],
        "suffixes": ["shi", "machi", "mura", "zhou", "cheon", "do"],
    },
    "generic": {
        "syllables": ["ka", "ri", "mo", "la", "ze", "no", "va", "tu", "el", "bar",
                      "ko", "mi", "sa", "dé", "ru", "an", "ol", "ga"],
        "prefixes": ["Nova ", "Port "],
        "suffixes": ["ia", "ana", "ovo", "ville", "stan"],
    },
}  # fmt: skip
COUNTRY_FLAVORS = {
    **dict.fromkeys(["US", "GB", "CA", "AU", "NZ", "IE", "JM", "BM", "GY"], "english"),
    **dict.fromkeys(["DE", "AT", "CH", "LI", "LU"], "german"),
    **dict.fromkeys(["FR", "BE", "HT", "MC", "SN", "CI"], "french"),
    **dict.fromkeys(["ES", "PT", "MX", "BR", "AR", "CR", "CO", "CL", "PE", "PH", "BO"], "iberian"),
    **dict.fromkeys(["IT", "SM", "VA"], "italian"),
    **dict.fromkeys(["PL"], "polish"),
    **dict.fromkeys(["NO", "DK", "SE", "FI", "FO"], "nordic"),
    **dict.fromkeys(["IS"], "icelandic"),
    **dict.fromkeys(["TR", "AZ"], "turkish"),
    **dict.fromkeys(["HR", "RS", "BA", "SI", "ME"], "south_slavic"),
    **dict.fromkeys(["VN"], "vietnamese"),
    **dict.fromkeys(["JP", "CN", "KR", "TW"], "east_asian"),
}

# Names that recur: (name, weight, countries it occurs in).
COMMON_NAMES = [
    ("Springfield", 30, ["US"] * 8 + ["GB", "AU", "CA", "NZ"]),
    ("San José", 12, ["CR", "US", "PH", "ES", "AR", "UY", "MX"]),
    ("Santa Cruz", 8, ["BO", "ES", "US", "PH", "CL", "AR"]),
    ("Kingston", 6, ["JM", "CA", "US", "GB", "AU", "NZ"]),
    ("Victoria", 6, ["CA", "AU", "MT", "SC", "MX", "AR", "CL", "RO"]),
    ("Córdoba", 5, ["AR", "ES", "MX", "CO"]),
    ("Alexandria", 5, ["EG", "US", "RO", "AU"]),
    ("Georgetown", 5, ["GY", "US", "MY", "KY"]),
    ("San Pedro", 5, ["PH", "US", "AR", "CI", "PY", "BZ"]),
    ("Valencia", 4, ["ES", "VE", "PH", "CO"]),
    ("Mérida", 4, ["MX", "ES", "VE"]),
    ("Hamilton", 4, ["CA", "NZ", "BM", "GB", "US", "AU"]),
    ("Paris", 3, ["FR", "US", "CA"]),
    ("Frankfurt", 2, ["DE"]),
    ("Łódź", 1, ["PL"]),
    ("Tromsø", 1, ["NO"]),
]
COMMON_NAME_SHARE = 0.02

# Real first-level divisions for the countries that get a region.
REGIONS = {
    "US": ["Illinois", "Missouri", "Massachusetts", "Ohio", "Oregon", "California", "Texas",
           "New York", "Florida", "Georgia", "Virginia", "Washington", "Colorado", "Kentucky"],
    "DE": ["Bayern", "Baden-Württemberg", "Nordrhein-Westfalen", "Sachsen", "Thüringen",
           "Niedersachsen", "Hessen", "Brandenburg"],
    "FR": ["Île-de-France", "Bretagne", "Normandie", "Occitanie", "Grand Est",
           "Auvergne-Rhône-Alpes", "Provence-Alpes-Côte d'Azur"],
    "ES": ["Andalucía", "Cataluña", "Castilla y León", "Aragón", "Galicia", "País Vasco"],
    "IT": ["Lombardia", "Toscana", "Veneto", "Sicilia", "Piemonte", "Emilia-Romagna"],
    "PL": ["Łódzkie", "Małopolskie", "Śląskie", "Pomorskie", "Dolnośląskie"],
    "NO": ["Trøndelag", "Vestland", "Troms og Finnmark", "Møre og Romsdal"],
    "CA": ["Ontario", "Québec", "British Columbia", "Alberta", "Nova Scotia"],
    "BR": ["São Paulo", "Paraná", "Minas Gerais", "Ceará", "Maranhão"],
    "MX": ["Jalisco", "Yucatán", "Nuevo León", "Michoacán", "Querétaro"],
    "JP": ["Hokkaidō", "Kyōto", "Ōsaka", "Kōchi", "Hyōgo", "Tōkyō"],
    "TR": ["İstanbul", "Kırşehir", "Muğla", "Iğdır", "Şanlıurfa"],
    "GB": ["England", "Scotland", "Wales", "Northern Ireland"],
}  # fmt: skip

KINDS = [
    (Community.Kind.CITY, 80),
    (Community.Kind.TOWN, 6),
    (Community.Kind.MUNICIPALITY, 4),
    (Community.Kind.COUNTY, 4),
    (Community.Kind.PROVINCE, 2),
    (Community.Kind.STATE, 2),
    (Community.Kind.REGION, 2),
]

# Partner-count skew: each community's weight is a Pareto draw, capped.
PARETO_ALPHA = 1.2
MAX_WEIGHT = 500


class Command(BaseCommand):
    help = "Fill the database with a synthetic directory of the given size (for benchmarks)."

    def add_arguments(self, parser):
        parser.add_argument("--communities", type=int, default=100_000)
        parser.add_argument("--partnerships", type=int, default=250_000)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument(
            "--organizations",
            type=int,
            default=0,
            help="Also create this many sister-city organizations, each running a few of "
            "its home community's partnerships (default: none).",
        )
        parser.add_argument(
            "--clear",
            action="store_true",
            help=(
                f"First delete the partnerships of the source “{SOURCE_NAME}”, then the "
                "communities left with no partnership, no organization and no history."
            ),
        )

    def handle(self, *args, communities, partnerships, seed, clear, organizations, **options):
        if communities < 2 or partnerships < 0:
            raise CommandError("Give at least 2 communities and 0 or more partnerships.")
        if partnerships > communities * (communities - 1) // 4:
            raise CommandError(
                f"{partnerships} partnerships are too many for {communities} communities: "
                f"give at most {communities * (communities - 1) // 4}."
            )
        started = time.perf_counter()
        with transaction.atomic():
            if clear:
                deleted = clear_synthetic_data()
                self.stdout.write(
                    f"Deleted {deleted[0]} synthetic partnerships and {deleted[1]} communities."
                )
            elif Community.objects.exists():
                raise CommandError(
                    "The database already holds communities. Use --clear to delete earlier "
                    "synthetic data first, or use an empty database."
                )
            rng = random.Random(seed)
            source, _ = Source.objects.get_or_create(
                name=SOURCE_NAME,
                defaults={
                    "slug": "synthetic-data",
                    "description": "Generated by manage.py generate_directory, not real.",
                },
            )
            step = time.perf_counter()
            communities_built = build_communities(rng, communities)
            first_pk = (Community.objects.aggregate(last=Max("pk"))["last"] or 0) + 1
            for pk, community in enumerate(communities_built, start=first_pk):
                community.pk = pk
            pairs = build_partnerships(rng, communities_built, partnerships)
            build_seconds = time.perf_counter() - step

            step = time.perf_counter()
            # Partner counts and first years are known here, so they are written with
            # the communities instead of recounted afterwards.
            partner_count = collections.Counter()
            first_year = {}
            for a, b, _, year, _ in pairs:
                for index in (a, b):
                    partner_count[index] += 1
                    if year is not None and year < first_year.get(index, LAST_YEAR + 1):
                        first_year[index] = year
            insert(
                Community,
                COMMUNITY_FIELDS,
                (
                    (
                        c.pk,
                        c.name,
                        c.slug,
                        str(c.kind),
                        c.country.code,
                        c.region,
                        c.alternate_names,
                        c.website,
                        c.search_text,
                        c.folded_name,
                        partner_count[i],
                        first_year.get(i),
                    )
                    for i, c in enumerate(communities_built)
                ),  # fmt: skip
            )
            ids = [community.pk for community in communities_built]
            insert(
                Partnership,
                PARTNERSHIP_FIELDS,
                (
                    (ids[a], ids[b], status, year, ended, source.pk, "")
                    for a, b, status, year, ended in pairs
                ),
            )
            insert_seconds = time.perf_counter() - step
            with connection.cursor() as cursor:
                for sql in connection.ops.sequence_reset_sql(no_style(), [Community, Partnership]):
                    cursor.execute(sql)
            # Its own random stream, so that the communities and partnerships stay the
            # same for a seed whether or not organizations are asked for.
            build_organizations(random.Random(seed), ids, organizations, source)

        # Fresh statistics, or the planner takes the new tables for empty ones. On
        # PostgreSQL, VACUUM also merges the trigram index's pending list, which
        # otherwise every search scans (6 ms instead of 0.7 ms for a rare name). VACUUM
        # cannot run inside a transaction, as when a test calls this command.
        vacuum = connection.vendor == "postgresql" and not connection.in_atomic_block
        command = "VACUUM ANALYZE" if vacuum else "ANALYZE"
        with connection.cursor() as cursor:
            for model in (Community, Partnership):
                cursor.execute(f"{command} {connection.ops.quote_name(model._meta.db_table)}")

        self.stdout.write(
            self.style.SUCCESS(
                f"Built {communities} communities and {partnerships} partnerships "
                f"and {organizations} organizations "
                f"({build_seconds:.1f} s), stored them ({insert_seconds:.1f} s); "
                f"{time.perf_counter() - started:.1f} s in all. "
                f"The database now holds {Community.objects.count()} communities and "
                f"{Partnership.objects.count()} partnerships."
            )
        )


def clear_synthetic_data():
    """Delete earlier synthetic data; return (partnerships, communities) deleted.

    Plain DELETE statements: Model.delete() would recount partners after each of hundreds
    of thousands of partnerships and write a history row for each community. Synthetic
    communities are recognised as those with no partnership left, no organization and no
    history (this command writes none; every community saved through the ORM has some).
    """
    partnerships = Partnership.objects.filter(source__name=SOURCE_NAME)
    Organization.partnerships.through.objects.filter(partnership__in=partnerships).delete()
    delete_rows(Organization.objects.filter(description=ORGANIZATION_DESCRIPTION))
    deleted_partnerships = delete_rows(partnerships)
    orphans = Community.objects.exclude(
        Exists(Partnership.objects.filter(community_a=OuterRef("pk")))
        | Exists(Partnership.objects.filter(community_b=OuterRef("pk")))
        | Exists(Organization.objects.filter(home_community=OuterRef("pk")))
        | Exists(Community.history.filter(id=OuterRef("pk")))
    )
    return deleted_partnerships, delete_rows(orphans)


def delete_rows(queryset):
    """DELETE the rows of ``queryset`` in one statement, without signals or cascades."""
    table = connection.ops.quote_name(queryset.model._meta.db_table)
    pk = connection.ops.quote_name(queryset.model._meta.pk.column)
    sql, params = queryset.order_by().values("pk").query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {table} WHERE {pk} IN ({sql})", params)
        return cursor.rowcount


ORGANIZATION_DESCRIPTION = "Synthetic organization made by manage.py generate_directory."
ORGANIZATION_KINDS = [Organization.Kind.NONPROFIT, Organization.Kind.MUNICIPAL,
                      Organization.Kind.CHAMBER]  # fmt: skip


def build_organizations(rng, community_ids, count, source):
    """``count`` organizations in random communities, each running up to five of its
    home community's synthetic partnerships."""
    homes = Community.objects.in_bulk(rng.sample(community_ids, min(count, len(community_ids))))
    created = Organization.objects.bulk_create(
        Organization(
            name=f"{home.name} Sister Cities Association {n}",
            slug=f"{slugify(fold(home.name)) or 'organization'}-sister-cities-{n}",
            kind=rng.choice(ORGANIZATION_KINDS),
            home_community=home,
            membership=rng.choice([value for value in Organization.Membership.values if value]),
            contact_name="Synthetic Contact",
            email=f"contact{n}@example.org",
            description=ORGANIZATION_DESCRIPTION,
            search_text=fold_all(f"{home.name} Sister Cities Association {n}"),
        )
        for n, home in enumerate(homes.values(), start=1)
    )
    Organization.partnerships.through.objects.bulk_create(
        Organization.partnerships.through(organization_id=organization.pk, partnership_id=pk)
        for organization in created
        for pk in Partnership.objects.involving(organization.home_community_id)
        .filter(source=source)
        .order_by("pk")
        .values_list("pk", flat=True)[:5]
    )


def build_communities(rng, count):
    """Unsaved communities with the derived columns filled in as Community.save() does."""
    codes = [code for code, _ in countries]
    country_weights = [COUNTRY_WEIGHTS.get(code, OTHER_COUNTRY_WEIGHT) for code in codes]
    country_names = {code: countries.name(code) for code in codes}
    kinds, kind_weights = zip(*KINDS, strict=True)
    common_weights = [weight for _, weight, _ in COMMON_NAMES]
    slugs = set(Community.objects.values_list("slug", flat=True))
    communities = []
    for _ in range(count):
        kind = rng.choices(kinds, kind_weights)[0]
        if rng.random() < COMMON_NAME_SHARE:
            name, _, places = rng.choices(COMMON_NAMES, common_weights)[0]
            code = rng.choice(places)
            kind = Community.Kind.CITY
        else:
            code = rng.choices(codes, country_weights)[0]
            name = make_name(rng, FLAVORS[COUNTRY_FLAVORS.get(code, "generic")])
            if kind == Community.Kind.COUNTY and COUNTRY_FLAVORS.get(code) == "english":
                name = f"{name} County"
        region = ""
        if code in REGIONS and rng.random() < 0.7:
            region = rng.choice(REGIONS[code])
        alternates = []
        unaccented = fold(name).title()
        if unaccented != name and not name.isascii() and rng.random() < 0.5:
            alternates.append(unaccented)
        if name.startswith("Saint-") and rng.random() < 0.5:
            alternates.append("St-" + name.removeprefix("Saint-"))
        country_name = country_names[code]
        communities.append(
            Community(
                name=name,
                slug=claim_slug(slugs, name, region, country_name),
                kind=kind,
                country=code,
                region=region,
                alternate_names="\n".join(alternates),
                folded_name=fold(name),
                search_text=fold_all(name, *alternates, region, country_name),
            )
        )
    return communities


def make_name(rng, flavor):
    separator = flavor.get("separator", "")
    syllables = rng.choices(flavor["syllables"], k=rng.choice((2, 2, 2, 3)))
    stem = separator.join(syllables)
    stem = stem[:1].upper() + stem[1:]
    roll = rng.random()
    if roll < 0.15 and flavor["prefixes"]:
        prefix = rng.choice(flavor["prefixes"])
        return prefix + (stem if prefix[-1] in " -" else stem.lower())
    if roll < 0.45 and flavor["suffixes"]:
        return stem + rng.choice(flavor["suffixes"])
    return stem


def claim_slug(taken, name, region, country_name):
    """The slug unique_slug() would give, checked against a set instead of the database."""
    base = slugify(fold(name)) or "item"
    candidates = [base] + [f"{base}-{slugify(fold(s))}" for s in (region, country_name) if s]
    slug = next((c for c in candidates if c not in taken), None)
    number = 2
    while slug is None:
        if f"{candidates[-1]}-{number}" not in taken:
            slug = f"{candidates[-1]}-{number}"
        number += 1
    taken.add(slug)
    return slug


def build_partnerships(rng, communities, count):
    """``count`` partnerships between ``communities``: (a, b, status, year, ended) tuples,
    a and b being indexes into ``communities``.

    First every community (in random order) gets one partner, while partnerships last;
    then both sides are drawn by weight. Partners are always drawn by weight, so a few
    heavy communities become hubs. Pairs in the same country, self-pairs and repeated
    pairs (in either order) are skipped.
    """
    n = len(communities)
    country = [c.country.code for c in communities]
    weights = [min(rng.paretovariate(PARETO_ALPHA), MAX_WEIGHT) for _ in range(n)]
    cumulative = list(itertools.accumulate(weights))

    def weighted_draws():
        while True:
            yield from rng.choices(range(n), cum_weights=cumulative, k=BATCH_SIZE)

    draws = weighted_draws()
    pairs = {}
    partnered = [False] * n
    attempts = 0

    def add(a, b):
        nonlocal attempts
        attempts += 1
        if attempts > 100 * count + 1000:
            raise CommandError(
                f"Found only {len(pairs)} of {count} partnerships; "
                "give fewer partnerships or more communities."
            )
        key = (a, b) if a < b else (b, a)
        if a == b or country[a] == country[b] or key in pairs:
            return False
        pairs[key] = (a, b)
        partnered[a] = partnered[b] = True
        return True

    order = list(range(n))
    rng.shuffle(order)
    for a in order:
        if len(pairs) == count:
            break
        if not partnered[a]:
            while not add(a, next(draws)):
                pass
    while len(pairs) < count:
        add(next(draws), next(draws))

    partnerships = []
    for a, b in pairs.values():
        year = None if rng.random() < 0.1 else rng.randint(FIRST_YEAR, LAST_YEAR)
        ended = None
        if rng.random() < 0.05:
            ended = rng.randint(year or FIRST_YEAR, LAST_YEAR)
        status = (
            Partnership.Status.FRIENDSHIP if rng.random() < 0.15 else Partnership.Status.SISTER
        )
        partnerships.append((a, b, str(status), year, ended))
    return partnerships


COMMUNITY_FIELDS = [
    "id", "name", "slug", "kind", "country", "region", "alternate_names", "website",
    "search_text", "folded_name", "partner_count", "first_year",
]  # fmt: skip
PARTNERSHIP_FIELDS = [
    "community_a", "community_b", "status", "established_year", "ended_year", "source", "notes",
]  # fmt: skip


def insert(model, fields, rows, batch_size=BATCH_SIZE):
    """Insert plain tuples: several times faster than bulk_create at this size.

    PostgreSQL gets COPY, its bulk loader; other databases executemany().
    """
    ops = connection.ops
    stamp = ops.adapt_datetimefield_value(timezone.now())
    columns = [model._meta.get_field(name).column for name in fields] + ["created", "updated"]
    table = ops.quote_name(model._meta.db_table)
    column_list = ", ".join(ops.quote_name(column) for column in columns)
    rows = ((*row, stamp, stamp) for row in rows)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({column_list}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            return
        placeholders = ", ".join(["%s"] * len(columns))
        sql = f"INSERT INTO {table} ({column_list}) VALUES ({placeholders})"
        while batch := list(itertools.islice(rows, batch_size)):
            cursor.executemany(sql, batch)
