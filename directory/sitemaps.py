from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from .models import Community, Organization


class PageSitemap(Sitemap):
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


class CommunitySitemap(Sitemap):
    """Every community page, 5,000 to a sitemap page."""

    limit = 5000

    def items(self):
        return Community.objects.only("slug").order_by("pk")


class OrganizationSitemap(Sitemap):
    def items(self):
        return Organization.objects.only("slug").order_by("pk")


class CountrySitemap(Sitemap):
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
