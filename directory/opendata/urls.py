"""Addresses of the downloads, next to the pages they download: /cities.csv beside
/cities/, /directory.json beside /directory/, /cities/<slug>/partners.csv."""

from django.urls import path, register_converter

from directory.places.redirects import follows_merges

from . import views


class FormatConverter:
    regex = "csv|json"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(FormatConverter, "format")

urlpatterns = [
    path("cities.<format:fmt>", views.communities, name="community-list-download"),
    path(
        "cities/<slug:slug>/partners.<format:fmt>",
        follows_merges(views.partners),
        name="community-partners-download",
    ),
    path("directory.<format:fmt>", views.organizations, name="organization-list-download"),
    path("data/", views.DataView.as_view(), name="data"),
    path("data/partnerships.<format:fmt>", views.partnerships, name="partnerships-download"),
]
