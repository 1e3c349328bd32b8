from django.urls import path

from . import community_page, countries, embeds, feeds, seeking, views
from .corrections.urls import urlpatterns as corrections_urlpatterns
from .opendata.urls import urlpatterns as opendata_urlpatterns
from .places.redirects import follows_merges

app_name = "directory"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("cities/", views.CommunityListView.as_view(), name="community-list"),
    path(
        "cities/<slug:slug>/",
        follows_merges(community_page.CommunityDetailView.as_view()),
        name="community-detail",
    ),
    path(
        "cities/<slug:slug>/embed/",
        follows_merges(embeds.EmbedView.as_view()),
        name="community-embed",
    ),
    path(
        "cities/<slug:slug>/feed/",
        follows_merges(feeds.CommunityPartnershipChanges()),
        name="community-feed",
    ),
    path("directory/", views.OrganizationListView.as_view(), name="organization-list"),
    path(
        "directory/<slug:slug>/",
        views.OrganizationDetailView.as_view(),
        name="organization-detail",
    ),
    path("countries/", countries.CountryListView.as_view(), name="country-list"),
    path("countries/<str:code>/", countries.CountryDetailView.as_view(), name="country-detail"),
    path("countries/<str:code>/feed/", feeds.CountryPartnershipChanges(), name="country-feed"),
    path("feed/", feeds.PartnershipChanges(), name="feed"),
    path("seeking/", seeking.SeekingView.as_view(), name="seeking"),
    path("faq/", views.FaqView.as_view(), name="faq"),
    path("history/", views.HistoryView.as_view(), name="history"),
    path("partners/", views.PartnersView.as_view(), name="partners"),
    path("about/", views.AboutView.as_view(), name="about"),
    path("sources/", views.SourceListView.as_view(), name="sources"),
    path("healthz", views.healthz, name="healthz"),
    *opendata_urlpatterns,
    *corrections_urlpatterns,
]
