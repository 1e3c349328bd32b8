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


SITEMAPS = {"pages": PageSitemap, "cities": CommunitySitemap, "directory": OrganizationSitemap}
