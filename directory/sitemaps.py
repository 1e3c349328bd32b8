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
        ]

    def location(self, item):
        return reverse(item)


class CommunitySitemap(Sitemap):
    """Every community page, 5,000 to a sitemap page.

    Slugs are read as plain strings and joined to the City Search's address:
    a model instance and a reverse() for each of thousands of URLs cost most of the time.
    """

    limit = 5000

    def items(self):
        self.prefix = reverse("directory:community-list")
        return Community.objects.order_by("pk").values_list("slug", flat=True)

    def location(self, slug):
        return f"{self.prefix}{slug}/"


class OrganizationSitemap(Sitemap):
    def items(self):
        return Organization.objects.only("slug").order_by("pk")


SITEMAPS = {"pages": PageSitemap, "cities": CommunitySitemap, "directory": OrganizationSitemap}
