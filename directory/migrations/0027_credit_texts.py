"""Seed texts that said more than their sources: the answer on missing partnerships now
names Wikipedia's lists among the sources, and CPAFFC's description says only what
Sister Cities International's page says of it, which does not say where it is based.

Only records that still hold the seeded text exactly are changed, in English and in
Spanish, each with a reason in its history; anything a curator has edited is left as it
is. A new database gets the new texts from the seed command instead."""

from django.db import migrations
from django.db.models import F
from django.db.models.functions import Now
from django.utils import timezone

REASON = "Reworded to say only what the sources support"

QUESTION = "Why is a partnership I know of missing?"
# field: (as seeded, new)
ANSWER = {
    "answer": (
        "This directory is built from a small number of published sources: the sister-city "
        "lists of Miami-Dade County and the City of San José, and pages from Sister Cities "
        "International. A partnership that none of them mentions will be missing unless a "
        'curator has added it. The <a href="/sources/">Sources</a> page shows what each '
        "source covers.",
        "This directory is built from a few published sources: the sister-city lists of "
        "Miami-Dade County and the City of San José, pages from Sister Cities International,"
        " and English Wikipedia's lists of twin towns and sister cities. A partnership that "
        "none of them mentions will be missing unless a curator has added it. The "
        '<a href="/sources/">Sources</a> page shows what each source covers.',
    ),
    "answer_es": (
        "Este directorio se basa en un pequeño número de fuentes publicadas: las listas de "
        "ciudades hermanas del Condado de Miami-Dade y de la Ciudad de San José, y páginas de"
        " Sister Cities International. Un hermanamiento que ninguna de ellas mencione "
        "faltará, salvo que el equipo editorial lo haya añadido. La página de "
        '<a href="/es/sources/">Fuentes</a> muestra lo que abarca cada fuente.',
        "Este directorio se basa en unas pocas fuentes publicadas: las listas de ciudades "
        "hermanas del Condado de Miami-Dade y de la Ciudad de San José, páginas de Sister "
        "Cities International y las listas de ciudades hermanadas de la Wikipedia en inglés."
        " Un hermanamiento que ninguna de ellas mencione faltará, salvo que el equipo "
        'editorial lo haya añadido. La página de <a href="/es/sources/">Fuentes</a> muestra '
        "lo que abarca cada fuente.",
    ),
}

CPAFFC = "chinese-peoples-association-for-friendship-with-foreign-countries"
CPAFFC_REST = (
    " It signed a memorandum of understanding with Sister Cities International in October "
    "2012, and the 2013 U.S.-China Economic and Strategic Dialogue recognized this "
    "partnership among its outcomes on relations below national level. CPAFFC and Sister "
    "Cities International planned the 2014 U.S.-China Sister Cities Conference together, for"
    " 26 to 28 March."
)
CPAFFC_REST_ES = (
    " Firmó un memorando de entendimiento con Sister Cities International en octubre de "
    "2012, y el Diálogo Económico y Estratégico entre Estados Unidos y China de 2013 "
    "reconoció esta colaboración entre sus resultados en materia de relaciones por debajo "
    "del nivel nacional. La CPAFFC y Sister Cities International planificaron juntas la "
    "Conferencia de Ciudades Hermanas Estados Unidos-China de 2014, del 26 al 28 de marzo."
)
DESCRIPTION = {
    "description": (
        "CPAFFC is one of the earliest national organizations in the People's Republic of "
        "China to work on people-to-people diplomacy." + CPAFFC_REST,
        "Sister Cities International describes CPAFFC as one of the earliest national "
        "people's organizations in the people-to-people diplomacy of the People's Republic "
        "of China." + CPAFFC_REST,
    ),
    "description_es": (
        "La CPAFFC es una de las primeras organizaciones nacionales de la República Popular "
        "China dedicadas a la diplomacia entre pueblos." + CPAFFC_REST_ES,
        "Sister Cities International describe a la CPAFFC como una de las primeras "
        "organizaciones populares nacionales de la diplomacia entre pueblos de la República "
        "Popular China." + CPAFFC_REST_ES,
    ),
}


def reword(record, texts):
    """Set each text of ``record`` still as seeded to its new wording; the fields
    changed."""
    changed = []
    for field, (seeded, new) in texts.items():
        if getattr(record, field) == seeded:
            setattr(record, field, new)
            changed.append(field)
    return changed


def save_with_history(apps, record, fields):
    """Save ``fields`` of ``record`` and add the change to its history, as the site's
    saves do (the historical models of a migration send no signals)."""
    record.save(update_fields=fields)
    History = apps.get_model("directory", f"Historical{type(record).__name__}")
    names = {field.attname for field in History._meta.concrete_fields}
    values = {
        field.attname: getattr(record, field.attname)
        for field in type(record)._meta.concrete_fields
        if field.attname in names
    }
    History.objects.create(
        **values,
        history_date=timezone.now(),
        history_type="~",
        history_change_reason=REASON,
    )


def forwards(apps, schema_editor):
    changed = False
    Question = apps.get_model("directory", "Question")
    for question in Question.objects.filter(question=QUESTION):
        if fields := reword(question, ANSWER):
            save_with_history(apps, question, fields)
            changed = True

    Organization = apps.get_model("directory", "Organization")
    for organization in Organization.objects.filter(slug=CPAFFC).select_related(
        "home_community"
    ):
        fields = reword(organization, DESCRIPTION)
        # No source says where CPAFFC is based; the seed had placed it in China.
        if organization.home_community and organization.home_community.slug == "china":
            organization.home_community = None
            fields.append("home_community")
        if fields:
            save_with_history(apps, organization, fields)
            changed = True

    if changed:
        # Saves here send no signals the site listens to: move the directory's generation
        # on so that cached pages show the new texts.
        Generation = apps.get_model("directory", "Generation")
        Generation.objects.filter(pk=1).update(number=F("number") + 1, changed=Now())


class Migration(migrations.Migration):
    dependencies = [("directory", "0026_communityredirect")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
