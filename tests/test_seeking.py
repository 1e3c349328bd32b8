"""Communities looking for partners: which listings are open, /seeking/ and its filters,
the notice on a community page, and renewing listings in the admin."""

import datetime
import re

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings
from django.utils import timezone

from directory.models import Listing
from tests.factories import CommunityFactory, ListingFactory, OrganizationFactory
from tests.test_admin import admin_url, curator
from tests.test_curation import someone_else_saves

pytestmark = pytest.mark.django_db

SEEKING = "/seeking/"


def days_ago(days):
    return timezone.localdate() - datetime.timedelta(days=days)


def shown(response):
    return {int(pk) for pk in re.findall(r'id="listing-(\d+)"', response.content.decode())}


class TestOpen:
    @override_settings(LISTING_LIFETIME_DAYS=30)
    def test_open_expired_and_closed_follow_the_lifetime_setting(self):
        fresh = ListingFactory(confirmed_on=days_ago(30))
        expired = ListingFactory(confirmed_on=days_ago(31))
        closed = ListingFactory(closed_on=days_ago(1))
        assert set(Listing.objects.open()) == {fresh}
        assert set(Listing.objects.expired()) == {expired}
        assert set(Listing.objects.closed()) == {closed}

    def test_the_default_lifetime_is_a_year(self):
        assert set(Listing.objects.open()) == set()
        kept = ListingFactory(confirmed_on=days_ago(365))
        ListingFactory(confirmed_on=days_ago(366))
        assert set(Listing.objects.open()) == {kept}

    @override_settings(LISTING_LIFETIME_DAYS=30)
    def test_expired_and_closed_listings_drop_off_the_page(self, client):
        fresh = ListingFactory()
        ListingFactory(confirmed_on=days_ago(31))
        ListingFactory(closed_on=timezone.localdate())
        assert shown(client.get(SEEKING)) == {fresh.pk}

    def test_interests_and_regions_outside_the_lists_are_refused(self):
        listing = ListingFactory.build(community=CommunityFactory(), interests=["gardening"])
        with pytest.raises(ValidationError) as error:
            listing.full_clean()
        assert "interests" in error.value.message_dict
        listing.interests, listing.preferred_regions = ["trade"], ["atlantis"]
        with pytest.raises(ValidationError) as error:
            listing.full_clean()
        assert set(error.value.message_dict) == {"preferred_regions"}


class TestPage:
    def test_says_how_a_community_gets_listed(self, client):
        page = client.get(SEEKING).content.decode()
        assert "To list your community" in page
        assert "“Report a correction”" in page
        assert "Informar de un error" in client.get("/es" + SEEKING).content.decode()

    def test_shows_what_a_listing_offers_seeks_and_whom_to_contact(self, client):
        contact = OrganizationFactory(name="Lyon Twinning", email="hello@example.org")
        listing = ListingFactory(
            community=CommunityFactory(name="Lyon", country="FR"),
            interests=["youth_exchange", "sport"],
            preferred_countries=["JP", "DE"],
            preferred_regions=["oceania"],
            contact=contact,
            confirmed_on=datetime.date(2026, 3, 2),
        )
        with override_settings(LISTING_LIFETIME_DAYS=100000):
            page = client.get(SEEKING).content.decode()
        assert f'id="listing-{listing.pk}"' in page
        assert listing.community.get_absolute_url() in page
        for text in [
            "A choir and a youth orchestra.",
            "A town to exchange pupils with.",
            "Youth exchange, Sport",
            "Japan",
            "Germany",
            "Oceania",
            contact.get_absolute_url(),
            "mailto:hello@example.org",
            "Last confirmed March 2026.",
        ]:
            assert text in page

    def test_empty_state(self, client):
        assert "No community is looking for partners at the moment." in (
            client.get(SEEKING).content.decode()
        )

    def test_pages(self, client):
        for _ in range(21):
            ListingFactory()
        assert len(shown(client.get(SEEKING))) == 20
        assert len(shown(client.get(SEEKING, {"page": 2}))) == 1

    def test_in_the_header_and_the_sitemap(self, client):
        assert 'href="/seeking/"' in client.get("/faq/").content.decode()
        assert "/seeking/</loc>" in client.get("/sitemap-pages.xml").content.decode()


class TestFilters:
    @pytest.fixture
    def listings(self):
        return {
            "trade": ListingFactory(
                community=CommunityFactory(country="FR"), interests=["trade", "culture"]
            ),
            "asia": ListingFactory(
                community=CommunityFactory(country="US"),
                interests=["education"],
                preferred_regions=["asia", "middle_east"],
            ),
            "wants_france": ListingFactory(
                community=CommunityFactory(country="JP"),
                interests=["technology"],
                preferred_countries=["FR"],
                preferred_regions=["europe"],
            ),
        }

    def test_interest(self, client, listings):
        assert shown(client.get(SEEKING, {"interest": "trade"})) == {listings["trade"].pk}
        assert shown(client.get(SEEKING, {"interest": "culture"})) == {listings["trade"].pk}
        assert shown(client.get(SEEKING, {"interest": "health"})) == set()

    def test_country_of_the_community_or_preferred(self, client, listings):
        france = {listings["trade"].pk, listings["wants_france"].pk}
        assert shown(client.get(SEEKING, {"country": "FR"})) == france
        assert shown(client.get(SEEKING, {"country": "US"})) == {listings["asia"].pk}

    def test_region(self, client, listings):
        assert shown(client.get(SEEKING, {"region": "asia"})) == {listings["asia"].pk}
        assert shown(client.get(SEEKING, {"region": "europe"})) == {listings["wants_france"].pk}
        assert shown(client.get(SEEKING, {"region": "africa"})) == set()

    def test_filters_combine(self, client, listings):
        response = client.get(SEEKING, {"country": "FR", "interest": "technology"})
        assert shown(response) == {listings["wants_france"].pk}
        assert "No community looking for partners matches these filters." in (
            client.get(SEEKING, {"country": "FR", "region": "asia"}).content.decode()
        )

    @pytest.mark.parametrize(
        "query",
        [
            {"interest": "gardening"},
            {"country": "ZZ"},
            {"region": "atlantis"},
            {"region": '"'},
            {"interest": "x" * 5000},
            {"page": "-1"},
            {"page": "abc"},
            {"country": "\x00FR"},
            {"interest": ["trade", "sport"]},
        ],
    )
    def test_bad_query_strings_are_not_errors(self, client, listings, query):
        response = client.get(SEEKING, query)
        assert response.status_code == 200


class TestCommunityPage:
    def test_a_community_with_an_open_listing_says_it_is_looking(self, client):
        listing = ListingFactory(community=CommunityFactory(name="Lyon"))
        page = client.get(listing.community.get_absolute_url()).content.decode()
        assert "Lyon is looking for new partners" in page
        assert f'href="/seeking/#listing-{listing.pk}"' in page

    @override_settings(LISTING_LIFETIME_DAYS=30)
    def test_not_when_its_listing_is_expired_or_closed(self, client):
        expired = ListingFactory(confirmed_on=days_ago(31))
        closed = ListingFactory(closed_on=timezone.localdate())
        for listing in (expired, closed):
            page = client.get(listing.community.get_absolute_url()).content.decode()
            assert "is looking for new partners" not in page


class TestAdmin:
    @pytest.fixture
    def curator_client(self, client):
        client.force_login(curator())
        return client

    def test_renew_confirms_rows_as_shown_and_refuses_a_stale_one(self, curator_client):
        stale = ListingFactory(confirmed_on=days_ago(400))
        current = ListingFactory(confirmed_on=days_ago(400))
        url = admin_url(Listing, "changelist")
        page = curator_client.get(url, {"state": "expired"}).content.decode()
        versions = re.findall(r'name="_row_version" value="([^"]+)"', page)
        assert len(versions) == 2
        someone_else_saves(stale, seeks="Their change.")

        response = curator_client.post(
            url,
            {
                "action": "renew",
                "_selected_action": [stale.pk, current.pk],
                "_row_version": versions,
            },
            follow=True,
        )

        assert "Renewed 1 (confirmed today)." in response.content.decode()
        stale.refresh_from_db()
        current.refresh_from_db()
        assert current.confirmed_on == timezone.localdate()
        assert current.history.first().history_change_reason == "Renewed"
        assert stale.confirmed_on == days_ago(400)
        assert stale.seeks == "Their change."
        assert set(Listing.objects.open()) == {current}

    def test_close_and_the_state_filters(self, curator_client):
        listing = ListingFactory()
        ListingFactory(confirmed_on=days_ago(400))
        url = admin_url(Listing, "changelist")
        page = curator_client.get(url, {"state": "open"}).content.decode()
        versions = re.findall(r'name="_row_version" value="([^"]+)"', page)
        assert len(versions) == 1
        curator_client.post(
            url, {"action": "close", "_selected_action": [listing.pk], "_row_version": versions}
        )
        listing.refresh_from_db()
        assert listing.closed_on == timezone.localdate()
        page = curator_client.get(url, {"state": "closed"}).content.decode()
        assert len(re.findall(r'name="_row_version"', page)) == 1

    def test_a_curator_adds_a_listing(self, curator_client):
        community = CommunityFactory()
        response = curator_client.post(
            admin_url(Listing, "add"),
            {
                "community": community.pk,
                "interests": ["trade", "health"],
                "offers": "Port facilities.",
                "seeks": "A port city.",
                "preferred_countries": ["NO"],
                "preferred_regions": ["europe"],
                "contact": "",
                "confirmed_on": timezone.localdate().isoformat(),
                "closed_on": "",
                "loaded_version": "",
            },
        )
        assert response.status_code == 302, response.content.decode()[:3000]
        listing = Listing.objects.get()
        assert listing.interests == ["trade", "health"]
        assert listing.preferred_regions == ["europe"]
        assert listing.preferred_countries[0].code == "NO"
