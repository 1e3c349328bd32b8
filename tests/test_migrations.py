"""Data migrations on a database that already holds records."""

from decimal import Decimal

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor


class Migrator:
    """Moves the test database to a migration and hands over the models as they were
    there."""

    def __init__(self):
        self.executor = MigrationExecutor(connection)

    def to(self, name):
        target = [("directory", name)]
        self.executor.loader.build_graph()
        self.executor.migrate(target)
        return self.executor.loader.project_state(target).apps

    def finish(self):
        self.executor.loader.build_graph()
        self.executor.migrate(self.executor.loader.graph.leaf_nodes())


@pytest.fixture
def migrator(transactional_db):
    """A Migrator; the database is migrated to the latest state afterwards."""
    migrator = Migrator()
    yield migrator
    migrator.finish()


def test_seed_communities_get_coordinates_only_where_both_are_empty(migrator):
    apps = migrator.to("0012_pending_import")
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

    Community = migrator.to("0013_seed_coordinates").get_model("directory", "Community")
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


def test_search_text_gains_the_spanish_country_name(migrator):
    apps = migrator.to("0020_listing")
    Community = apps.get_model("directory", "Community")
    fields = {"name": "Köln", "folded_name": "koln", "alternate_names": "Cologne"}
    Community.objects.create(
        slug="koln", country="DE", search_text="koln\ncologne\ngermany", **fields
    )
    Community.objects.create(slug="nowhere", name="Nowhere", search_text="nowhere")

    Community = migrator.to("0021_search_spanish_country_names").get_model(
        "directory", "Community"
    )
    texts = dict(Community.objects.values_list("slug", "search_text"))
    assert texts == {"koln": "koln\ncologne\ngermany\nalemania", "nowhere": "nowhere"}


def test_seeded_texts_are_reworded_and_edited_ones_kept(migrator):
    apps = migrator.to("0024_community_place")
    texts = __import__("directory.migrations.0027_credit_texts", fromlist=["ANSWER"])
    Question = apps.get_model("directory", "Question")
    Organization = apps.get_model("directory", "Organization")
    Community = apps.get_model("directory", "Community")
    china = Community.objects.create(
        slug="china", name="China", country="CN", search_text="china", folded_name="china"
    )
    seeded = {field: old for field, (old, new) in texts.ANSWER.items()}
    Question.objects.create(question=texts.QUESTION, position=1, **seeded)
    Organization.objects.create(
        slug=texts.CPAFFC,
        name="CPAFFC",
        home_community=china,
        description="A curator's own words.",
        description_es=texts.DESCRIPTION["description_es"][0],
    )

    apps = migrator.to("0027_credit_texts")
    question = apps.get_model("directory", "Question").objects.get()
    assert question.answer == texts.ANSWER["answer"][1]
    assert question.answer_es == texts.ANSWER["answer_es"][1]
    history = apps.get_model("directory", "HistoricalQuestion").objects.get()
    assert history.history_change_reason == texts.REASON
    assert history.answer_es == texts.ANSWER["answer_es"][1]

    organization = apps.get_model("directory", "Organization").objects.get()
    assert organization.description == "A curator's own words."  # edited: kept
    assert organization.description_es == texts.DESCRIPTION["description_es"][1]
    assert organization.home_community is None
    history = apps.get_model("directory", "HistoricalOrganization").objects.get()
    assert history.history_change_reason == texts.REASON
