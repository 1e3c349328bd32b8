"""The sitemaps: every public page in both languages, each with ``lastmod``, read from the
records' history: a community's last change or its partnerships'; an organization's; a
country's communities' or their partnerships'; the FAQ's questions and the history
page's events; for the pages that show the whole directory, its last change (the
generation). The about page's text changes only with a deploy and gives none."""

from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.urls import reverse
from django.utils.functional import cached_property

from .models import Community, Generation, HistoryEvent, Organization, Partnership, Question


def last_changes(model, field):
    """{value of ``field``: the time of its newest history record} over ``model``'s history,
    in one grouped query."""
    newest = model.history.values_list(field).annotate(Max("history_date")).order_by()
    return dict(newest)


def newest_of(*changes):
    """{key: its newest time} over several {key: time}."""
    newest = {}
    for change in changes:
        for key, when in change.items():
            newest[key] = max(when, newest.get(key, when))
    return newest


def newest_change(model):
    return model.history.aggregate(newest=Max("history_date"))["newest"]


class BilingualSitemap(Sitemap):
    """Each page in English and in Spanish, each naming the other as its alternate."""

    i18n = True
    alternates = True
    x_default = True


class PageSitemap(BilingualSitemap):
    def items(self):
        return [
            "directory:home",
            "directory:community-list",
            "directory:organization-list",
            "directory:faq",
            "directory:history",
            "directory:partners",
            "directory:about",
            "directory:sources",
            "directory:country-list",
            "directory:seeking",
        ]

    def location(self, item):
        return reverse(item)

    @cached_property
    def changed(self):
        """{page: its last change}: the directory's, but for the pages named here."""
        own = {
            "directory:faq": newest_change(Question),
            "directory:history": newest_change(HistoryEvent),
            "directory:about": None,
        }
        directory = Generation.objects.current()[1]
        return {item: own.get(item, directory) for item in self.items()}

    def lastmod(self, item):
        return self.changed[item]


class CommunitySitemap(BilingualSitemap):
    """Every community page in both languages, 5,000 addresses to a sitemap page."""

    limit = 5000

    def items(self):
        return Community.objects.only("slug").order_by("pk")

    @cached_property
    def changed(self):
        """{community pk: the last change to it or to one of its partnerships}, for every
        community at once: Django's sitemaps in two languages read every item for each
        page of the sitemap."""
        return newest_of(
            last_changes(Community, "id"),
            last_changes(Partnership, "community_a"),
            last_changes(Partnership, "community_b"),
        )

    def lastmod(self, item):
        return self.changed.get(item.pk)


class OrganizationSitemap(BilingualSitemap):
    def items(self):
        return Organization.objects.only("slug").order_by("pk")

    @cached_property
    def changed(self):
        return last_changes(Organization, "id")

    def lastmod(self, item):
        return self.changed.get(item.pk)


class CountrySitemap(BilingualSitemap):
    """The page of every country with a community in the directory."""

    def items(self):
        return Community.objects.order_by("country").values_list("country", flat=True).distinct()

    def location(self, item):
        return reverse("directory:country-detail", args=[item.lower()])

    @cached_property
    def changed(self):
        """{country code: the last change to one of its communities or their
        partnerships}."""
        return newest_of(
            last_changes(Community, "country"),
            last_changes(Partnership, "community_a__country"),
            last_changes(Partnership, "community_b__country"),
        )

    def lastmod(self, item):
        return self.changed.get(item)


SITEMAPS = {
    "pages": PageSitemap,
    "countries": CountrySitemap,
    "cities": CommunitySitemap,
    "directory": OrganizationSitemap,
}
