"""The Spanish catalogue holds every string the site marks for translation.

The strings are found as `make makemessages` finds them: Django's ``templatize`` turns a
template's ``{% translate %}`` and ``{% blocktranslate %}`` into gettext calls, and Babel
reads those calls, and the ones in the Python modules, as xgettext would; Jinja2's own
extractor reads the Jinja2 templates (templates/jinja2/). GNU gettext is not needed, so
the check runs wherever the tests run.
"""

from io import BytesIO

from babel.messages.extract import extract, extract_from_file, extract_python
from babel.messages.pofile import read_po
from django.conf import settings
from django.test import SimpleTestCase
from django.utils.translation.template import templatize
from jinja2.ext import babel_extract

ROOT = settings.BASE_DIR
CATALOGUE = ROOT / "locale" / "es" / "LC_MESSAGES" / "django.po"
KEYWORDS = {
    "gettext": None,
    "gettext_lazy": None,
    "_": None,
    "ngettext": (1, 2),
    "ngettext_lazy": (1, 2),
    "pgettext": ((1, "c"), 2),
    "pgettext_lazy": ((1, "c"), 2),
    "npgettext": ((1, "c"), 2, 3),
    "npgettext_lazy": ((1, "c"), 2, 3),
}


def message_key(message, context):
    """(context, msgid) of a found message; a plural is known by its singular."""
    return context, message[0] if isinstance(message, tuple) else message


def template_messages(path):
    source = templatize(path.read_text(), origin=str(path))
    # Through extract(), which reads the keywords' specs: {% translate "x" context "y" %}
    # becomes pgettext("y", "x"), whose first argument is the context, not the message.
    found = extract(
        extract_python, BytesIO(source.encode()), KEYWORDS, options={"encoding": "utf-8"}
    )
    for _line, message, _comments, context in found:
        yield path, message_key(message, context)


def jinja_messages(path):
    with path.open("rb") as template:
        found = extract(babel_extract, template, KEYWORDS)
        for _line, message, _comments, context in found:
            yield path, message_key(message, context)


def python_messages(path):
    for _line, message, _comments, context in extract_from_file("python", path, KEYWORDS):
        yield path, message_key(message, context)


def marked_messages():
    """(file, (context, msgid)) for every string marked for translation."""
    for path in sorted((ROOT / "templates").rglob("*")):
        if path.suffix in {".html", ".txt", ".xml", ".svg"}:
            yield from template_messages(path)
        elif path.suffix == ".jinja":
            yield from jinja_messages(path)
    for folder in ("directory", "sistercities"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            if "migrations" not in path.parts:
                yield from python_messages(path)


def translated_messages():
    """(context, msgid) of every message the Spanish catalogue translates."""
    with CATALOGUE.open("rb") as po:
        catalogue = read_po(po)
    translated = set()
    for message in catalogue:
        text = message.string
        done = all(text) if isinstance(text, tuple) else bool(text)
        if message.id and done and not message.fuzzy:
            translated.add(message_key(message.id, message.context))
    return translated


class SpanishCatalogueTests(SimpleTestCase):
    def test_every_marked_string_is_translated(self):
        translated = translated_messages()
        missing = sorted(
            f"{path.relative_to(ROOT)}: {msgid!r}"
            for path, (context, msgid) in marked_messages()
            if (context, msgid) not in translated
        )
        self.assertEqual(
            missing,
            [],
            "Not translated in locale/es/LC_MESSAGES/django.po: run `make makemessages` "
            "and translate them.",
        )

    def test_the_check_finds_template_and_python_strings(self):
        found = {key for _path, key in marked_messages()}
        # One from each kind of template, one from Python: the check reads them all.
        self.assertIn((None, "Skip to main content"), found)
        self.assertIn((None, "Site map (XML)"), found)
        self.assertIn((None, "%(what)s since %(year)s"), found)
        self.assertIn((None, "Youth exchange"), found)
