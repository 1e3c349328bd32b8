"""Data migrations on a database that already holds records."""

from decimal import Decimal

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("directory", "0012_pending_import")]
AFTER = [("directory", "0013_seed_coordinates")]


@pytest.fixture
def migrator(transactional_db):
    """Migrate back to BEFORE, hand over its models, and finish migrating afterwards."""
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    apps = executor.loader.project_state(BEFORE).apps
    yield executor, apps
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())


def test_seed_communities_get_coordinates_only_where_both_are_empty(migrator):
    executor, apps = migrator
    Community = apps.get_model("directory", "Community")
    Generation = apps.get_model("directory", "Generation")
    generation = Generation.objects.get_or_create(pk=1)[0].number

    def community(slug, **fields):
        return Community.objects.create(
            slug=slug, name=slug, country="US", search_text=slug, folded_name=slug, **fields
        )

    community("miami-dade-county")
    community("boston", latitude=Decimal("1.5"), longitude=Decimal("2.5"))
    community("not-in-the-seed")

    executor.loader.build_graph()
    executor.migrate(AFTER)
    Community = executor.loader.project_state(AFTER).apps.get_model("directory", "Community")
    coordinates = {
        slug: (lat, lon)
        for slug, lat, lon in Community.objects.values_list("slug", "latitude", "longitude")
    }
    # filled from the seed's values
    assert coordinates["miami-dade-county"] == (Decimal("25.636400"), Decimal("-80.498900"))
    # a curator's value is kept
    assert coordinates["boston"] == (Decimal("1.5"), Decimal("2.5"))
    # a community the seed does not have is left alone
    assert coordinates["not-in-the-seed"] == (None, None)
    assert Generation.objects.get(pk=1).number == generation + 1
