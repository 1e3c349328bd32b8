from django.urls import path

from . import views

urlpatterns = [
    path(
        "cities/<slug:slug>/correction/",
        views.CorrectionView.as_view(),
        name="community-correction",
    ),
    path(
        "cities/<slug:slug>/correction/thanks/",
        views.ThanksView.as_view(),
        name="correction-thanks",
    ),
]
