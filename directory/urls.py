from django.urls import path

from . import views

app_name = "directory"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("cities/<slug:slug>/", views.CommunityDetailView.as_view(), name="community-detail"),
    path(
        "directory/<slug:slug>/",
        views.OrganizationDetailView.as_view(),
        name="organization-detail",
    ),
]
