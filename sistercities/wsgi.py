import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sistercities.settings")

application = get_wsgi_application()

# Imported after Django is set up.
from directory import warmup  # noqa: E402

warmup.warm()
