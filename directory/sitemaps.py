"""The sitemaps: every public page in both languages. A community's or an
organization's entry gives ``lastmod``, the last time its record or, for a community,
one of its partnerships changed (their history)."""

from django.contrib.sitemaps import Sitemap
from django.db.models import OuterRef, Subquery
from django.urls import reverse

from .models import Community, Organization, Partnership


def last_change(model, **match):
    """The time of the newest history record of ``model`` matching ``match``."""
    newest = model.history.filter(**match).order_by("-history_date").values("history_date")
    return Subquery(newest[:1])


def newest(*times):
    return max((time for time in times if time), default=None)


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


class CommunitySitemap(BilingualSitemap):
    """Every community page in both languages, 5,000 addresses to a sitemap page."""

    limit = 5000

    def items(self):
        return (
            Community.objects.only("slug")
            .order_by("pk")
            .annotate(
                changed=last_change(Community, id=OuterRef("pk")),
                changed_as_a=last_change(Partnership, community_a=OuterRef("pk")),
                changed_as_b=last_change(Partnership, community_b=OuterRef("pk")),
            )
        )

    def lastmod(self, item):
        return newest(item.changed, item.changed_as_a, item.changed_as_b)


class OrganizationSitemap(BilingualSitemap):
    def items(self):
        return (
            Organization.objects.only("slug")
            .order_by("pk")
            .annotate(changed=last_change(Organization, id=OuterRef("pk")))
        )

    def lastmod(self, item):
        return item.changed


class CountrySitemap(BilingualSitemap):
    """The page of every country with a community in the directory."""

    def items(self):
        return Community.objects.order_by("country").values_list("country", flat=True).distinct()

    def location(self, item):
        return reverse("directory:country-detail", args=[item.lower()])


SITEMAPS = {
    "pages": PageSitemap,
    "countries": CountrySitemap,
    "cities": CommunitySitemap,
    "directory": OrganizationSitemap,
}
