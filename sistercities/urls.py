from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps import views as sitemaps
from django.urls import include, path
from django.views.generic import RedirectView, TemplateView

from directory import embeds, views
from directory.sitemaps import SITEMAPS

urlpatterns = [
    path(settings.ADMIN_PATH, admin.site.urls),
    path("sitemap.xml", sitemaps.index, {"sitemaps": SITEMAPS}, name="sitemap"),
    path(
        "sitemap-<section>.xml",
        sitemaps.sitemap,
        {"sitemaps": SITEMAPS},
        name="django.contrib.sitemaps.views.sitemap",
    ),
    path(
        "robots.txt",
        TemplateView.as_view(template_name="robots.txt", content_type="text/plain"),
        name="robots",
    ),
    path(".well-known/security.txt", views.security_txt, name="security-txt"),
    path("favicon.ico", views.favicon),
    path("oembed", embeds.oembed, name="oembed"),
    path("api", RedirectView.as_view(pattern_name="api:docs")),
    path("api/", include("directory.api.urls")),
]
# The public pages in English at their first addresses, and in Spanish under /es/.
urlpatterns += i18n_patterns(path("", include("directory.urls")), prefix_default_language=False)

handler500 = "directory.views.server_error_or_unavailable"
