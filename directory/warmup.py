"""What each web server process does once as it starts, so that the first visitors it
serves do not pay for it: import the URL configuration (and with it every view), load the
translation catalogues, compile the site's own templates and project the world map.

sistercities/wsgi.py calls ``warm()``; gunicorn loads that module in each worker before
the worker takes its first connection. Cold, a worker's first page took about 0.3 s more
than the same page afterwards, and each template's first use some 50 ms more."""

from django.conf import settings
from django.template import engines
from django.urls import get_resolver
from django.utils import translation

from directory.maps import layers

TEMPLATES = settings.BASE_DIR / "templates"
# Only what the public pages draw; the admin's templates load on a curator's first visit.
SKIPPED = {"admin", "jinja2"}


def warm():
    get_resolver().url_patterns  # noqa: B018 (the property imports the URL modules)
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            pass
    for engine, folder in (("django", TEMPLATES), ("jinja2", TEMPLATES / "jinja2")):
        for name in template_names(folder):
            engines[engine].get_template(name)
    for layer in (layers.land, layers.borders, layers.country_paths):
        layer()


def template_names(folder):
    """The names of the templates under ``folder``, outside the SKIPPED folders."""
    for path in sorted(folder.rglob("*")):
        name = path.relative_to(folder)
        if path.is_file() and (folder != TEMPLATES or name.parts[0] not in SKIPPED):
            yield name.as_posix()
