"""A realistic synthetic directory, for scale tests and benchmarks (generate_directory).

Names are built from a few languages' syllables, with accented and non-decomposing letters
(ł, ø, æ, ß, đ, ı, þ); some names recur in many countries ("San José", "Springfield"). Every
community gets at least one partner when there are enough partnerships; the number of
partners is skewed (a Pareto draw): most communities have one to three, a few hubs hundreds.
The same random generator always gives the same directory.
"""

import csv
import hashlib
import itertools
import random
from decimal import Decimal

from django_countries import countries

from .folding import fold
from .maps.topology import country as atlas_country
from .models import Community, Organization, Partnership

# Synthetic partnerships begin in these years.
SYNTHETIC_YEARS = (1950, 2025)
DRAW_BATCH = 5000

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


def build_communities(rng, count, taken_slugs):
    """``count`` unsaved communities, their derived fields filled in as save() fills them;
    their slugs are added to the set ``taken_slugs``."""
    codes = [code for code, _ in countries]
    country_weights = [COUNTRY_WEIGHTS.get(code, OTHER_COUNTRY_WEIGHT) for code in codes]
    kinds, kind_weights = zip(*KINDS, strict=True)
    common_weights = [weight for _, weight, _ in COMMON_NAMES]
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
        community = Community(
            name=name,
            kind=kind,
            country=code,
            region=region,
            alternate_names="\n".join(alternates),
        )
        community.fill_derived_fields(is_slug_taken=taken_slugs.__contains__)
        community.latitude, community.longitude = synthetic_location(code, community.slug)
        taken_slugs.add(community.slug)
        communities.append(community)
    return communities


def synthetic_location(code, slug):
    """(latitude, longitude) near the middle of the country's largest outline, spread
    by up to four degrees, the same for the same slug; (None, None) for about one
    community in ten, and where the country is too small for the world map's outlines.
    The draw comes from the slug, not the generator, so names stay as they were."""
    shape = atlas_country(code)
    digest = hashlib.sha256(slug.encode()).digest()
    if shape is None or digest[0] < 26:
        return None, None
    outline = max((polygon[0] for polygon in shape.polygons), key=len)
    longitudes, latitudes = zip(*outline, strict=True)
    spread = [(byte / 255 - 0.5) * 8 for byte in digest[1:3]]
    latitude = max(-85, min(85, (min(latitudes) + max(latitudes)) / 2 + spread[0]))
    longitude = ((min(longitudes) + max(longitudes)) / 2 + spread[1] + 180) % 360 - 180
    return Decimal(f"{latitude:.4f}"), Decimal(f"{longitude:.4f}")


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


def build_partnerships(rng, countries_of, count):
    """``count`` partnerships between communities in the countries ``countries_of`` (a list
    of country codes): (a, b, status, year, ended) tuples, a and b being indexes into it.

    First every community (in random order) gets one partner, while partnerships last;
    then both sides are drawn by weight. Partners are always drawn by weight, so a few
    heavy communities become hubs. Pairs in the same country, self-pairs and repeated
    pairs (in either order) are skipped.
    """
    n = len(countries_of)
    weights = [min(rng.paretovariate(PARETO_ALPHA), MAX_WEIGHT) for _ in range(n)]
    cumulative = list(itertools.accumulate(weights))

    def weighted_draws():
        while True:
            yield from rng.choices(range(n), cum_weights=cumulative, k=DRAW_BATCH)

    draws = weighted_draws()
    pairs = {}
    partnered = [False] * n
    attempts = 0

    def add(a, b):
        nonlocal attempts
        attempts += 1
        if attempts > 100 * count + 1000:
            raise ValueError(
                f"Found only {len(pairs)} of {count} partnerships; "
                "give fewer partnerships or more communities."
            )
        key = (a, b) if a < b else (b, a)
        if a == b or countries_of[a] == countries_of[b] or key in pairs:
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

    first, last = SYNTHETIC_YEARS
    partnerships = []
    for a, b in pairs.values():
        year = None if rng.random() < 0.1 else rng.randint(first, last)
        ended = None
        if rng.random() < 0.05:
            ended = rng.randint(year or first, last)
        status = (
            Partnership.Status.FRIENDSHIP if rng.random() < 0.15 else Partnership.Status.SISTER
        )
        partnerships.append((a, b, str(status), year, ended))
    return partnerships


ORGANIZATION_DESCRIPTION = "Synthetic organization made by manage.py generate_directory."
ORGANIZATION_KINDS = [Organization.Kind.NONPROFIT, Organization.Kind.MUNICIPAL,
                      Organization.Kind.CHAMBER]  # fmt: skip


def build_organizations(rng, homes, source):
    """One unsaved organization in each of the communities ``homes``, its derived fields
    filled in as save() fills them."""
    taken_slugs = set(Organization.objects.values_list("slug", flat=True))
    organizations = []
    for n, home in enumerate(homes, start=1):
        organization = Organization(
            name=f"{home.name} Sister Cities Association {n}",
            kind=rng.choice(ORGANIZATION_KINDS),
            home_community=home,
            membership=rng.choice([value for value in Organization.Membership.values if value]),
            contact_name="Synthetic Contact",
            email=f"contact{n}@example.org",
            description=ORGANIZATION_DESCRIPTION,
            source=source,
        )
        organization.fill_derived_fields(is_slug_taken=taken_slugs.__contains__)
        taken_slugs.add(organization.slug)
        organizations.append(organization)
    return organizations


IMPORT_COLUMNS = [
    "community", "community_country", "partner", "partner_country", "status", "established_year"
]  # fmt: skip


def write_import_file(path, rows, seed=1):
    """An import file of ``rows`` synthetic partnerships between ``rows`` / 4 synthetic
    communities, in the directory's own columns: for benchmarks and load tests."""
    rng = random.Random(seed)
    communities = build_communities(rng, max(rows // 4, 10), set())
    pairs = build_partnerships(rng, [c.country.code for c in communities], rows)
    with open(path, "w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file)
        writer.writerow(IMPORT_COLUMNS)
        for a, b, status, year, _ in pairs:
            one, other = communities[a], communities[b]
            writer.writerow([one.name, one.country.code, other.name, other.country.code,
                             status, year or ""])  # fmt: skip
