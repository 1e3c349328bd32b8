"""Help text for a community's coordinates, and coordinates for the seed communities
(the values fixtures/seed.json now holds: where the Wikipedia list gives the place, its
coordinates; otherwise GeoNames', for the city, or the capital or seat of a region or
country). Only a community that still has neither coordinate is given them: a
curator's value is never overwritten."""

from decimal import Decimal

import django.core.validators
from django.db import migrations, models
from django.db.models import F
from django.db.models.functions import Now

LATITUDE_HELP = (
    "Degrees north of the equator, negative south of it (Miami: 25.7617). A point in the "
    "community, its centre or seat; for a region or country, its capital will do. Maps "
    "and distances need both coordinates."
)
LONGITUDE_HELP = (
    "Degrees east of Greenwich, negative west of it (Miami: -80.1918). Clear both "
    "coordinates when the location is not known."
)
SEED_COORDINATES = {
    "miami-dade-county": ("25.636400", "-80.498900"),
    "san-jose-california": ("37.336200", "-121.890600"),
    "washington-dc": ("38.901200", "-77.039300"),
    "san-antonio": ("29.425000", "-98.493900"),
    "boston": ("42.360300", "-71.057800"),
    "minneapolis": ("44.981900", "-93.269200"),
    "nashville": ("36.162300", "-86.774300"),
    "chicago": ("41.881900", "-87.627800"),
    "beijing": ("39.906700", "116.397500"),
    "monterrey": ("25.684400", "-100.318100"),
    "belfast": ("54.596700", "-5.930000"),
    "harbin": ("45.757600", "126.640900"),
    "tamworth": ("-31.090100", "150.929000"),
    "mexico-city": ("19.433300", "-99.133300"),
    "accra": ("5.550000", "-0.200000"),
    "casablanca": ("33.533300", "-7.583300"),
    "india": ("28.621370", "77.214800"),
    "china": ("39.907500", "116.397230"),
    "province-of-asti": ("44.901620", "8.207510"),
    "asuncion": ("-25.280000", "-57.634400"),
    "cape-town": ("-33.925300", "18.423900"),
    "tenerife": ("28.468240", "-16.254620"),
    "casablanca-settat": ("33.588310", "-7.611380"),
    "the-bahamas": ("25.058230", "-77.343060"),
    "county-cork": ("52.000000", "-8.750000"),
    "curitiba": ("-25.429700", "-49.271100"),
    "dakar": ("14.692800", "-17.446700"),
    "santa-cruz-department": ("-17.786290", "-63.181170"),
    "saint-kitts-and-nevis": ("17.295500", "-62.724990"),
    "georgetown-guyana": ("6.803300", "-58.145500"),
    "iquique": ("-20.216700", "-70.150000"),
    "kingston-jamaica": ("17.971200", "-76.792800"),
    "maldonado": ("-34.908700", "-54.958300"),
    "mancomunidad-gran-ciudad-del-sur": ("14.525120", "-90.585440"),
    "aix-marseille-provence": ("43.296950", "5.381070"),
    "new-taipei-city": ("25.012000", "121.465700"),
    "paramaribo": ("5.852200", "-55.203900"),
    "pereira": ("4.814280", "-75.694880"),
    "petit-goave": ("18.431170", "-72.865210"),
    "prague": ("50.087500", "14.421400"),
    "mendoza-province": ("-32.889460", "-68.845820"),
    "san-jose-costa-rica": ("9.932800", "-84.079600"),
    "san-pedro-de-macoris": ("18.453900", "-69.308640"),
    "santo-domingo": ("18.462500", "-69.936100"),
    "sao-paulo": ("-23.550000", "-46.633300"),
    "monagas": ("9.745690", "-63.183230"),
    "stockholm-county": ("59.329380", "18.068710"),
    "veracruz": ("19.527200", "-96.922500"),
    "viareggio": ("43.866700", "10.233300"),
    "cayman-islands": ("19.286600", "-81.374360"),
    "grand-turk": ("21.461220", "-71.141880"),
    "lamentin": ("16.270470", "-61.631660"),
    "pucallpa": ("-8.379150", "-74.553870"),
    "barcelona": ("41.383300", "2.183300"),
    "madrid": ("40.416700", "-3.700000"),
    "community-of-madrid": ("40.416500", "-3.702560"),
    "doha": ("25.286700", "51.533300"),
    "southampton": ("50.902500", "-1.404200"),
    "tel-aviv-yafo": ("32.080000", "34.780000"),
    "okayama": ("34.650000", "133.916700"),
    "tainan": ("22.990000", "120.185000"),
    "dublin": ("53.350000", "-6.260300"),
    "pune": ("18.520300", "73.856700"),
    "yekaterinburg": ("56.835600", "60.612800"),
    "guadalajara": ("20.676700", "-103.347500"),
}


def fill_coordinates(apps, schema_editor):
    Community = apps.get_model("directory", "Community")
    filled = 0
    for community in Community.objects.filter(
        slug__in=SEED_COORDINATES, latitude__isnull=True, longitude__isnull=True
    ):
        latitude, longitude = SEED_COORDINATES[community.slug]
        community.latitude, community.longitude = Decimal(latitude), Decimal(longitude)
        community.save(update_fields=["latitude", "longitude"])
        filled += 1
    if filled:
        # Saves here send no signals the site listens to: move the directory's
        # generation on so that cached pages show the maps.
        Generation = apps.get_model("directory", "Generation")
        Generation.objects.filter(pk=1).update(number=F("number") + 1, changed=Now())


def coordinate(help_text, limit):
    return models.DecimalField(
        blank=True,
        decimal_places=6,
        help_text=help_text,
        max_digits=9,
        null=True,
        validators=[
            django.core.validators.MinValueValidator(-limit),
            django.core.validators.MaxValueValidator(limit),
        ],
    )


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0012_pending_import"),
    ]

    operations = [
        migrations.RunPython(fill_coordinates, migrations.RunPython.noop),
        *(
            migrations.AlterField(model_name=model, name=name, field=coordinate(help_text, limit))
            for model in ("community", "historicalcommunity")
            for name, help_text, limit in (
                ("latitude", LATITUDE_HELP, 90),
                ("longitude", LONGITUDE_HELP, 180),
            )
        ),
    ]
