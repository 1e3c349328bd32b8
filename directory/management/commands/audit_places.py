"""Print figures of the directory's places measured against the GeoNames gazetteer.

    python manage.py audit_places

Communities located, ambiguous, regions, coordinates replaced and dropped, points far
from every place of their name, probable duplicate pairs and the partnerships they
hold twice, and more (directory/gazetteer/audit.py). It changes nothing.
"""

from django.core.management.base import BaseCommand

from directory.gazetteer.audit import audit
from directory.gazetteer.lookup import Gazetteer


class Command(BaseCommand):
    help = "Print figures of the directory's places against the GeoNames gazetteer."

    def handle(self, *args, **options):
        gazetteer = Gazetteer()
        try:
            figures = audit(gazetteer)
        finally:
            gazetteer.close()
        width = max(len(label) for label, _ in figures)
        for label, figure in figures:
            self.stdout.write(f"{label:<{width}}  {figure:>6}" if figure != "" else label)
