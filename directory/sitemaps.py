from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from .models import Community, Organization


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
        return Community.objects.only("slug").order_by("pk")


class OrganizationSitemap(BilingualSitemap):
    def items(self):
        return Organization.objects.only("slug").order_by("pk")


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
